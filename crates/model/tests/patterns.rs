//! The models' patterns as the services apply them: each precompiled automaton loads,
//! each pattern has samples, each sample is decided as Java's `Pattern.matches` would
//! decide it, and each automaton agrees with the `regex` crate (the oracle) running the
//! translated pattern, on the samples and on random values, at every length. SageMaker's,
//! Identity Store's and SSO Admin's patterns alike.

mod support;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Mutex, OnceLock};

use proptest::prelude::*;
use regex::Regex;
use studio_admin_model::{Pattern, identitystore, rules, sso_admin};
use support::{model, samples};

/// The generated patterns of each service, with the service's model.
fn services() -> [(&'static model::Model, &'static [&'static Pattern]); 3] {
    [
        (model::sagemaker(), rules::ALL_PATTERNS),
        (model::identitystore(), identitystore::rules::ALL_PATTERNS),
        (model::sso_admin(), sso_admin::rules::ALL_PATTERNS),
    ]
}

/// Every generated pattern of every service.
fn all_patterns() -> Vec<&'static Pattern> {
    services()
        .into_iter()
        .flat_map(|(_, patterns)| patterns.iter().copied())
        .collect()
}

fn generated(source: &str) -> &'static Pattern {
    match all_patterns().into_iter().find(|p| p.source() == source) {
        Some(pattern) => pattern,
        None => panic!("no generated pattern for {source:?}"),
    }
}

/// The `regex` crate's whole-value answer for `pattern`'s translation (compiled once).
fn oracle(pattern: &Pattern, value: &str) -> bool {
    static COMPILED: OnceLock<Mutex<HashMap<&'static str, Regex>>> = OnceLock::new();
    let mut compiled = COMPILED.get_or_init(Default::default).lock().unwrap();
    compiled
        .entry(pattern.source())
        .or_insert_with(|| Regex::new(&format!("^(?:{})$", pattern.translated())).unwrap())
        .is_match(value)
}

fn patterns_of(m: &'static model::Model) -> BTreeSet<&'static str> {
    m.shapes()
        .filter_map(|(_, shape)| model::pattern(shape))
        .collect()
}

/// The patterns of every model.
fn model_patterns() -> BTreeSet<&'static str> {
    model::all().into_iter().flat_map(patterns_of).collect()
}

#[test]
fn every_precompiled_automaton_loads() {
    let broken: Vec<&str> = all_patterns()
        .into_iter()
        .filter(|p| !p.loads())
        .map(|p| p.source())
        .collect();
    assert!(
        broken.is_empty(),
        "automata that do not load (run `cargo xtask codegen`): {broken:#?}"
    );
}

#[test]
fn every_pattern_of_each_model_is_generated_exactly_once() {
    for (m, patterns) in services() {
        let generated: Vec<&str> = patterns.iter().map(|p| p.source()).collect();
        let distinct: BTreeSet<&str> = generated.iter().copied().collect();
        assert_eq!(
            generated.len(),
            distinct.len(),
            "a pattern of {} is generated twice",
            m.name
        );
        assert_eq!(distinct, patterns_of(m), "{}", m.name);
    }
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
        let refuses_something = !samples::ACCEPTS_EVERYTHING.contains(&s.pattern);
        assert!(
            !s.matching.is_empty() && (!s.not_matching.is_empty() || !refuses_something),
            "{}",
            s.pattern
        );
    }
}

#[test]
fn a_pattern_said_to_accept_everything_accepts_every_piece_and_its_repetitions() {
    for source in samples::ACCEPTS_EVERYTHING {
        let pattern = generated(source);
        for piece in pieces() {
            for value in [piece.clone(), piece.repeat(3)] {
                assert!(pattern.matches(&value), "{value:?} against {source}");
                assert!(oracle(pattern, &value), "{value:?} against {source}");
            }
        }
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
            if pattern.matches(value) != expected || oracle(pattern, value) != expected {
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
    for m in model::all() {
        for (name, shape) in m.shapes() {
            let Some(s) = model::pattern(shape).and_then(samples::for_pattern) else {
                continue;
            };
            let limits = [model::bound(shape, "min"), model::bound(shape, "max")];
            for len in limits.into_iter().flatten() {
                let len = usize::try_from(len).unwrap();
                if s.builds_matching(len) {
                    let value = s.of_len(len);
                    assert_eq!(value.chars().count(), len, "{name}: {value:?}");
                    assert!(generated(s.pattern).matches(&value), "{name}: {value:?}");
                }
            }
        }
    }
}

#[test]
fn a_limit_longer_than_a_pattern_allows_is_refused_whatever_the_value() {
    // What `builds_matching` skips for LONGEST: the pattern refuses one character more than
    // its longest value, so the lengths beyond it are out of the pattern's reach.
    for (source, longest) in samples::LONGEST {
        let s = samples::for_pattern(source).unwrap();
        let pattern = generated(source);
        let longest_value = s.of_len(*longest);
        assert!(pattern.matches(&longest_value), "{longest_value:?}");
        assert!(!pattern.matches(&s.of_len(longest + 1)), "{source}");
        assert!(oracle(pattern, &longest_value));
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

/// What `https://([.\-_a-zA-Z0-9]+/?){3,1016}` accepts, counted directly: after the scheme,
/// non-empty runs of group characters separated by single slashes (a last slash allowed),
/// with at least 3 group characters and at most 1,016 runs. A group holds at most one
/// slash, at its end, so runs never merge: a value needs one group per run at least and
/// can have one per character at most.
fn repository_url_by_counting(value: &str) -> bool {
    let Some(path) = value.strip_prefix("https://") else {
        return false;
    };
    let body = path.strip_suffix('/').unwrap_or(path);
    let runs: Vec<&str> = body.split('/').collect();
    let group_char = |c: char| c.is_ascii_alphanumeric() || ".-_".contains(c);
    let characters: usize = runs.iter().map(|run| run.len()).sum();
    runs.iter()
        .all(|run| !run.is_empty() && run.chars().all(group_char))
        && characters >= 3
        && runs.len() <= 1016
}

#[test]
fn a_repository_url_may_have_up_to_1016_path_segments_at_any_length() {
    // The automaton is built from an equivalent form of {3,1016} (see
    // xtask/src/codegen/separated_groups.rs); the regex engine runs the pattern as written.
    let url = &rules::PATTERN_REPOSITORY_URL;
    let segments =
        |n: usize, trailing: &str| format!("https://{}{trailing}", vec!["ab"; n].join("/"));
    for (value, expected) in [
        (segments(1016, "/"), true),
        (segments(1017, ""), false),
        ("https://ab".to_owned(), false),
        ("https://a/b".to_owned(), false),
        ("https://ab/c/".to_owned(), true),
        ("https://a/b/c".to_owned(), true),
        ("https://a//bc".to_owned(), false),
        ("https:///abc".to_owned(), false),
        ("https://a-b.c_d".to_owned(), true),
        ("https://abc#".to_owned(), false),
    ] {
        let shown = &value[..value.len().min(20)];
        assert_eq!(url.matches(&value), expected, "{shown}...");
        assert_eq!(oracle(url, &value), expected, "{shown}...");
        assert_eq!(repository_url_by_counting(&value), expected, "{shown}...");
    }
    // Longer than the shape allows, but the pattern still decides the reported problems.
    assert!(url.matches(&segments(1016, "")));
    assert!(!url.matches(&segments(1017, "/")));
    assert!(url.matches(&format!("https://{}", "a".repeat(5000))));
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
    fn every_automaton_agrees_with_the_regex_engine(
        pattern in prop::sample::select(all_patterns()),
        parts in prop::collection::vec(prop::sample::select(pieces()), 0..6),
    ) {
        let value: String = parts.concat();
        prop_assert_eq!(
            pattern.matches(&value),
            oracle(pattern, &value),
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
            prop_assert_eq!(pattern.matches(&value), oracle(pattern, &value), "{:?}", value);
            let domain = format!("d-{value}");
            prop_assert_eq!(pattern.matches(&domain), oracle(pattern, &domain), "{:?}", domain);
        }
    }
}

proptest! {
    // Long values: fewer cases, each one thousands of characters.
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_automaton_agrees_with_the_regex_engine_beyond_the_length_limits(
        pattern in prop::sample::select(all_patterns()),
        parts in prop::collection::vec(prop::sample::select(pieces()), 1..4),
        repeat in 1usize..400,
    ) {
        let value: String = parts.concat().repeat(repeat);
        prop_assert_eq!(
            pattern.matches(&value),
            oracle(pattern, &value),
            "{:?}... against {:?}", value.chars().take(40).collect::<String>(), pattern.source()
        );
    }

    #[test]
    fn repository_urls_are_decided_alike_around_the_segment_bound(
        segments in 1005usize..1025,
        lengths in prop::collection::vec(1usize..4, 1..8),
        trailing in any::<bool>(),
        broken_at in prop::option::of((0usize..3000, prop::sample::select(vec!["/", "//", "#", "é", ""]))),
    ) {
        let mut path: Vec<String> = (0..segments)
            .map(|i| "x".repeat(lengths[i % lengths.len()]))
            .collect::<Vec<_>>();
        if trailing {
            path.push(String::new());
        }
        let mut value = format!("https://{}", path.join("/"));
        if let Some((at, with)) = broken_at.filter(|&(at, _)| at < value.len()) {
            value.replace_range(at..=at, with);
        }
        // The regex engine takes seconds a value here (1,016 copies of the group), so
        // the oracle is the counting characterization, checked against it above.
        let url = &rules::PATTERN_REPOSITORY_URL;
        prop_assert_eq!(url.matches(&value), repository_url_by_counting(&value), "{} segments", segments);
    }
}
