//! The frame of every page: a section labelled by its title, the head (the way back,
//! the title, what the page is for, its actions) and the body. A page that needs a
//! permission shows a person who lacks it only its title and why, in the words the
//! server refuses with, and what they can do instead; none of its controls, and none of
//! its data is asked for (the body, where it is loaded, is not drawn).

use leptos::prelude::*;

use super::NotAllowed;
use crate::api::types::Permission;
use crate::state::{refusal, role_phrase};

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
}

/// One step of the way back to where a page belongs.
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

/// A page: the way back, the title (its id labels the section), what the page is for,
/// its actions, then its body. With `needs`, a person who lacks the permission sees the
/// title and [`Refused`] in place of everything else.
#[component]
pub fn Page(
    /// The title's element id (it labels the section).
    title_id: &'static str,
    /// The title.
    #[prop(into)]
    title: TextProp,
    /// Beside the title (a status).
    #[prop(optional, into)]
    badge: Option<ViewFn>,
    /// What the page is for, under the title.
    #[prop(optional, into)]
    description: Option<ViewFn>,
    /// The way back, above the title; the last step is the page itself.
    #[prop(optional)]
    crumbs: Vec<Crumb>,
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
    let refused = Memo::new(move |_| needs.and_then(Needs::refusal));
    let allowed = move || refused.with(Option::is_none);
    // Each part is drawn again only when the answer changes (or what it reads itself).
    let crumbs = move || (allowed() && !crumbs.is_empty()).then(|| crumbs_view(&crumbs));
    let badge = move || badge.as_ref().filter(|_| allowed()).map(ViewFn::run);
    let description = move || {
        let description = description.as_ref().filter(|_| allowed())?;
        Some(view! { <p class="page-description">{description.run()}</p> })
    };
    let actions = move || {
        let actions = actions.as_ref().filter(|_| allowed())?;
        Some(view! { <div class="actions">{actions.run()}</div> })
    };
    let body = move || match refused.get() {
        None => children.as_ref().map(|body| body()).into_any(),
        Some(reason) => refusal_view("This page", &reason, instead.as_ref()),
    };
    view! {
        <section class="page" aria-labelledby=title_id>
            {crumbs}
            <div class="page-head">
                <div>
                    <h1 id=title_id class="page-title">
                        {move || title.get()}
                        {badge}
                    </h1>
                    {description}
                </div>
                {actions}
            </div>
            {body}
        </section>
    }
}

/// The way back as links, the last step being the page itself.
fn crumbs_view(crumbs: &[Crumb]) -> AnyView {
    let steps = crumbs
        .iter()
        .map(|crumb| {
            let label = crumb.label;
            match crumb.href {
                Some(href) => view! {
                    <a href=move || href.get()>{move || label.get()}</a>
                    <span aria-hidden="true">" › "</span>
                }
                .into_any(),
                None => view! { <span aria-current="page">{move || label.get()}</span> }.into_any(),
            }
        })
        .collect_view();
    view! { <nav class="breadcrumbs" aria-label="Breadcrumbs">{steps}</nav> }.into_any()
}

/// In place of what the person's role does not allow: what, why (in the words the server
/// refuses with), and what they can do instead. Shows nothing while they may.
#[component]
pub fn Refused(
    /// What is refused, as a sentence starts (`This page`, `Deleting a profile`).
    what: &'static str,
    /// What it needs.
    needs: Needs,
    /// What the person can do instead; by default, who can give them the role, and the
    /// way to the domains.
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
    let instead = instead.map_or_else(elsewhere, ViewFn::run);
    view! { <NotAllowed title=format!("{what} {reason}.")>{instead}</NotAllowed> }.into_any()
}

/// What anyone refused can do: ask an admin for the role, or work elsewhere.
fn elsewhere() -> AnyView {
    let who = role_phrase().map(|role| format!("You are signed in as {role}. "));
    view! {
        <p>{who} "An admin can give you the role it needs."</p>
        <p>
            <a href="/domains">"Back to the domains"</a>
        </p>
    }
    .into_any()
}
