//! Input validation answered in AWS's words.
//!
//! What is wrong comes from the model crate (`Validate::check_model`: each violation with
//! its path and kind); how AWS words it needs the violated shape's constraint, which this
//! module looks up in the vendored service model by walking the problem's path from the
//! operation's input shape. AWS's form, one clause per violation:
//! `Value 'x_y' at 'userProfileName' failed to satisfy constraint: Member must satisfy
//! regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`, joined by `; ` after
//! `N validation errors detected: `. Member paths are lowerCamelCase, list items are
//! `<list>.<1-based index>.member`.

use std::sync::OnceLock;

use serde_json::Value;
use studio_admin_model::{Problem, ProblemKind, Report, ServiceMetadata};

use crate::error::ApiError;

/// The vendored service models (the same files the model crate is generated from).
const SAGEMAKER: &str = include_str!("../../../model/vendor/sagemaker-api-shapes.json");
const SAGEMAKER_TAGS: &str = include_str!("../../../model/vendor/sagemaker-tags-api-shapes.json");
const IDENTITY_STORE: &str = include_str!("../../../model/vendor/identitystore-api-shapes.json");
const SSO_ADMIN: &str = include_str!("../../../model/vendor/sso-admin-api-shapes.json");

fn parse(texts: &[&str]) -> Vec<Value> {
    texts
        .iter()
        .filter_map(|text| serde_json::from_str(text).ok())
        .collect()
}

/// The model files of a service (SageMaker's tag operations are vendored apart).
fn models(service: &ServiceMetadata) -> &'static [Value] {
    static SAGEMAKER_MODELS: OnceLock<Vec<Value>> = OnceLock::new();
    static IDENTITY_STORE_MODELS: OnceLock<Vec<Value>> = OnceLock::new();
    static SSO_ADMIN_MODELS: OnceLock<Vec<Value>> = OnceLock::new();
    match service.target_prefix {
        "AWSIdentityStore" => IDENTITY_STORE_MODELS.get_or_init(|| parse(&[IDENTITY_STORE])),
        "SWBExternalService" => SSO_ADMIN_MODELS.get_or_init(|| parse(&[SSO_ADMIN])),
        _ => SAGEMAKER_MODELS.get_or_init(|| parse(&[SAGEMAKER, SAGEMAKER_TAGS])),
    }
}

/// Shape and operation lookups in one service's model files.
#[derive(Clone, Copy)]
struct Shapes(&'static [Value]);

impl Shapes {
    /// The name of an operation's input shape (`CreateUserProfileRequest`).
    fn input_shape(self, operation: &str) -> Option<&'static str> {
        self.0.iter().find_map(|model| {
            model
                .get("operations")?
                .get(operation)?
                .get("input")?
                .get("shape")?
                .as_str()
        })
    }

    fn shape(self, name: &str) -> Option<&'static Value> {
        self.0
            .iter()
            .find_map(|model| model.get("shapes")?.get(name))
    }

    /// The shape a path leads to, from the operation's input shape.
    fn resolve(self, input: &str, segments: &[Segment<'_>]) -> Option<&'static Value> {
        let mut current = self.shape(input)?;
        for segment in segments {
            let next = match segment {
                Segment::Member(name) => current.get("members")?.get(*name)?,
                Segment::Index(_) => current.get("member")?,
            };
            current = self.shape(next.get("shape")?.as_str()?)?;
        }
        Some(current)
    }
}

/// One step of a problem path.
#[derive(Debug, PartialEq)]
enum Segment<'a> {
    Member(&'a str),
    Index(usize),
}

/// Splits `UserSettings.SecurityGroups[1]` into members and indexes.
fn segments(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, mut rest) = part.split_once('[').map_or((part, ""), |(n, r)| (n, r));
        if !name.is_empty() {
            out.push(Segment::Member(name));
        }
        while let Some((index, after)) = rest.split_once(']') {
            if let Ok(i) = index.parse() {
                out.push(Segment::Index(i));
            }
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    out
}

/// AWS's member path: `userSettings.securityGroups.2.member`.
fn aws_path(segments: &[Segment<'_>]) -> String {
    let parts: Vec<String> = segments
        .iter()
        .map(|s| match s {
            Segment::Member(name) => {
                let mut chars = name.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_lowercase().chain(chars).collect()
                })
            }
            Segment::Index(i) => format!("{}.member", i + 1),
        })
        .collect();
    parts.join(".")
}

/// The value a path leads to in the request body.
fn lookup<'a>(body: &'a Value, segments: &[Segment<'_>]) -> Option<&'a Value> {
    let mut current = body;
    for segment in segments {
        current = match segment {
            Segment::Member(name) => current.get(*name)?,
            Segment::Index(i) => current.get(*i)?,
        };
    }
    Some(current)
}

/// How Java's `toString` would show a value inside the quotes.
fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(plain).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

fn value_text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "null".to_owned(),
        Some(v) => format!("'{}'", plain(v)),
    }
}

fn bound(shape: Option<&Value>, key: &str) -> Option<i64> {
    shape?.get(key)?.as_i64()
}

/// The size a length constraint measures: characters of a string, items of a list.
fn size(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::String(s) => Some(s.chars().count() as i64),
        Value::Array(items) => Some(items.len() as i64),
        _ => None,
    }
}

/// The constraint clause AWS states for one violation.
fn constraint(problem: &Problem, shape: Option<&Value>, value: Option<&Value>) -> String {
    let min = bound(shape, "min");
    let max = bound(shape, "max");
    match problem.kind {
        ProblemKind::Required => "Member must not be null".to_owned(),
        ProblemKind::Length | ProblemKind::ListLength => match (size(value), min, max) {
            (Some(n), Some(lo), _) if n < lo => {
                format!("Member must have length greater than or equal to {lo}")
            }
            (_, _, Some(hi)) => format!("Member must have length less than or equal to {hi}"),
            _ => problem.message.clone(),
        },
        ProblemKind::Range => match (value.and_then(Value::as_i64), min, max) {
            (Some(n), Some(lo), _) if n < lo => {
                format!("Member must have value greater than or equal to {lo}")
            }
            (_, _, Some(hi)) => format!("Member must have value less than or equal to {hi}"),
            _ => problem.message.clone(),
        },
        ProblemKind::Pattern => match shape.and_then(|s| s.get("pattern")?.as_str()) {
            Some(pattern) => format!("Member must satisfy regular expression pattern: {pattern}"),
            None => problem.message.clone(),
        },
        ProblemKind::Enum => match shape.and_then(|s| s.get("enum")?.as_array()) {
            Some(values) => {
                let values: Vec<String> = values.iter().map(plain).collect();
                format!(
                    "Member must satisfy enum value set: [{}]",
                    values.join(", ")
                )
            }
            None => problem.message.clone(),
        },
        ProblemKind::Union | ProblemKind::Rule => problem.message.clone(),
    }
}

/// One clause: `Value '...' at 'path' failed to satisfy constraint: ...`.
fn clause(shapes: Shapes, operation: &str, problem: &Problem, body: &Value) -> String {
    let segments = segments(&problem.path);
    let shape = shapes
        .input_shape(operation)
        .and_then(|input| shapes.resolve(input, &segments));
    let value = lookup(body, &segments);
    format!(
        "Value {} at '{}' failed to satisfy constraint: {}",
        value_text(value),
        aws_path(&segments),
        constraint(problem, shape, value)
    )
}

/// Turns the model's findings about a request of `operation` (of `service`) into AWS's
/// `ValidationException`, or `None` when there is no error.
pub(crate) fn to_error(
    service: &ServiceMetadata,
    operation: &str,
    report: &Report,
    body: &Value,
) -> Option<ApiError> {
    let shapes = Shapes(models(service));
    let clauses: Vec<String> = report
        .errors()
        .map(|problem| clause(shapes, operation, problem, body))
        .collect();
    match clauses.len() {
        0 => None,
        1 => Some(ApiError::validation(format!(
            "1 validation error detected: {}",
            clauses[0]
        ))),
        n => Some(ApiError::validation(format!(
            "{n} validation errors detected: {}",
            clauses.join("; ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_paths_become_aws_member_paths() {
        let s = segments("UserSettings.SecurityGroups[1]");
        assert_eq!(
            s,
            [
                Segment::Member("UserSettings"),
                Segment::Member("SecurityGroups"),
                Segment::Index(1)
            ]
        );
        assert_eq!(aws_path(&s), "userSettings.securityGroups.2.member");
        assert_eq!(aws_path(&segments("Tags[0].Key")), "tags.1.member.key");
    }

    #[test]
    fn a_list_member_path_resolves_to_the_item_shape() {
        let s = segments("UserSettings.SecurityGroups[0]");
        let shapes = Shapes(models(&studio_admin_model::SERVICE));
        let shape = shapes.resolve("CreateUserProfileRequest", &s).unwrap();
        assert_eq!(shape["pattern"], "[-0-9a-zA-Z]+");
    }

    #[test]
    fn shapes_are_found_in_the_model_of_the_operations_service() {
        let sagemaker = Shapes(models(&studio_admin_model::SERVICE));
        let tag_key = sagemaker
            .resolve("DeleteTagsInput", &segments("TagKeys[0]"))
            .unwrap();
        assert_eq!(tag_key["max"], 128);
        let sso = Shapes(models(&studio_admin_model::sso_admin::SERVICE));
        let principal = sso
            .resolve(
                "CreateApplicationAssignmentRequest",
                &segments("PrincipalId"),
            )
            .unwrap();
        assert_eq!(principal["max"], 47);
        assert!(sso.input_shape("ListApps").is_none());
    }
}
