//! Idle shutdown in words, the same on the profile page and the running page (the server
//! works out which setting applies: `studio_admin_api::idle`).

use leptos::prelude::*;

use crate::api::types::{IdleShutdown, ProfileIdle};

/// `2 h`, `1 h 30 min`, `45 min`.
pub fn minutes_words(minutes: i64) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    match (hours, rest) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// What stops an app when nobody uses it: `After 2 h idle (the domain's default)`, `Off
/// (the profile's setting)`, or `Not set: apps run until stopped`.
pub fn idle_words(idle: Option<IdleShutdown>) -> String {
    match idle {
        None => "Not set: apps run until stopped".to_owned(),
        Some(IdleShutdown {
            minutes: None,
            source,
        }) => format!("Off ({})", source.label()),
        Some(IdleShutdown {
            minutes: Some(minutes),
            source,
        }) => format!(
            "After {} idle ({})",
            minutes_words(i64::from(minutes)),
            source.label()
        ),
    }
}

/// A profile's effective idle shutdown for JupyterLab and Code Editor.
#[component]
pub fn IdleSummary(
    /// The effective settings.
    idle: ProfileIdle,
) -> impl IntoView {
    view! {
        <dl class="summary" id="idle-shutdown">
            <div>
                <dt>"JupyterLab"</dt>
                <dd id="idle-jupyter-lab">{idle_words(idle.jupyter_lab)}</dd>
            </div>
            <div>
                <dt>"Code Editor"</dt>
                <dd id="idle-code-editor">{idle_words(idle.code_editor)}</dd>
            </div>
        </dl>
        <p class="field-hint">
            "SageMaker stops a JupyterLab or Code Editor app after this long without activity. The profile's own setting wins over the domain's default; a space may set a shorter one."
        </p>
    }
}
