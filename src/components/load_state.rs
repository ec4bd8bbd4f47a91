//! The honest states of anything loaded from the server: loading, failed (with the
//! reason and a way to try again), nothing there, and not for this person's role.

use leptos::prelude::*;

/// Shown while something loads; screen readers hear it once.
#[component]
pub fn Loading(
    /// What is loading (`Loading profiles…`).
    #[prop(into)]
    label: String,
) -> impl IntoView {
    view! {
        <div class="state state-loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {label}
        </div>
    }
}

/// Shown when loading failed: what went wrong, and a button to try again.
#[component]
pub fn LoadError(
    /// What could not be loaded (`The profiles could not be loaded.`).
    #[prop(into)]
    what: String,
    /// Why, in words (the API error's message).
    #[prop(into)]
    reason: String,
    /// Loads again.
    on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="state state-error" role="alert">
            <p class="state-title">{what}</p>
            <p>{reason}</p>
            <button type="button" class="button button-secondary" on:click=move |_| on_retry.run(())>
                "Try again"
            </button>
        </div>
    }
}

/// Shown when there is nothing to list.
#[component]
pub fn Empty(
    /// What is missing, in a sentence.
    #[prop(into)]
    title: String,
    /// What to do about it.
    children: Children,
) -> impl IntoView {
    view! {
        <div class="state state-empty">
            <p class="state-title">{title}</p>
            {children()}
        </div>
    }
}

/// Shown in place of what the person's role does not allow (the server would refuse it).
#[component]
pub fn NotAllowed(
    /// What is not allowed, in a sentence.
    #[prop(into)]
    title: String,
    /// What the person can do instead.
    children: Children,
) -> impl IntoView {
    view! {
        <div class="state state-empty" role="status" id="not-allowed">
            <p class="state-title">{title}</p>
            {children()}
        </div>
    }
}
