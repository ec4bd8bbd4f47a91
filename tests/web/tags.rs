//! A profile's tags: shown on the profile page, edited with live errors on the edit page
//! and saved as the whole set, and in the list as a column read only when switched on,
//! with search by tag.

use serde_json::{Value, json};
use studio_admin_web::api::transport::Method;
use wasm_bindgen_test::*;

use crate::support::*;

const DOMAINS: &str =
    r#"{"domains":[{"DomainId":"d-iam0001","DomainName":"team","AuthMode":"IAM"}]}"#;
const ALICE: &str = "/api/domains/d-iam0001/profiles/alice";
const ALICE_TAGS: &str = "/api/domains/d-iam0001/profiles/alice/tags";
const DETAIL: &str = r#"{"profile":{"DomainId":"d-iam0001","UserProfileName":"alice","Status":"InService","UserProfileArn":"arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-iam0001/alice"},"apps":[],"spaces":[]}"#;
const TAGS: &str = r#"{"Tags":[{"Key":"Team","Value":"ml"},{"Key":"aws:cloudformation:stack-name","Value":"studio"}]}"#;

/// A server with alice's profile and tags (later answers win, so the tags come last).
fn server_with_alice() -> std::sync::Arc<FakeServer> {
    let server = FakeServer::new();
    server.answer(Method::Get, "/api/domains", 200, DOMAINS);
    server.answer(Method::Get, ALICE, 200, DETAIL);
    server.answer(Method::Get, ALICE_TAGS, 200, TAGS);
    server
}

fn body_of(request: &studio_admin_web::api::transport::HttpRequest) -> Value {
    serde_json::from_str(request.body.as_deref().unwrap_or("")).expect("a JSON body")
}

#[wasm_bindgen_test]
async fn the_profile_page_lists_the_tags_and_marks_those_aws_set() {
    let server = server_with_alice();
    let (container, _app) = mount_app(&server, "/domains/d-iam0001/profiles/alice");
    let list = wait_for(&container, "#tags-list").await;
    let text = text_of(&list);
    assert!(text.contains("Team") && text.contains("ml"), "{text}");
    let own = find(
        &container,
        "#tags-list [data-tag='aws:cloudformation:stack-name']",
    )
    .expect("AWS's tag is listed");
    assert!(text_of(&own).contains("set by AWS"), "{}", text_of(&own));
    let panel = text_of(&find(&container, "#profile-tags").expect("the tags panel"));
    assert!(
        !panel.contains("does not return tags"),
        "the old excuse is gone: {panel}"
    );
    assert!(panel.contains("only apps launched afterwards"), "{panel}");
}

#[wasm_bindgen_test]
async fn tag_editing_shows_errors_as_you_type_refuses_to_save_them_then_saves_the_whole_set() {
    let server = server_with_alice();
    server.answer(
        Method::Put,
        ALICE_TAGS,
        200,
        r#"{"Tags":[{"Key":"aws:cloudformation:stack-name","Value":"studio"},{"Key":"Project","Value":"churn"}]}"#,
    );
    let (container, _app) = open_at(
        &server,
        "/domains/d-iam0001/profiles/alice/edit",
        "#tag-editor",
    )
    .await;
    let reach = text_of(&find(&container, "#tags-reach").expect("the note on apps"));
    assert!(reach.contains("only apps launched afterwards"), "{reach}");
    let own = text_of(&find(&container, "#aws-tags").expect("AWS's tags apart"));
    assert!(own.contains("aws:cloudformation:stack-name"), "{own}");
    assert_eq!(input(&container, "f-Tags-0-Key").value(), "Team");
    assert!(
        find(&container, "#f-Tags-1-Key").is_none(),
        "AWS's tag is no row"
    );

    // A second row with the same key: the error shows next to it at once.
    click(&button(&container, "Add tag")).await;
    next_frame().await;
    assert_eq!(
        focused_id(),
        "f-Tags-1-Key",
        "the new row's key takes focus"
    );
    let key = input(&container, "f-Tags-1-Key");
    type_into(&key, "Team").await;
    assert_eq!(key.get_attribute("aria-invalid").as_deref(), Some("true"));
    let message = messages_of(&container, &key).expect("a message next to the key");
    assert!(message.contains("Duplicate tag key 'Team'"), "{message}");
    type_into(&key, "aws:owner").await;
    let message = messages_of(&container, &key).expect("a message next to the key");
    assert!(message.contains("reserved for AWS"), "{message}");
    let value = input(&container, "f-Tags-1-Value");
    type_into(&value, "bad#value").await;
    assert!(
        messages_of(&container, &value).is_some_and(|m| !m.is_empty()),
        "the value's pattern"
    );

    // Saving with errors sends nothing and leads to the summary.
    click(&button(&container, "Save tags")).await;
    next_frame().await;
    assert!(server.sent_to(Method::Put, ALICE_TAGS).is_empty());
    let summary = find(&container, "#tag-errors").expect("an error summary");
    assert!(!summary.class_list().contains("hidden"));
    assert_eq!(focused_id(), "tag-errors");
    assert!(
        text_of(&summary).contains("2 errors"),
        "{}",
        text_of(&summary)
    );

    // Put right: a new key, a good value; the first tag removed.
    type_into(&key, "Project").await;
    type_into(&value, "churn").await;
    assert_eq!(key.get_attribute("aria-invalid").as_deref(), Some("false"));
    click(&button(&container, "Remove tag 1")).await;
    assert_eq!(
        input(&container, "f-Tags-0-Key").value(),
        "Project",
        "the rows renumber"
    );
    click(&button(&container, "Save tags")).await;
    wait_for(&container, "#tags-outcome .text-success").await;
    let sent = server.sent_to(Method::Put, ALICE_TAGS);
    assert_eq!(sent.len(), 1);
    assert_eq!(
        body_of(&sent[0]),
        json!({"Tags": [{"Key": "Project", "Value": "churn"}]}),
        "the whole set, without AWS's own"
    );
    let outcome = text_of(&find(&container, "#tags-outcome").expect("the outcome"));
    assert!(outcome.contains("Tags saved"), "{outcome}");
}

#[wasm_bindgen_test]
async fn the_server_refusing_the_tags_is_said_next_to_the_save_button() {
    let server = server_with_alice();
    server.answer(
        Method::Put,
        ALICE_TAGS,
        403,
        r#"{"errors":[{"path":"","message":"requires the lead role in domain d-iam0001"}],"code":"Forbidden"}"#,
    );
    let (container, _app) = open_at(
        &server,
        "/domains/d-iam0001/profiles/alice/edit",
        "#tag-editor",
    )
    .await;
    click(&button(&container, "Save tags")).await;
    let outcome = text_of(&wait_for(&container, "#tags-outcome .text-error").await);
    assert!(
        outcome.contains("not saved") && outcome.contains("requires the lead role"),
        "{outcome}"
    );
}

const PAGE: &str = r#"{"profiles":[
  {"UserProfileName":"alice","Status":"InService","CreationTime":1700000000,"LastModifiedTime":1700000100},
  {"UserProfileName":"bob","Status":"InService","CreationTime":1700000200,"LastModifiedTime":1700000300}
]}"#;

#[wasm_bindgen_test]
async fn the_tags_column_reads_tags_only_once_switched_on_and_a_tag_search_narrows_the_rows() {
    let server = FakeServer::new();
    server.answer(Method::Get, "/api/domains", 200, DOMAINS);
    server.answer(Method::Get, "/api/domains/d-iam0001/profiles", 200, PAGE);
    server.answer(Method::Get, ALICE_TAGS, 200, TAGS);
    server.answer(
        Method::Get,
        "/api/domains/d-iam0001/profiles/bob/tags",
        200,
        r#"{"Tags":[{"Key":"Team","Value":"research"}]}"#,
    );
    let (container, _app) = open_at(&server, "/domains/d-iam0001/profiles", "#profile-table").await;
    let tag_reads = || {
        server
            .sent(Method::Get)
            .iter()
            .filter(|r| r.path.ends_with("/tags"))
            .count()
    };
    let show = wait_for(&container, "#show-tags").await;
    if input(&container, "show-tags").checked() {
        // Remembered from an earlier visit of this browser: start from off.
        click(&show).await;
    }
    let before = tag_reads();
    sleep(50).await;
    settle().await;
    assert_eq!(
        tag_reads(),
        before,
        "no tags are read while the column is off"
    );
    let hint = text_of(&find(&container, "#profile-search-hint").expect("a hint"));
    assert!(hint.contains("key=value"), "{hint}");

    click(&show).await;
    wait_for(&container, "#profile-table td.cell-tags .tag").await;
    sleep(20).await;
    settle().await;
    assert_eq!(tag_reads(), before + 2, "one read per profile");
    let alice = text_of(
        &find(
            &container,
            "#profile-table tr[data-profile='alice'] td.cell-tags",
        )
        .expect("alice's tags"),
    );
    assert!(alice.contains("Team=ml"), "{alice}");

    type_into(&input(&container, "profile-search"), "team=ML").await;
    assert_eq!(profile_row_names(&container), ["alice"]);
    let status = text_of(&find(&container, ".toolbar-status").expect("a status"));
    assert!(status.contains("have a tag team containing"), "{status}");
    type_into(&input(&container, "profile-search"), "Team=").await;
    assert_eq!(profile_row_names(&container), ["alice", "bob"]);
    type_into(&input(&container, "profile-search"), "Project=").await;
    let empty = text_of(&find(&container, ".state-empty").expect("an empty state"));
    assert!(
        empty.contains("No profile here has a tag project"),
        "{empty}"
    );
    assert_eq!(tag_reads(), before + 2, "tags are read once");

    // Leave the column off for the other tests of this browser.
    type_into(&input(&container, "profile-search"), "").await;
    click(&find(&container, "#show-tags").expect("the switch")).await;
}
