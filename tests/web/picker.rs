//! The IAM Identity Center picker of the add-user form in SSO domains: typing searches the
//! directory (once typing pauses), the keyboard moves through the people found and picks
//! one, picking fills the user name and proposes a profile name, and a user name nobody
//! has is an error before anything is sent.

use std::sync::Arc;

use leptos::mount::mount_to;
use leptos::prelude::*;
use studio_admin_web::api::provide_api;
use studio_admin_web::api::transport::Method;
use studio_admin_web::profile_form::ProfileForm;
use studio_admin_web::profile_form::model::FormMode;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, KeyboardEvent, KeyboardEventInit};

use crate::support::*;

const PEOPLE: &str = "/api/domains/d-sso0001/directory/users";

const MARIA_AND_MARK: &str = r#"{"users": [
    {"UserId": "u-1", "UserName": "maria.garcia", "DisplayName": "María García",
     "Emails": ["maria@example.com"]},
    {"UserId": "u-2", "UserName": "mark.lee", "DisplayName": "Mark Lee",
     "Emails": ["mark@example.com"]}
], "truncated": false}"#;

/// The add-user form of the SSO domain over a fake server that knows `people`.
fn mount_sso_form(people: &str) -> (HtmlElement, Arc<FakeServer>, Box<dyn std::any::Any>) {
    let server = FakeServer::new();
    server.answer(Method::Get, PEOPLE, 200, people);
    server.answer(
        Method::Post,
        "/api/domains/",
        201,
        r#"{"UserProfileArn":"arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-sso0001/maria-garcia","access":{"kind":"direct","granted":true}}"#,
    );
    let container = fresh_container();
    let api = server.api();
    let domain = RwSignal::new(Some(sso_domain()));
    let handle = mount_to(container.clone(), move || {
        provide_api(api.clone());
        view! {
            <ProfileForm
                mode=FormMode::Create
                domain_id=Signal::derive(|| "d-sso0001".to_owned())
                domain
                on_saved=Callback::new(|_: String| {})
            />
        }
    });
    (container, server, Box::new(handle))
}

/// Presses `key` in `element`, as a keyboard does.
async fn press(element: &HtmlElement, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
        .expect("a keyboard event");
    element
        .dispatch_event(&event)
        .expect("the event is dispatched");
    settle().await;
}

/// Waits past the picker's quiet time, then lets the answer arrive.
async fn after_typing_pauses() {
    sleep(350).await;
    settle().await;
}

fn options(container: &HtmlElement) -> Vec<String> {
    find_all(container, "#f-SingleSignOnUserValue-people [role=option]")
        .iter()
        .map(text_of)
        .collect()
}

#[wasm_bindgen_test]
async fn typing_searches_the_directory_once_typing_pauses() {
    let (container, server, _handle) = mount_sso_form(MARIA_AND_MARK);
    settle().await;
    let value = input(&container, "f-SingleSignOnUserValue");
    for text in ["m", "ma", "mar"] {
        type_into(&value, text).await;
    }
    assert!(
        server.sent_to(Method::Get, PEOPLE).is_empty(),
        "nothing asked while typing"
    );
    after_typing_pauses().await;
    let asked = server.paths_sent(Method::Get, PEOPLE);
    assert_eq!(
        asked,
        [format!("{PEOPLE}?search=mar")],
        "one search, for the last text"
    );
    let shown = options(&container);
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert!(shown[0].contains("María García") && shown[0].contains("maria@example.com"));
    assert_eq!(
        value.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn the_keyboard_picks_a_person_who_fills_the_user_name_and_proposes_a_profile_name() {
    let (container, server, _handle) = mount_sso_form(MARIA_AND_MARK);
    settle().await;
    let value = input(&container, "f-SingleSignOnUserValue");
    type_into(&value, "ma").await;
    after_typing_pauses().await;

    let element: &HtmlElement = value.unchecked_ref();
    press(element, "ArrowDown").await;
    press(element, "ArrowDown").await;
    press(element, "ArrowUp").await;
    let active = value
        .get_attribute("aria-activedescendant")
        .expect("an active option");
    let option = find(&container, &format!("#{active}")).expect("the active option");
    assert_eq!(
        option.get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    assert!(text_of(&option).contains("maria.garcia"));

    press(element, "Enter").await;
    assert_eq!(value.value(), "maria.garcia");
    assert_eq!(
        input(&container, "f-UserProfileName").value(),
        "maria-garcia",
        "a name that passes the model's pattern"
    );
    assert_eq!(
        value.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(
        server.sent(Method::Post).is_empty(),
        "Enter picked, it did not submit"
    );

    click(&button(&container, "Create profile")).await;
    let sent = server.sent(Method::Post);
    assert_eq!(sent.len(), 1, "the form is sent");
    let body: serde_json::Value =
        serde_json::from_str(sent[0].body.as_deref().unwrap_or_default()).expect("JSON");
    assert_eq!(body["SingleSignOnUserValue"], "maria.garcia");
    assert_eq!(body["UserProfileName"], "maria-garcia");
}

#[wasm_bindgen_test]
async fn a_name_the_lead_typed_is_kept_and_escape_closes_the_list() {
    let (container, _server, _handle) = mount_sso_form(MARIA_AND_MARK);
    settle().await;
    type_into(&input(&container, "f-UserProfileName"), "maria-ml").await;
    let value = input(&container, "f-SingleSignOnUserValue");
    type_into(&value, "mar").await;
    after_typing_pauses().await;
    let element: &HtmlElement = value.unchecked_ref();
    press(element, "Escape").await;
    assert_eq!(
        value.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    press(element, "ArrowDown").await;
    press(element, "Enter").await;
    assert_eq!(value.value(), "maria.garcia");
    assert_eq!(input(&container, "f-UserProfileName").value(), "maria-ml");
}

#[wasm_bindgen_test]
async fn a_user_name_nobody_has_is_an_error_and_nothing_is_sent() {
    let (container, server, _handle) = mount_sso_form(r#"{"users": [], "truncated": false}"#);
    settle().await;
    type_into(&input(&container, "f-UserProfileName"), "ghost").await;
    let value = input(&container, "f-SingleSignOnUserValue");
    type_into(&value, "no.body").await;
    after_typing_pauses().await;
    let shown = messages_of(&container, &value).expect("a message at the user name");
    assert!(shown.contains("Error: "), "{shown}");
    assert!(shown.contains("no.body"), "{shown}");
    assert_eq!(value.get_attribute("aria-invalid").as_deref(), Some("true"));
    click(&button(&container, "Create profile")).await;
    assert!(server.sent(Method::Post).is_empty(), "nothing is sent");
}
