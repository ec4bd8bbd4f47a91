//! The add/edit-user form: live validation by the model crate, the error summary, the
//! domain's rules, rows, and the JSON preview against what is sent.

use std::sync::{Arc, Mutex};

use leptos::mount::mount_to;
use leptos::prelude::*;
use serde_json::Value;
use studio_admin_model::{CreateUserProfileRequest, validate};
use studio_admin_web::api::provide_api;
use studio_admin_web::api::transport::Method;
use studio_admin_web::api::types::Domain;
use studio_admin_web::profile_form::ProfileForm;
use studio_admin_web::profile_form::model::FormMode;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use crate::support::*;

/// A mounted add-user form, its fake server, the domain it targets and what it reported
/// as saved.
struct Mounted {
    container: HtmlElement,
    server: Arc<FakeServer>,
    domain: RwSignal<Option<Domain>>,
    saved: Arc<Mutex<Vec<String>>>,
    _handle: Box<dyn std::any::Any>,
}

/// The form over `domain`, once its first effects ran.
async fn settled_form(domain: Domain) -> Mounted {
    let form = mount_form(domain);
    settle().await;
    form
}

fn mount_form(domain: Domain) -> Mounted {
    let server = FakeServer::new();
    server.answer(
        Method::Post,
        "/api/domains/",
        201,
        r#"{"UserProfileArn":"arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-iam0001/alice"}"#,
    );
    let container = fresh_container();
    let saved = Arc::new(Mutex::new(Vec::new()));
    let api = server.api();
    let id = domain.domain_id.clone().unwrap_or_default();
    let domain_signal = RwSignal::new(Some(domain));
    let saved_names = saved.clone();
    let handle = mount_to(container.clone(), move || {
        provide_api(api.clone());
        let saved_names = saved_names.clone();
        let on_saved = Callback::new(move |name: String| {
            saved_names.lock().expect("lock").push(name);
        });
        view! {
            <ProfileForm
                mode=FormMode::Create
                domain_id=Signal::derive({
                    let id = id.clone();
                    move || id.clone()
                })
                domain=domain_signal
                on_saved
            />
        }
    });
    Mounted {
        container,
        server,
        domain: domain_signal,
        saved,
        _handle: Box::new(handle),
    }
}

/// The JSON preview, parsed.
fn preview(container: &HtmlElement) -> Value {
    let text = text_of(&find(container, "#json-preview").expect("a JSON preview"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("the preview is JSON ({e}): {text}"))
}

/// What the model itself says at `path` about `request`.
fn model_messages(request: &CreateUserProfileRequest, path: &str) -> Vec<String> {
    validate(request, None)
        .at(path)
        .map(|p| p.message.clone())
        .collect()
}

#[wasm_bindgen_test]
async fn typing_a_bad_then_a_good_name_shows_then_clears_the_message_next_to_the_field() {
    let form = settled_form(iam_domain()).await;
    let name = input(&form.container, "f-UserProfileName");

    type_into(&name, "-bad name").await;

    let request = CreateUserProfileRequest {
        user_profile_name: Some("-bad name".into()),
        ..CreateUserProfileRequest::default()
    };
    let expected = model_messages(&request, "UserProfileName");
    assert!(!expected.is_empty(), "the model refuses '-bad name'");
    let shown = messages_of(&form.container, &name).unwrap_or_else(|| {
        panic!(
            "the message is shown and linked to the input by aria-describedby: {}",
            name.parent_element()
                .map(|p| p.outer_html())
                .unwrap_or_default()
        )
    });
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
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        name.value(),
        "-bad name",
        "what was typed stays in the field"
    );

    type_into(&name, "alice-01").await;

    assert!(
        messages_of(&form.container, &name).is_none(),
        "no message is left"
    );
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("false"));
    assert_eq!(preview(&form.container)["UserProfileName"], "alice-01");
}

#[wasm_bindgen_test]
async fn an_untouched_form_greets_with_hints_and_domain_defaults_not_with_errors() {
    let form = settled_form(iam_domain()).await;

    assert!(
        find(&form.container, ".field-messages").is_none(),
        "no message yet"
    );
    assert!(
        find(&form.container, "#error-summary h2").is_none(),
        "no summary yet"
    );
    let label = find(&form.container, "label[for='f-UserProfileName']").expect("a label");
    assert_eq!(text_of(&label), "User profile name");
    let hint = find(&form.container, "#f-UserProfileName-hint").expect("a hint");
    assert!(
        text_of(&hint).contains("63"),
        "the hint gives the limit: {}",
        text_of(&hint)
    );
    let role = input(&form.container, "f-UserSettings-ExecutionRole");
    assert_eq!(
        role.placeholder(),
        "Inherits arn:aws:iam::123456789012:role/team-default from the domain"
    );
    // Every control has a label.
    for control in find_all(&form.container, "input:not([type=checkbox]), select") {
        let id = control.id();
        assert!(
            find(&form.container, &format!("label[for='{id}']")).is_some(),
            "input #{id} has a label"
        );
    }
}

#[wasm_bindgen_test]
async fn emptying_the_name_after_typing_says_the_name_is_required() {
    let form = mount_form(iam_domain());
    let name = input(&form.container, "f-UserProfileName");
    type_into(&name, "a").await;
    assert!(
        messages_of(&form.container, &name).is_none(),
        "'a' is a fine name"
    );

    type_into(&name, "").await;

    let shown = messages_of(&form.container, &name).expect("a message is shown");
    assert_eq!(shown, "Error: UserProfileName is required.");
    assert!(
        preview(&form.container).get("UserProfileName").is_none(),
        "nothing is sent for it"
    );
}

#[wasm_bindgen_test]
async fn submitting_an_invalid_form_sends_nothing_and_moves_focus_to_the_error_summary() {
    let form = settled_form(iam_domain()).await;

    click(&button(&form.container, "Create profile")).await;
    next_frame().await;

    assert!(
        form.server.sent(Method::Post).is_empty(),
        "nothing was sent"
    );
    let summary = find(&form.container, "#error-summary").expect("the summary");
    assert!(
        text_of(&summary).contains("There is a problem"),
        "{}",
        text_of(&summary)
    );
    assert!(
        text_of(&summary).contains("UserProfileName is required."),
        "{}",
        text_of(&summary)
    );
    assert_eq!(focused_id(), "error-summary", "focus moves to the summary");
    let name = input(&form.container, "f-UserProfileName");
    assert!(
        messages_of(&form.container, &name).is_some(),
        "the required message shows next to the field after a submit"
    );
}

#[wasm_bindgen_test]
async fn summary_links_move_focus_to_their_fields_even_in_closed_sections() {
    let form = settled_form(vpc_domain()).await;
    let role = input(&form.container, "f-UserSettings-ExecutionRole");
    type_into(&role, "not-an-arn").await;

    click(&button(&form.container, "Create profile")).await;
    next_frame().await;

    let link = |needle: &str| {
        find_all(&form.container, "#error-summary a")
            .into_iter()
            .find(|a| a.get_attribute("href").as_deref() == Some(needle))
            .unwrap_or_else(|| panic!("a summary link to {needle}"))
    };
    click(&link("#f-UserSettings-ExecutionRole")).await;
    assert_eq!(focused_id(), "f-UserSettings-ExecutionRole");

    click(&link("#f-UserProfileName")).await;
    assert_eq!(focused_id(), "f-UserProfileName");

    // The VPC-only domain has no default security groups: the list is required. Its
    // section is closed by the person first; the link opens it and focuses its control.
    let section = find(
        &form.container,
        "details#f-UserSettings-SecurityGroups-section",
    )
    .expect("the section");
    section.remove_attribute("open").expect("closes");
    click(&link("#f-UserSettings-SecurityGroups")).await;
    assert!(section.has_attribute("open"), "the section was opened");
    let focused = document().active_element().expect("something has focus");
    assert!(
        section.contains(Some(&focused)),
        "focus is inside the security groups section, on {}",
        focused.outer_html()
    );
}

#[wasm_bindgen_test]
async fn sso_fields_follow_the_domain_and_are_required_only_in_sso_domains() {
    let form = settled_form(iam_domain()).await;
    assert!(
        find(&form.container, "#f-SingleSignOnUserValue").is_none(),
        "no SSO fields in IAM domains"
    );
    assert!(
        preview(&form.container)
            .get("SingleSignOnUserIdentifier")
            .is_none()
    );

    form.domain.set(Some(sso_domain()));
    settle().await;

    let value = input(&form.container, "f-SingleSignOnUserValue");
    assert!(
        find(&form.container, "#identity-center-notice").is_some(),
        "the assignment warning shows"
    );
    assert_eq!(
        preview(&form.container)["SingleSignOnUserIdentifier"],
        "UserName"
    );
    let name = input(&form.container, "f-UserProfileName");
    type_into(&name, "alice").await;
    click(&button(&form.container, "Create profile")).await;
    assert!(
        form.server.sent(Method::Post).is_empty(),
        "the SSO user is required"
    );
    let shown = messages_of(&form.container, &value).expect("a message at the SSO user");
    assert!(shown.contains("Required in this domain"), "{shown}");
    assert!(
        shown.contains("Warning: "),
        "the Identity Center warning is there too: {shown}"
    );

    type_into(&value, "alice@example.com").await;
    let shown = messages_of(&form.container, &value).unwrap_or_default();
    assert!(!shown.contains("Error: "), "the error cleared: {shown}");
    assert!(
        find(&form.container, ".field-message-warning").is_some(),
        "the warning is styled apart"
    );

    form.domain.set(Some(iam_domain()));
    settle().await;
    assert!(
        find(&form.container, "#f-SingleSignOnUserValue").is_none(),
        "gone again"
    );
    let json = preview(&form.container);
    assert!(
        json.get("SingleSignOnUserValue").is_none(),
        "and not sent: {json}"
    );
}

#[wasm_bindgen_test]
async fn the_json_preview_is_exactly_what_is_sent() {
    let form = settled_form(iam_domain()).await;
    type_into(&input(&form.container, "f-UserProfileName"), "alice").await;
    type_into(
        &input(&form.container, "f-UserSettings-ExecutionRole"),
        "arn:aws:iam::123456789012:role/ml",
    )
    .await;
    click(&button(&form.container, "Add tag")).await;
    type_into(&input(&form.container, "f-Tags-0-Key"), "Team").await;
    type_into(&input(&form.container, "f-Tags-0-Value"), "ml platform").await;
    type_into(
        &input(
            &form.container,
            "f-UserSettings-JupyterLabAppSettings-DefaultResourceSpec-InstanceType",
        ),
        "ml.t3.medium",
    )
    .await;
    type_into(
        &input(&form.container, "f-UserSettings-SpaceStorageSettings-DefaultEbsStorageSettings-DefaultEbsVolumeSizeInGb"),
        "20",
    )
    .await;
    type_into(
        &input(&form.container, "f-UserSettings-SpaceStorageSettings-DefaultEbsStorageSettings-MaximumEbsVolumeSizeInGb"),
        "100",
    )
    .await;
    let shown = preview(&form.container);

    click(&button(&form.container, "Create profile")).await;
    settle().await;

    let sent = form.server.sent(Method::Post);
    assert_eq!(
        sent.len(),
        1,
        "one create request; the summary says {:?}",
        find(&form.container, "#error-summary").map(|s| text_of(&s))
    );
    assert_eq!(sent[0].path, "/api/domains/d-iam0001/profiles");
    let body: Value =
        serde_json::from_str(sent[0].body.as_deref().unwrap_or("")).expect("JSON body");
    assert_eq!(body, shown, "the preview equals the body");
    assert_eq!(
        body["UserSettings"]["JupyterLabAppSettings"]["DefaultResourceSpec"]["InstanceType"],
        "ml.t3.medium"
    );
    assert_eq!(
        body["UserSettings"]["SpaceStorageSettings"]["DefaultEbsStorageSettings"]["DefaultEbsVolumeSizeInGb"],
        20
    );
    assert_eq!(body["DomainId"], "d-iam0001");
    assert_eq!(
        form.saved.lock().expect("lock").as_slice(),
        ["alice".to_owned()]
    );

    let cli = text_of(&find(&form.container, "#cli-preview").expect("the CLI command"));
    assert!(
        cli.starts_with("aws sagemaker create-user-profile"),
        "{cli}"
    );
    assert!(cli.contains("--user-profile-name alice"), "{cli}");
    assert!(
        cli.contains(r#"--tags '[{"Key":"Team","Value":"ml platform"}]'"#),
        "{cli}"
    );
    let script = text_of(&find(&form.container, "#boto3-preview").expect("the boto3 script"));
    assert!(
        script.contains("sagemaker.create_user_profile("),
        "{script}"
    );
    assert!(
        script.contains("    UserProfileName=\"alice\","),
        "{script}"
    );
}

#[wasm_bindgen_test]
async fn rows_are_added_and_removed_and_the_request_follows() {
    let form = settled_form(iam_domain()).await;

    click(&button(&form.container, "Add tag")).await;
    next_frame().await;
    assert_eq!(
        focused_id(),
        "f-Tags-0-Key",
        "the new row's first input has focus"
    );
    click(&button(&form.container, "Add tag")).await;
    type_into(&input(&form.container, "f-Tags-0-Key"), "first").await;
    type_into(&input(&form.container, "f-Tags-1-Key"), "second").await;
    assert_eq!(
        preview(&form.container)["Tags"].as_array().map(Vec::len),
        Some(2)
    );

    click(&button(&form.container, "Remove tag 1")).await;

    assert!(
        find(&form.container, "#f-Tags-1-Key").is_none(),
        "one row left"
    );
    assert_eq!(input(&form.container, "f-Tags-0-Key").value(), "second");
    assert_eq!(
        preview(&form.container)["Tags"],
        serde_json::json!([{"Key": "second"}])
    );
    assert_eq!(
        document()
            .active_element()
            .map(|e| e.text_content().unwrap_or_default()),
        Some("Add tag".to_owned()),
        "focus goes to the add button"
    );

    click(&button(&form.container, "Remove tag 1")).await;
    assert!(
        preview(&form.container).get("Tags").is_none(),
        "no rows, no Tags"
    );

    // An added, empty row is the person's to fill in: validation says so on submit.
    click(&button(&form.container, "Add security group")).await;
    type_into(&input(&form.container, "f-UserProfileName"), "alice").await;
    click(&button(&form.container, "Create profile")).await;
    assert!(
        form.server.sent(Method::Post).is_empty(),
        "an empty row blocks the submit"
    );
    let group = input(&form.container, "f-UserSettings-SecurityGroups-0");
    assert!(
        messages_of(&form.container, &group).is_some(),
        "the empty row says what it lacks"
    );
}

#[wasm_bindgen_test]
async fn server_validation_errors_land_next_to_their_fields() {
    let form = mount_form(iam_domain());
    form.server.answer(
        Method::Post,
        "/api/domains/",
        422,
        r#"{"errors":[{"path":"UserSettings.ExecutionRole","message":"The role does not trust SageMaker.","severity":"error"}]}"#,
    );
    settle().await;
    type_into(&input(&form.container, "f-UserProfileName"), "alice").await;
    let role = input(&form.container, "f-UserSettings-ExecutionRole");
    type_into(&role, "arn:aws:iam::123456789012:role/untrusted").await;

    click(&button(&form.container, "Create profile")).await;
    next_frame().await;

    assert_eq!(
        form.server.sent(Method::Post).len(),
        1,
        "the form was valid and sent"
    );
    let shown = messages_of(&form.container, &role).expect("the server's message is at the field");
    assert!(
        shown.contains("The role does not trust SageMaker."),
        "{shown}"
    );
    let summary = text_of(&find(&form.container, "#error-summary").expect("a summary"));
    assert!(
        summary.contains("The role does not trust SageMaker."),
        "{summary}"
    );
    assert_eq!(focused_id(), "error-summary");
    assert!(
        form.saved.lock().expect("lock").is_empty(),
        "not reported as saved"
    );

    type_into(&role, "arn:aws:iam::123456789012:role/trusted").await;
    assert!(
        messages_of(&form.container, &role).is_none(),
        "editing the field clears it"
    );
}

#[wasm_bindgen_test]
async fn warnings_are_styled_apart_and_do_not_block_sending() {
    let form = settled_form(iam_domain()).await;
    type_into(&input(&form.container, "f-UserProfileName"), "alice").await;
    let sharing = find(
        &form.container,
        "#f-UserSettings-SharingSettings-NotebookOutputOption",
    )
    .expect("the sharing choice");
    choose(&sharing, "Allowed").await;

    let path = find(
        &form.container,
        "#f-UserSettings-SharingSettings-S3OutputPath",
    )
    .expect("the path field");
    let shown = messages_of(&form.container, &path).expect("a warning at the S3 output path");
    assert!(shown.starts_with("Warning: "), "{shown}");
    assert!(find(&form.container, ".field-message-warning").is_some());
    assert!(
        find(&form.container, ".field-message-error").is_none(),
        "no error anywhere"
    );

    click(&button(&form.container, "Create profile")).await;
    assert_eq!(
        form.server.sent(Method::Post).len(),
        1,
        "warnings do not block"
    );
}

#[wasm_bindgen_test]
async fn text_in_a_number_field_is_an_error_of_the_field_and_is_not_sent() {
    let form = settled_form(iam_domain()).await;
    let uid = input(&form.container, "f-UserSettings-CustomPosixUserConfig-Uid");
    type_into(&uid, "12a").await;

    let shown = messages_of(&form.container, &uid).expect("a message");
    assert!(shown.contains("Enter a whole number"), "{shown}");
    assert_eq!(uid.value(), "12a", "what was typed stays");
    assert!(
        preview(&form.container).get("UserSettings").is_none(),
        "nothing is sent for it"
    );

    type_into(&uid, "20000").await;
    assert_eq!(
        preview(&form.container)["UserSettings"]["CustomPosixUserConfig"]["Uid"],
        20000
    );
    let shown = messages_of(&form.container, &uid).unwrap_or_default();
    assert!(!shown.contains("Enter a whole number"), "{shown}");
}

#[wasm_bindgen_test]
async fn every_input_writes_the_member_its_path_names() {
    let form = settled_form(sso_domain()).await;
    // One row in every list (twice: rows inside rows appear with their parent row).
    for _ in 0..2 {
        for button in find_all(&form.container, "button") {
            let label = text_of(&button);
            let has_rows = button
                .parent_element()
                .and_then(|list| list.query_selector(":scope > ol > li").ok().flatten())
                .is_some();
            if label.starts_with("Add ") && !has_rows {
                click(&button).await;
            }
        }
    }
    let mut written = Vec::new();
    for control in find_all(&form.container, "[data-path]") {
        let path = control.get_attribute("data-path").unwrap_or_default();
        let value = match control.tag_name().as_str() {
            "SELECT" => {
                let options = control.query_selector_all("option").expect("options");
                let last: web_sys::Element = options
                    .item(options.length().saturating_sub(1))
                    .map(wasm_bindgen::JsCast::unchecked_into)
                    .expect("an option");
                let value = last.get_attribute("value").unwrap_or_default();
                choose(&control, &value).await;
                Value::String(value)
            }
            _ if control.get_attribute("inputmode").as_deref() == Some("numeric") => {
                type_into(wasm_bindgen::JsCast::unchecked_ref(&control), "7").await;
                Value::from(7)
            }
            _ => {
                type_into(wasm_bindgen::JsCast::unchecked_ref(&control), "x7").await;
                Value::String("x7".to_owned())
            }
        };
        written.push((path, value));
    }
    assert!(
        written.len() > 100,
        "the form has every member: {} inputs",
        written.len()
    );
    let json = preview(&form.container);
    for (path, value) in &written {
        assert_eq!(
            studio_admin_web::profile_form::model::json_path::get(&json, path),
            Some(value),
            "{path} was written into the request: {json}"
        );
    }
}
