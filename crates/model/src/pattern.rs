//! Regular-expression patterns of the service model.
//!
//! The model's patterns use Java syntax and are matched against the whole value. The
//! generator translates each one into `regex` syntax with the same meaning (see
//! `xtask/src/codegen.rs`); this type keeps both forms and compiles lazily, so a page that
//! never validates a given member never pays for its automaton.

use std::sync::OnceLock;

use regex::Regex;

/// One pattern of the model, compiled on first use.
#[derive(Debug)]
pub struct Pattern {
    /// The pattern as the model writes it (shown to people in messages).
    source: &'static str,
    /// The same language in `regex` syntax, without anchors.
    translated: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    /// Declares a pattern; used by the generated rules.
    pub const fn new(source: &'static str, translated: &'static str) -> Self {
        Self {
            source,
            translated,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern as written in the service model.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether the whole of `value` matches, as the service's `matches()` would decide.
    ///
    /// A translated pattern that fails to compile (a generator bug, caught by the
    /// conformance tests) matches nothing rather than panicking in a user's browser.
    pub fn matches(&self, value: &str) -> bool {
        self.compiled
            .get_or_init(|| Regex::new(&format!("^(?:{})$", self.translated)).ok())
            .as_ref()
            .is_some_and(|re| re.is_match(value))
    }

    /// Whether the translated pattern compiles (checked for every pattern by a test).
    pub fn compiles(&self) -> bool {
        self.compiled
            .get_or_init(|| Regex::new(&format!("^(?:{})$", self.translated)).ok())
            .is_some()
    }
}
