//! The vendored service models, read as plain JSON: the tests check the generated code
//! against them rather than against the generator's own reading of them.
//!
//! The free functions [`shape`] and [`shapes`] read SageMaker's model (its tag operations'
//! file included, as the generator merges it); [`Model`] reads any of the three services.

use std::sync::LazyLock;

use serde_json::{Map, Value};

/// SageMaker's vendored model file.
pub const MODEL_TEXT: &str = include_str!("../../vendor/sagemaker-api-shapes.json");
/// SageMaker's tag operations, vendored apart and generated into the same module.
pub const TAGS_TEXT: &str = include_str!("../../vendor/sagemaker-tags-api-shapes.json");
/// Identity Store's vendored model file.
pub const IDENTITYSTORE_TEXT: &str = include_str!("../../vendor/identitystore-api-shapes.json");
/// SSO Admin's vendored model file.
pub const SSO_ADMIN_TEXT: &str = include_str!("../../vendor/sso-admin-api-shapes.json");

/// One service's shapes and operations.
pub struct Model {
    /// Which service (for messages).
    pub name: &'static str,
    json: Value,
}

fn parse(text: &str) -> Value {
    match serde_json::from_str(text) {
        Ok(model) => model,
        Err(e) => panic!("the vendored model must be JSON: {e}"),
    }
}

static SAGEMAKER: LazyLock<Model> = LazyLock::new(|| {
    let mut json = parse(MODEL_TEXT);
    let tags = parse(TAGS_TEXT);
    for section in ["operations", "shapes"] {
        let Some(items) = tags[section].as_object() else {
            continue;
        };
        for (name, item) in items {
            let existing = json[section].get(name.as_str()).cloned();
            match existing {
                Some(existing) => assert_eq!(&existing, item, "{section} {name} differs"),
                None => {
                    json[section][name.as_str()] = item.clone();
                }
            }
        }
    }
    Model {
        name: "SageMaker",
        json,
    }
});

static IDENTITYSTORE: LazyLock<Model> = LazyLock::new(|| Model {
    name: "identitystore",
    json: parse(IDENTITYSTORE_TEXT),
});

static SSO_ADMIN: LazyLock<Model> = LazyLock::new(|| Model {
    name: "sso-admin",
    json: parse(SSO_ADMIN_TEXT),
});

/// SageMaker's model (with the tag operations).
pub fn sagemaker() -> &'static Model {
    &SAGEMAKER
}

/// Identity Store's model.
pub fn identitystore() -> &'static Model {
    &IDENTITYSTORE
}

/// SSO Admin's model.
pub fn sso_admin() -> &'static Model {
    &SSO_ADMIN
}

/// Every vendored service's model.
pub fn all() -> [&'static Model; 3] {
    [sagemaker(), identitystore(), sso_admin()]
}

impl Model {
    /// One shape of the model.
    pub fn shape(&self, name: &str) -> &Map<String, Value> {
        match self.json["shapes"][name].as_object() {
            Some(shape) => shape,
            None => panic!("shape {name} is not in the {} model", self.name),
        }
    }

    /// Every shape of the model, by name.
    pub fn shapes(&self) -> impl Iterator<Item = (&str, &Map<String, Value>)> {
        self.json["shapes"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(name, shape)| Some((name.as_str(), shape.as_object()?)))
    }

    /// The input shape of every operation, by operation name.
    pub fn inputs(&self) -> Vec<(&str, &str)> {
        self.json["operations"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(name, op)| Some((name.as_str(), op["input"]["shape"].as_str()?)))
            .collect()
    }
}

/// One shape of SageMaker's model.
pub fn shape(name: &str) -> &'static Map<String, Value> {
    sagemaker().shape(name)
}

/// Every shape of SageMaker's model, by name.
pub fn shapes() -> impl Iterator<Item = (&'static str, &'static Map<String, Value>)> {
    sagemaker().shapes()
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

/// Whether a structure is a document (any JSON value).
pub fn is_document(shape: &Map<String, Value>) -> bool {
    shape
        .get("document")
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// Whether a structure is a union (exactly one member set).
pub fn is_union(shape: &Map<String, Value>) -> bool {
    shape.get("union").and_then(Value::as_bool).unwrap_or(false)
}

/// A list's member shape name.
pub fn list_member(shape: &Map<String, Value>) -> &str {
    shape["member"]["shape"].as_str().unwrap_or_default()
}
