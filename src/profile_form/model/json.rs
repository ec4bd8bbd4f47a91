//! JSON for display without growing the bundle: the request types are serialized once,
//! compactly (exactly as the API client sends them); indentation and generic values are
//! made from that text, so no second serializer is compiled for every request type.

use serde::Serialize;
use serde_json::Value;

/// `value` as a generic JSON value (`Null` if it cannot be serialized).
pub fn to_json_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_string(value)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}

/// Indents compact JSON text with two spaces a level, as `serde_json::to_string_pretty`
/// does (members in the order of the text).
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0_usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn indentation_matches_serde_json_pretty_printing() {
        let value = json!({
            "DomainId": "d-abc",
            "Tags": [{"Key": "a,b", "Value": "say \"hi\" {x}: [y]"}, {}],
            "UserSettings": {"SecurityGroups": [], "CustomPosixUserConfig": {"Uid": 10000}}
        });
        let compact = serde_json::to_string(&value).expect("serializes");
        let expected = serde_json::to_string_pretty(&value).expect("serializes");
        assert_eq!(pretty(&compact), expected);
    }
}
