//! What validation learns about a domain from DescribeDomain.

use studio_admin_model::{
    AppNetworkAccessType, AuthMode, DescribeDomainResponse, DomainContext, from_json_strict,
};

fn context(describe: &str) -> DomainContext {
    let domain: DescribeDomainResponse = serde_json::from_str(describe).unwrap();
    DomainContext::from_describe(&domain)
}

#[test]
fn an_sso_vpc_only_domain_with_default_security_groups_is_read_as_such() {
    let domain = context(
        r#"{"DomainId":"d-abc123","AuthMode":"SSO","AppNetworkAccessType":"VpcOnly",
            "DefaultUserSettings":{"SecurityGroups":["sg-1","sg-2"]}}"#,
    );
    assert_eq!(domain.auth_mode, AuthMode::Sso);
    assert_eq!(
        domain.app_network_access_type,
        AppNetworkAccessType::VpcOnly
    );
    assert_eq!(domain.default_security_groups, ["sg-1", "sg-2"]);
}

#[test]
fn a_domain_that_says_nothing_is_an_iam_domain_on_the_public_internet() {
    let domain = context(r#"{"DomainId":"d-abc123"}"#);
    assert_eq!(domain.auth_mode, AuthMode::Iam);
    assert_eq!(
        domain.app_network_access_type,
        AppNetworkAccessType::PublicInternetOnly
    );
    assert!(domain.default_security_groups.is_empty());
}

#[test]
fn the_vpc_rule_uses_the_domain_defaults_read_from_describe_domain() {
    let with_defaults = context(
        r#"{"AuthMode":"IAM","AppNetworkAccessType":"VpcOnly",
            "DefaultUserSettings":{"SecurityGroups":["sg-1"]}}"#,
    );
    let without = context(r#"{"AuthMode":"IAM","AppNetworkAccessType":"VpcOnly"}"#);
    let request: studio_admin_model::CreateUserProfileRequest =
        from_json_strict(r#"{"DomainId":"d-abc123","UserProfileName":"alice"}"#).unwrap();
    assert!(studio_admin_model::validate(&request, Some(&with_defaults)).is_ok());
    let report = studio_admin_model::validate(&request, Some(&without));
    assert_eq!(
        report.errors().map(|p| p.path.as_str()).collect::<Vec<_>>(),
        ["UserSettings.SecurityGroups"]
    );
}
