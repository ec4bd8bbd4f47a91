//! An equivalent form of a bounded repetition of separated groups, `(C+s?){m,M}`, whose
//! automaton stays small.
//!
//! The model's `RepositoryUrl` is `https://([.\-_a-zA-Z0-9]+/?){3,1016}`. Determinized as
//! written, it explodes: inside one run of `C` characters the automaton must remember
//! every group count the run could have been cut into so far, which is a range of counts
//! for each copy of the group, and it passes 64 MiB before finishing. The language itself
//! only needs a counter of runs, and [`rewrite`] writes it so.
//!
//! # Why the form is the same language
//!
//! Let `C` be a class and `s` one character outside it (`/` above). Call a value
//! *separated* when it is non-empty, starts with a character of `C`, holds only
//! characters of `C` and `s`, and never two `s` in a row. Write `n` for its number of
//! `C` characters and `r` for its number of runs (maximal non-empty stretches of `C`).
//!
//! 1. A value matches `(C+s?){k}`, `k ≥ 1`, only if it is separated (each group is a
//!    stretch of `C` and at most one `s` after it), and then exactly when `r ≤ k ≤ n`:
//!    the groups cut each run into one or more non-empty pieces (an `s` can only end a
//!    group, and a group holds at most one), so there are at least `r` and at most `n`
//!    of them; and any count in between is reached by cutting runs further, each `s`
//!    going to the piece before it.
//! 2. So a value matches `(C+s?){m,M}` (`1 ≤ m ≤ M`) exactly when it is separated and
//!    `[r, n]` meets `[m, M]`, that is (as `r ≤ n`) when `n ≥ m` and `r ≤ M`.
//!
//!    The upper bound is a real constraint, not one the lower bound makes redundant:
//!    `(C+s?){m,}` would also accept `a/` repeated `M + 1` times, and its `M + 1` runs
//!    cannot merge, because a group never holds an `s` in its middle. For `RepositoryUrl`
//!    such values are longer than the shape allows (at least `8 + 2·1017 − 1` characters
//!    against 1,024), but the model still refuses their pattern, so the automaton must too:
//!    dropping the bound would change the problems reported for them.
//! 3. Cut a separated value with `n ≥ m` right after its `m`-th `C` character. The head
//!    holds `m` characters of `C` and some `j ≤ m − 1` separators, each between two of
//!    them; the tail matches `C*(sC+)*s?` and has `g` groups `sC+`, so `r = j + 1 + g`.
//!    Hence the values of point 2 are exactly those of
//!
//!    ```text
//!    ( P_0 C*(sC+){0,M−1} | P_1 C*(sC+){0,M−2} | … | P_{m−1} C*(sC+){0,M−m} ) s?
//!    ```
//!
//!    where `P_j` is the alternation of the ways of writing `m` characters of `C` with `j`
//!    separators between them. Conversely, every value of that form is separated (the
//!    head ends in `C`, every `s` of the tail but a final one is followed by `C`) and has
//!    `n ≥ m` and `r = j + 1 + g ≤ M`.
//!
//! Its automaton counts runs up to `M`, about `2M` states, which the language needs:
//! `a/` repeated `i` times is a different state of affairs for every `i ≤ M`.
//! The tests check the form against the literal pattern on every short value.

use regex_syntax::hir::{Capture, Class, Hir, HirKind, Repetition};

/// Largest `m` rewritten: the heads number `2^(m−1)`.
const MAX_MIN: u32 = 8;

/// `hir` with every bounded repetition of separated groups replaced by its equivalent
/// form; anything else is left as it is.
pub fn rewrite(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Repetition(rep) => equivalent_form(rep).unwrap_or_else(|| {
            Hir::repetition(Repetition {
                min: rep.min,
                max: rep.max,
                greedy: rep.greedy,
                sub: Box::new(rewrite(&rep.sub)),
            })
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            index: cap.index,
            name: cap.name.clone(),
            sub: Box::new(rewrite(&cap.sub)),
        }),
        HirKind::Concat(items) => Hir::concat(items.iter().map(rewrite).collect()),
        HirKind::Alternation(items) => Hir::alternation(items.iter().map(rewrite).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => hir.clone(),
    }
}

/// The form of point 3 for `(C+s?){m,M}`, if `rep` is one with `1 ≤ m ≤ MAX_MIN`.
fn equivalent_form(rep: &Repetition) -> Option<Hir> {
    let (m, big_m) = (rep.min, rep.max?);
    if !(1..=MAX_MIN).contains(&m) || m > big_m {
        return None;
    }
    let (class, separator) = separated_group(&rep.sub)?;
    let c = Hir::class(class.clone());
    let s = Hir::literal(separator.to_string().into_bytes());
    let repeat = |min, max, sub: Hir| {
        Hir::repetition(Repetition {
            min,
            max,
            greedy: true,
            sub: Box::new(sub),
        })
    };
    let group = Hir::concat(vec![s.clone(), repeat(1, None, c.clone())]);
    let tracks = (0..m)
        .map(|j| {
            let heads = (0..1u32 << (m - 1))
                .filter(|gaps| gaps.count_ones() == j)
                .map(|gaps| {
                    let mut head = vec![c.clone()];
                    for gap in 0..m - 1 {
                        if gaps & (1 << gap) != 0 {
                            head.push(s.clone());
                        }
                        head.push(c.clone());
                    }
                    Hir::concat(head)
                })
                .collect();
            Hir::concat(vec![
                Hir::alternation(heads),
                repeat(0, None, c.clone()),
                repeat(0, Some(big_m - 1 - j), group.clone()),
            ])
        })
        .collect();
    Some(Hir::concat(vec![
        Hir::alternation(tracks),
        repeat(0, Some(1), s),
    ]))
}

/// `(C, s)` if `sub` is `C+s?` (inside any capture groups) with `s` outside `C`.
fn separated_group(sub: &Hir) -> Option<(&Class, char)> {
    let mut sub = sub;
    while let HirKind::Capture(cap) = sub.kind() {
        sub = &cap.sub;
    }
    let HirKind::Concat(items) = sub.kind() else {
        return None;
    };
    let [run, separator] = items.as_slice() else {
        return None;
    };
    let (HirKind::Repetition(run), HirKind::Repetition(separator)) = (run.kind(), separator.kind())
    else {
        return None;
    };
    let (HirKind::Class(class), HirKind::Literal(literal)) = (run.sub.kind(), separator.sub.kind())
    else {
        return None;
    };
    let plus = run.min == 1 && run.max.is_none();
    let optional = separator.min == 0 && separator.max == Some(1);
    let mut chars = std::str::from_utf8(&literal.0).ok()?.chars();
    let (Some(s), None) = (chars.next(), chars.next()) else {
        return None;
    };
    let outside = match class {
        Class::Unicode(class) => !class
            .ranges()
            .iter()
            .any(|r| r.start() <= s && s <= r.end()),
        Class::Bytes(class) => u8::try_from(s).is_ok_and(|b| {
            !class
                .ranges()
                .iter()
                .any(|r| r.start() <= b && b <= r.end())
        }),
    };
    (plus && optional && outside).then_some((class, s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pattern: &str) -> Hir {
        regex_syntax::Parser::new().parse(pattern).unwrap()
    }

    fn whole(pattern: &str) -> regex::Regex {
        regex::Regex::new(&format!("^(?:{pattern})$")).unwrap()
    }

    /// Every value over `alphabet` of at most `len` characters.
    fn values(alphabet: &[char], len: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..len {
            last = last
                .iter()
                .flat_map(|v| alphabet.iter().map(move |c| format!("{v}{c}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn the_equivalent_form_accepts_exactly_what_the_bounded_groups_accept() {
        // A character of the class, the separator and a character outside both are all
        // that tells values apart; nine characters reach five runs.
        let values = values(&['a', '/', '#'], 9);
        for m in 1..=3 {
            // (`{1,1}` is no repetition: the parser drops it.)
            for big_m in m.max(2)..=4 {
                let literal = format!("x([a-z]+/?){{{m},{big_m}}}");
                let form = rewrite(&parse(&literal)).to_string();
                assert_ne!(form, parse(&literal).to_string(), "{literal} was rewritten");
                let (literal_re, form_re) = (whole(&literal), whole(&form));
                for value in &values {
                    let value = format!("x{value}");
                    assert_eq!(
                        literal_re.is_match(&value),
                        form_re.is_match(&value),
                        "{value:?} against {literal} and {form}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_upper_bound_of_separated_groups_is_kept() {
        let form = whole(&rewrite(&parse("([a-z]+/?){2,4}")).to_string());
        assert!(form.is_match("a/b/c/d/"));
        assert!(
            !form.is_match("a/b/c/d/e"),
            "five runs cannot merge into four groups"
        );
        assert!(
            form.is_match("abcdefgh"),
            "one run splits into up to eight groups"
        );
        assert!(!form.is_match("a"), "one character is one group at most");
    }

    #[test]
    fn other_repetitions_are_left_alone() {
        for pattern in [
            "[a-z](-*[a-z]){0,62}",
            "([a-z]+/?)*",
            "([a-z/]+/?){3,9}",
            "([a-z]+/){3,9}",
            "([a-z]+/?){0,9}",
            "[0-9]{12}",
        ] {
            assert_eq!(rewrite(&parse(pattern)), parse(pattern), "{pattern}");
        }
    }
}
