//! Regular-expression patterns of the service model.
//!
//! The model's patterns use Java syntax and are matched against the whole value. The
//! generator translates each one into `regex` syntax with the same meaning (see
//! `xtask/src/codegen.rs`); this type keeps both forms and compiles lazily, so a page that
//! never validates a given member never pays for its automaton.
//!
//! In the browser the small `regex` engine decides. Natively (the proxy validates every
//! body) a precompiled automaton answers for values within the model's length limits
//! (see `pattern/automaton.rs`), and the regex engine for anything longer.

use std::sync::OnceLock;

use regex::Regex;

#[cfg(not(target_arch = "wasm32"))]
mod automaton;

/// One pattern of the model, compiled on first use.
#[derive(Debug)]
pub struct Pattern {
    /// The pattern as the model writes it (shown to people in messages).
    source: &'static str,
    /// The same language in `regex` syntax, without anchors.
    translated: &'static str,
    /// The most characters any shape using this pattern allows (`None`: unlimited).
    /// Lets the native automaton drop repetition bounds such values cannot reach.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    max_len: Option<i64>,
    /// The exact matcher; `None` if the translation does not compile (a generator bug).
    exact: OnceLock<Option<Regex>>,
    /// The native fast path; `None` if no automaton could be built for this pattern.
    #[cfg(not(target_arch = "wasm32"))]
    fast: OnceLock<Option<automaton::Automaton>>,
}

impl Pattern {
    /// Declares a pattern; used by the generated rules.
    pub const fn new(source: &'static str, translated: &'static str, max_len: Option<i64>) -> Self {
        Self {
            source,
            translated,
            max_len,
            exact: OnceLock::new(),
            #[cfg(not(target_arch = "wasm32"))]
            fast: OnceLock::new(),
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
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(fast) = self.fast() {
            // Characters never outnumber bytes, so the byte length usually settles it.
            let within = fast
                .max_chars
                .is_none_or(|max| value.len() <= max || value.chars().count() <= max);
            if within {
                return fast.matches(value);
            }
        }
        self.matches_exactly(value)
    }

    /// The regex engine's answer alone (what the browser uses; tests compare the two).
    pub fn matches_exactly(&self, value: &str) -> bool {
        self.exact().as_ref().is_some_and(|re| re.is_match(value))
    }

    /// Whether the translated pattern compiles (checked for every pattern by a test).
    pub fn compiles(&self) -> bool {
        self.exact().is_some()
    }

    fn exact(&self) -> &Option<Regex> {
        self.exact
            .get_or_init(|| Regex::new(&format!("^(?:{})$", self.translated)).ok())
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn fast(&self) -> Option<&automaton::Automaton> {
        self.fast
            .get_or_init(|| {
                let max_chars = self.max_len.and_then(|m| usize::try_from(m).ok());
                automaton::Automaton::build(self.translated, max_chars)
            })
            .as_ref()
    }

    /// Whether a native automaton answers for this pattern (else the regex engine does).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn has_fast_path(&self) -> bool {
        self.fast().is_some()
    }
}
