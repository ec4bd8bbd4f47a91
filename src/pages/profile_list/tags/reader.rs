//! The part of the list's tags loaded on first use: reading each queued profile's tags
//! from the server, a few at a time, and drawing a profile's cell in the Tags column.
//!
//! In the release bundle (`--cfg wasm_split`) [`load`] is a split point: this module's
//! code, and what only it uses (the tags request, its JSON decoding, the cell's views),
//! leave the main module and arrive when tags are first wanted. Other builds (the browser
//! tests, `trunk serve`) have no splitter, so [`load`] answers at once.

use std::collections::VecDeque;

use leptos::prelude::*;

use super::{Known, ListTags};
use crate::api::Api;

/// Tags read at the same time (browsers open about six connections to one server; the
/// list itself and the other pages keep some).
const AT_ONCE: usize = 4;

/// The loaded code, as plain function pointers: they cross from the split-off module
/// into the main one without any of this module's types.
#[derive(Debug, Clone, Copy)]
pub(super) struct Reader {
    /// Starts reads of the queued profiles while fewer than [`AT_ONCE`] are under way.
    pub pump: fn(ListTags, &Api),
    /// A profile's cell in the Tags column, from what is known of its tags.
    pub cell: fn(Option<Known>) -> AnyView,
}

/// This module's functions.
const READER: Reader = Reader {
    pump,
    cell: tags_cell,
};

/// Fetches the reading code (in the release bundle) and answers it; `Err` when it did
/// not arrive.
#[cfg(wasm_split)]
pub(super) async fn load() -> Result<Reader, ()> {
    use leptos::wasm_split::{SplitLoaderError, wasm_split};
    #[wasm_split(list_tags, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn list_tags() -> Result<Reader, SplitLoaderError> {
        Ok(READER)
    }
    list_tags().await.map_err(|_| ())
}

/// The reading code (nothing to fetch without the splitter).
#[cfg(not(wasm_split))]
#[allow(clippy::unused_async)] // The same signature as the split build's.
pub(super) async fn load() -> Result<Reader, ()> {
    Ok(READER)
}

/// Starts reads while fewer than [`AT_ONCE`] are under way.
fn pump(tags: ListTags, api: &Api) {
    while tags.reading.get_value() < AT_ONCE {
        let Some(name) = tags.queue.try_update_value(VecDeque::pop_front).flatten() else {
            return;
        };
        let domain = tags.domain.get_value();
        tags.reading.update_value(|n| *n += 1);
        let api = api.clone();
        leptos::task::spawn_local(async move {
            let answer = api.profile_tags(&domain, &name).await;
            // The list may be gone by now, or showing another domain.
            if tags
                .reading
                .try_update_value(|n| *n = n.saturating_sub(1))
                .is_none()
            {
                return;
            }
            if tags.domain.get_value() == domain {
                let known = match answer {
                    Ok(tags) => Known::Tags(tags.tags),
                    Err(error) => Known::Failed(error.message()),
                };
                tags.known.try_update(|all| all.insert(name, known));
            }
            pump(tags, &api);
        });
    }
}

/// A profile's tags in the list's Tags column.
fn tags_cell(known: Option<Known>) -> AnyView {
    match known {
        None | Some(Known::Reading) => view! { <span class="muted">"Reading…"</span> }.into_any(),
        Some(Known::Failed(why)) => {
            view! { <span class="text-error" title=why>"Not read"</span> }.into_any()
        }
        Some(Known::Tags(tags)) if tags.is_empty() => {
            view! { <span class="muted">"—"</span> }.into_any()
        }
        Some(Known::Tags(tags)) => {
            let items = tags
                .into_iter()
                .map(|t| {
                    let text = format!(
                        "{}={}",
                        t.key.unwrap_or_default(),
                        t.value.unwrap_or_default()
                    );
                    view! { <li class="tag">{text}</li> }
                })
                .collect_view();
            view! { <ul class="tag-list">{items}</ul> }.into_any()
        }
    }
}
