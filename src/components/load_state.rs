//! The honest states of anything loaded from the server: loading, failed (with the
//! reason and a way to try again), nothing there; and [`loaded`], the one way a page
//! shows what it loads. (Not for this person's role: [`super::Refused`].)

use leptos::prelude::*;

use crate::api::ApiError;

/// What a page says while something loads and when it could not be loaded.
#[derive(Debug, Clone, Copy)]
pub struct LoadWords {
    /// While it loads (`Loading the audit log…`).
    pub loading: &'static str,
    /// When it failed (`The audit log could not be loaded.`); the reason follows.
    pub failed: &'static str,
}

/// What a resource holds as a view that follows it: [`Loading`] until the first answer,
/// [`LoadError`] when it failed (Try again loads it again), else what `ready` draws of
/// the data. Cases a page treats otherwise (a 404 that means "no such thing") it matches
/// before calling [`load_view`].
pub fn loaded<T: Clone + 'static>(
    resource: LocalResource<Result<T, ApiError>>,
    words: LoadWords,
    ready: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    move || load_view(resource.get(), words, move || resource.refetch(), &ready)
}

/// The view of one state of a load (see [`loaded`]): `retry` loads again.
pub fn load_view<T>(
    state: Option<Result<T, ApiError>>,
    words: LoadWords,
    retry: impl Fn() + Send + Sync + 'static,
    ready: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match state {
        Some(Ok(data)) => ready(data),
        Some(Err(error)) => not_loaded(words, &error, Callback::new(move |()| retry())),
        None => view! { <Loading label=words.loading /> }.into_any(),
    }
}

/// Why the load failed, and Try again.
fn not_loaded(words: LoadWords, error: &ApiError, retry: Callback<()>) -> AnyView {
    view! { <LoadError what=words.failed reason=error.to_string() on_retry=retry /> }.into_any()
}

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

/// [`Empty`] with one sentence of what to do: what a list says when it has nothing.
pub fn empty_state(title: &'static str, what_to_do: &'static str) -> AnyView {
    view! {
        <Empty title=title>
            <p>{what_to_do}</p>
        </Empty>
    }
    .into_any()
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
