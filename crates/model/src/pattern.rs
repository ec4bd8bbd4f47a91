//! Regular-expression patterns of the service model, as precompiled automata.
//!
//! The model's patterns use Java syntax and are matched against the whole value. The
//! generator translates each one into `regex` syntax with the same meaning and builds an
//! anchored whole-value DFA from it (`xtask/src/codegen/automata.rs`), embedded in its
//! serialized sparse form from `generated/patterns/`. At run time a pattern loads its
//! automaton on first use (`from_bytes` checks the bytes and reads them in place) and
//! lays it out for fast walking (`pattern/layout.rs`): no regex compiler ships in the
//! browser bundle, and the browser and the proxy decide every value alike.

mod layout;

use std::fmt;
use std::sync::OnceLock;

use regex_automata::Anchored;
use regex_automata::dfa::{Automaton, sparse};
use regex_automata::util::primitives::StateID;
use regex_automata::util::start;

use layout::Layout;

/// A loaded automaton.
#[allow(
    clippy::large_enum_variant,
    reason = "one a pattern, in a static: boxing would only add a load to every match"
)]
enum Loaded {
    /// Laid out for walking (every automaton of the current model).
    Layout(Layout),
    /// Too big to lay out: walked in its serialized form, from its anchored start state.
    Sparse(sparse::DFA<&'static [u8]>, StateID),
}

/// One pattern of the model, with its precompiled automaton.
pub struct Pattern {
    /// The pattern as the model writes it (shown to people in messages).
    source: &'static str,
    /// The same language in `regex` syntax, without anchors: what the automaton decides.
    translated: &'static str,
    /// The serialized automaton (sparse, little-endian).
    automaton: &'static [u8],
    /// The automaton, loaded on first use; `None` if the bytes do not load (a generator
    /// or version mismatch, caught by the tests).
    loaded: OnceLock<Option<Loaded>>,
}

impl Pattern {
    /// Declares a pattern; used by the generated rules.
    pub(crate) const fn new(
        source: &'static str,
        translated: &'static str,
        automaton: &'static [u8],
    ) -> Self {
        Self {
            source,
            translated,
            automaton,
            loaded: OnceLock::new(),
        }
    }

    /// The pattern as written in the service model.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// The pattern in `regex` syntax with the service's meaning (Java's `\d`, `\s`, `.`
    /// spelled out), without anchors: the language the automaton decides.
    pub fn translated(&self) -> &'static str {
        self.translated
    }

    /// Whether the whole of `value` matches, as the service's `matches()` would decide.
    ///
    /// An automaton that does not load (a generator bug, caught by the tests) matches
    /// nothing rather than panicking in a user's browser.
    pub fn matches(&self, value: &str) -> bool {
        match self.loaded() {
            Some(Loaded::Layout(layout)) => layout.matches(value),
            Some(Loaded::Sparse(dfa, start)) => whole_match(dfa, *start, value),
            None => false,
        }
    }

    /// Whether the embedded automaton loads (checked for every pattern by a test).
    pub fn loads(&self) -> bool {
        self.loaded().is_some()
    }

    fn loaded(&self) -> Option<&Loaded> {
        self.loaded
            .get_or_init(|| {
                let (dfa, _) = sparse::DFA::from_bytes(self.automaton).ok()?;
                // The generator builds anchored start states only.
                let start = dfa
                    .start_state(&start::Config::new().anchored(Anchored::Yes))
                    .ok()?;
                Some(match Layout::build(&dfa, start, dfa.byte_classes()) {
                    Some(layout) => Loaded::Layout(layout),
                    None => Loaded::Sparse(dfa, start),
                })
            })
            .as_ref()
    }
}

/// Whether `dfa`, from `start`, accepts the whole of `value`.
///
/// The pattern ends in `$`, so only the end of the value can lead to a match: the walk
/// needs no match checks on the way, only one at the end (a DFA reports a match one step
/// late, on the end-of-input transition). The automata have no quit bytes, and a dead
/// state stops the walk early.
fn whole_match(dfa: &impl Automaton, start: StateID, value: &str) -> bool {
    let mut state = start;
    for &byte in value.as_bytes() {
        state = dfa.next_state(state, byte);
        if dfa.is_dead_state(state) {
            return false;
        }
    }
    dfa.is_match_state(dfa.next_eoi_state(state))
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let walk = match self.loaded.get() {
            None => "not loaded yet",
            Some(None) => "does not load",
            Some(Some(Loaded::Layout(layout))) if layout.has_quads() => "four bytes a step",
            Some(Some(Loaded::Layout(_))) => "a byte a step",
            Some(Some(Loaded::Sparse(..))) => "through the sparse form",
        };
        f.debug_struct("Pattern")
            .field("source", &self.source)
            .field("automaton_bytes", &self.automaton.len())
            .field("walk", &walk)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    /// The patterns of every generated service module.
    fn every_pattern() -> impl Iterator<Item = &'static Pattern> {
        rules::ALL_PATTERNS
            .iter()
            .chain(crate::identitystore::rules::ALL_PATTERNS)
            .chain(crate::sso_admin::rules::ALL_PATTERNS)
            .copied()
    }

    /// Every value of up to three characters from a mix of the patterns' edge characters.
    fn short_values() -> Vec<String> {
        let chars = [
            'a', 'Z', '0', '-', '.', '/', ':', ' ', '\n', 'é', '日', '😀',
        ];
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..3 {
            last = last
                .iter()
                .flat_map(|v| chars.iter().map(move |c| format!("{v}{c}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn the_layout_decides_as_the_serialized_automaton_does() {
        // Short values, and every prefix of typical ones (long enough for four-byte steps).
        let mut values = short_values();
        for typical in [
            "https://git.example.com/team/repo.git",
            "arn:aws:iam::123456789012:role/Analyst",
            "arn:aws:sagemaker:us-east-1:123456789012:studio-lifecycle-config/x",
            "d-abcdef123456",
            "kernel-gateway-image-12",
            "team:key-1 é日",
            "2.1.0-beta+5",
            "UserName",
        ] {
            values.extend(
                (0..=typical.len())
                    .filter_map(|i| typical.get(..i))
                    .map(str::to_owned),
            );
        }
        for p in every_pattern() {
            let (dfa, _) = sparse::DFA::from_bytes(p.automaton).unwrap();
            let start = dfa
                .start_state(&start::Config::new().anchored(Anchored::Yes))
                .unwrap();
            // An automaton too big to lay out is walked in its serialized form (below).
            let Some(layout) = Layout::build(&dfa, start, dfa.byte_classes()) else {
                continue;
            };
            for value in &values {
                assert_eq!(
                    layout.matches(value),
                    whole_match(&dfa, start, value),
                    "{value:?} against {}",
                    p.source()
                );
            }
        }
    }

    #[test]
    fn the_serialized_walk_agrees_with_the_regex_engine() {
        for p in every_pattern() {
            let (dfa, _) = sparse::DFA::from_bytes(p.automaton).unwrap();
            let start = dfa
                .start_state(&start::Config::new().anchored(Anchored::Yes))
                .unwrap();
            let oracle = regex::Regex::new(&format!("^(?:{})$", p.translated())).unwrap();
            for value in short_values() {
                assert_eq!(
                    whole_match(&dfa, start, &value),
                    oracle.is_match(&value),
                    "{value:?} against {}",
                    p.source()
                );
            }
        }
    }

    #[test]
    fn bytes_that_are_no_automaton_match_nothing() {
        let broken = Pattern::new("x", "x", b"not an automaton");
        assert!(!broken.loads());
        assert!(!broken.matches("x"));
    }
}
