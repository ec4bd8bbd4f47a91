//! Precompiled automata for the model's patterns: each pattern becomes an anchored
//! whole-value DFA (`^(?:…)$`), minimized, and serialized little-endian in its sparse
//! form into a file the model crate embeds and loads with `from_bytes` (so the program
//! carries no regex compiler).
//!
//! The sparse form is the smaller for every pattern of the model (two to fifteen times:
//! the Unicode tag pattern takes 11 KiB instead of 167 KiB) and needs no alignment; the
//! model crate lays each automaton out for speed when it first uses it.
//!
//! The model crate and this generator must use the same `regex-automata` release line
//! (0.4): its serialization format is what they share. The model's tests check every
//! embedded automaton against the `regex` crate, so a mismatch cannot go unnoticed.

use anyhow::{Context, Result};
use regex_automata::MatchKind;
use regex_automata::dfa::{StartKind, dense, sparse};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_syntax::hir::{Hir, Look};

use super::separated_groups;

/// Most memory determinizing one pattern may take, and most bytes its dense automaton
/// may have; the largest (the bounded repository URL) takes about 0.3 MiB.
const SIZE_LIMIT: usize = 16 << 20;

/// Builds the automaton deciding whether a whole value matches `translated` (regex
/// syntax, as `translate_pattern` writes it), serialized.
pub fn build(translated: &str) -> Result<Vec<u8>> {
    let hir = regex_syntax::Parser::new()
        .parse(translated)
        .with_context(|| format!("parsing {translated:?}"))?;
    // Same language, but determinizable (see separated_groups.rs).
    let hir = separated_groups::rewrite(&hir);
    let whole = Hir::concat(vec![Hir::look(Look::Start), hir, Hir::look(Look::End)]);
    let nfa = thompson::Compiler::new()
        .configure(thompson::Config::new().which_captures(WhichCaptures::None))
        .build_from_hir(&whole)
        .with_context(|| format!("compiling {translated:?}"))?;
    let dfa = dense::Builder::new()
        .configure(
            dense::Config::new()
                // Every match ends at the end of the value, so any match will do.
                .match_kind(MatchKind::All)
                .start_kind(StartKind::Anchored)
                .minimize(true)
                // Acceleration only serves regex-automata's own search loop.
                .accelerate(false)
                .determinize_size_limit(Some(SIZE_LIMIT))
                .dfa_size_limit(Some(SIZE_LIMIT)),
        )
        .build_from_nfa(&nfa)
        .with_context(|| format!("determinizing {translated:?}"))?;
    let sparse: sparse::DFA<Vec<u8>> = dfa
        .to_sparse()
        .with_context(|| format!("sparse form of {translated:?}"))?;
    Ok(sparse.to_bytes_little_endian())
}

#[cfg(test)]
mod tests {
    use regex_automata::dfa::Automaton as _;
    use regex_automata::{Anchored, Input};

    use super::*;

    fn matches(automaton: &[u8], value: &str) -> bool {
        let (dfa, _) = sparse::DFA::from_bytes(automaton).unwrap();
        let input = Input::new(value).anchored(Anchored::Yes);
        dfa.try_search_fwd(&input).unwrap().is_some()
    }

    #[test]
    fn a_pattern_becomes_a_whole_value_automaton() {
        let automaton = build("[a-z](-*[a-z]){0,3}").unwrap();
        assert!(matches(&automaton, "a-b--c"));
        assert!(
            !matches(&automaton, "a-b--c-"),
            "the whole value must match"
        );
        assert!(!matches(&automaton, "abcde"), "at most four letters");
    }

    #[test]
    fn unicode_classes_are_decided_on_the_bytes_of_their_characters() {
        let automaton = build(r"[\p{L}\p{N}]*").unwrap();
        assert!(matches(&automaton, "Ünïcödé٣"));
        assert!(!matches(&automaton, "a b"));
        assert!(!matches(&automaton, "😀"));
    }

    #[test]
    fn the_repository_url_pattern_builds_with_its_bound() {
        let automaton = build(r"https://([.\-_a-zA-Z0-9]+/?){3,1016}").unwrap();
        assert!(matches(
            &automaton,
            &format!("https://{}", "a/".repeat(1016))
        ));
        assert!(!matches(
            &automaton,
            &format!("https://{}", "a/".repeat(1017))
        ));
        assert!(matches(
            &automaton,
            &format!("https://{}", "a".repeat(5000))
        ));
        assert!(!matches(&automaton, "https://ab"));
    }

    #[test]
    fn the_same_pattern_always_gives_the_same_bytes() {
        let pattern = r"arn:aws[a-z\-]*:iam::[0-9]{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+";
        assert_eq!(build(pattern).unwrap(), build(pattern).unwrap());
    }
}
