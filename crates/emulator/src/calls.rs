//! The log of the calls the emulator answered: which operation, on what (the request's
//! identifying members), and how it ended. Tests read it to prove by counting that a
//! client created something once, or sent a delete no more than it should.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// The request members that name what a call acts on (whichever the request has).
const IDENTIFYING_MEMBERS: &[&str] = &[
    "DomainId",
    "DomainIdEquals",
    "UserProfileName",
    "UserProfileNameEquals",
    "SpaceName",
    "AppType",
    "AppName",
    "ResourceArn",
];

/// How a call ended, as the client saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallOutcome {
    /// Answered with success.
    Ok,
    /// Carried out, but answered with an injected `InternalFailure`: the client cannot
    /// tell that it succeeded (a lost answer).
    AnswerLost,
    /// Refused or failed with this error code (nothing was changed).
    Error(String),
}

/// One call the emulator answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The operation (`CreateUserProfile`).
    pub operation: String,
    /// The identifying members of the request (`DomainId`, `UserProfileName`, ...).
    pub ids: BTreeMap<String, String>,
    /// How it ended.
    pub outcome: CallOutcome,
    /// Emulator time when it was answered.
    pub at: Duration,
}

impl Call {
    /// The identifying member `name`, if the request had it.
    pub fn id(&self, name: &str) -> Option<&str> {
        self.ids.get(name).map(String::as_str)
    }

    /// Whether the call changed something (it succeeded, whether or not its answer
    /// arrived).
    pub fn took_effect(&self) -> bool {
        matches!(self.outcome, CallOutcome::Ok | CallOutcome::AnswerLost)
    }
}

/// The calls so far, oldest first.
#[derive(Debug, Default)]
pub(crate) struct CallLog(Mutex<Vec<Call>>);

impl CallLog {
    /// Records a call of `operation` with `body` (its identifying members are kept).
    pub(crate) fn record(&self, operation: &str, body: &[u8], outcome: CallOutcome, at: Duration) {
        let ids = serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|v| v.as_object().cloned())
            .map(|members| {
                IDENTIFYING_MEMBERS
                    .iter()
                    .filter_map(|name| {
                        let value = members.get(*name)?.as_str()?;
                        Some(((*name).to_owned(), value.to_owned()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Call {
                operation: operation.to_owned(),
                ids,
                outcome,
                at,
            });
    }

    /// A copy of every call so far.
    pub(crate) fn snapshot(&self) -> Vec<Call> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}
