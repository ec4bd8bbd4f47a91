//! Properties over generated requests: validation never panics, whatever arrives, and a
//! valid request survives serialization and strict parsing unchanged.
//!
//! The generators follow the vendored model (member names, enums, bounds) and draw
//! strings from the pattern samples, so most bodies get deep into validation instead of
//! stopping at the first unknown member.

mod support;

use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use studio_admin_model::{
    AppNetworkAccessType, AuthMode, CreateUserProfileRequest, DomainContext, Report,
    UpdateUserProfileRequest, ValidateRequest, from_json_strict, validate,
};
use support::{model, samples};

/// Any JSON value, small.
fn any_json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,20}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(".{0,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// Every sample string of the table, matching or not.
fn all_samples() -> Vec<&'static str> {
    samples::SAMPLES
        .iter()
        .flat_map(|s| s.matching.iter().chain(s.not_matching).copied())
        .collect()
}

/// A value for `shape` that is mostly of the right form and sometimes anything at all.
fn arbitrary(shape_name: &'static str) -> BoxedStrategy<Value> {
    prop_oneof![
        9 => shaped(shape_name),
        1 => any_json(),
    ]
    .boxed()
}

fn shaped(shape_name: &'static str) -> BoxedStrategy<Value> {
    let shape = model::shape(shape_name);
    let min = model::bound(shape, "min");
    let max = model::bound(shape, "max");
    match model::kind(shape) {
        "structure" => {
            let members: Vec<BoxedStrategy<Option<(String, Value)>>> = model::members(shape)
                .into_iter()
                .map(|(member, target)| {
                    prop::option::of(arbitrary(target).prop_map(move |v| (member.to_owned(), v)))
                        .boxed()
                })
                .collect();
            members
                .prop_map(|pairs| Value::Object(pairs.into_iter().flatten().collect()))
                .boxed()
        }
        "list" => {
            let longest = usize::try_from(max.unwrap_or(3).min(3) + 1).unwrap_or(4);
            prop::collection::vec(arbitrary(model::list_member(shape)), 0..=longest)
                .prop_map(Value::Array)
                .boxed()
        }
        "string" => match model::enum_values(shape) {
            Some(values) => prop_oneof![
                prop::sample::select(values).prop_map(Value::from),
                ".{0,12}".prop_map(Value::from),
            ]
            .boxed(),
            None => prop_oneof![
                prop::sample::select(all_samples()).prop_map(Value::from),
                any::<String>().prop_map(Value::from),
                "[a-z0-9-]{0,70}".prop_map(Value::from),
            ]
            .boxed(),
        },
        "integer" | "long" => {
            let edges: Vec<i64> = [min, max]
                .into_iter()
                .flatten()
                .flat_map(|b| [b - 1, b, b + 1])
                .collect();
            if edges.is_empty() {
                any::<i64>().prop_map(Value::from).boxed()
            } else {
                prop_oneof![
                    prop::sample::select(edges).prop_map(Value::from),
                    any::<i64>().prop_map(Value::from),
                ]
                .boxed()
            }
        }
        "boolean" => any::<bool>().prop_map(Value::from).boxed(),
        _ => any::<f64>().prop_map(|f| json!(f)).boxed(),
    }
}

fn domain() -> impl Strategy<Value = Option<DomainContext>> {
    let auth = prop_oneof![
        Just(AuthMode::Iam),
        Just(AuthMode::Sso),
        Just(AuthMode::Unknown("LDAP".into()))
    ];
    let network = prop_oneof![
        Just(AppNetworkAccessType::PublicInternetOnly),
        Just(AppNetworkAccessType::VpcOnly),
    ];
    let defaults = prop::collection::vec("sg-[0-9a-f]{3}", 0..4);
    prop::option::of(
        (auth, network, defaults).prop_map(|(auth_mode, network, groups)| DomainContext {
            auth_mode,
            app_network_access_type: network,
            default_security_groups: groups,
        }),
    )
}

/// Parses and validates; every problem must have a path-like path and words.
fn check_never_panics<R: ValidateRequest + DeserializeOwned>(
    text: &str,
    domain: Option<&DomainContext>,
) {
    if let Ok(request) = from_json_strict::<R>(text) {
        let report = validate(&request, domain);
        for problem in &report.problems {
            assert!(!problem.message.is_empty(), "{problem:?}");
            assert!(!problem.path.starts_with('.') && !problem.path.ends_with('.'));
        }
    }
}

/// A valid value of `shape`: samples that match, enum members, numbers in range, lists
/// within bounds, exactly one member of a union.
fn valid(shape_name: &'static str) -> BoxedStrategy<Value> {
    let shape = model::shape(shape_name);
    let min = model::bound(shape, "min");
    let max = model::bound(shape, "max");
    match model::kind(shape) {
        "structure" if model::is_union(shape) => {
            let choices: Vec<BoxedStrategy<Value>> = model::members(shape)
                .into_iter()
                .map(|(member, target)| {
                    valid(target)
                        .prop_map(move |v| json!({ member: v }))
                        .boxed()
                })
                .collect();
            prop::strategy::Union::new(choices).boxed()
        }
        "structure" => {
            let members: Vec<BoxedStrategy<Option<(String, Value)>>> = model::members(shape)
                .into_iter()
                .map(|(member, target)| {
                    let pair = valid(target).prop_map(move |v| (member.to_owned(), v));
                    if model::is_required(shape, member) {
                        pair.prop_map(Some).boxed()
                    } else {
                        prop::option::of(pair).boxed()
                    }
                })
                .collect();
            members
                .prop_map(|pairs| Value::Object(pairs.into_iter().flatten().collect()))
                .boxed()
        }
        "list" => {
            let fewest = usize::try_from(min.unwrap_or(0)).unwrap_or(0);
            let most = usize::try_from(max.unwrap_or(3).min(3))
                .unwrap_or(3)
                .max(fewest);
            prop::collection::vec(valid(model::list_member(shape)), fewest..=most)
                .prop_map(Value::Array)
                .boxed()
        }
        "string" => {
            if let Some(values) = model::enum_values(shape) {
                return prop::sample::select(values).prop_map(Value::from).boxed();
            }
            let fits = move |v: &str| {
                let len = v.chars().count() as i64;
                min.is_none_or(|m| len >= m) && max.is_none_or(|m| len <= m)
            };
            match model::pattern(shape) {
                Some(pattern) => {
                    let table = samples::for_pattern(pattern).expect("samples for every pattern");
                    let good: Vec<&str> =
                        table.matching.iter().copied().filter(|v| fits(v)).collect();
                    prop::sample::select(good).prop_map(Value::from).boxed()
                }
                None => {
                    let fewest = usize::try_from(min.unwrap_or(0)).unwrap_or(0);
                    let most = usize::try_from(max.unwrap_or(40).min(40)).unwrap_or(40);
                    prop::collection::vec(any::<char>(), fewest..=most.max(fewest))
                        .prop_map(|chars| Value::from(chars.into_iter().collect::<String>()))
                        .boxed()
                }
            }
        }
        "integer" | "long" => {
            let low = min.unwrap_or(0);
            let high = max.unwrap_or(low + 1000);
            (low..=high).prop_map(Value::from).boxed()
        }
        "boolean" => any::<bool>().prop_map(Value::from).boxed(),
        other => panic!("no valid generator for {other} shape {shape_name}"),
    }
}

/// Adjusts a model-valid body so that the documented rules hold as well (no domain is
/// given, so the domain-dependent ones do not apply).
fn obey_documented_rules(mut body: Value) -> Value {
    let Some(object) = body.as_object_mut() else {
        return body;
    };
    // The single sign-on members come together or not at all.
    match (
        object.contains_key("SingleSignOnUserIdentifier"),
        object.contains_key("SingleSignOnUserValue"),
    ) {
        (true, false) => {
            object.insert("SingleSignOnUserValue".into(), json!("jane"));
        }
        (false, true) => {
            object.insert("SingleSignOnUserIdentifier".into(), json!("UserName"));
        }
        _ => {}
    }
    // Tag keys are unique.
    if let Some(Value::Array(tags)) = object.get_mut("Tags") {
        let mut seen = Vec::new();
        tags.retain(|tag| {
            let key = tag["Key"].clone();
            let fresh = !seen.contains(&key);
            seen.push(key);
            fresh
        });
    }
    if let Some(Value::Object(settings)) = object.get_mut("UserSettings") {
        for (name, section) in settings.iter_mut() {
            let Value::Object(section) = section else {
                continue;
            };
            // JupyterServer runs on `system` only.
            if name == "JupyterServerAppSettings"
                && let Some(Value::Object(spec)) = section.get_mut("DefaultResourceSpec")
                && spec.contains_key("InstanceType")
            {
                spec.insert("InstanceType".into(), json!("system"));
            }
            // Lifecycle configurations need a default resource spec.
            let lists_some = section
                .get("LifecycleConfigArns")
                .and_then(Value::as_array)
                .is_some_and(|l| !l.is_empty());
            if lists_some && !section.contains_key("DefaultResourceSpec") {
                section.insert("DefaultResourceSpec".into(), Value::Object(Map::new()));
            }
        }
    }
    body
}

fn valid_request(root: &'static str) -> impl Strategy<Value = Value> {
    valid(root).prop_map(obey_documented_rules)
}

/// The property itself: no errors, and serialize + strict parse gives the same request
/// and the same JSON.
fn check_roundtrip<R>(body: &Value) -> Result<(), TestCaseError>
where
    R: ValidateRequest + DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let request: R = from_json_strict(&body.to_string())
        .map_err(|e| TestCaseError::fail(format!("a valid body was refused: {e}")))?;
    let report: Report = validate(&request, None);
    prop_assert!(
        !report.has_errors(),
        "errors in a valid request: {:#?}",
        report.problems
    );
    let text = serde_json::to_string(&request).unwrap();
    let again: R = from_json_strict(&text)
        .map_err(|e| TestCaseError::fail(format!("its own serialization was refused: {e}")))?;
    prop_assert_eq!(&again, &request);
    prop_assert_eq!(&serde_json::to_value(&again).unwrap(), body);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn validation_never_panics_on_request_shaped_json(
        body in arbitrary("CreateUserProfileRequest"),
        domain in domain(),
    ) {
        let text = body.to_string();
        check_never_panics::<CreateUserProfileRequest>(&text, domain.as_ref());
        check_never_panics::<UpdateUserProfileRequest>(&text, domain.as_ref());
    }

    #[test]
    fn validation_never_panics_on_update_shaped_json(
        body in arbitrary("UpdateUserProfileRequest"),
        domain in domain(),
    ) {
        check_never_panics::<UpdateUserProfileRequest>(&body.to_string(), domain.as_ref());
    }

    #[test]
    fn parsing_never_panics_on_any_text(text in any::<String>()) {
        check_never_panics::<CreateUserProfileRequest>(&text, None);
    }

    #[test]
    fn parsing_never_panics_on_any_json(body in any_json()) {
        check_never_panics::<CreateUserProfileRequest>(&body.to_string(), None);
    }

    #[test]
    fn a_valid_create_request_serializes_and_parses_back_identically(
        body in valid_request("CreateUserProfileRequest"),
    ) {
        check_roundtrip::<CreateUserProfileRequest>(&body)?;
    }

    #[test]
    fn a_valid_update_request_serializes_and_parses_back_identically(
        body in valid_request("UpdateUserProfileRequest"),
    ) {
        check_roundtrip::<UpdateUserProfileRequest>(&body)?;
    }
}
