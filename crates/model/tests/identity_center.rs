//! The Identity Store and SSO Admin types on the wire: what AWS sends parses (documents,
//! maps, members named like Rust keywords), what a client sends is exactly AWS's JSON, and
//! validation reports their problems at their paths, in plain words.

use serde_json::json;
use studio_admin_model::identitystore::{
    AlternateIdentifier, DescribeUserResponse, GetUserIdRequest, ListUsersRequest, MemberId,
    UniqueAttribute,
};
use studio_admin_model::sso_admin::{
    CreateApplicationAssignmentRequest, ListInstancesResponse, PrincipalType,
};
use studio_admin_model::{ProblemKind, Validate, from_json_strict};

#[test]
fn finding_a_person_by_user_name_sends_aws_json() {
    let request = GetUserIdRequest {
        identity_store_id: Some("d-9067a6c1f4".to_owned()),
        alternate_identifier: Some(AlternateIdentifier {
            unique_attribute: Some(UniqueAttribute {
                attribute_path: Some("userName".to_owned()),
                attribute_value: Some(json!("maria.garcia")),
            }),
            ..AlternateIdentifier::default()
        }),
    };
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({
            "IdentityStoreId": "d-9067a6c1f4",
            "AlternateIdentifier": {
                "UniqueAttribute": {"AttributePath": "userName", "AttributeValue": "maria.garcia"}
            }
        })
    );
    assert!(request.check_model().is_ok());
}

#[test]
fn a_described_user_parses_with_its_extensions_and_typed_emails() {
    let body = json!({
        "IdentityStoreId": "d-9067a6c1f4",
        "UserId": "8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
        "UserArn": "arn:aws:identitystore:::user/8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
        "Revision": "3",
        "UserName": "maria.garcia",
        "DisplayName": "María García",
        "Name": {"GivenName": "María", "FamilyName": "García"},
        "Emails": [{"Value": "maria.garcia@example.com", "Type": "work", "Primary": true}],
        "Extensions": {"aws:identitystore:enterprise": {"department": "Research"}},
        "CreatedAt": 1_700_000_000.5
    });
    let user: DescribeUserResponse = serde_json::from_value(body.clone()).unwrap();
    let email = &user.emails.as_ref().unwrap()[0];
    assert_eq!(email.r#type.as_deref(), Some("work"));
    assert_eq!(
        user.extensions.as_ref().unwrap()["aws:identitystore:enterprise"]["department"],
        "Research"
    );
    assert_eq!(serde_json::to_value(&user).unwrap(), body);
    assert!(user.check_model().is_ok(), "{:?}", user.check_model());
}

#[test]
fn a_bad_extension_name_is_reported_at_its_key() {
    let user: DescribeUserResponse = serde_json::from_value(json!({
        "IdentityStoreId": "d-9067a6c1f4",
        "UserId": "8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
        "UserArn": "arn:aws:identitystore:::user/8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
        "Revision": "1",
        "Extensions": {"enterprise": {}}
    }))
    .unwrap();
    let report = user.check_model();
    let problems: Vec<_> = report.at("Extensions[\"enterprise\"]").collect();
    assert_eq!(problems.len(), 1, "{report:?}");
    assert_eq!(problems[0].kind, ProblemKind::Pattern);
}

#[test]
fn a_member_given_two_ways_is_a_union_problem() {
    let request: GetUserIdRequest = from_json_strict(
        r#"{"IdentityStoreId": "d-9067a6c1f4", "AlternateIdentifier": {
            "ExternalId": {"Issuer": "okta", "Id": "00u1"},
            "UniqueAttribute": {"AttributePath": "userName", "AttributeValue": "maria"}}}"#,
    )
    .unwrap();
    let report = request.check_model();
    let problems: Vec<_> = report.at("AlternateIdentifier").collect();
    assert_eq!(problems.len(), 1, "{report:?}");
    assert_eq!(problems[0].kind, ProblemKind::Union);
    assert!(
        MemberId::default().check_model().has_errors(),
        "no member set"
    );
}

#[test]
fn identity_center_pattern_problems_show_the_pattern_not_a_sagemaker_hint() {
    // Identity Store's NextToken shares its name with SageMaker's, not its pattern.
    let request: ListUsersRequest =
        from_json_strict(r#"{"IdentityStoreId": "d-9067a6c1f4", "NextToken": "a b"}"#).unwrap();
    let report = request.check_model();
    let problem = report.at("NextToken").next().unwrap();
    assert_eq!(
        problem.message,
        "Must match the pattern [-a-zA-Z0-9+=/:_]*."
    );
}

#[test]
fn an_assignment_names_its_principal_type_as_aws_spells_it() {
    let request: CreateApplicationAssignmentRequest = from_json_strict(
        r#"{"ApplicationArn": "arn:aws:sso::123456789012:application/ssoins-1234567890abcdef/apl-1234567890abcdef",
            "PrincipalId": "8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b", "PrincipalType": "GROUP"}"#,
    )
    .unwrap();
    assert_eq!(request.principal_type, Some(PrincipalType::Group));
    assert!(request.check_model().is_ok());
    let wrong: CreateApplicationAssignmentRequest = from_json_strict(
        r#"{"ApplicationArn": "arn:aws:sso::123456789012:application/ssoins-1234567890abcdef/apl-1234567890abcdef",
            "PrincipalId": "8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b", "PrincipalType": "ROLE"}"#,
    )
    .unwrap();
    assert_eq!(
        wrong.check_model().at("PrincipalType").next().unwrap().kind,
        ProblemKind::Enum
    );
}

#[test]
fn an_instance_list_from_aws_parses() {
    let list: ListInstancesResponse = serde_json::from_value(json!({
        "Instances": [{
            "InstanceArn": "arn:aws:sso:::instance/ssoins-1234567890abcdef",
            "IdentityStoreId": "d-9067a6c1f4",
            "OwnerAccountId": "123456789012",
            "Status": "ACTIVE",
            "CreatedDate": 1_700_000_000
        }]
    }))
    .unwrap();
    let instance = &list.instances.unwrap()[0];
    assert_eq!(instance.identity_store_id.as_deref(), Some("d-9067a6c1f4"));
}
