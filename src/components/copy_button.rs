//! Copying text (an ARN, a command) to the clipboard, saying so where screen readers hear it.

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Writes `text` to the clipboard; `Err` with a reason when the browser refuses.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no browser window")?;
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|_| "the browser did not allow copying; select the text and copy it".to_owned())
}

/// A button that copies `text` and then says "Copied".
#[component]
pub fn CopyButton(
    /// The button's words (`Copy ARN`).
    #[prop(into)]
    label: String,
    /// What it copies (read when clicked).
    #[prop(into)]
    text: Signal<String>,
    /// An id for the button (tests and the page's own links use it).
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let copy = move |_| {
        let text = text.get_untracked();
        leptos::task::spawn_local(async move {
            outcome.set(Some(copy_text(&text).await));
        });
    };
    view! {
        <span class="copy">
            <button id=id type="button" class="button button-secondary" on:click=copy>
                {label}
            </button>
            <span class="copy-outcome" role="status" aria-live="polite">
                {move || match outcome.get() {
                    Some(Ok(())) => "Copied".to_owned(),
                    Some(Err(reason)) => reason,
                    None => String::new(),
                }}
            </span>
        </span>
    }
}
