//! Breadcrumbs: the way back from a page to where it belongs, for [`super::Page`].

use leptos::prelude::*;

/// One step of the way back.
#[derive(Debug, Clone)]
pub struct Crumb {
    /// Its words.
    label: Signal<String>,
    /// Where it leads; `None` for the page itself (the last step).
    href: Option<Signal<String>>,
}

impl Crumb {
    /// A step back to `href`.
    pub fn link(label: impl Into<Signal<String>>, href: impl Into<Signal<String>>) -> Self {
        Self {
            label: label.into(),
            href: Some(href.into()),
        }
    }

    /// The page itself.
    pub fn here(label: impl Into<Signal<String>>) -> Self {
        Self {
            label: label.into(),
            href: None,
        }
    }
}

/// The way back as links, the last step being the page itself (a page's `crumbs`).
pub fn trail(steps: Vec<Crumb>) -> ViewFn {
    ViewFn::from(move || {
        let steps = steps
            .iter()
            .map(|crumb| {
                let label = crumb.label;
                match crumb.href {
                    Some(href) => view! {
                        <a href=move || href.get()>{move || label.get()}</a>
                        <span aria-hidden="true">" › "</span>
                    }
                    .into_any(),
                    None => {
                        view! { <span aria-current="page">{move || label.get()}</span> }.into_any()
                    }
                }
            })
            .collect_view();
        view! { <nav class="breadcrumbs" aria-label="Breadcrumbs">{steps}</nav> }
    })
}
