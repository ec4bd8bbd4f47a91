//! What will be sent, as it will be sent: the request's JSON (serialized exactly as the
//! API client serializes it), and the same request as an AWS CLI command and a boto3
//! script.

use leptos::prelude::*;

use crate::components::CopyButton;
use crate::profile_form::model::export::{aws_cli, boto3};
use crate::profile_form::model::json::pretty;
use crate::profile_form::model::{FormMode, update_request, use_form};

/// The id of the JSON preview (tests compare it with what was sent).
pub const JSON_PREVIEW_ID: &str = "json-preview";

/// The preview panel.
#[component]
pub fn Preview() -> impl IntoView {
    let form = use_form();
    let (operation, command, method) = match form.mode {
        FormMode::Create => (
            "CreateUserProfile",
            "create-user-profile",
            "create_user_profile",
        ),
        FormMode::Edit => (
            "UpdateUserProfile",
            "update-user-profile",
            "update_user_profile",
        ),
    };
    // Serialized exactly as the API client serializes the body, then indented.
    let json = Signal::derive(move || {
        form.request
            .with(|r| match form.mode {
                _ if form.partial => serde_json::to_string(
                    &serde_json::json!({ "fixed": crate::profile_form::policy_of(r) }),
                ),
                FormMode::Create => serde_json::to_string(r),
                FormMode::Edit => serde_json::to_string(&update_request(r)),
            })
            .map(|compact| pretty(&compact))
            .unwrap_or_default()
    });
    let what = if form.partial {
        "The domain's policy exactly as the proxy receives it, as you type: each value in it is fixed for requesters.".to_owned()
    } else {
        format!("The {operation} request exactly as the proxy receives it, as you type.")
    };
    let cli = Signal::derive(move || aws_cli(command, &form.body()));
    let script = Signal::derive(move || boto3(method, &form.body(), Some("UserProfileArn")));
    view! {
        <div class="panel preview">
            <h2 id="preview-title" class="panel-title">
                "What will be sent"
            </h2>
            <div class="panel-body">
                <p class="field-hint">{what}</p>
                <pre id=JSON_PREVIEW_ID class="code" tabindex="0" aria-label="Request JSON">
                    <code>{json}</code>
                </pre>
                <div class="preview-actions">
                    <CopyButton label="Copy JSON" text=json id="copy-json" />
                    <CopyButton label="Copy as AWS CLI" text=cli id="copy-cli" />
                    <CopyButton label="Copy as boto3" text=script id="copy-boto3" />
                </div>
                {more("AWS CLI command", "cli-preview", cli)}
                {more("boto3 script", "boto3-preview", script)}
            </div>
        </div>
    }
}

/// One more rendering of the request, folded away under `summary`.
fn more(summary: &'static str, id: &'static str, text: Signal<String>) -> AnyView {
    view! {
        <details class="preview-more">
            <summary>{summary}</summary>
            <pre id=id class="code" tabindex="0">
                <code>{text}</code>
            </pre>
        </details>
    }
    .into_any()
}
