//! The profile list: rows, search as you type, and honest states.

use std::sync::Arc;

use leptos::mount::mount_to;
use leptos::prelude::*;
use studio_admin_web::api::provide_api;
use studio_admin_web::api::transport::Method;
use studio_admin_web::pages::profile_list::{ProfileList, SEARCH_DEBOUNCE};
use wasm_bindgen_test::*;

use crate::support::*;

const PAGE: &str = r#"{"profiles":[
  {"UserProfileName":"alice-nguyen","Status":"InService","CreationTime":1700000000,"LastModifiedTime":1700000100},
  {"UserProfileName":"bruno-costa","Status":"Pending","CreationTime":1700000200,"LastModifiedTime":1700000300},
  {"UserProfileName":"malika-ali","Status":"Delete_Failed","CreationTime":1700000400,"LastModifiedTime":1700000500}
]}"#;

/// The list of `d-iam0001`'s profiles over `server`, once its first answer is drawn.
async fn mount_list(server: &Arc<FakeServer>) -> (web_sys::HtmlElement, impl Sized) {
    let container = fresh_container();
    let api = server.api();
    let mounted = mount_to(container.clone(), move || {
        provide_api(api);
        view! { <ProfileList domain_id=Signal::stored("d-iam0001".to_owned()) domain=Signal::stored(None) /> }
    });
    sleep(50).await;
    settle().await;
    (container, mounted)
}

#[wasm_bindgen_test]
async fn the_list_shows_names_and_statuses_and_narrows_as_you_type_then_asks_the_server() {
    let server = FakeServer::new();
    server.answer(Method::Get, "/api/domains/d-iam0001/profiles", 200, PAGE);
    let (container, _mounted) = mount_list(&server).await;

    assert_eq!(
        profile_row_names(&container),
        ["alice-nguyen", "bruno-costa", "malika-ali"]
    );
    let table = text_of(&find(&container, "#profile-table").expect("a table"));
    assert!(
        table.contains("In service")
            && table.contains("Pending")
            && table.contains("Delete failed"),
        "{table}"
    );

    let search = input(&container, "profile-search");
    type_into(&search, "ALI").await;
    assert_eq!(
        profile_row_names(&container),
        ["alice-nguyen", "malika-ali"],
        "the rows shown narrow at once, ignoring case"
    );
    let asked_before = server
        .sent(Method::Get)
        .iter()
        .filter(|r| r.path.contains("search="))
        .count();
    assert_eq!(
        asked_before, 0,
        "the server is not asked on every keystroke"
    );

    sleep(i32::try_from(SEARCH_DEBOUNCE.as_millis()).unwrap_or(300) + 100).await;
    settle().await;
    let searches: Vec<String> = server
        .sent(Method::Get)
        .into_iter()
        .map(|r| r.path)
        .filter(|p| p.contains("search="))
        .collect();
    assert_eq!(searches.len(), 1, "{searches:?}");
    assert!(searches[0].contains("search=ALI"), "{searches:?}");
    assert_eq!(
        profile_row_names(&container),
        ["alice-nguyen", "malika-ali"],
        "the server's answer keeps the rows"
    );
    type_into(&search, "ALIC").await;
    assert_eq!(profile_row_names(&container), ["alice-nguyen"]);

    type_into(&search, "zzz").await;
    let empty = text_of(&find(&container, ".state-empty").expect("an empty state"));
    assert!(empty.contains("No profile names contain"), "{empty}");
}

#[wasm_bindgen_test]
async fn all_follows_every_next_token_and_then_searches_locally() {
    let server = FakeServer::new();
    let first = "/api/domains/d-iam0001/profiles";
    let second = "/api/domains/d-iam0001/profiles?sort=CreationTime&order=Descending&next=t2";
    server.answer(
        Method::Get,
        first,
        200,
        &PAGE.replace("]}", r#"], "next": "t2"}"#),
    );
    server.answer(
        Method::Get,
        second,
        200,
        r#"{"profiles":[{"UserProfileName":"zoe-ali","Status":"InService"}]}"#,
    );
    let (container, _mounted) = mount_list(&server).await;
    assert_eq!(profile_row_names(&container).len(), 3, "one page first");

    choose(&find(&container, "#page-size").expect("the page size"), "0").await;
    sleep(50).await;
    settle().await;

    assert_eq!(
        profile_row_names(&container),
        ["alice-nguyen", "bruno-costa", "malika-ali", "zoe-ali"],
        "both pages"
    );
    let status = text_of(&find(&container, ".toolbar-status").expect("a status"));
    assert_eq!(status, "4 of 4 profiles");
    let asked = server.sent(Method::Get).len();
    type_into(&input(&container, "profile-search"), "ali").await;
    sleep(i32::try_from(SEARCH_DEBOUNCE.as_millis()).unwrap_or(300) + 100).await;
    settle().await;
    assert_eq!(
        profile_row_names(&container),
        ["alice-nguyen", "malika-ali", "zoe-ali"]
    );
    assert_eq!(
        server.sent(Method::Get).len(),
        asked,
        "searching all of them asks nobody"
    );
    // The choice is remembered for the next visit.
    choose(
        &find(&container, "#page-size").expect("the page size"),
        "50",
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_failed_load_says_why_and_try_again_loads_again() {
    let server = FakeServer::new();
    server.answer(
        Method::Get,
        "/api/domains/d-iam0001/profiles",
        503,
        r#"{"errors":[{"path":"","message":"Rate exceeded"}],"code":"ThrottlingException"}"#,
    );
    let (container, _mounted) = mount_list(&server).await;

    let error = text_of(&find(&container, ".state-error").expect("an error state"));
    assert!(error.contains("could not be loaded"), "{error}");
    assert!(
        error.contains("Rate exceeded (ThrottlingException)"),
        "{error}"
    );

    server.answer(Method::Get, "/api/domains/d-iam0001/profiles", 200, PAGE);
    click(&button(&container, "Try again")).await;
    sleep(50).await;
    settle().await;
    assert_eq!(profile_row_names(&container).len(), 3);
    assert!(find(&container, ".state-error").is_none());
}

#[wasm_bindgen_test]
async fn an_empty_domain_says_so_and_offers_to_add_the_first_user() {
    let server = FakeServer::new();
    server.answer(
        Method::Get,
        "/api/domains/d-iam0001/profiles",
        200,
        r#"{"profiles":[]}"#,
    );
    let (container, _mounted) = mount_list(&server).await;

    let empty = text_of(&find(&container, ".state-empty").expect("an empty state"));
    assert!(
        empty.contains("No user profiles in this domain yet."),
        "{empty}"
    );
    assert_eq!(
        href_of(&container, ".state-empty a").as_deref(),
        Some("/domains/d-iam0001/add-user")
    );
}
