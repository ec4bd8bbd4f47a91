//! A loaded automaton laid out for walking: one lookup a byte, or a byte quadruple.
//!
//! A request can carry 800 custom images, each with two names to match, and 50 tags.
//! Walked through the serialized form, each byte costs a decoding of its state; even a
//! dense table costs one dependent lookup a byte, and those lookups alone took longer
//! than the whole validation budget. So when a pattern is first used, its automaton's
//! reachable states are copied into a table indexed by state and byte class, where:
//!
//! - bytes are grouped into the classes some state tells apart (three or four for the
//!   model's name patterns), which keeps rows short;
//! - small automata also get a table of four steps composed into one entry, which cuts
//!   the chain of dependent lookups by four (the index of a step, four byte classes,
//!   does not depend on the state, so the processor computes it ahead).
//!
//! The layout decides exactly what the automaton decides (checked against the regex
//! crate by the tests); it is built from the automaton's transitions alone.

use std::collections::HashMap;

use regex_automata::dfa::Automaton;
use regex_automata::util::alphabet::ByteClasses;
use regex_automata::util::primitives::StateID;

/// Most entries a table may have (128 KiB), which keeps every row offset within a `u16`.
/// The Unicode tag pattern needs about 42,000 one-byte entries, a 63-character name
/// pattern about 17,000 four-byte ones.
const LIMIT: usize = 1 << 16;

/// The start state's row.
const START: usize = 1;

/// An automaton laid out for walking.
///
/// States are numbered breadth-first from the start (row 1); row 0 is the dead state,
/// from which nothing matches and which leads only to itself. Rows are a power of two
/// wide and a table entry holds the offset of the next state's row (`row << shift`), so
/// a step is an addition and a load.
#[derive(Debug)]
pub(super) struct Layout {
    /// Byte -> class (bytes no state tells apart share one).
    classes: [u8; 256],
    /// Number of classes (`k`).
    k: usize,
    /// One-byte steps: rows of `1 << shift` entries, one per class.
    single: Vec<u16>,
    shift: u32,
    /// Four-byte steps, for automata small enough.
    quads: Option<Quads>,
    /// Whether a value may end in each state.
    accepting: Vec<bool>,
}

/// Four steps composed: rows of `1 << shift` entries indexed by the class quadruple
/// `((c0·k + c1)·k + c2)·k + c3`, holding row offsets `row << shift`.
#[derive(Debug)]
struct Quads {
    table: Vec<u16>,
    shift: u32,
}

impl Layout {
    /// Lays out `dfa` from `start` if its table stays within [`LIMIT`] entries;
    /// `byte_classes` are the automaton's own (bytes no transition tells apart).
    pub(super) fn build(
        dfa: &impl Automaton,
        start: StateID,
        byte_classes: &ByteClasses,
    ) -> Option<Self> {
        // One byte standing for each of the automaton's classes (classes are ranges of
        // bytes numbered in order; the last class of the alphabet is end-of-input).
        let mut representatives: Vec<u8> = Vec::new();
        for byte in 0..=255u8 {
            if usize::from(byte_classes.get(byte)) == representatives.len() {
                representatives.push(byte);
            }
        }
        if representatives.len() + 1 != byte_classes.alphabet_len() {
            return None;
        }
        // Number the reachable states breadth-first; 0 is dead.
        let mut numbers: HashMap<StateID, usize> = HashMap::from([(start, START)]);
        let mut order = vec![start];
        let mut next_rows: Vec<Vec<usize>> = Vec::new();
        while let Some(&state) = order.get(next_rows.len()) {
            let row = representatives
                .iter()
                .map(|&byte| {
                    let next = dfa.next_state(state, byte);
                    if dfa.is_dead_state(next) {
                        0
                    } else {
                        *numbers.entry(next).or_insert_with(|| {
                            order.push(next);
                            order.len()
                        })
                    }
                })
                .collect();
            next_rows.push(row);
            // Two classes at least: stop counting once even that would not fit.
            if order.len() * 2 > LIMIT {
                return None;
            }
        }
        let states = order.len() + 1;
        // Merge the automaton's classes that every state treats alike.
        let mut merged: HashMap<Vec<usize>, usize> = HashMap::new();
        let mut class_of: Vec<usize> = Vec::with_capacity(representatives.len());
        for c in 0..representatives.len() {
            let column: Vec<usize> = next_rows.iter().map(|row| row[c]).collect();
            let count = merged.len();
            class_of.push(*merged.entry(column).or_insert(count));
        }
        let k = merged.len();
        let shift = k.next_power_of_two().trailing_zeros();
        if states << shift > LIMIT {
            return None;
        }
        let mut classes = [0u8; 256];
        for byte in 0..=255u8 {
            let class = class_of.get(usize::from(byte_classes.get(byte)))?;
            classes[usize::from(byte)] = u8::try_from(*class).ok()?;
        }
        // Any of the automaton's classes stands for a merged one.
        let mut member = vec![0usize; k];
        for (c, &class) in class_of.iter().enumerate() {
            member[class] = c;
        }
        let mut single = vec![0u16; states << shift];
        for (row, next) in (START..).zip(&next_rows) {
            for (class, &c) in member.iter().enumerate() {
                single[(row << shift) + class] = u16::try_from(next[c] << shift).ok()?;
            }
        }
        let quads = Quads::build(&single, shift, states, k);
        let mut accepting = vec![false];
        accepting.extend(
            order
                .iter()
                .map(|&s| dfa.is_match_state(dfa.next_eoi_state(s))),
        );
        Some(Self {
            classes,
            k,
            single,
            shift,
            quads,
            accepting,
        })
    }

    /// Whether the automaton accepts the whole of `value`.
    pub(super) fn matches(&self, value: &str) -> bool {
        let class = |b: u8| usize::from(self.classes[usize::from(b)]);
        let bytes = value.as_bytes();
        let mut at = START << self.shift;
        let rest = match &self.quads {
            Some(quads) => {
                let k = self.k;
                let mut chunks = bytes.chunks_exact(4);
                // No branch depends on the bytes: the dead state just stays dead.
                let mut row_at = START << quads.shift;
                for q in &mut chunks {
                    let index =
                        ((class(q[0]) * k + class(q[1])) * k + class(q[2])) * k + class(q[3]);
                    row_at = quads
                        .table
                        .get(row_at + index)
                        .map_or(0, |&o| usize::from(o));
                }
                at = (row_at >> quads.shift) << self.shift;
                chunks.remainder()
            }
            None => bytes,
        };
        for &b in rest {
            at = self
                .single
                .get(at + class(b))
                .map_or(0, |&o| usize::from(o));
            if at == 0 {
                return false;
            }
        }
        self.accepting
            .get(at >> self.shift)
            .copied()
            .unwrap_or(false)
    }

    /// Whether four-byte steps are laid out (for the pattern's `Debug`).
    pub(super) fn has_quads(&self) -> bool {
        self.quads.is_some()
    }
}

impl Quads {
    /// Composes four one-byte steps of `single` (rows of `1 << shift` entries) for every
    /// state and class quadruple, if the table stays within [`LIMIT`].
    fn build(single: &[u16], shift: u32, states: usize, k: usize) -> Option<Self> {
        let width = k.checked_pow(4)?.next_power_of_two();
        if states.checked_mul(width)? > LIMIT {
            return None;
        }
        let quad_shift = width.trailing_zeros();
        let step = |at: usize, class: usize| single.get(at + class).map_or(0, |&o| usize::from(o));
        let mut table = Vec::with_capacity(states << quad_shift);
        for row in 0..states {
            let start = table.len();
            // Entries in quadruple order: ((c0·k + c1)·k + c2)·k + c3.
            let at0 = row << shift;
            for c0 in 0..k {
                let at1 = step(at0, c0);
                for c1 in 0..k {
                    let at2 = step(at1, c1);
                    for c2 in 0..k {
                        let at3 = step(at2, c2);
                        for c3 in 0..k {
                            let at4 = step(at3, c3);
                            table.push(u16::try_from((at4 >> shift) << quad_shift).ok()?);
                        }
                    }
                }
            }
            table.resize(start + width, 0);
        }
        Some(Self {
            table,
            shift: quad_shift,
        })
    }
}
