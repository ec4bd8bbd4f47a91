//! One test per documented rule, each way round: the rule fires where it should, at the
//! right path and severity, and stays quiet where it should not.

use serde_json::{Value, json};

use super::pattern_hint;
use crate::{
    AppNetworkAccessType, AuthMode, CreateUserProfileRequest, DomainContext, Problem, ProblemKind,
    Report, Severity, UpdateUserProfileRequest, from_json_strict, rules, validate,
};

const LCC: &str = "arn:aws:sagemaker:us-east-1:123456789012:studio-lifecycle-config/setup";
const OTHER_LCC: &str = "arn:aws:sagemaker:us-east-1:123456789012:studio-lifecycle-config/other";
const ROLE: &str = "arn:aws:iam::123456789012:role/Forecast";

fn domain(auth: AuthMode, network: AppNetworkAccessType, defaults: &[&str]) -> DomainContext {
    DomainContext {
        auth_mode: auth,
        app_network_access_type: network,
        default_security_groups: defaults.iter().map(|s| (*s).to_owned()).collect(),
    }
}

fn iam() -> DomainContext {
    domain(AuthMode::Iam, AppNetworkAccessType::PublicInternetOnly, &[])
}

fn sso() -> DomainContext {
    domain(AuthMode::Sso, AppNetworkAccessType::PublicInternetOnly, &[])
}

fn vpc_only(defaults: &[&str]) -> DomainContext {
    domain(AuthMode::Iam, AppNetworkAccessType::VpcOnly, defaults)
}

/// Adds the required members to `extra` and parses it as a client's body would be.
fn body(extra: Value) -> String {
    let mut request = json!({ "DomainId": "d-abc123", "UserProfileName": "alice" });
    if let (Some(target), Value::Object(extra)) = (request.as_object_mut(), extra) {
        target.extend(extra);
    }
    request.to_string()
}

fn create(extra: Value, domain: Option<&DomainContext>) -> Report {
    let request: CreateUserProfileRequest = from_json_strict(&body(extra)).unwrap();
    validate(&request, domain)
}

fn update(extra: Value, domain: Option<&DomainContext>) -> Report {
    let request: UpdateUserProfileRequest = from_json_strict(&body(extra)).unwrap();
    validate(&request, domain)
}

/// The documented-rule findings at exactly `path`.
fn rules_at<'a>(report: &'a Report, path: &'a str) -> Vec<&'a Problem> {
    report
        .at(path)
        .filter(|p| p.kind == ProblemKind::Rule)
        .collect()
}

fn rule_findings(report: &Report) -> Vec<&Problem> {
    report
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::Rule)
        .collect()
}

#[track_caller]
fn assert_one(report: &Report, path: &str, severity: Severity, words: &str) {
    let found = rules_at(report, path);
    assert_eq!(
        found.len(),
        1,
        "expected one finding at {path}: {report:#?}"
    );
    assert_eq!(found[0].severity, severity, "{:?}", found[0]);
    assert!(
        found[0].message.contains(words),
        "message at {path} should mention {words:?}: {}",
        found[0].message
    );
}

/// UserSettings with `n` security groups of the profile's own.
/// Both single sign-on members, naming the user `jane`.
fn both_sso_members() -> Value {
    json!({ "SingleSignOnUserIdentifier": "UserName", "SingleSignOnUserValue": "jane" })
}

fn security_groups(n: usize) -> Value {
    let groups: Vec<String> = (0..n).map(|i| format!("sg-{i}")).collect();
    json!({ "UserSettings": { "SecurityGroups": groups } })
}

/// The one warning that the security groups leave no room for SageMaker's NFS group.
#[track_caller]
fn assert_nfs_warning(report: &Report) {
    assert_one(
        report,
        "UserSettings.SecurityGroups",
        Severity::Warning,
        "NFS",
    );
}

#[track_caller]
fn assert_quiet(report: &Report) {
    let found = rule_findings(report);
    assert!(found.is_empty(), "expected no rule findings: {found:#?}");
}

// --- Single sign-on members -------------------------------------------------------------

#[test]
fn a_profile_in_an_sso_domain_needs_the_single_sign_on_identifier() {
    let report = create(json!({ "SingleSignOnUserValue": "jane" }), Some(&sso()));
    assert_one(
        &report,
        "SingleSignOnUserIdentifier",
        Severity::Error,
        "UserName",
    );
}

#[test]
fn a_profile_in_an_sso_domain_needs_the_single_sign_on_user_value() {
    let report = create(
        json!({ "SingleSignOnUserIdentifier": "UserName" }),
        Some(&sso()),
    );
    let errors: Vec<_> = rules_at(&report, "SingleSignOnUserValue")
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{report:#?}");
    assert!(errors[0].message.contains("IAM Identity Center"));
}

#[test]
fn a_blank_single_sign_on_user_value_counts_as_missing_in_an_sso_domain() {
    let report = create(
        json!({ "SingleSignOnUserIdentifier": "UserName", "SingleSignOnUserValue": "  " }),
        Some(&sso()),
    );
    assert!(
        rules_at(&report, "SingleSignOnUserValue")
            .iter()
            .any(|p| p.severity == Severity::Error),
        "{report:#?}"
    );
}

#[test]
fn a_profile_in_an_sso_domain_with_both_sso_members_has_no_sso_error() {
    let report = create(both_sso_members(), Some(&sso()));
    assert!(!report.has_errors(), "{report:#?}");
}

#[test]
fn a_profile_in_an_iam_domain_refuses_the_single_sign_on_members() {
    let report = create(both_sso_members(), Some(&iam()));
    assert_one(
        &report,
        "SingleSignOnUserIdentifier",
        Severity::Error,
        "remove",
    );
    assert_one(
        &report,
        "SingleSignOnUserValue",
        Severity::Error,
        "AuthMode IAM",
    );
}

#[test]
fn a_profile_in_an_iam_domain_without_sso_members_has_no_finding() {
    assert_quiet(&create(json!({}), Some(&iam())));
}

#[test]
fn the_single_sign_on_identifier_can_only_be_user_name() {
    let report = create(
        json!({ "SingleSignOnUserIdentifier": "Email", "SingleSignOnUserValue": "jane" }),
        Some(&sso()),
    );
    let problems: Vec<_> = report.at("SingleSignOnUserIdentifier").collect();
    assert_eq!(problems.len(), 1, "{report:#?}");
    assert_eq!(problems[0].kind, ProblemKind::Pattern);
    assert!(
        problems[0].message.contains("UserName"),
        "{}",
        problems[0].message
    );
}

#[test]
fn without_a_domain_the_single_sign_on_members_must_come_together() {
    let report = create(json!({ "SingleSignOnUserValue": "jane" }), None);
    assert_one(
        &report,
        "SingleSignOnUserIdentifier",
        Severity::Error,
        "together",
    );
    let report = create(json!({ "SingleSignOnUserIdentifier": "UserName" }), None);
    assert_one(
        &report,
        "SingleSignOnUserValue",
        Severity::Error,
        "together",
    );
    let report = create(both_sso_members(), None);
    assert_quiet(&report);
}

#[test]
fn creating_a_profile_in_an_sso_domain_warns_that_identity_center_assignment_is_separate() {
    let report = create(both_sso_members(), Some(&sso()));
    assert_one(
        &report,
        "SingleSignOnUserValue",
        Severity::Warning,
        "must be assigned to this domain's SageMaker Studio",
    );
    assert!(report.is_ok());
}

#[test]
fn creating_a_profile_in_an_iam_domain_has_no_identity_center_warning() {
    assert!(create(json!({}), Some(&iam())).warnings().next().is_none());
}

// --- Tags --------------------------------------------------------------------------------

#[test]
fn a_repeated_tag_key_is_an_error_at_the_later_key() {
    let report = create(
        json!({ "Tags": [
            { "Key": "team", "Value": "a" },
            { "Key": "cost", "Value": "b" },
            { "Key": "team", "Value": "c" },
            { "Key": "team", "Value": "d" },
        ] }),
        None,
    );
    assert_one(&report, "Tags[2].Key", Severity::Error, "Tags[0]");
    assert_one(&report, "Tags[3].Key", Severity::Error, "Tags[0]");
    assert!(rules_at(&report, "Tags[0].Key").is_empty());
}

#[test]
fn a_tag_key_starting_with_aws_colon_is_reserved_in_any_letter_case() {
    let report = create(
        json!({ "Tags": [
            { "Key": "aws:team", "Value": "a" },
            { "Key": "AWS:cost", "Value": "b" },
        ] }),
        None,
    );
    assert_one(&report, "Tags[0].Key", Severity::Error, "reserved for AWS");
    assert_one(&report, "Tags[1].Key", Severity::Error, "reserved for AWS");
}

#[test]
fn tag_keys_differing_only_in_letter_case_or_with_aws_colon_elsewhere_are_allowed() {
    for tags in [
        // Keys differing only in letter case are different keys.
        json!([{ "Key": "Team", "Value": "a" }, { "Key": "team", "Value": "b" }]),
        // `aws:` is reserved only at the start of a key.
        json!([{ "Key": "team:aws:x", "Value": "aws:value" }, { "Key": "aws", "Value": "" }]),
    ] {
        assert_quiet(&create(json!({ "Tags": tags }), None));
    }
}

// --- Security groups ---------------------------------------------------------------------

#[test]
fn a_vpc_only_domain_without_default_security_groups_needs_them_on_the_profile() {
    let report = create(json!({}), Some(&vpc_only(&[])));
    assert_one(
        &report,
        "UserSettings.SecurityGroups",
        Severity::Error,
        "VpcOnly",
    );
    let report = create(
        json!({ "UserSettings": { "SecurityGroups": [] } }),
        Some(&vpc_only(&[])),
    );
    assert_one(
        &report,
        "UserSettings.SecurityGroups",
        Severity::Error,
        "sg-",
    );
}

#[test]
fn a_vpc_only_domain_accepts_a_profile_with_security_groups() {
    let report = create(
        json!({ "UserSettings": { "SecurityGroups": ["sg-0123456789abcdef0"] } }),
        Some(&vpc_only(&[])),
    );
    assert_quiet(&report);
}

#[test]
fn a_vpc_only_domain_with_default_security_groups_needs_none_on_the_profile() {
    assert_quiet(&create(
        json!({}),
        Some(&vpc_only(&["sg-0aaaaaaaaaaaaaaa0"])),
    ));
}

#[test]
fn a_public_internet_domain_needs_no_security_groups() {
    assert_quiet(&create(json!({}), Some(&iam())));
}

#[test]
fn an_update_without_security_groups_leaves_them_unchanged_in_a_vpc_only_domain() {
    let report = update(
        json!({ "UserSettings": { "ExecutionRole": ROLE } }),
        Some(&vpc_only(&[])),
    );
    assert_quiet(&report);
    assert_quiet(&update(json!({}), Some(&vpc_only(&[]))));
}

#[test]
fn an_update_that_empties_security_groups_in_a_vpc_only_domain_without_defaults_is_an_error() {
    let report = update(
        json!({ "UserSettings": { "SecurityGroups": [] } }),
        Some(&vpc_only(&[])),
    );
    assert_one(
        &report,
        "UserSettings.SecurityGroups",
        Severity::Error,
        "VpcOnly",
    );
}

#[test]
fn five_security_groups_leave_no_room_for_the_one_sagemaker_adds_for_nfs() {
    let report = create(security_groups(5), Some(&iam()));
    assert_nfs_warning(&report);
    assert!(report.is_ok(), "a warning, not an error: {report:#?}");
}

#[test]
fn four_security_groups_leave_room_for_the_nfs_group() {
    let report = create(security_groups(4), Some(&iam()));
    assert_quiet(&report);
}

#[test]
fn the_domain_default_security_groups_count_towards_the_nfs_room() {
    let domain = domain(
        AuthMode::Iam,
        AppNetworkAccessType::PublicInternetOnly,
        &["sg-d1", "sg-d2", "sg-1"],
    );
    // Three own groups, one of them also a default: 3 + 2 distinct = 5.
    let report = create(
        json!({ "UserSettings": { "SecurityGroups": ["sg-1", "sg-2", "sg-3"] } }),
        Some(&domain),
    );
    assert_one(
        &report,
        "UserSettings.SecurityGroups",
        Severity::Warning,
        "including the domain's default security groups",
    );
    // Two own groups, one shared with the defaults: 2 + 2 distinct = 4.
    let report = create(
        json!({ "UserSettings": { "SecurityGroups": ["sg-1", "sg-2"] } }),
        Some(&domain),
    );
    assert_quiet(&report);
}

#[test]
fn an_update_with_too_many_security_groups_gets_the_same_nfs_warning() {
    let report = update(security_groups(5), Some(&iam()));
    assert_nfs_warning(&report);
}

// --- JupyterServer instance type ---------------------------------------------------------

const JUPYTER_SERVER_TYPE: &str =
    "UserSettings.JupyterServerAppSettings.DefaultResourceSpec.InstanceType";

fn jupyter_server(instance_type: &str) -> Value {
    json!({ "UserSettings": { "JupyterServerAppSettings": {
        "DefaultResourceSpec": { "InstanceType": instance_type }
    } } })
}

#[test]
fn a_jupyter_server_instance_type_other_than_system_is_an_error() {
    let report = create(jupyter_server("ml.t3.medium"), None);
    assert_one(&report, JUPYTER_SERVER_TYPE, Severity::Error, "'system'");
    let report = update(jupyter_server("ml.m5.large"), None);
    assert_one(&report, JUPYTER_SERVER_TYPE, Severity::Error, "ml.m5.large");
}

#[test]
fn the_system_instance_type_is_accepted_for_jupyter_server() {
    assert_quiet(&create(jupyter_server("system"), None));
}

#[test]
fn an_unknown_jupyter_server_instance_type_gets_only_the_enum_error() {
    let report = create(jupyter_server("ml.t3.gigantic"), None);
    let problems: Vec<_> = report.at(JUPYTER_SERVER_TYPE).collect();
    assert_eq!(problems.len(), 1, "{report:#?}");
    assert_eq!(problems[0].kind, ProblemKind::Enum);
}

#[test]
fn other_apps_may_use_any_instance_type() {
    let report = create(
        json!({ "UserSettings": { "KernelGatewayAppSettings": {
            "DefaultResourceSpec": { "InstanceType": "ml.t3.medium" }
        } } }),
        None,
    );
    assert_quiet(&report);
}

// --- Lifecycle configurations ------------------------------------------------------------

/// The app settings sections that have both LifecycleConfigArns and DefaultResourceSpec.
const SECTIONS_WITH_LIFECYCLE_CONFIGS: [&str; 4] = [
    "JupyterServerAppSettings",
    "KernelGatewayAppSettings",
    "JupyterLabAppSettings",
    "CodeEditorAppSettings",
];

fn section(name: &str, settings: &Value) -> Value {
    json!({ "UserSettings": { name: settings } })
}

#[test]
fn lifecycle_configurations_without_a_default_resource_spec_are_an_error_in_every_section() {
    for name in SECTIONS_WITH_LIFECYCLE_CONFIGS {
        let report = create(
            section(name, &json!({ "LifecycleConfigArns": [LCC] })),
            None,
        );
        let path = format!("UserSettings.{name}.DefaultResourceSpec");
        assert_one(&report, &path, Severity::Error, "LifecycleConfigArns");
        let report = update(
            section(name, &json!({ "LifecycleConfigArns": [LCC] })),
            None,
        );
        assert_one(&report, &path, Severity::Error, "LifecycleConfigArns");
    }
}

#[test]
fn lifecycle_configurations_with_a_default_resource_spec_are_accepted() {
    for name in SECTIONS_WITH_LIFECYCLE_CONFIGS {
        let settings = json!({
            "LifecycleConfigArns": [LCC],
            "DefaultResourceSpec": { "InstanceType": "system", "LifecycleConfigArn": LCC },
        });
        assert_quiet(&create(section(name, &settings), None));
    }
}

#[test]
fn an_empty_lifecycle_configuration_list_needs_no_default_resource_spec() {
    for name in SECTIONS_WITH_LIFECYCLE_CONFIGS {
        assert_quiet(&create(
            section(name, &json!({ "LifecycleConfigArns": [] })),
            None,
        ));
    }
}

#[test]
fn a_default_lifecycle_configuration_missing_from_the_list_is_a_warning() {
    for name in SECTIONS_WITH_LIFECYCLE_CONFIGS {
        let settings = json!({
            "LifecycleConfigArns": [OTHER_LCC],
            "DefaultResourceSpec": { "LifecycleConfigArn": LCC },
        });
        let path = format!("UserSettings.{name}.DefaultResourceSpec.LifecycleConfigArn");
        let report = create(section(name, &settings), None);
        assert_one(&report, &path, Severity::Warning, "not in");
        let report = update(section(name, &settings), None);
        assert_one(&report, &path, Severity::Warning, "LifecycleConfigArns");
    }
}

#[test]
fn a_default_lifecycle_configuration_on_create_without_a_list_is_a_warning() {
    let settings = json!({ "DefaultResourceSpec": { "LifecycleConfigArn": LCC } });
    let report = create(section("JupyterLabAppSettings", &settings), None);
    assert_one(
        &report,
        "UserSettings.JupyterLabAppSettings.DefaultResourceSpec.LifecycleConfigArn",
        Severity::Warning,
        "not attached",
    );
}

#[test]
fn a_default_lifecycle_configuration_on_update_without_a_list_keeps_the_current_list() {
    let settings = json!({ "DefaultResourceSpec": { "LifecycleConfigArn": LCC } });
    assert_quiet(&update(section("JupyterLabAppSettings", &settings), None));
}

#[test]
fn a_default_lifecycle_configuration_of_none_needs_no_listing() {
    let settings = json!({ "DefaultResourceSpec": { "LifecycleConfigArn": "None" } });
    assert_quiet(&create(
        section("KernelGatewayAppSettings", &settings),
        None,
    ));
}

// --- Sharing and Canvas ------------------------------------------------------------------

#[test]
fn sharing_notebook_output_without_an_s3_output_path_is_a_warning() {
    let report = create(
        json!({ "UserSettings": { "SharingSettings": { "NotebookOutputOption": "Allowed" } } }),
        None,
    );
    assert_one(
        &report,
        "UserSettings.SharingSettings.S3OutputPath",
        Severity::Warning,
        "S3OutputPath",
    );
    let report = update(
        json!({ "UserSettings": { "SharingSettings": {
            "NotebookOutputOption": "Allowed", "S3OutputPath": ""
        } } }),
        None,
    );
    assert_one(
        &report,
        "UserSettings.SharingSettings.S3OutputPath",
        Severity::Warning,
        "s3://",
    );
}

#[test]
fn sharing_notebook_output_with_an_s3_output_path_is_accepted() {
    let report = create(
        json!({ "UserSettings": { "SharingSettings": {
            "NotebookOutputOption": "Allowed", "S3OutputPath": "s3://bucket/sharing/"
        } } }),
        None,
    );
    assert_quiet(&report);
}

#[test]
fn not_sharing_notebook_output_needs_no_s3_output_path() {
    let report = create(
        json!({ "UserSettings": { "SharingSettings": { "NotebookOutputOption": "Disabled" } } }),
        None,
    );
    assert_quiet(&report);
}

const FORECAST_ROLE: &str =
    "UserSettings.CanvasAppSettings.TimeSeriesForecastingSettings.AmazonForecastRoleArn";

fn forecasting(settings: &Value) -> Value {
    json!({ "UserSettings": { "CanvasAppSettings": { "TimeSeriesForecastingSettings": settings } } })
}

#[test]
fn a_forecasting_role_while_forecasting_is_disabled_is_a_warning() {
    let settings = json!({ "Status": "DISABLED", "AmazonForecastRoleArn": ROLE });
    let report = create(forecasting(&settings), None);
    assert_one(&report, FORECAST_ROLE, Severity::Warning, "never used");
    let report = update(forecasting(&settings), None);
    assert_one(&report, FORECAST_ROLE, Severity::Warning, "ENABLED");
}

#[test]
fn a_forecasting_role_while_forecasting_is_enabled_is_accepted() {
    let report = create(
        forecasting(&json!({ "Status": "ENABLED", "AmazonForecastRoleArn": ROLE })),
        None,
    );
    assert_quiet(&report);
    assert_quiet(&create(forecasting(&json!({ "Status": "DISABLED" })), None));
}

// --- Pattern hints -----------------------------------------------------------------------

#[test]
fn every_shape_with_a_pattern_has_a_sentence_describing_it() {
    let missing: Vec<&str> = rules::ALL_STRING_RULES
        .iter()
        .filter(|rule| rule.pattern.is_some() && pattern_hint(rule.shape).is_none())
        .map(|rule| rule.shape)
        .collect();
    assert!(missing.is_empty(), "add a pattern_hint for: {missing:?}");
}

#[test]
fn a_bad_user_profile_name_says_which_characters_are_allowed() {
    let request: CreateUserProfileRequest =
        from_json_strict(r#"{"DomainId":"d-abc123","UserProfileName":"alice_smith"}"#).unwrap();
    let report = validate(&request, None);
    let problems: Vec<_> = report.at("UserProfileName").collect();
    assert_eq!(problems.len(), 1, "{report:#?}");
    assert_eq!(problems[0].kind, ProblemKind::Pattern);
    assert!(
        problems[0].message.starts_with(
            "Use only letters, digits and hyphens, starting and ending with a letter or digit"
        ),
        "{}",
        problems[0].message
    );
}
