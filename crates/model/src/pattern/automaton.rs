//! The native fast path of [`Pattern`](super::Pattern): a precompiled automaton (DFA)
//! that decides a whole value in a few table lookups.
//!
//! A request can carry 800 custom images, each with two names to match; with a general
//! regex engine that alone costs more than the whole validation budget. Three things
//! make it cheap:
//!
//! - The model bounds repetitions that its length limits already bound (`(-*[a-z0-9]){0,62}`
//!   in a 63-character name). For values within the limit the bound can never be reached,
//!   so it is dropped ([`relax`]); the automaton then has a handful of states instead of
//!   one per count.
//! - Small automata step four bytes at a time through a composed table ([`Quads`]), so a
//!   24-character name takes six dependent lookups, with no branch on the bytes.
//! - Larger automata (the Unicode tag pattern) step byte by byte, but skip runs of bytes
//!   that keep them in the same state: those checks do not depend on each other, so the
//!   processor runs ahead instead of waiting for one lookup after the other.
//!
//! The answer is the regex's (checked by tests against every sample and random strings);
//! values longer than the limit take the exact regex instead.

use std::collections::HashMap;

use regex_automata::dfa::{Automaton as _, StartKind, dense};
use regex_automata::nfa::thompson;
use regex_automata::util::primitives::StateID;
use regex_automata::util::start;
use regex_automata::{Anchored, MatchKind};
use regex_syntax::hir::{Capture, Hir, HirKind, Look, Repetition};

/// Largest automaton worth building (bytes while determinizing, and table entries after);
/// bigger ones (none in the current model) use the regex engine. A name pattern takes a
/// few dozen entries, the Unicode tag pattern about forty thousand.
const SIZE_LIMIT: usize = 2 << 20;

/// Most entries a four-byte table may have (a name pattern needs a few hundred).
const QUADS_LIMIT: usize = 1 << 16;

/// A full-match automaton for one pattern, valid for values of at most `max_chars`
/// characters (any length when `max_chars` is `None`).
///
/// Bytes map to classes (bytes the pattern never tells apart share one). State `i` is row
/// `i` of the table, `1 << shift` entries long, and each entry holds the offset of the
/// next state's row (`next << shift`), so a step is an addition and a load. State 0 is
/// dead: no continuation leads from it to a match.
#[derive(Debug)]
pub(super) struct Automaton {
    /// Byte -> class.
    classes: [u8; 256],
    /// Rows are `1 << shift` entries long (the class count, rounded up to a power of two).
    shift: u32,
    /// Offsets of next states' rows.
    table: Vec<u32>,
    /// Whether a value may end in each state.
    accepting: Vec<bool>,
    /// The four-byte table, for automata small enough.
    quads: Option<Quads>,
    /// The longest value (in characters) for which the answer is exact.
    pub(super) max_chars: Option<usize>,
}

/// The same automaton stepping four bytes at once: row `i` holds, for each class
/// quadruple `q = ((c0·k + c1)·k + c2)·k + c3` (`k` classes), the offset of the row of the
/// state four bytes later (`next << shift`). Rows are padded to a power of two so that a
/// row offset turns back into a state number with a shift.
#[derive(Debug)]
struct Quads {
    /// Number of classes (`k`).
    classes: usize,
    /// Rows are `1 << shift` entries long.
    shift: u32,
    table: Vec<u32>,
}

/// The start state (state 1; breadth-first numbering starts there).
const START: usize = 1;

impl Automaton {
    /// Builds the automaton for `translated` (regex syntax), relaxed for values of at most
    /// `max_chars` characters. `None` when the pattern does not parse or the automaton
    /// would be too big; the caller then uses the regex engine.
    pub(super) fn build(translated: &str, max_chars: Option<usize>) -> Option<Self> {
        let hir = regex_syntax::Parser::new().parse(translated).ok()?;
        let (hir, max_chars) = match max_chars {
            Some(budget) => {
                let relaxed = relax(&hir, budget);
                // Only a changed pattern depends on the length limit.
                let limit = (relaxed != hir).then_some(budget);
                (relaxed, limit)
            }
            None => (hir, None),
        };
        let whole = Hir::concat(vec![Hir::look(Look::Start), hir, Hir::look(Look::End)]);
        let nfa = thompson::Compiler::new().build_from_hir(&whole).ok()?;
        let dfa = dense::Builder::new()
            .configure(
                dense::Config::new()
                    .match_kind(MatchKind::All)
                    .start_kind(StartKind::Anchored)
                    .accelerate(false)
                    .dfa_size_limit(Some(SIZE_LIMIT))
                    .determinize_size_limit(Some(SIZE_LIMIT)),
            )
            .build_from_nfa(&nfa)
            .ok()?;
        let start = dfa
            .start_state(&start::Config::new().anchored(Anchored::Yes))
            .ok()?;
        Self::compact(&dfa, start, max_chars)
    }

    /// Copies the states of `dfa` reachable from `start` into the compact tables.
    fn compact(
        dfa: &dense::DFA<Vec<u32>>,
        start: StateID,
        max_chars: Option<usize>,
    ) -> Option<Self> {
        let byte_classes = dfa.byte_classes();
        // The last class of the alphabet is end-of-input, which no byte has.
        let count = byte_classes.alphabet_len().checked_sub(1)?;
        let mut classes = [0u8; 256];
        let mut first_byte: Vec<Option<u8>> = vec![None; count];
        for byte in 0..=255u8 {
            let class = byte_classes.get(byte);
            classes[usize::from(byte)] = class;
            first_byte.get_mut(usize::from(class))?.get_or_insert(byte);
        }
        // One byte stands for its whole class when building the table.
        let representative: Vec<u8> = first_byte.into_iter().collect::<Option<_>>()?;
        let shift = representative.len().next_power_of_two().trailing_zeros();
        // Number the states breadth-first from the start; 0 is the dead state.
        let mut numbers: HashMap<StateID, usize> = HashMap::from([(start, START)]);
        let mut order = vec![start];
        let mut next_states: Vec<usize> = Vec::new();
        let mut i = 0;
        while let Some(&state) = order.get(i) {
            i += 1;
            for &byte in &representative {
                let next = dfa.next_state(state, byte);
                let number = if dfa.is_dead_state(next) {
                    0
                } else {
                    *numbers.entry(next).or_insert_with(|| {
                        order.push(next);
                        order.len()
                    })
                };
                next_states.push(number);
            }
            if (order.len() + 1) << shift > SIZE_LIMIT {
                return None;
            }
        }
        let states = order.len() + 1;
        let mut table = vec![0u32; states << shift];
        for (k, number) in next_states.into_iter().enumerate() {
            let (state, class) = (k / representative.len() + 1, k % representative.len());
            table[(state << shift) + class] = u32::try_from(number << shift).ok()?;
        }
        let mut accepting = vec![false];
        accepting.extend(
            order
                .iter()
                .map(|&s| dfa.is_match_state(dfa.next_eoi_state(s))),
        );
        let next = |state: usize, class: usize| table[(state << shift) + class] as usize >> shift;
        let quads = Quads::build(states, representative.len(), next);
        Some(Self {
            classes,
            shift,
            table,
            accepting,
            quads,
            max_chars,
        })
    }

    /// Whether the whole of `value` matches. Only exact for values within `max_chars`.
    pub(super) fn matches(&self, value: &str) -> bool {
        let class = |b: u8| usize::from(self.classes[usize::from(b)]);
        let step = |row: usize, b: u8| self.table.get(row + class(b)).map_or(0, |&o| o as usize);
        let mut row = START << self.shift;
        if let Some(quads) = &self.quads {
            let k = quads.classes;
            let mut chunks = value.as_bytes().chunks_exact(4);
            // No branch depends on the bytes: the dead state just stays dead.
            let mut at = START << quads.shift;
            for q in &mut chunks {
                let index = ((class(q[0]) * k + class(q[1])) * k + class(q[2])) * k + class(q[3]);
                at = quads.table.get(at + index).map_or(0, |&o| o as usize);
            }
            row = (at >> quads.shift) << self.shift;
            for &b in chunks.remainder() {
                row = step(row, b);
            }
        } else {
            let bytes = value.as_bytes();
            let mut i = 0;
            while row != 0
                && let Some(&byte) = bytes.get(i)
            {
                let next = step(row, byte);
                i += 1;
                if next == row {
                    // A loop: stay while the bytes keep mapping back here. Each check
                    // only depends on `i`, so the processor works on several at once.
                    while bytes.get(i).is_some_and(|&b| step(row, b) == row) {
                        i += 1;
                    }
                }
                row = next;
            }
        }
        self.accepting
            .get(row >> self.shift)
            .copied()
            .unwrap_or(false)
    }
}

impl Quads {
    /// Composes four one-byte steps (`next(state, class)`) for every state and class
    /// quadruple, if the table stays within [`QUADS_LIMIT`].
    fn build(states: usize, k: usize, next: impl Fn(usize, usize) -> usize) -> Option<Self> {
        let width = k.checked_pow(4)?.next_power_of_two();
        let shift = width.trailing_zeros();
        if states.checked_mul(width)? > QUADS_LIMIT {
            return None;
        }
        let mut table = vec![0u32; states * width];
        for state in 1..states {
            for q in 0..k.pow(4) {
                let (c0, c1, c2, c3) = (q / (k * k * k), q / (k * k) % k, q / k % k, q % k);
                let after = next(next(next(next(state, c0), c1), c2), c3);
                table[(state << shift) + q] = u32::try_from(after << shift).ok()?;
            }
        }
        Some(Self {
            classes: k,
            shift,
            table,
        })
    }
}

/// Drops the upper bound of every repetition that a value of at most `budget` characters
/// can never fill, which leaves the language of such values unchanged: `{n,m}` of a
/// sub-pattern taking at least `c ≥ 1` characters repeats at most `budget / c` times, so
/// when `m` is at least that, `{n,}` accepts exactly the same values.
pub(super) fn relax(hir: &Hir, budget: usize) -> Hir {
    match hir.kind() {
        HirKind::Repetition(rep) => {
            let per = min_chars(&rep.sub);
            // The other required iterations take at least `per` characters each.
            let others = per.saturating_mul((rep.min as usize).saturating_sub(1));
            let sub = relax(&rep.sub, budget.saturating_sub(others));
            let max = match rep.max {
                Some(m) if per > 0 && m as usize >= budget / per => None,
                other => other,
            };
            Hir::repetition(Repetition {
                min: rep.min,
                max,
                greedy: rep.greedy,
                sub: Box::new(sub),
            })
        }
        HirKind::Capture(cap) => Hir::capture(Capture {
            index: cap.index,
            name: cap.name.clone(),
            sub: Box::new(relax(&cap.sub, budget)),
        }),
        HirKind::Concat(items) => {
            // Each part gets what the others leave at the least.
            let mins: Vec<usize> = items.iter().map(min_chars).collect();
            let total: usize = mins.iter().sum();
            Hir::concat(
                items
                    .iter()
                    .zip(&mins)
                    .map(|(item, min)| relax(item, budget.saturating_sub(total - min)))
                    .collect(),
            )
        }
        HirKind::Alternation(items) => {
            Hir::alternation(items.iter().map(|item| relax(item, budget)).collect())
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => hir.clone(),
    }
}

/// The fewest characters any match of `hir` takes (a lower bound; erring low is safe).
fn min_chars(hir: &Hir) -> usize {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 0,
        HirKind::Literal(lit) => std::str::from_utf8(&lit.0).map_or(0, |s| s.chars().count()),
        HirKind::Class(_) => 1,
        HirKind::Repetition(rep) => (rep.min as usize).saturating_mul(min_chars(&rep.sub)),
        HirKind::Capture(cap) => min_chars(&cap.sub),
        HirKind::Concat(items) => items.iter().map(min_chars).sum(),
        HirKind::Alternation(items) => items.iter().map(min_chars).min().unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relaxed(pattern: &str, budget: usize) -> String {
        let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
        relax(&hir, budget).to_string()
    }

    fn bounds_of(pattern: &str) -> String {
        regex_syntax::Parser::new()
            .parse(pattern)
            .unwrap()
            .to_string()
    }

    #[test]
    fn a_repetition_the_length_limit_already_bounds_loses_its_bound() {
        assert_eq!(
            relaxed("[a-z](-*[a-z]){0,62}", 63),
            bounds_of("[a-z](-*[a-z])*")
        );
        assert_eq!(
            relaxed("https://([a-z]+/?){3,1016}", 1024),
            bounds_of("https://([a-z]+/?){3,}")
        );
    }

    #[test]
    fn a_repetition_a_long_value_could_exceed_keeps_its_bound() {
        assert_eq!(
            relaxed("[a-z](-*[a-z]){0,62}", 64),
            bounds_of("[a-z](-*[a-z]){0,62}")
        );
        assert_eq!(relaxed("[0-9]{12}", 256), bounds_of("[0-9]{12}"));
    }

    #[test]
    fn a_repetition_of_something_that_can_be_empty_keeps_its_bound() {
        assert_eq!(relaxed("(a?){0,5}", 3), bounds_of("(a?){0,5}"));
    }

    #[test]
    fn the_walker_agrees_with_whole_value_matching() {
        let a = Automaton::build("[a-zA-Z0-9]([\\-.]?[a-zA-Z0-9]){0,62}", Some(63)).unwrap();
        assert_eq!(a.max_chars, Some(63));
        assert!(a.matches("kernel-gateway-image-123"));
        assert!(a.matches("a"));
        assert!(!a.matches(""));
        assert!(!a.matches("image-"));
        assert!(!a.matches("image--1"));
        assert!(!a.matches("image 1"));
    }

    #[test]
    fn an_unrelaxed_automaton_is_valid_for_any_length() {
        let a = Automaton::build("[0-9]+", Some(10)).unwrap();
        assert_eq!(a.max_chars, None);
        assert!(a.matches("12345678901234567890"));
    }
}
