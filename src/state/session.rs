//! Who is signed in, what they may do, and the demo accounts on offer: read from
//! `GET /api/session` when the app starts, changed by signing in and out, and by the API
//! client when the server says the session ended.
//!
//! The `may_*` questions hide what the person cannot do (the server refuses it anyway;
//! the page should not offer dead buttons). Pieces of the app mounted without a session
//! (the browser tests of one page) are asked by nobody in particular and may do
//! everything.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::types::{Permission, Role, SessionInfo, User};
use crate::api::{Api, ApiError};

/// What the app knows about the session.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    /// The first answer has not come yet.
    Loading,
    /// The server could not be asked.
    Failed(ApiError),
    /// The server's answer (its `user` is `None` when nobody is signed in).
    Known(SessionInfo),
}

/// Whether the app can show its pages, in one comparable value (pages are drawn again
/// only when this changes, not when the CSRF token does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gate {
    /// Reading the session.
    Loading,
    /// The session could not be read; the reason.
    Failed(String),
    /// Nobody is signed in: the sign-in page.
    SignedOut,
    /// Someone is signed in (their name).
    SignedIn(String),
}

/// The session, shared by every page.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    /// What is known now.
    pub state: RwSignal<SessionState>,
    /// The signed-in person (`None` while loading or signed out).
    pub user: Memo<Option<User>>,
    /// What the app shows.
    pub gate: Memo<Gate>,
}

impl Session {
    /// Reads the session with `api` and makes it available below; `api` tells it when the
    /// server says the session ended or changed.
    pub fn provide(api: &Api) -> Self {
        let state = RwSignal::new(SessionState::Loading);
        let user = Memo::new(move |_| {
            state.with(|s| match s {
                SessionState::Known(info) => info.user.clone(),
                _ => None,
            })
        });
        let gate = Memo::new(move |_| {
            state.with(|s| match s {
                SessionState::Loading => Gate::Loading,
                SessionState::Failed(error) => Gate::Failed(error.to_string()),
                SessionState::Known(SessionInfo { user: None, .. }) => Gate::SignedOut,
                SessionState::Known(SessionInfo {
                    user: Some(user), ..
                }) => Gate::SignedIn(user.name.clone()),
            })
        });
        api.on_session(std::sync::Arc::new(move |info: Option<SessionInfo>| {
            match info {
                Some(info) => {
                    state.try_set(SessionState::Known(info));
                }
                None => {
                    state.try_update(|s| match s {
                        // Signed out by the server: the demo accounts stay on offer.
                        SessionState::Known(known) => {
                            known.user = None;
                            known.csrf_token = None;
                        }
                        other => *other = SessionState::Known(SessionInfo::default()),
                    });
                }
            }
        }));
        let session = Self { state, user, gate };
        provide_context(session);
        session.reload(api.clone());
        session
    }

    /// The app's session, when it provides one.
    pub fn get() -> Option<Self> {
        use_context::<Self>()
    }

    /// Reads the session again.
    pub fn reload(self, api: Api) {
        spawn_local(async move {
            let state = match api.session().await {
                Ok(info) => SessionState::Known(info),
                Err(error) => SessionState::Failed(error),
            };
            self.state.try_set(state);
        });
    }

    /// Takes the answer of a sign-in.
    pub fn signed_in(self, info: SessionInfo) {
        self.state.set(SessionState::Known(info));
    }

    /// Signs out, then shows the sign-in page (also when the server could not be told:
    /// the person asked to leave).
    pub fn sign_out(self, api: Api) {
        spawn_local(async move {
            let _ = api.sign_out().await;
            self.reload(api);
        });
    }

    /// The demo accounts on offer (demo mode).
    pub fn demo_accounts(self) -> Vec<crate::api::types::DemoAccount> {
        self.state.with(|s| match s {
            SessionState::Known(info) => info.demo_accounts.clone(),
            _ => Vec::new(),
        })
    }
}

/// Answers `check` about the signed-in person (reactive); `true` without a session (a
/// page mounted alone), `false` while nobody is signed in.
fn may(check: impl FnOnce(&User) -> bool) -> bool {
    match Session::get() {
        None => true,
        Some(session) => session.user.with(|u| u.as_ref().is_some_and(check)),
    }
}

/// The signed-in person's role (admin without a session, as [`may`] assumes).
pub fn current_role() -> Option<Role> {
    match Session::get() {
        None => Some(Role::Admin),
        Some(session) => session.user.with(|u| u.as_ref().map(|u| u.role)),
    }
}

/// Whether the person holds `permission` in `domain` (empty: in any of theirs), as the
/// server will decide it.
pub fn may_in(permission: Permission, domain: &str) -> bool {
    may(|u| {
        if domain.is_empty() {
            u.may(permission)
        } else {
            u.may_in(permission, domain)
        }
    })
}

/// Why the person may not do `permission` in `domain` (empty: in any of theirs), in the
/// words the server refuses with (`requires the lead role in domain d-…`); `None` when
/// they may (and without a session, as [`may`] answers).
pub fn refusal(permission: Permission, domain: &str) -> Option<String> {
    (!may_in(permission, domain))
        .then(|| permission.requirement(Some(domain).filter(|d| !d.is_empty())))
}

/// Whether the person may create, edit and delete profiles in `domain`.
pub fn may_change_profiles(domain: &str) -> bool {
    may_in(Permission::ChangeProfiles, domain)
}

/// Whether the person may get a Studio sign-in link for `profile` in `domain`: admins
/// for anyone, others only for themselves.
pub fn may_open_studio(domain: &str, profile: &str) -> bool {
    may(|u| u.may_open_studio(domain, profile))
}

/// Whether the person asks for profiles instead of creating them (requesters).
pub fn asks_for_profiles() -> bool {
    Session::get().is_some() && current_role() == Some(Role::Requester)
}

/// Whether the person may submit onboarding requests (for their own profile).
pub fn may_request() -> bool {
    may_in(Permission::RequestOwn, "")
}

/// Whether the person decides onboarding requests and sets domain policies (in
/// `domain`; empty: in any of theirs).
pub fn may_decide(domain: &str) -> bool {
    may_in(Permission::DecideRequests, domain)
}

/// Whether the person may read the audit log.
pub fn may_audit() -> bool {
    may_in(Permission::ReadAudit, "")
}
