//! `GET /api/session` (who is signed in), `POST /api/session` (sign in) and the demo
//! accounts offered on the sign-in page.

use serde::{Deserialize, Serialize};

use crate::access::{Role, User};
use crate::time::EpochMillis;

/// Who is signed in, and what the browser needs to act for them: the answer of
/// `GET /api/session` and of a successful `POST /api/session`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// The signed-in person, or null when nobody is.
    pub user: Option<User>,
    /// The token every state-changing request carries in `X-CSRF-Token` (null when none
    /// is needed or nobody is signed in).
    pub csrf_token: Option<String>,
    /// When the session ends (null for reverse-proxy and open identities).
    pub expires_at: Option<EpochMillis>,
    /// Accounts offered for one-click sign-in (demo mode only; empty otherwise).
    #[serde(default)]
    pub demo_accounts: Vec<DemoAccount>,
}

/// A demo account offered on the sign-in page (`--demo` only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoAccount {
    /// The sign-in name.
    pub name: String,
    /// Its role.
    pub role: Role,
    /// Its password (public: these accounts exist only in demo mode).
    pub password: String,
}

/// The body of `POST /api/session`. No `Debug`: it holds a password.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    /// The sign-in name.
    pub name: String,
    /// The password.
    pub password: String,
}
