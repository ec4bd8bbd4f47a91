//! The request as a command a person can run themselves: the AWS CLI and boto3. Both are
//! made from the same JSON the page sends, so they create the same profile.

use serde_json::Value;

/// The order members are written in (the rest follow in name order): identity first,
/// then settings, then tags, as the AWS documentation lists them.
const PREFERRED_ORDER: &[&str] = &[
    "DomainId",
    "UserProfileName",
    "SingleSignOnUserIdentifier",
    "SingleSignOnUserValue",
    "UserSettings",
    "Tags",
];

/// The top-level members of `body` in [`PREFERRED_ORDER`].
fn ordered_members(body: &Value) -> Vec<(&str, &Value)> {
    let Value::Object(members) = body else {
        return Vec::new();
    };
    let mut ordered: Vec<(&str, &Value)> = PREFERRED_ORDER
        .iter()
        .filter_map(|name| members.get_key_value(*name))
        .map(|(k, v)| (k.as_str(), v))
        .collect();
    ordered.extend(
        members
            .iter()
            .filter(|(k, _)| !PREFERRED_ORDER.contains(&k.as_str()))
            .map(|(k, v)| (k.as_str(), v)),
    );
    ordered
}

/// `UserProfileName` -> `user-profile-name` (the CLI's spelling of a member).
fn kebab(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` as one word for a POSIX shell: bare when it is safe, else in single quotes.
pub fn shell_quote(text: &str) -> String {
    let safe = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.,:/@=+%".contains(c));
    if safe {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// `aws sagemaker <command> --member value ...` for the request `body`; strings are
/// passed as they are, structures and lists as JSON.
pub fn aws_cli(command: &str, body: &Value) -> String {
    let mut lines = vec![format!("aws sagemaker {command}")];
    for (name, value) in ordered_members(body) {
        let text = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        lines.push(format!("  --{} {}", kebab(name), shell_quote(&text)));
    }
    lines.join(" \\\n")
}

/// A Python script calling `client.<method>(...)` with the request `body`, printing
/// `result_key` of the answer when given.
pub fn boto3(method: &str, body: &Value, result_key: Option<&str>) -> String {
    let mut out = String::from("import boto3\n\nsagemaker = boto3.client(\"sagemaker\")\n");
    out.push_str(&format!("response = sagemaker.{method}(\n"));
    for (name, value) in ordered_members(body) {
        out.push_str(&format!("    {name}="));
        python_literal(value, 1, &mut out);
        out.push_str(",\n");
    }
    out.push_str(")\n");
    match result_key {
        Some(key) => out.push_str(&format!("print(response[{}])\n", Value::from(key))),
        None => out.push_str("print(response)\n"),
    }
    out
}

/// Writes `value` as a Python literal, indented for `depth` levels of four spaces.
fn python_literal(value: &Value, depth: usize, out: &mut String) {
    let indent = |d: usize| "    ".repeat(d);
    match value {
        Value::Null => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        // JSON's number and string syntax is valid Python.
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(_) => out.push_str(&value.to_string()),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(members) if members.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push_str("[\n");
            for item in items {
                out.push_str(&indent(depth + 1));
                python_literal(item, depth + 1, out);
                out.push_str(",\n");
            }
            out.push_str(&indent(depth));
            out.push(']');
        }
        Value::Object(members) => {
            out.push_str("{\n");
            for (key, member) in members {
                out.push_str(&indent(depth + 1));
                out.push_str(&Value::from(key.as_str()).to_string());
                out.push_str(": ");
                python_literal(member, depth + 1, out);
                out.push_str(",\n");
            }
            out.push_str(&indent(depth));
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn sample() -> Value {
        json!({
            "UserSettings": {"ExecutionRole": "arn:aws:iam::123456789012:role/r", "SecurityGroups": ["sg-1"]},
            "UserProfileName": "alice",
            "DomainId": "d-abc",
            "Tags": [{"Key": "Team", "Value": "it's ml"}]
        })
    }

    #[test]
    fn the_cli_command_names_every_member_with_structures_as_quoted_json() {
        let cli = aws_cli("create-user-profile", &sample());
        assert_eq!(
            cli,
            "aws sagemaker create-user-profile \\\n  --domain-id d-abc \\\n  --user-profile-name alice \\\n  \
             --user-settings '{\"ExecutionRole\":\"arn:aws:iam::123456789012:role/r\",\"SecurityGroups\":[\"sg-1\"]}' \\\n  \
             --tags '[{\"Key\":\"Team\",\"Value\":\"it'\\''s ml\"}]'"
        );
    }

    #[test]
    fn the_boto3_script_passes_the_same_members_as_python_literals() {
        let script = boto3("create_user_profile", &sample(), Some("UserProfileArn"));
        assert!(script.starts_with("import boto3\n"), "{script}");
        assert!(script.contains("    DomainId=\"d-abc\",\n"), "{script}");
        assert!(
            script.contains("    UserSettings={\n        \"ExecutionRole\": \"arn:aws:iam::123456789012:role/r\",\n        \"SecurityGroups\": [\n            \"sg-1\",\n        ],\n    },\n"),
            "{script}"
        );
        assert!(
            script.ends_with("print(response[\"UserProfileArn\"])\n"),
            "{script}"
        );
        assert!(
            script.find("DomainId").unwrap_or(usize::MAX)
                < script.find("UserSettings").unwrap_or(0)
        );
    }

    #[test]
    fn words_with_shell_characters_are_single_quoted() {
        assert_eq!(shell_quote("alice-01"), "alice-01");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
    }
}
