//! Browser tests (headless Chromium through wasm-bindgen-test): what a person sees and
//! what a screen reader is told, in the app's frame, the add/edit-user form, the
//! profile list, tags, the delete page, offboarding a selection and the running page. The API client runs over a scripted fake server that records every
//! request, so tests can compare what was sent with what the page showed.
//!
//! Run with `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown
//! -p studio-admin-web`.
#![cfg(target_arch = "wasm32")]

#[path = "web/audit.rs"]
mod audit;
#[path = "web/delete.rs"]
mod delete;
#[path = "web/form.rs"]
mod form;
#[path = "web/list.rs"]
mod list;
#[path = "web/offboard.rs"]
mod offboard;
#[path = "web/picker.rs"]
mod picker;
#[path = "web/requests.rs"]
mod requests;
#[path = "web/running.rs"]
mod running;
#[path = "web/session.rs"]
mod session;
#[path = "web/support.rs"]
mod support;
#[path = "web/tags.rs"]
mod tags;
#[path = "web/team.rs"]
mod team;

use leptos::mount::mount_to;
use leptos::prelude::*;
use studio_admin_web::api::provide_api;
use studio_admin_web::api::transport::Method;
use studio_admin_web::{App, VERSION};
use wasm_bindgen_test::*;

use crate::support::{FakeServer, find, fresh_container, settle, text_of};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_header_names_the_product_and_the_footer_shows_the_version() {
    let server = FakeServer::new();
    server.answer(Method::Get, "/api/domains", 200, r#"{"domains":[]}"#);
    let container = fresh_container();
    let api = server.api();
    let _mounted = mount_to(container.clone(), move || {
        provide_api(api);
        view! { <App /> }
    });
    settle().await;

    let header = find(&container, "header").expect("a header");
    assert!(
        text_of(&header).contains("Studio Admin"),
        "{}",
        text_of(&header)
    );
    let nav = find(&container, "header nav").expect("a navigation");
    for link in ["Domains", "Profiles", "Add user"] {
        assert!(text_of(&nav).contains(link), "{link} in {}", text_of(&nav));
    }
    let footer = find(&container, "footer").expect("a footer");
    assert!(
        text_of(&footer).contains(&format!("Version {VERSION}")),
        "{}",
        text_of(&footer)
    );
    assert_eq!(VERSION, env!("CARGO_PKG_VERSION"));
    assert!(
        find(&container, "a.skip-link[href='#main-content']").is_some(),
        "keyboard users can skip to the content"
    );
}

#[wasm_bindgen_test]
async fn a_page_whose_code_did_not_arrive_says_so_and_offers_to_try_again() {
    let container = fresh_container();
    let _mounted = mount_to(
        container.clone(),
        studio_admin_web::routes::lazy::page_not_loaded,
    );
    settle().await;

    let alert = find(&container, "[role=alert]").expect("an alert");
    let said = text_of(&alert);
    assert!(said.contains("This page could not be loaded."), "{said}");
    assert!(said.contains("the panel was updated"), "{said}");
    let button = find(&container, "[role=alert] button").expect("a button");
    assert_eq!(text_of(&button), "Try again");
}
