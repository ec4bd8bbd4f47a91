//! Validation agrees with the vendored service models, member by member.
//!
//! The walk starts at CreateUserProfileRequest (and UpdateUserProfileRequest, and the input
//! of every Identity Store and SSO Admin operation) and visits every member reachable
//! through structures, lists and unions. For every constraint it
//! builds boundary cases: string lengths min-1/min/max/max+1, pattern samples that match
//! and that do not, every enum value and one that is not, integer bounds min-1/min/max/
//! max+1, list sizes max/max+1, a missing required member, a union with no member and with
//! two. Each case is a JSON body with that value at that path and every other required
//! member filled validly; it goes through `from_json_strict` and `validate` like a real
//! body, and a problem of the matching kind must be reported at exactly that path if and
//! only if the model says the value is invalid. No other model constraint may fire
//! anywhere else (the prose rules, which are tested on their own, may).

mod support;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use studio_admin_model::validate::{IntRule, ListRule, StringRule};
use studio_admin_model::{
    CreateUserProfileRequest, ProblemKind, Report, Severity, UpdateUserProfileRequest, Validate,
    ValidateRequest, from_json_strict, identitystore, sso_admin, validate,
};
use support::model::{self, Model};
use support::samples;

/// One step of a path: a member, or the first item of a list.
#[derive(Debug, Clone)]
enum Step {
    Member(&'static str),
    Item,
}

/// What a case puts at its path.
#[derive(Debug, Clone)]
enum Put {
    /// This JSON value.
    Value(Value),
    /// Nothing: the member is removed.
    Absent,
}

/// One boundary case.
#[derive(Debug)]
struct Case {
    path: Vec<Step>,
    put: Put,
    kind: ProblemKind,
    invalid: bool,
    what: String,
}

fn render(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Member(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Step::Item => out.push_str("[0]"),
        }
    }
    out
}

/// A valid value of `shape`, with only the required members of structures (a union gets
/// its first member).
fn valid(m: &Model, shape_name: &str) -> Value {
    let shape = m.shape(shape_name);
    match model::kind(shape) {
        "structure" if model::is_document(shape) => json!("any JSON value"),
        "structure" => {
            let members = model::members(shape);
            let mut object = Map::new();
            for (member, target) in &members {
                if model::is_required(shape, member) {
                    object.insert((*member).to_owned(), valid(m, target));
                }
            }
            if model::is_union(shape)
                && let Some((member, target)) = members.first()
            {
                object.insert((*member).to_owned(), valid(m, target));
            }
            Value::Object(object)
        }
        "list" => {
            let min = model::bound(shape, "min").unwrap_or(0);
            let item = valid(m, model::list_member(shape));
            Value::Array(vec![item; usize::try_from(min).unwrap()])
        }
        "string" => Value::String(valid_string(m, shape_name)),
        "integer" | "long" => json!(
            model::bound(shape, "min")
                .or(model::bound(shape, "max"))
                .unwrap_or(0)
        ),
        "boolean" => json!(true),
        "timestamp" => json!(1_700_000_000),
        other => panic!("shape {shape_name} has type {other}"),
    }
}

fn valid_string(m: &Model, shape_name: &str) -> String {
    let shape = m.shape(shape_name);
    if let Some(values) = model::enum_values(shape) {
        return values[0].to_owned();
    }
    let min = usize::try_from(model::bound(shape, "min").unwrap_or(0)).unwrap();
    match model::pattern(shape) {
        Some(pattern) => {
            let s = sample_table(pattern);
            let value = s.matching[0].to_owned();
            let len = value.chars().count();
            assert!(
                len >= min && model::bound(shape, "max").is_none_or(|m| len as i64 <= m),
                "the first matching sample of {pattern:?} must suit shape {shape_name}"
            );
            value
        }
        None => "x".repeat(min.max(1)),
    }
}

fn sample_table(pattern: &str) -> &'static samples::Samples {
    match samples::for_pattern(pattern) {
        Some(s) => s,
        None => panic!("no samples for pattern {pattern:?}: add them to tests/support/samples.rs"),
    }
}

/// Collects the cases of `shape` at `path`, then of everything below it.
fn walk(
    m: &'static Model,
    shape_name: &'static str,
    path: &[Step],
    depth: usize,
    cases: &mut Vec<Case>,
) {
    assert!(
        depth < 20,
        "the model is deeper than expected at {}",
        render(path)
    );
    let shape = m.shape(shape_name);
    let case = |put: Put, kind, invalid, what: String| Case {
        path: path.to_vec(),
        put,
        kind,
        invalid,
        what,
    };
    match model::kind(shape) {
        // A document holds any JSON value: nothing to check.
        "structure" if model::is_document(shape) => {}
        "structure" => {
            for (member, target) in model::members(shape) {
                let mut below = path.to_vec();
                below.push(Step::Member(member));
                if model::is_required(shape, member) {
                    cases.push(Case {
                        path: below.clone(),
                        put: Put::Absent,
                        kind: ProblemKind::Required,
                        invalid: true,
                        what: "missing required member".into(),
                    });
                }
                walk(m, target, &below, depth + 1, cases);
            }
            if model::is_union(shape) {
                let members = model::members(shape);
                cases.push(case(
                    Put::Value(json!({})),
                    ProblemKind::Union,
                    true,
                    "union with no member".into(),
                ));
                // A union of one member (Identity Store's MemberId) cannot have two.
                if members.len() >= 2 {
                    let mut two = Map::new();
                    for (member, target) in members.iter().take(2) {
                        two.insert((*member).to_owned(), valid(m, target));
                    }
                    cases.push(case(
                        Put::Value(Value::Object(two)),
                        ProblemKind::Union,
                        true,
                        "union with two members".into(),
                    ));
                }
                let (member, target) = members[0];
                cases.push(case(
                    Put::Value(json!({ member: valid(m, target) })),
                    ProblemKind::Union,
                    false,
                    "union with one member".into(),
                ));
            }
        }
        "list" => {
            let item = valid(m, model::list_member(shape));
            let min = model::bound(shape, "min");
            let max = model::bound(shape, "max");
            let sizes = [
                min.filter(|&m| m > 0).map(|m| m - 1),
                min,
                max,
                max.map(|m| m + 1),
            ];
            for size in sizes.into_iter().flatten() {
                let invalid = min.is_some_and(|m| size < m) || max.is_some_and(|m| size > m);
                let items = vec![item.clone(); usize::try_from(size).unwrap()];
                cases.push(case(
                    Put::Value(Value::Array(items)),
                    ProblemKind::ListLength,
                    invalid,
                    format!("list of {size}"),
                ));
            }
            let mut below = path.to_vec();
            below.push(Step::Item);
            let member = model::list_member(shape);
            walk(m, member, &below, depth + 1, cases);
        }
        "string" => string_cases(shape_name, shape, &case, cases),
        "integer" | "long" => {
            let min = model::bound(shape, "min");
            let max = model::bound(shape, "max");
            let values = [min.map(|m| m - 1), min, max, max.map(|m| m + 1)];
            for value in values.into_iter().flatten() {
                let invalid = min.is_some_and(|m| value < m) || max.is_some_and(|m| value > m);
                cases.push(case(
                    Put::Value(json!(value)),
                    ProblemKind::Range,
                    invalid,
                    format!("number {value}"),
                ));
            }
        }
        "boolean" | "timestamp" => {}
        other => panic!("shape {shape_name} has type {other}"),
    }
}

fn string_cases(
    shape_name: &str,
    shape: &Map<String, Value>,
    case: &dyn Fn(Put, ProblemKind, bool, String) -> Case,
    cases: &mut Vec<Case>,
) {
    if let Some(values) = model::enum_values(shape) {
        for value in values {
            cases.push(case(
                Put::Value(json!(value)),
                ProblemKind::Enum,
                false,
                format!("enum value {value}"),
            ));
        }
        let bogus = format!("NotA{shape_name}");
        cases.push(case(
            Put::Value(json!(bogus)),
            ProblemKind::Enum,
            true,
            format!("non-member {bogus}"),
        ));
        return;
    }
    let min = model::bound(shape, "min");
    let max = model::bound(shape, "max");
    let table = model::pattern(shape).map(sample_table);
    let lengths = [
        min.filter(|&m| m > 0).map(|m| m - 1),
        min,
        max,
        max.map(|m| m + 1),
    ];
    for len in lengths.into_iter().flatten() {
        let n = usize::try_from(len).unwrap();
        // Without a pattern, two-byte characters show that length counts characters.
        let value = match table {
            Some(s) => s.of_len(n),
            None => "é".repeat(n),
        };
        let invalid = min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m);
        cases.push(case(
            Put::Value(json!(value)),
            ProblemKind::Length,
            invalid,
            format!("{len} characters"),
        ));
    }
    if let Some(s) = table {
        let fits = |v: &str| {
            let len = v.chars().count() as i64;
            min.is_none_or(|m| len >= m) && max.is_none_or(|m| len <= m)
        };
        for value in s.matching.iter().filter(|v| fits(v)) {
            cases.push(case(
                Put::Value(json!(value)),
                ProblemKind::Pattern,
                false,
                format!("matching sample {value:?}"),
            ));
        }
        for value in s.not_matching {
            cases.push(case(
                Put::Value(json!(value)),
                ProblemKind::Pattern,
                true,
                format!("non-matching sample {value:?}"),
            ));
        }
    }
}

/// The body for `case`: the request's required members, then the case's value at its
/// path, creating what is missing on the way with valid values (an empty union, so that
/// the member on the path is its only one).
fn body(m: &Model, root: &str, case: &Case) -> Value {
    let mut document = valid(m, root);
    let mut shape_name: &str = root;
    let mut here = &mut document;
    let last = case.path.len().saturating_sub(1);
    for (i, step) in case.path.iter().enumerate() {
        let shape = m.shape(shape_name);
        match step {
            Step::Member(member) => {
                let target = model::members(shape)
                    .into_iter()
                    .find(|(m, _)| m == member)
                    .map(|(_, t)| t)
                    .unwrap();
                let object = here.as_object_mut().unwrap();
                // On the way through a union, the member on the path is its only one.
                if model::is_union(shape) {
                    object.retain(|name, _| name == member);
                }
                if i == last {
                    match &case.put {
                        Put::Value(value) => {
                            object.insert((*member).to_owned(), value.clone());
                        }
                        Put::Absent => {
                            object.remove(*member);
                        }
                    }
                    return document;
                }
                let fresh = if model::is_union(m.shape(target)) {
                    json!({})
                } else {
                    valid(m, target)
                };
                here = object.entry(*member).or_insert(fresh);
                shape_name = target;
            }
            Step::Item => {
                let member = model::list_member(shape);
                let items = here.as_array_mut().unwrap();
                if i == last {
                    if let Put::Value(value) = &case.put {
                        items.clear();
                        items.push(value.clone());
                    }
                    return document;
                }
                if items.is_empty() {
                    items.push(if model::is_union(m.shape(member)) {
                        json!({})
                    } else {
                        valid(m, member)
                    });
                }
                here = &mut items[0];
                shape_name = member;
            }
        }
    }
    // A case at the root itself (not in this model).
    if let Put::Value(value) = &case.put {
        return value.clone();
    }
    document
}

/// Runs every case of `root` (of model `m`), checking each request with `check`; returns
/// how many ran.
fn conform<R: DeserializeOwned>(
    m: &'static Model,
    root: &'static str,
    check: impl Fn(&R) -> Report,
) -> usize {
    let mut cases = Vec::new();
    walk(m, root, &[], 0, &mut cases);
    let mut failures = Vec::new();
    for case in &cases {
        let path = render(&case.path);
        let text = body(m, root, case).to_string();
        let request: R = match from_json_strict(&text) {
            Ok(request) => request,
            Err(e) => {
                failures.push(format!("{path} ({}): body refused: {e}", case.what));
                continue;
            }
        };
        let report = check(&request);
        let reported = report
            .at(&path)
            .any(|p| p.kind == case.kind && p.severity == Severity::Error);
        if reported != case.invalid {
            failures.push(format!(
                "{path} ({}): expected {} {:?} problem, report: {:?}",
                case.what,
                if case.invalid { "a" } else { "no" },
                case.kind,
                report.problems
            ));
        }
        let elsewhere: Vec<_> = report
            .errors()
            .filter(|p| p.kind != ProblemKind::Rule && p.path != path)
            .collect();
        if !elsewhere.is_empty() {
            failures.push(format!(
                "{path} ({}): unexpected problems elsewhere: {elsewhere:?}",
                case.what
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases of {root} disagree with the {} model:\n{}",
        failures.len(),
        cases.len(),
        m.name,
        failures.join("\n")
    );
    cases.len()
}

/// The model constraints and the documented rules of a SageMaker request.
fn with_rules<R: ValidateRequest>(request: &R) -> Report {
    validate(request, None)
}

/// The model constraints of a request of a service without documented rules.
fn model_only<R: Validate>(request: &R) -> Report {
    request.check_model()
}

#[test]
fn create_user_profile_validation_agrees_with_the_model_at_every_boundary() {
    let cases = conform(
        model::sagemaker(),
        "CreateUserProfileRequest",
        with_rules::<CreateUserProfileRequest>,
    );
    // Enough to be sure the walk went everywhere (the instance types alone are ~1,000).
    assert!(cases > 2000, "only {cases} cases");
}

#[test]
fn update_user_profile_validation_agrees_with_the_model_at_every_boundary() {
    let cases = conform(
        model::sagemaker(),
        "UpdateUserProfileRequest",
        with_rules::<UpdateUserProfileRequest>,
    );
    assert!(cases > 2000, "only {cases} cases");
}

#[test]
fn the_walk_reaches_every_settings_section_of_the_model() {
    let mut cases = Vec::new();
    walk(
        model::sagemaker(),
        "CreateUserProfileRequest",
        &[],
        0,
        &mut cases,
    );
    let paths: Vec<String> = cases.iter().map(|c| render(&c.path)).collect();
    for (member, _) in model::members(model::shape("UserSettings")) {
        let prefix = format!("UserSettings.{member}");
        assert!(
            paths.iter().any(|p| p.starts_with(&prefix)),
            "no case under {prefix}"
        );
    }
    for deep in [
        "UserSettings.CanvasAppSettings.IdentityProviderOAuthSettings[0].SecretArn",
        "UserSettings.CustomFileSystemConfigs[0].S3FileSystemConfig.S3Uri",
        "UserSettings.JupyterLabAppSettings.AppLifecycleManagement.IdleSettings.MaxIdleTimeoutInMinutes",
        "UserSettings.StudioWebPortalSettings.HiddenSageMakerImageVersionAliases[0].VersionAliases[0]",
        "Tags[0].Key",
    ] {
        assert!(paths.iter().any(|p| p == deep), "no case at {deep}");
    }
}

/// Runs the walk on the input of every operation of Identity Store or SSO Admin (their
/// requests have no documented rules beyond the model's).
macro_rules! conform_inputs {
    ($model:expr, $module:ident, [$($input:ident),* $(,)?]) => {{
        let m: &'static Model = $model;
        let mut expected: Vec<&str> = m.inputs().into_iter().map(|(_, input)| input).collect();
        expected.sort_unstable();
        let mut covered = vec![$(stringify!($input)),*];
        covered.sort_unstable();
        assert_eq!(covered, expected, "every operation input of {} is walked", m.name);
        let mut total = 0;
        $(total += conform(m, stringify!($input), model_only::<$module::$input>);)*
        total
    }};
}

#[test]
fn identity_store_validation_agrees_with_the_model_at_every_boundary() {
    let cases = conform_inputs!(
        model::identitystore(),
        identitystore,
        [
            DescribeGroupRequest,
            DescribeUserRequest,
            GetGroupIdRequest,
            GetUserIdRequest,
            IsMemberInGroupsRequest,
            ListGroupMembershipsForMemberRequest,
            ListGroupMembershipsRequest,
            ListGroupsRequest,
            ListUsersRequest,
        ]
    );
    assert!(cases > 200, "only {cases} cases");
}

#[test]
fn sso_admin_validation_agrees_with_the_model_at_every_boundary() {
    let cases = conform_inputs!(
        model::sso_admin(),
        sso_admin,
        [
            CreateApplicationAssignmentRequest,
            DeleteApplicationAssignmentRequest,
            DescribeApplicationAssignmentRequest,
            DescribeApplicationRequest,
            DescribeInstanceRequest,
            GetApplicationAssignmentConfigurationRequest,
            ListApplicationAssignmentsForPrincipalRequest,
            ListApplicationAssignmentsRequest,
            ListInstancesRequest,
        ]
    );
    assert!(cases > 150, "only {cases} cases");
}

#[test]
fn sagemaker_tag_requests_agree_with_the_model_at_every_boundary() {
    use studio_admin_model::{AddTagsInput, DeleteTagsInput, ListTagsInput};
    let m = model::sagemaker();
    let cases = conform(m, "AddTagsInput", model_only::<AddTagsInput>)
        + conform(m, "DeleteTagsInput", model_only::<DeleteTagsInput>)
        + conform(m, "ListTagsInput", model_only::<ListTagsInput>);
    assert!(cases > 50, "only {cases} cases");
}

/// The rules of one generated module, against its model.
fn check_rules(
    m: &Model,
    string_rules: &[&StringRule],
    list_rules: &[&ListRule],
    int_rules: &[&IntRule],
) {
    let (mut strings, mut lists, mut ints) = (0, 0, 0);
    for (name, shape) in m.shapes() {
        let (min, max) = (model::bound(shape, "min"), model::bound(shape, "max"));
        let bounded = min.is_some() || max.is_some();
        match model::kind(shape) {
            "string" if model::enum_values(shape).is_none() => {
                let pattern = model::pattern(shape);
                if !bounded && pattern.is_none() {
                    continue;
                }
                strings += 1;
                let rule = string_rules
                    .iter()
                    .find(|r| r.shape == name)
                    .unwrap_or_else(|| panic!("no string rule for {name}"));
                assert_eq!((rule.min, rule.max), (min, max), "{name}");
                assert_eq!(rule.pattern.map(|p| p.source()), pattern, "{name}");
            }
            "list" | "map" if bounded => {
                lists += 1;
                let rule = list_rules
                    .iter()
                    .find(|r| r.shape == name)
                    .unwrap_or_else(|| panic!("no list rule for {name}"));
                assert_eq!((rule.min, rule.max), (min, max), "{name}");
            }
            "integer" | "long" if bounded => {
                ints += 1;
                let rule = int_rules
                    .iter()
                    .find(|r| r.shape == name)
                    .unwrap_or_else(|| panic!("no number rule for {name}"));
                assert_eq!((rule.min, rule.max), (min, max), "{name}");
            }
            _ => {}
        }
    }
    assert_eq!(strings, string_rules.len(), "{}", m.name);
    assert_eq!(lists, list_rules.len(), "{}", m.name);
    assert_eq!(ints, int_rules.len(), "{}", m.name);
}

#[test]
fn every_generated_rule_carries_the_models_bounds_and_pattern() {
    use studio_admin_model::rules;
    check_rules(
        model::sagemaker(),
        rules::ALL_STRING_RULES,
        rules::ALL_LIST_RULES,
        rules::ALL_INT_RULES,
    );
    check_rules(
        model::identitystore(),
        identitystore::rules::ALL_STRING_RULES,
        identitystore::rules::ALL_LIST_RULES,
        identitystore::rules::ALL_INT_RULES,
    );
    check_rules(
        model::sso_admin(),
        sso_admin::rules::ALL_STRING_RULES,
        sso_admin::rules::ALL_LIST_RULES,
        sso_admin::rules::ALL_INT_RULES,
    );
}
