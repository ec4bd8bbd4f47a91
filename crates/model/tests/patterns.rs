//! The model's patterns as the service applies them: each one compiles, each one has
//! samples, each sample is decided as Java's `Pattern.matches` would decide it, and the
//! native automaton always agrees with the regex engine the browser uses.

mod support;

use std::collections::BTreeSet;

use proptest::prelude::*;
use studio_admin_model::{Pattern, rules};
use support::{model, samples};

fn generated(source: &str) -> &'static Pattern {
    match rules::ALL_PATTERNS.iter().find(|p| p.source() == source) {
        Some(pattern) => pattern,
        None => panic!("no generated pattern for {source:?}"),
    }
}

fn model_patterns() -> BTreeSet<&'static str> {
    model::shapes()
        .filter_map(|(_, shape)| model::pattern(shape))
        .collect()
}

#[test]
fn every_generated_pattern_compiles() {
    let broken: Vec<&str> = rules::ALL_PATTERNS
        .iter()
        .filter(|p| !p.compiles())
        .map(|p| p.source())
        .collect();
    assert!(
        broken.is_empty(),
        "patterns that do not compile: {broken:#?}"
    );
}

#[test]
fn every_pattern_of_the_model_is_generated_exactly_once() {
    let generated: Vec<&str> = rules::ALL_PATTERNS.iter().map(|p| p.source()).collect();
    let distinct: BTreeSet<&str> = generated.iter().copied().collect();
    assert_eq!(
        generated.len(),
        distinct.len(),
        "a pattern is generated twice"
    );
    assert_eq!(distinct, model_patterns());
}

#[test]
fn every_pattern_of_the_model_has_samples_and_no_sample_is_stale() {
    let in_model = model_patterns();
    let missing: Vec<&str> = in_model
        .iter()
        .copied()
        .filter(|p| samples::for_pattern(p).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "the model has patterns without samples; add them to tests/support/samples.rs: \
         {missing:#?}"
    );
    let stale: Vec<&str> = samples::SAMPLES
        .iter()
        .map(|s| s.pattern)
        .filter(|p| !in_model.contains(p))
        .collect();
    assert!(
        stale.is_empty(),
        "samples for patterns the model no longer has: {stale:#?}"
    );
    for s in samples::SAMPLES {
        assert!(
            !s.matching.is_empty() && !s.not_matching.is_empty(),
            "{}",
            s.pattern
        );
    }
}

#[test]
fn every_sample_is_decided_as_the_service_decides_it() {
    let mut wrong = Vec::new();
    for s in samples::SAMPLES {
        let pattern = generated(s.pattern);
        let cases = s
            .matching
            .iter()
            .map(|v| (v, true))
            .chain(s.not_matching.iter().map(|v| (v, false)));
        for (value, expected) in cases {
            if pattern.matches(value) != expected || pattern.matches_exactly(value) != expected {
                wrong.push(format!(
                    "{:?} against {:?}: expected {expected}",
                    value, s.pattern
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn a_value_built_to_a_length_limit_from_the_samples_matches_its_pattern() {
    // The conformance test relies on this for length cases that break nothing but length.
    for (name, shape) in model::shapes() {
        let Some(s) = model::pattern(shape).and_then(samples::for_pattern) else {
            continue;
        };
        let limits = [model::bound(shape, "min"), model::bound(shape, "max")];
        for len in limits.into_iter().flatten() {
            let len = usize::try_from(len).unwrap();
            if len >= s.prefix.chars().count() && len > 0 {
                let value = s.of_len(len);
                assert!(generated(s.pattern).matches(&value), "{name}: {value:?}");
            }
        }
    }
}

#[test]
fn a_digit_class_matches_only_ascii_digits() {
    let digits = generated(r"\d+");
    assert!(digits.matches("0123456789"));
    assert!(
        !digits.matches("١٢٣"),
        "Arabic-Indic digits are not \\d in Java"
    );
    assert!(
        !digits.matches("１２３"),
        "full-width digits are not \\d in Java"
    );
    assert!(
        !rules::ROLE_ARN
            .pattern
            .is_some_and(|p| p.matches("arn:aws:iam::١٢٣٤٥٦٧٨٩٠١٢:role/x"))
    );
}

#[test]
fn a_dot_does_not_match_a_line_terminator() {
    let any = generated(".*");
    assert!(any.matches("tab\there, vertical\u{b}tab, form\u{c}feed"));
    for terminator in ["\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"] {
        assert!(!any.matches(&format!("a{terminator}b")), "{terminator:?}");
    }
}

#[test]
fn the_letter_class_accepts_accented_and_cjk_letters() {
    let tag = generated(r"([\p{L}\p{Z}\p{N}_.:/=+\-@]*)");
    for value in ["é", "日本", "Ελληνικά", "Ünïcödé team", "٣"] {
        assert!(tag.matches(value), "{value:?}");
    }
    assert!(!tag.matches("😀"), "emoji are symbols, not letters");
}

#[test]
fn a_blank_value_is_refused_by_the_not_blank_pattern() {
    let not_blank = generated(r"(?!\s*$).+");
    assert!(!not_blank.matches("   "));
    assert!(!not_blank.matches(""));
    assert!(not_blank.matches(" a "));
    assert!(
        not_blank.matches("\u{a0}"),
        "a no-break space is not \\s in Java"
    );
}

#[test]
fn a_name_of_sixty_three_characters_matches_and_one_more_does_not() {
    let name = generated(r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    assert!(name.matches(&"a".repeat(63)));
    assert!(name.matches(&format!("a{}b", "-".repeat(61))));
    assert!(
        !name.matches(&"a".repeat(64)),
        "{{0,62}} allows 63 letters at most"
    );
    assert!(
        name.matches(&format!("a{}b", "-".repeat(100))),
        "hyphens are not counted"
    );
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn every_pattern_has_a_native_automaton() {
    let slow: Vec<&str> = rules::ALL_PATTERNS
        .iter()
        .filter(|p| !p.has_fast_path())
        .map(|p| p.source())
        .collect();
    assert!(slow.is_empty(), "left to the regex engine: {slow:#?}");
}

/// Pieces to build test strings from: every sample, halves of them, and characters that
/// sit on the edges of the patterns' classes.
fn pieces() -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    for s in samples::SAMPLES {
        for value in s.matching.iter().chain(s.not_matching) {
            pieces.push((*value).to_owned());
            let half: String = value.chars().take(value.chars().count() / 2).collect();
            pieces.push(half);
        }
    }
    for c in [
        "-", ".", "/", ":", "_", " ", "\t", "\n", "\r", "\u{85}", "\u{2028}", "\u{a0}", "é", "١",
        "a", "Z", "0", "9", "@", "+", "=", "😀",
    ] {
        pieces.push(c.to_owned());
    }
    pieces
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn the_native_automaton_agrees_with_the_regex_engine(
        pattern in prop::sample::select(rules::ALL_PATTERNS),
        parts in prop::collection::vec(prop::sample::select(pieces()), 0..6),
    ) {
        let value: String = parts.concat();
        prop_assert_eq!(
            pattern.matches(&value),
            pattern.matches_exactly(&value),
            "{:?} against {:?}", value, pattern.source()
        );
    }

    #[test]
    fn long_names_are_decided_alike_on_both_sides_of_the_length_limit(
        len in 55usize..70,
        hyphen_at in prop::collection::vec(1usize..69, 0..4),
    ) {
        let mut value: Vec<char> = "x".repeat(len).chars().collect();
        for i in hyphen_at {
            if i < value.len() {
                value[i] = '-';
            }
        }
        let value: String = value.into_iter().collect();
        for pattern in [&rules::PATTERN_APP_IMAGE_CONFIG_NAME, &rules::PATTERN_IMAGE_NAME, &rules::PATTERN_DOMAIN_ID] {
            prop_assert_eq!(pattern.matches(&value), pattern.matches_exactly(&value), "{:?}", value);
            let domain = format!("d-{value}");
            prop_assert_eq!(pattern.matches(&domain), pattern.matches_exactly(&domain), "{:?}", domain);
        }
    }
}
