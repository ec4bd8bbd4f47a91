//! Reading the vendored service models: one service may come in several files (SageMaker's
//! tag operations are vendored apart from the rest), which are merged here, refusing any
//! disagreement between them.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use serde_json::{Map, Value};

/// A service model, as much of it as the generator reads.
#[derive(Deserialize)]
pub struct Model {
    /// Protocol facts: target prefix, signing name, ...
    pub metadata: Metadata,
    /// Operations by name.
    pub operations: BTreeMap<String, Operation>,
    /// Shapes by name.
    pub shapes: BTreeMap<String, Shape>,
}

/// The model's `metadata`.
#[derive(Deserialize, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// `X-Amz-Target` is `<targetPrefix>.<Operation>`.
    pub target_prefix: String,
    /// The SigV4 signing name (credential scope service).
    pub signing_name: String,
    /// The first label of the endpoint host (`api.sagemaker`, `identitystore`, `sso`).
    pub endpoint_prefix: String,
    /// The SDKs' service id (`SSO Admin`), from which `AWS_ENDPOINT_URL_<ID>` is named.
    pub service_id: String,
    /// `2017-07-24`, ...
    pub api_version: String,
    /// Only `json` (awsJson) is supported.
    pub protocol: String,
    /// `1.1` or `1.0`.
    pub json_version: String,
}

/// One operation of the model.
#[derive(Deserialize)]
pub struct Operation {
    /// Its input structure.
    pub input: Option<ShapeRef>,
    /// Its output structure.
    pub output: Option<ShapeRef>,
}

/// A reference to a shape.
#[derive(Deserialize)]
pub struct ShapeRef {
    /// The shape's name.
    pub shape: String,
}

/// A member of a structure.
#[derive(Deserialize)]
pub struct Member {
    /// The member's shape.
    pub shape: String,
    /// Whether the service deprecated it.
    #[serde(default)]
    pub deprecated: bool,
}

/// One shape of the model.
#[derive(Deserialize)]
pub struct Shape {
    /// `structure`, `list`, `map`, `string`, `integer`, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// A structure's members.
    #[serde(default)]
    pub members: BTreeMap<String, Member>,
    /// A structure's required members.
    #[serde(default)]
    pub required: Vec<String>,
    /// A list's item shape.
    pub member: Option<ShapeRef>,
    /// A map's key shape.
    pub key: Option<ShapeRef>,
    /// A map's value shape.
    pub value: Option<ShapeRef>,
    /// An enum's values.
    #[serde(rename = "enum")]
    pub values: Option<Vec<String>>,
    /// Least length, size or value.
    pub min: Option<i64>,
    /// Greatest length, size or value.
    pub max: Option<i64>,
    /// A string's pattern (Java syntax, whole value).
    pub pattern: Option<String>,
    /// A structure of which exactly one member is set.
    #[serde(default)]
    pub union: bool,
    /// A structure holding any JSON value (a "document").
    #[serde(default)]
    pub document: bool,
    /// A value the service treats as sensitive (logged redacted).
    #[serde(default)]
    pub sensitive: bool,
}

/// Reads the model made of `files` (paths relative to `root`): the first file, with the
/// operations and shapes of the others added. The files must describe the same service
/// (same metadata), and a shape or operation present in two files must be identical.
pub fn load(root: &Path, files: &[&str]) -> Result<Model> {
    let mut merged: Option<Map<String, Value>> = None;
    for file in files {
        let text =
            std::fs::read_to_string(root.join(file)).with_context(|| format!("reading {file}"))?;
        let Value::Object(model) =
            serde_json::from_str::<Value>(&text).with_context(|| format!("parsing {file}"))?
        else {
            bail!("{file} is not a JSON object");
        };
        match &mut merged {
            None => merged = Some(model),
            Some(into) => merge(into, &model, files[0], file)?,
        }
    }
    let merged = merged.context("no model files")?;
    let model: Model = serde_json::from_value(Value::Object(merged))
        .with_context(|| format!("reading the model of {}", files.join(" + ")))?;
    if model.metadata.protocol != "json" {
        bail!(
            "{}: protocol {} is not awsJson",
            files[0],
            model.metadata.protocol
        );
    }
    Ok(model)
}

/// Adds the operations and shapes of `extra` (from file `extra_file`) to `into` (from
/// `main_file`).
fn merge(
    into: &mut Map<String, Value>,
    extra: &Map<String, Value>,
    main_file: &str,
    extra_file: &str,
) -> Result<()> {
    let metadata = |m: &Map<String, Value>, file: &str| -> Result<Metadata> {
        serde_json::from_value(m.get("metadata").cloned().unwrap_or(Value::Null))
            .with_context(|| format!("reading the metadata of {file}"))
    };
    if metadata(into, main_file)? != metadata(extra, extra_file)? {
        bail!("{extra_file} describes another service than {main_file} (their metadata differ)");
    }
    for section in ["operations", "shapes"] {
        let Some(Value::Object(items)) = extra.get(section) else {
            continue;
        };
        let Some(Value::Object(target)) = into.get_mut(section) else {
            bail!("{main_file} has no {section}");
        };
        for (name, item) in items {
            match target.get(name) {
                Some(existing) if existing != item => bail!(
                    "{section} {name} differs between {main_file} and {extra_file}: \
                     merging them would change one of them; reconcile the files first"
                ),
                Some(_) => {}
                None => {
                    target.insert(name.clone(), item.clone());
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(shapes: &Value) -> Map<String, Value> {
        let Value::Object(m) = serde_json::json!({
            "metadata": {
                "targetPrefix": "Svc", "signingName": "svc", "endpointPrefix": "svc",
                "serviceId": "Svc", "apiVersion": "2020-01-01", "protocol": "json",
                "jsonVersion": "1.1"
            },
            "operations": {},
            "shapes": shapes,
        }) else {
            unreachable!()
        };
        m
    }

    #[test]
    fn shapes_of_another_file_are_added_and_identical_ones_accepted() {
        let mut main = model(&serde_json::json!({"A": {"type": "string"}}));
        let extra = model(&serde_json::json!({"A": {"type": "string"}, "B": {"type": "integer"}}));
        merge(&mut main, &extra, "main", "extra").unwrap();
        assert_eq!(main["shapes"].as_object().unwrap().len(), 2);
    }

    #[test]
    fn a_shape_that_differs_between_the_files_fails_the_merge_loudly() {
        let mut main = model(&serde_json::json!({"A": {"type": "string", "max": 10}}));
        let extra = model(&serde_json::json!({"A": {"type": "string", "max": 20}}));
        let error = merge(&mut main, &extra, "main", "extra")
            .unwrap_err()
            .to_string();
        assert!(error.contains("shapes A differs"), "{error}");
    }

    #[test]
    fn files_of_different_services_are_not_merged() {
        let mut main = model(&serde_json::json!({}));
        let mut extra = model(&serde_json::json!({}));
        extra["metadata"]["signingName"] = "other".into();
        assert!(merge(&mut main, &extra, "main", "extra").is_err());
    }
}
