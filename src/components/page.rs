//! The frame of every page: a section labelled by its title, the head (the way back,
//! the title, what the page is for, its actions) and the body. A page that needs a
//! permission shows a person who lacks it only its title and why, in the words the
//! server refuses with, and what they can do instead; none of its controls, and none of
//! its data is asked for (the body, where it is loaded, is not drawn).

use leptos::prelude::*;

use crate::api::types::Permission;
use crate::state::{may_in, refusal};

/// What a page (or a part of one) needs the person to hold.
#[derive(Debug, Clone, Copy)]
pub struct Needs {
    /// The permission.
    pub permission: Permission,
    /// The domain it is needed in (followed as it changes); `None`: any of theirs.
    pub domain: Option<Signal<String>>,
}

impl Needs {
    /// `permission` in any of the person's domains.
    pub fn anywhere(permission: Permission) -> Self {
        Self {
            permission,
            domain: None,
        }
    }

    /// `permission` in the domain `domain` (its id).
    pub fn in_domain(permission: Permission, domain: impl Into<Signal<String>>) -> Self {
        Self {
            permission,
            domain: Some(domain.into()),
        }
    }

    /// Why the person may not (`requires the lead role in domain d-…`); `None` when they
    /// may. Reactive: it follows the session and the domain.
    pub fn refusal(self) -> Option<String> {
        let domain = self.domain.map(|d| d.get()).unwrap_or_default();
        refusal(self.permission, &domain)
    }

    /// Whether the person may (reactive, as [`Needs::refusal`]).
    pub fn allows(self) -> bool {
        let domain = self.domain.map(|d| d.get()).unwrap_or_default();
        may_in(self.permission, &domain)
    }
}

/// A page: the way back, the title (its id labels the section), what the page is for,
/// its actions, then its body. With `needs`, a person who lacks the permission sees the
/// title and [`Refused`] in place of everything else.
#[component]
pub fn Page(
    /// The title's element id (it labels the section).
    title_id: &'static str,
    /// The title.
    #[prop(into)]
    title: Signal<String>,
    /// Beside the title (a status).
    #[prop(optional, into)]
    badge: Option<ViewFn>,
    /// What the page is for, under the title.
    #[prop(optional, into)]
    description: Option<ViewFn>,
    /// The way back, above the title ([`super::trail`]).
    #[prop(optional, into)]
    crumbs: Option<ViewFn>,
    /// Buttons and links beside the title.
    #[prop(optional, into)]
    actions: Option<ViewFn>,
    /// What the person must hold to use the page (`None`: everyone may).
    #[prop(optional)]
    needs: Option<Needs>,
    /// What a refused person can do instead (see [`Refused`]).
    #[prop(optional, into)]
    instead: Option<ViewFn>,
    /// The page's body, drawn only for who may use it.
    #[prop(optional)]
    children: Option<ChildrenFn>,
) -> impl IntoView {
    let refusal = move || needs.and_then(Needs::refusal);
    let body = move || match (refusal(), &children) {
        (Some(reason), _) => refusal_view("This page", &reason, instead.as_ref()),
        (None, Some(body)) => body(),
        (None, None) => ().into_any(),
    };
    // The parts of the head are drawn only for who may use the page; their places stay.
    view! {
        <section class="page" aria-labelledby=title_id>
            {part(crumbs, needs)}
            <div class="page-head">
                <div>
                    <h1 id=title_id class="page-title">
                        {move || title.get()}
                        {part(badge, needs)}
                    </h1>
                    <p class="page-description">{part(description, needs)}</p>
                </div>
                <div class="actions">{part(actions, needs)}</div>
            </div>
            {body}
        </section>
    }
}

/// A part of the head, drawn while the person may use the page. One function for every
/// part, so that the app carries the code that draws them once.
fn part(view: Option<ViewFn>, needs: Option<Needs>) -> impl IntoView {
    move || match &view {
        Some(view) if needs.is_none_or(Needs::allows) => view.run(),
        _ => ().into_any(),
    }
}

/// In place of what the person's role does not allow: what, why (in the words the server
/// refuses with), what they can do instead, and who can give them the role. Shows
/// nothing while they may.
#[component]
pub fn Refused(
    /// What is refused, as a sentence starts (`This page`, `Deleting a profile`).
    what: &'static str,
    /// What it needs.
    needs: Needs,
    /// What the person can do instead (before who can give them the role).
    #[prop(optional, into)]
    instead: Option<ViewFn>,
) -> impl IntoView {
    move || {
        needs
            .refusal()
            .map(|reason| refusal_view(what, &reason, instead.as_ref()))
    }
}

/// See [`Refused`].
fn refusal_view(what: &str, reason: &str, instead: Option<&ViewFn>) -> AnyView {
    view! {
        <div class="state state-empty" role="status" id="not-allowed">
            <p class="state-title">{format!("{what} {reason}.")}</p>
            {instead.map(ViewFn::run)}
            <p>
                "An admin can give you the role it needs. "
                <a href="/domains">"Back to the domains"</a>
            </p>
        </div>
    }
    .into_any()
}
