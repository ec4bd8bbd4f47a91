//! The top bar: a skip link, the product name, the main navigation (only what the
//! signed-in person may use), the domain they work in, and who is signed in with a way
//! out.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::PRODUCT_NAME;
use crate::api::use_api;
use crate::state::{
    Domains, Session, asks_for_profiles, domain_label, may_audit, may_change_profiles, may_decide,
    may_request,
};

/// The app's header. Links into a domain lead into the chosen one, or to the domain
/// picker while none is chosen. "Add user" is "Request a profile" for requesters.
#[component]
pub fn AppHeader() -> impl IntoView {
    let domains = Domains::get();
    let session = Session::get();
    let chosen = move || domains.and_then(|d| d.chosen.get());
    let into_domain = move |page: &'static str| {
        move || match chosen() {
            Some(id) => format!("/domains/{id}/{page}"),
            None => "/domains".to_owned(),
        }
    };
    let domain_name = move || {
        let domains = domains?;
        let id = domains.chosen.get()?;
        Some(domains.find(&id).map_or(id, |d| domain_label(&d)))
    };
    let signed_in = move || session.is_none_or(|s| s.user.with(Option::is_some));
    // With no domain chosen yet, the links into a domain lead to the picker; they are
    // offered when the person may act in some domain.
    let may_add = move || {
        !asks_for_profiles()
            && chosen().map_or_else(|| may_decide(""), |id| may_change_profiles(&id))
    };
    let may_policy = move || chosen().map_or_else(|| may_decide(""), |id| may_decide(&id));
    let nav = move || {
        signed_in().then(|| {
            view! {
                <nav class="app-nav" aria-label="Main">
                    <ul>
                        <NavLink when=true href="/domains" label="Domains" exact=true />
                        <NavLink when=true href=into_domain("profiles") label="Profiles" exact=true />
                        <NavLink when=true href=into_domain("running") label="Running now" exact=true />
                        <NavLink when=may_add href=into_domain("add-user") label="Add user" />
                        <NavLink
                            when=asks_for_profiles
                            href=into_domain("request")
                            label="Request a profile"
                        />
                        <NavLink when=may_request href=|| "/requests/mine".to_owned() label="My requests" exact=true />
                        <NavLink when=|| may_decide("") href=|| "/requests".to_owned() label="Requests" exact=true />
                        <NavLink when=may_policy href=into_domain("policy") label="Policy" />
                        <NavLink when=may_audit href=|| "/audit".to_owned() label="Audit log" />
                    </ul>
                </nav>
            }
        })
    };
    view! {
        <a class="skip-link" href="#main-content">
            "Skip to main content"
        </a>
        <header class="app-header">
            <a class="app-header-name" href="/">
                {PRODUCT_NAME}
            </a>
            <span class="app-header-tagline">"SageMaker Studio user profiles"</span>
            {nav}
            {move || {
                signed_in()
                    .then(domain_name)
                    .flatten()
                    .map(|name| {
                        view! {
                            <span class="app-header-domain">
                                <span class="app-header-domain-label">"Domain "</span>
                                <strong>{name}</strong>
                            </span>
                        }
                    })
            }}
            <WhoIsSignedIn />
        </header>
    }
}

/// A link of the main navigation, shown while `when` holds. Its props are signals, not
/// closures: one copy of its code serves every link (a generic component would be
/// compiled once per link, into the panel's first download).
#[component]
fn NavLink(
    /// Whether the person may use the page.
    #[prop(into)]
    when: Signal<bool>,
    /// Where it leads.
    #[prop(into)]
    href: Signal<String>,
    /// The link's text.
    label: &'static str,
    /// Current only on exactly this address (not on the addresses below it).
    #[prop(optional)]
    exact: bool,
) -> impl IntoView {
    view! {
        <Show when=move || when.get()>
            <li>
                <A href=move || href.get() exact=exact>
                    {label}
                </A>
            </li>
        </Show>
    }
}

/// Who is signed in, with their role, and the Sign out button (nothing without a
/// session, or while nobody is signed in).
#[component]
fn WhoIsSignedIn() -> impl IntoView {
    let api = use_api();
    let session = Session::get();
    move || {
        let session = session?;
        let user = session.user.get()?;
        let api = api.clone();
        let leaving = RwSignal::new(false);
        let sign_out = move |_| {
            leaving.set(true);
            session.sign_out(api.clone());
        };
        Some(view! {
            <div class="app-header-user">
                <span class="app-header-user-name" id="signed-in-as">
                    <span class="visually-hidden">"Signed in as "</span>
                    <strong>{user.name.clone()}</strong>
                    " "
                    <span class="badge badge-neutral" id="signed-in-role">{user.role.as_str()}</span>
                </span>
                <button
                    type="button"
                    class="button button-link app-header-sign-out"
                    id="sign-out"
                    aria-disabled=move || leaving.get().to_string()
                    on:click=sign_out
                >
                    "Sign out"
                </button>
            </div>
        })
    }
}
