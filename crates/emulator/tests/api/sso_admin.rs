//! SSO Admin (`SWBExternalService.*`): from an SSO-mode domain to its application, its
//! instance and identity store; who is assigned to it, and the errors of assigning.

use serde_json::{Value, json};

use crate::support::{Client, IDENTITY_STORE, SSO_ADMIN, Signing, strings, unknown_directory_id};

/// An SSO-mode domain's client, the domain's application ARN and one directory person.
async fn sso() -> (Client, String, String) {
    let client = Client::new();
    let domain = client.sso_domain("research").await;
    let application = client.application_of(&domain).await;
    let person = client.person("maria.garcia");
    (client, application, person)
}

/// An SSO-mode domain's client with its directory person assigned to its application;
/// answers the client, the assignment (as the assignment calls name it) and the person.
async fn assigned() -> (Client, Value, String) {
    let (client, application, person) = sso().await;
    let body = assignment(&application, "USER", &person);
    client
        .sso_ok("CreateApplicationAssignment", body.clone())
        .await;
    (client, body, person)
}

fn assignment(application: &str, kind: &str, id: &str) -> Value {
    json!({"ApplicationArn": application, "PrincipalType": kind, "PrincipalId": id})
}

#[tokio::test]
async fn an_sso_domains_application_leads_to_its_instance_and_identity_store() {
    let (client, application, _) = sso().await;
    let described = client.describe_application(&application).await;
    assert_eq!(described["ApplicationArn"], application.as_str());
    assert_eq!(described["Status"], "ENABLED");
    assert_eq!(described["ApplicationAccount"], "123456789012");
    let instance_arn = described["InstanceArn"].as_str().unwrap().to_owned();
    assert!(
        application.contains(instance_arn.rsplit('/').next().unwrap()),
        "{application} is not in {instance_arn}"
    );

    let instances = client.sso_ok("ListInstances", json!({})).await;
    let instances = instances["Instances"].as_array().unwrap();
    assert_eq!(instances.len(), 1);
    assert_eq!(instances[0]["InstanceArn"], instance_arn.as_str());
    assert_eq!(instances[0]["Status"], "ACTIVE");
    let store = instances[0]["IdentityStoreId"].as_str().unwrap();
    assert_eq!(store, client.emulator.identity_store_id());

    // The identity store the instance names is the one the directory answers for.
    client
        .store_ok("ListUsers", json!({"IdentityStoreId": store}))
        .await;
}

#[tokio::test]
async fn two_sso_domains_share_the_accounts_instance_with_an_application_each() {
    let client = Client::new();
    let first = client.sso_domain("first").await;
    let second = client.sso_domain("second").await;
    let a = client.application_of(&first).await;
    let b = client.application_of(&second).await;
    assert_ne!(a, b);
    let client = &client;
    let instance =
        |arn: String| async move { client.describe_application(&arn).await["InstanceArn"].clone() };
    assert_eq!(instance(a).await, instance(b).await);
}

#[tokio::test]
async fn an_iam_domain_has_no_application_and_an_unknown_one_is_not_found() {
    let client = Client::new();
    let domain = client.domain("iam").await;
    let described = client
        .ok("DescribeDomain", json!({"DomainId": domain}))
        .await;
    assert!(described.get("SingleSignOnApplicationArn").is_none());
    let unknown =
        "arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-0123456789abcdef";
    client
        .sso_fails(
            "DescribeApplication",
            json!({"ApplicationArn": unknown}),
            "ResourceNotFoundException",
        )
        .await;
    assert_eq!(
        client.sso_ok("ListInstances", json!({})).await["Instances"],
        json!([])
    );
}

#[tokio::test]
async fn studio_applications_require_assignment_until_told_otherwise() {
    let (client, application, _) = sso().await;
    let config = || async {
        client
            .sso_ok(
                "GetApplicationAssignmentConfiguration",
                json!({"ApplicationArn": application}),
            )
            .await["AssignmentRequired"]
            .clone()
    };
    assert_eq!(config().await, json!(true));
    client
        .emulator
        .set_assignment_required(&application, false)
        .unwrap();
    assert_eq!(config().await, json!(false));
}

#[tokio::test]
async fn a_person_is_assigned_once_and_assigning_again_is_a_conflict() {
    let (client, body, person) = assigned().await;
    let again = client
        .sso_fails(
            "CreateApplicationAssignment",
            body.clone(),
            "ConflictException",
        )
        .await;
    assert_eq!(again.status.as_u16(), 400);

    let described = client
        .sso_ok("DescribeApplicationAssignment", body.clone())
        .await;
    assert_eq!(described["PrincipalId"], person.as_str());
    assert_eq!(described["PrincipalType"], "USER");
}

#[tokio::test]
async fn an_assignment_of_someone_not_in_the_directory_is_resource_not_found() {
    let (client, application, _) = sso().await;
    let store = client.emulator.identity_store_id();
    let stranger = unknown_directory_id(&store);
    client
        .sso_fails(
            "CreateApplicationAssignment",
            assignment(&application, "USER", &stranger),
            "ResourceNotFoundException",
        )
        .await;
    // A user's id given as a group's is not a group either.
    let person = client.person("kenji.watanabe");
    client
        .sso_fails(
            "CreateApplicationAssignment",
            assignment(&application, "GROUP", &person),
            "ResourceNotFoundException",
        )
        .await;
}

#[tokio::test]
async fn a_malformed_principal_id_is_a_validation_exception_in_aws_words() {
    let (client, application, _) = sso().await;
    let reply = client
        .sso_fails(
            "CreateApplicationAssignment",
            assignment(&application, "USER", "maria.garcia"),
            "ValidationException",
        )
        .await;
    assert!(
        reply.message().contains(
            "Value 'maria.garcia' at 'principalId' failed to satisfy constraint: Member must satisfy regular expression pattern"
        ),
        "{}",
        reply.message()
    );
}

#[tokio::test]
async fn deleting_an_assignment_removes_it_and_deleting_it_again_is_not_found() {
    let (client, body, _) = assigned().await;
    client
        .sso_ok("DeleteApplicationAssignment", body.clone())
        .await;
    client
        .sso_fails(
            "DescribeApplicationAssignment",
            body.clone(),
            "ResourceNotFoundException",
        )
        .await;
    client
        .sso_fails(
            "DeleteApplicationAssignment",
            body,
            "ResourceNotFoundException",
        )
        .await;
}

#[tokio::test]
async fn assignments_are_listed_per_application_in_pages_and_per_principal() {
    let (client, application, maria) = sso().await;
    let kenji = client.person("kenji.watanabe");
    let researchers = client.group("ml-researchers");
    for (kind, id) in [("USER", &maria), ("GROUP", &researchers), ("USER", &kenji)] {
        client
            .sso_ok(
                "CreateApplicationAssignment",
                assignment(&application, kind, id),
            )
            .await;
    }
    let pages = client
        .pages(
            SSO_ADMIN,
            "ListApplicationAssignments",
            json!({"ApplicationArn": application, "MaxResults": 2}),
        )
        .await;
    let seen: Vec<(String, String)> = pages
        .iter()
        .flat_map(|page| {
            let listed = &page["ApplicationAssignments"];
            strings(listed, "PrincipalType")
                .into_iter()
                .zip(strings(listed, "PrincipalId"))
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("USER".to_owned(), maria.clone()),
            ("GROUP".to_owned(), researchers.clone()),
            ("USER".to_owned(), kenji)
        ]
    );

    let instance =
        client.sso_ok("ListInstances", json!({})).await["Instances"][0]["InstanceArn"].clone();
    let for_group = client
        .sso_ok(
            "ListApplicationAssignmentsForPrincipal",
            json!({"InstanceArn": instance, "PrincipalType": "GROUP", "PrincipalId": researchers}),
        )
        .await;
    let listed = for_group["ApplicationAssignments"].as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["ApplicationArn"], application.as_str());
}

#[tokio::test]
async fn a_deleted_domain_takes_its_application_and_assignments_with_it() {
    let (client, application, person) = sso().await;
    client
        .sso_ok(
            "CreateApplicationAssignment",
            assignment(&application, "USER", &person),
        )
        .await;
    let domains = client.ok("ListDomains", json!({})).await;
    let domain = domains["Domains"][0]["DomainId"].clone();
    client.ok("DeleteDomain", json!({"DomainId": domain})).await;
    client
        .sso_fails(
            "DescribeApplication",
            json!({"ApplicationArn": application}),
            "ResourceNotFoundException",
        )
        .await;
}

#[tokio::test]
async fn an_identity_center_call_must_be_signed_for_its_own_service() {
    let (client, application, _) = sso().await;
    let store = client.emulator.identity_store_id();
    // Signed for SageMaker (the default), each is refused naming the signing name it needs.
    let calls = [
        (
            SSO_ADMIN,
            "DescribeApplication",
            json!({"ApplicationArn": application}),
            "'sso'",
        ),
        (
            IDENTITY_STORE,
            "ListUsers",
            json!({"IdentityStoreId": store}),
            "'identitystore'",
        ),
    ];
    for (api, operation, body, needed) in calls {
        let reply = client
            .call_signed(api, operation, body, &Signing::default())
            .await;
        reply.expect_error_saying("InvalidSignatureException", needed);
    }
}

#[tokio::test]
async fn an_assignment_whose_answer_is_lost_still_took_effect() {
    let (client, application, person) = sso().await;
    client
        .emulator
        .lose_next_answers("CreateApplicationAssignment", 1);
    let body = assignment(&application, "USER", &person);
    client
        .sso_fails(
            "CreateApplicationAssignment",
            body.clone(),
            "InternalFailure",
        )
        .await;
    client
        .sso_fails("CreateApplicationAssignment", body, "ConflictException")
        .await;
    let calls = client.emulator.calls_of("CreateApplicationAssignment");
    assert_eq!(calls.len(), 2);
    assert!(calls[0].took_effect());
    assert_eq!(calls[0].id("PrincipalId"), Some(person.as_str()));
}
