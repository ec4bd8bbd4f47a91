//! The vendored service model, read as plain JSON: the tests check the generated code
//! against it rather than against the generator's own reading of it.

use std::sync::LazyLock;

use serde_json::{Map, Value};

/// The vendored model file.
pub const MODEL_TEXT: &str = include_str!("../../vendor/sagemaker-api-shapes.json");

static MODEL: LazyLock<Value> = LazyLock::new(|| match serde_json::from_str(MODEL_TEXT) {
    Ok(model) => model,
    Err(e) => panic!("the vendored model must be JSON: {e}"),
});

/// One shape of the model.
pub fn shape(name: &str) -> &'static Map<String, Value> {
    match MODEL["shapes"][name].as_object() {
        Some(shape) => shape,
        None => panic!("shape {name} is not in the model"),
    }
}

/// Every shape of the model, by name.
pub fn shapes() -> impl Iterator<Item = (&'static str, &'static Map<String, Value>)> {
    MODEL["shapes"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(name, shape)| Some((name.as_str(), shape.as_object()?)))
}

/// The shape's `type` (`structure`, `list`, `string`, `integer`, ...).
pub fn kind(shape: &Map<String, Value>) -> &str {
    shape["type"].as_str().unwrap_or_default()
}

/// A numeric trait of the shape (`min`, `max`).
pub fn bound(shape: &Map<String, Value>, key: &str) -> Option<i64> {
    shape.get(key).and_then(Value::as_i64)
}

/// The shape's pattern, if any.
pub fn pattern(shape: &Map<String, Value>) -> Option<&str> {
    shape.get("pattern").and_then(Value::as_str)
}

/// The shape's enum values, if it is an enum.
pub fn enum_values(shape: &Map<String, Value>) -> Option<Vec<&str>> {
    let values = shape.get("enum")?.as_array()?;
    Some(values.iter().filter_map(Value::as_str).collect())
}

/// A structure's members: (member name, target shape name).
pub fn members(shape: &Map<String, Value>) -> Vec<(&str, &str)> {
    shape
        .get("members")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(name, m)| Some((name.as_str(), m["shape"].as_str()?)))
        .collect()
}

/// Whether a structure requires the member.
pub fn is_required(shape: &Map<String, Value>, member: &str) -> bool {
    shape
        .get("required")
        .and_then(Value::as_array)
        .is_some_and(|r| r.iter().any(|m| m == member))
}

/// Whether a structure is a union (exactly one member set).
pub fn is_union(shape: &Map<String, Value>) -> bool {
    shape.get("union").and_then(Value::as_bool).unwrap_or(false)
}

/// A list's member shape name.
pub fn list_member(shape: &Map<String, Value>) -> &str {
    shape["member"]["shape"].as_str().unwrap_or_default()
}
