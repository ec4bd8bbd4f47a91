//! Java pattern syntax (the service models') to the `regex` crate's syntax, with the same
//! meaning.
//!
//! - `\d`, `\w`, `\s` are ASCII-only in Java; in `regex` they are Unicode-wide, so they are
//!   spelled out as ASCII classes (`\S` as the complement of Java's ASCII white space).
//! - `.` in Java stops at every line terminator (`\n`, `\r`, U+0085, U+2028, U+2029).
//! - A class escape that negates (`\S`, `\D`, `\W`) inside a class (`[\S\s]`, SSO Admin's
//!   application names): in Java, the items of a class are united, and a negated escape
//!   contributes its complement. `regex` has nested classes with the same meaning: in
//!   `[[^…]x]` the nested class is one more item of the union. So the escape becomes the
//!   nested class of its complement, and the sets are equal item by item. Only inside a
//!   class that is not itself negated: Java's `[^…]` over nested classes has changed
//!   meaning between releases, so that case is refused rather than guessed.
//! - `regex` has no look-around; the model's one such pattern is written out by hand.

use std::fmt::Write as _;

use anyhow::{Result, bail};

/// Java's `\s`: ASCII white space only.
const SPACE: &str = " \\t\\n\\x0B\\x0C\\r";

/// Java's `.`: any character except a line terminator.
pub const DOT: &str = "[^\\n\\r\\x{85}\\x{2028}\\x{2029}]";

/// Translates a pattern from a model (Java regular-expression syntax, matched against the
/// whole value) into the `regex` crate's syntax with the same meaning.
pub fn translate_pattern(java: &str) -> Result<String> {
    // (?!\s*$).+ : one or more characters on one line, not all of them white space.
    if java == r"(?!\s*$).+" {
        return Ok(format!(
            "{DOT}*[^{SPACE}\\x{{85}}\\x{{2028}}\\x{{2029}}]{DOT}*"
        ));
    }
    if java.contains("(?=") || java.contains("(?!") || java.contains("(?<") {
        bail!("pattern {java:?} uses look-around; add a hand translation to translate_pattern");
    }
    let chars: Vec<char> = java.chars().collect();
    let mut out = String::new();
    let mut in_class = false;
    let mut negated_class = false;
    // Inside a class: whether the last atom closed a range (`a-z`), and whether a range
    // dash is waiting for its upper bound. A '-' right after a completed range, or at
    // either edge of the class, is a literal in Java; it is escaped so `regex` agrees.
    let mut range_closed = false;
    let mut range_open = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mut atom = true;
        match c {
            '\\' => {
                let Some(&e) = chars.get(i + 1) else {
                    bail!("pattern {java:?} ends in a backslash");
                };
                i += 1;
                let class_body = match e {
                    'd' => Some("0-9"),
                    'w' => Some("a-zA-Z_0-9"),
                    's' => Some(SPACE),
                    'D' => Some("^0-9"),
                    'W' => Some("^a-zA-Z_0-9"),
                    'S' => Some("^ \\t\\n\\x0B\\x0C\\r"),
                    _ => None,
                };
                let negates = e.is_ascii_uppercase();
                match (class_body, in_class) {
                    (Some(_), true) if negates && (negated_class || range_open) => {
                        bail!(
                            "pattern {java:?}: a negated class escape inside a negated class \
                             or a range has no translation of proven meaning"
                        )
                    }
                    // The complement as a nested class: one more item of the union.
                    (Some(body), true) if negates => write!(out, "[{body}]")?,
                    (Some(body), true) => out.push_str(body),
                    (Some(body), false) => write!(out, "[{body}]")?,
                    (None, _) if e == '/' => out.push('/'),
                    (None, _) => {
                        out.push('\\');
                        out.push(e);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                negated_class = false;
                atom = false;
                range_closed = false;
                range_open = false;
                out.push('[');
                if chars.get(i + 1) == Some(&'^') {
                    out.push('^');
                    negated_class = true;
                    i += 1;
                }
            }
            ']' if in_class => {
                in_class = false;
                atom = false;
                out.push(']');
            }
            '-' if in_class => {
                let at_edge =
                    chars.get(i + 1) == Some(&']') || out.ends_with('[') || out.ends_with("[^");
                if at_edge || range_closed || range_open {
                    out.push_str("\\-");
                } else {
                    out.push('-');
                    range_open = true;
                    atom = false;
                }
            }
            '.' if !in_class => out.push_str(DOT),
            _ => out.push(c),
        }
        if in_class && atom {
            range_closed = range_open;
            range_open = false;
        }
        i += 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_shorthand_classes_become_ascii_classes() {
        assert_eq!(translate_pattern(r"\d+").unwrap(), "[0-9]+");
        assert_eq!(translate_pattern(r"[\w]").unwrap(), "[a-zA-Z_0-9]");
        assert_eq!(
            translate_pattern(r"\/\S*").unwrap(),
            "/[^ \\t\\n\\x0B\\x0C\\r]*"
        );
    }

    #[test]
    fn a_dash_after_a_range_is_kept_literal() {
        assert_eq!(translate_pattern("[a-z0-9-_:/]").unwrap(), "[a-z0-9\\-_:/]");
        assert_eq!(translate_pattern("[-.a-z]").unwrap(), "[\\-.a-z]");
        assert_eq!(translate_pattern("[-0-9a-z]").unwrap(), "[\\-0-9a-z]");
    }

    #[test]
    fn unknown_look_around_is_refused() {
        assert!(translate_pattern("(?=a)b").is_err());
    }

    #[test]
    fn a_negated_escape_inside_a_class_becomes_a_nested_class_of_its_complement() {
        assert_eq!(
            translate_pattern(r"[\S\s]*").unwrap(),
            "[[^ \\t\\n\\x0B\\x0C\\r] \\t\\n\\x0B\\x0C\\r]*"
        );
        assert_eq!(translate_pattern(r"[\Da]").unwrap(), "[[^0-9]a]");
    }

    #[test]
    fn a_negated_escape_inside_a_negated_class_is_refused() {
        assert!(translate_pattern(r"[^\S]").is_err());
        assert!(translate_pattern(r"[a-\S]").is_err());
    }

    /// Java's decisions for `[\S\s]`, `[\Da]` and `[\W-]`, written out by hand, against
    /// the `regex` crate running the translations.
    #[test]
    fn nested_class_translations_decide_as_java_does() {
        let whole = |java: &str| {
            regex::Regex::new(&format!("^(?:{})$", translate_pattern(java).unwrap())).unwrap()
        };
        let anything = whole(r"[\S\s]*");
        for value in ["", "a b", "\n\t\r", "日本 😀", "\u{85}\u{2028}", "x\u{b}y"] {
            assert!(anything.is_match(value), "{value:?}");
        }
        let not_digit_or_a = whole(r"[\Da]");
        for (value, java) in [
            ("a", true),
            ("b", true),
            ("5", false),
            ("٣", true),
            ("", false),
        ] {
            assert_eq!(not_digit_or_a.is_match(value), java, "{value:?}");
        }
        let not_word_or_dash = whole(r"[\W-]");
        for (value, java) in [
            ("-", true),
            (" ", true),
            ("_", false),
            ("é", true),
            ("z", false),
        ] {
            assert_eq!(not_word_or_dash.is_match(value), java, "{value:?}");
        }
    }
}
