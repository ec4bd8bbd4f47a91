//! Browser tests (headless Chromium through wasm-bindgen-test): the app's frame and the
//! live profile-name field, checked by what a person sees and what a screen reader is told.
//!
//! Run with `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown
//! -p studio-admin-web`.
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use studio_admin_model::{CreateUserProfileRequest, validate};
use studio_admin_web::components::UserProfileNameField;
use studio_admin_web::{App, VERSION};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A new, empty element in the page's body to mount one test's view into.
fn fresh_container() -> HtmlElement {
    let document = document();
    let container = document
        .create_element("div")
        .expect("the document creates elements")
        .unchecked_into::<HtmlElement>();
    document
        .body()
        .expect("the page has a body")
        .append_child(&container)
        .expect("the body accepts the container");
    container
}

fn find(container: &HtmlElement, selector: &str) -> Option<Element> {
    container
        .query_selector(selector)
        .expect("the selector is valid")
}

fn name_input(container: &HtmlElement) -> HtmlInputElement {
    find(container, "input#user-profile-name")
        .expect("the name field is shown")
        .unchecked_into()
}

/// Types `text` into the input as a browser does: the value changes, then an `input`
/// event bubbles up (Leptos listens for it at the document).
async fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict("input", &init).expect("an input event");
    input
        .dispatch_event(&event)
        .expect("the event is dispatched");
    tick().await;
}

/// The element the input's `aria-describedby` names that holds its messages, if any.
fn described_messages(container: &HtmlElement, input: &HtmlInputElement) -> Option<Element> {
    let ids = input.get_attribute("aria-describedby").unwrap_or_default();
    ids.split_whitespace()
        .filter_map(|id| find(container, &format!("#{id}")))
        .find(|el| el.class_list().contains("field-messages"))
}

/// What the model itself says about `name` as a new profile's name, message by message.
fn model_messages(name: Option<&str>) -> Vec<String> {
    let request = CreateUserProfileRequest {
        user_profile_name: name.map(str::to_owned),
        ..CreateUserProfileRequest::default()
    };
    validate(&request, None)
        .at("UserProfileName")
        .map(|p| p.message.clone())
        .collect()
}

fn text_of(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn typing_a_bad_then_a_good_name_shows_then_clears_the_message_next_to_the_field() {
    let container = fresh_container();
    let _mounted = mount_to(container.clone(), || view! { <UserProfileNameField /> });
    let input = name_input(&container);

    type_into(&input, "-bad name").await;

    let expected = model_messages(Some("-bad name"));
    assert!(!expected.is_empty(), "the model refuses '-bad name'");
    let messages = described_messages(&container, &input)
        .expect("the message is shown and linked to the input by aria-describedby");
    let shown = text_of(&messages);
    for message in &expected {
        assert!(
            shown.contains(message.as_str()),
            "'{shown}' should contain '{message}'"
        );
    }
    assert!(
        shown.starts_with("Error: "),
        "screen readers hear 'Error:' first: {shown}"
    );
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        input.value(),
        "-bad name",
        "what was typed stays in the field"
    );

    type_into(&input, "alice-01").await;

    assert!(
        model_messages(Some("alice-01")).is_empty(),
        "the model accepts 'alice-01'"
    );
    assert!(
        find(&container, ".field-messages").is_none(),
        "no message is left next to the field"
    );
    assert!(described_messages(&container, &input).is_none());
    assert_eq!(
        input.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
async fn an_untouched_empty_name_field_shows_a_hint_and_no_error() {
    let container = fresh_container();
    let _mounted = mount_to(container.clone(), || view! { <UserProfileNameField /> });
    tick().await;
    let input = name_input(&container);

    assert!(find(&container, ".field-messages").is_none());
    assert_eq!(
        input.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    let label = find(&container, "label[for='user-profile-name']").expect("a label");
    assert_eq!(text_of(&label), "User profile name");
    let hint = find(&container, "#user-profile-name-hint").expect("a hint");
    assert!(
        text_of(&hint).contains("63"),
        "the hint gives the limit: {}",
        text_of(&hint)
    );
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("user-profile-name-hint")
    );
}

#[wasm_bindgen_test]
async fn emptying_the_name_after_typing_says_the_name_is_required() {
    let container = fresh_container();
    let _mounted = mount_to(container.clone(), || view! { <UserProfileNameField /> });
    let input = name_input(&container);

    type_into(&input, "a").await;
    assert!(
        find(&container, ".field-messages").is_none(),
        "'a' is a fine name"
    );
    type_into(&input, "").await;

    let expected = model_messages(None);
    assert_eq!(expected, vec!["UserProfileName is required.".to_owned()]);
    let messages = described_messages(&container, &input).expect("a message is shown");
    assert_eq!(text_of(&messages), "Error: UserProfileName is required.");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn the_header_names_the_product_and_the_footer_shows_the_version() {
    let container = fresh_container();
    let _mounted = mount_to(container.clone(), App);
    tick().await;

    let header = find(&container, "header").expect("a header");
    assert!(
        text_of(&header).contains("Studio Admin"),
        "{}",
        text_of(&header)
    );
    let nav = find(&container, "header nav").expect("a navigation");
    assert!(text_of(&nav).contains("Profiles"), "{}", text_of(&nav));
    assert!(text_of(&nav).contains("Add user"), "{}", text_of(&nav));

    let footer = find(&container, "footer").expect("a footer");
    assert!(
        text_of(&footer).contains(&format!("Version {VERSION}")),
        "{}",
        text_of(&footer)
    );
    assert_eq!(VERSION, env!("CARGO_PKG_VERSION"));

    assert!(
        find(&container, "main input#user-profile-name").is_some(),
        "the page shows the live name field"
    );
}
