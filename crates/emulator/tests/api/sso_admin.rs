//! SSO Admin (`SWBExternalService.*`): from an SSO-mode domain to its application, its
//! instance and identity store; who is assigned to it, and the errors of assigning.

use serde_json::{Value, json};

use crate::support::{Client, IDENTITY_STORE, SSO_ADMIN, Signing};

/// An SSO-mode domain's client, the domain's application ARN and one directory person.
async fn sso() -> (Client, String, String) {
    let client = Client::new();
    let domain = client.sso_domain("research").await;
    let application = client.application_of(&domain).await;
    let person = client.person("maria.garcia");
    (client, application, person)
}

fn assignment(application: &str, kind: &str, id: &str) -> Value {
    json!({"ApplicationArn": application, "PrincipalType": kind, "PrincipalId": id})
}

#[tokio::test]
async fn an_sso_domains_application_leads_to_its_instance_and_identity_store() {
    let (client, application, _) = sso().await;
    let described = client
        .call_api(
            SSO_ADMIN,
            "DescribeApplication",
            json!({"ApplicationArn": application}),
        )
        .await
        .ok();
    assert_eq!(described["ApplicationArn"], application.as_str());
    assert_eq!(described["Status"], "ENABLED");
    assert_eq!(described["ApplicationAccount"], "123456789012");
    let instance_arn = described["InstanceArn"].as_str().unwrap().to_owned();
    assert!(
        application.contains(instance_arn.rsplit('/').next().unwrap()),
        "{application} is not in {instance_arn}"
    );

    let instances = client
        .call_api(SSO_ADMIN, "ListInstances", json!({}))
        .await
        .ok();
    let instances = instances["Instances"].as_array().unwrap();
    assert_eq!(instances.len(), 1);
    assert_eq!(instances[0]["InstanceArn"], instance_arn.as_str());
    assert_eq!(instances[0]["Status"], "ACTIVE");
    let store = instances[0]["IdentityStoreId"].as_str().unwrap();
    assert_eq!(store, client.emulator.identity_store_id());

    // The identity store the instance names is the one the directory answers for.
    client
        .call_api(
            IDENTITY_STORE,
            "ListUsers",
            json!({"IdentityStoreId": store}),
        )
        .await
        .ok();
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
    let instance = |arn: String| async move {
        client
            .call_api(
                SSO_ADMIN,
                "DescribeApplication",
                json!({"ApplicationArn": arn}),
            )
            .await
            .ok()["InstanceArn"]
            .clone()
    };
    assert_eq!(instance(a).await, instance(b).await);
}

#[tokio::test]
async fn an_iam_domain_has_no_application_and_an_unknown_one_is_not_found() {
    let client = Client::new();
    let domain = client.domain("iam").await;
    let described = client
        .call("DescribeDomain", json!({"DomainId": domain}))
        .await
        .ok();
    assert!(described.get("SingleSignOnApplicationArn").is_none());
    let reply = client
        .call_api(
            SSO_ADMIN,
            "DescribeApplication",
            json!({"ApplicationArn": "arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-0123456789abcdef"}),
        )
        .await;
    reply.expect_error("ResourceNotFoundException");
    assert_eq!(
        client
            .call_api(SSO_ADMIN, "ListInstances", json!({}))
            .await
            .ok()["Instances"],
        json!([])
    );
}

#[tokio::test]
async fn studio_applications_require_assignment_until_told_otherwise() {
    let (client, application, _) = sso().await;
    let config = || async {
        client
            .call_api(
                SSO_ADMIN,
                "GetApplicationAssignmentConfiguration",
                json!({"ApplicationArn": application}),
            )
            .await
            .ok()["AssignmentRequired"]
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
    let (client, application, person) = sso().await;
    let body = assignment(&application, "USER", &person);
    client
        .call_api(SSO_ADMIN, "CreateApplicationAssignment", body.clone())
        .await
        .ok();
    let again = client
        .call_api(SSO_ADMIN, "CreateApplicationAssignment", body.clone())
        .await;
    again.expect_error("ConflictException");
    assert_eq!(again.status.as_u16(), 400);

    let described = client
        .call_api(SSO_ADMIN, "DescribeApplicationAssignment", body.clone())
        .await
        .ok();
    assert_eq!(described["PrincipalId"], person.as_str());
    assert_eq!(described["PrincipalType"], "USER");
}

#[tokio::test]
async fn an_assignment_of_someone_not_in_the_directory_is_resource_not_found() {
    let (client, application, _) = sso().await;
    let store = client.emulator.identity_store_id();
    let stranger = format!("{}-8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b", &store[2..]);
    client
        .call_api(
            SSO_ADMIN,
            "CreateApplicationAssignment",
            assignment(&application, "USER", &stranger),
        )
        .await
        .expect_error("ResourceNotFoundException");
    // A user's id given as a group's is not a group either.
    let person = client.person("kenji.watanabe");
    client
        .call_api(
            SSO_ADMIN,
            "CreateApplicationAssignment",
            assignment(&application, "GROUP", &person),
        )
        .await
        .expect_error("ResourceNotFoundException");
}

#[tokio::test]
async fn a_malformed_principal_id_is_a_validation_exception_in_aws_words() {
    let (client, application, _) = sso().await;
    let reply = client
        .call_api(
            SSO_ADMIN,
            "CreateApplicationAssignment",
            assignment(&application, "USER", "maria.garcia"),
        )
        .await;
    reply.expect_error("ValidationException");
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
    let (client, application, person) = sso().await;
    let body = assignment(&application, "USER", &person);
    client
        .call_api(SSO_ADMIN, "CreateApplicationAssignment", body.clone())
        .await
        .ok();
    client
        .call_api(SSO_ADMIN, "DeleteApplicationAssignment", body.clone())
        .await
        .ok();
    client
        .call_api(SSO_ADMIN, "DescribeApplicationAssignment", body.clone())
        .await
        .expect_error("ResourceNotFoundException");
    client
        .call_api(SSO_ADMIN, "DeleteApplicationAssignment", body)
        .await
        .expect_error("ResourceNotFoundException");
}

#[tokio::test]
async fn assignments_are_listed_per_application_in_pages_and_per_principal() {
    let (client, application, maria) = sso().await;
    let kenji = client.person("kenji.watanabe");
    let researchers = client.group("ml-researchers");
    for (kind, id) in [("USER", &maria), ("GROUP", &researchers), ("USER", &kenji)] {
        client
            .call_api(
                SSO_ADMIN,
                "CreateApplicationAssignment",
                assignment(&application, kind, id),
            )
            .await
            .ok();
    }
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut body = json!({"ApplicationArn": application, "MaxResults": 2});
        if let Some(t) = &token {
            body["NextToken"] = json!(t);
        }
        let page = client
            .call_api(SSO_ADMIN, "ListApplicationAssignments", body)
            .await
            .ok();
        for a in page["ApplicationAssignments"].as_array().unwrap() {
            seen.push((
                a["PrincipalType"].as_str().unwrap().to_owned(),
                a["PrincipalId"].as_str().unwrap().to_owned(),
            ));
        }
        match page["NextToken"].as_str() {
            Some(t) => token = Some(t.to_owned()),
            None => break,
        }
    }
    assert_eq!(
        seen,
        [
            ("USER".to_owned(), maria.clone()),
            ("GROUP".to_owned(), researchers.clone()),
            ("USER".to_owned(), kenji)
        ]
    );

    let instance = client
        .call_api(SSO_ADMIN, "ListInstances", json!({}))
        .await
        .ok()["Instances"][0]["InstanceArn"]
        .clone();
    let for_group = client
        .call_api(
            SSO_ADMIN,
            "ListApplicationAssignmentsForPrincipal",
            json!({"InstanceArn": instance, "PrincipalType": "GROUP", "PrincipalId": researchers}),
        )
        .await
        .ok();
    let listed = for_group["ApplicationAssignments"].as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["ApplicationArn"], application.as_str());
}

#[tokio::test]
async fn a_deleted_domain_takes_its_application_and_assignments_with_it() {
    let (client, application, person) = sso().await;
    client
        .call_api(
            SSO_ADMIN,
            "CreateApplicationAssignment",
            assignment(&application, "USER", &person),
        )
        .await
        .ok();
    let domains = client.call("ListDomains", json!({})).await.ok();
    let domain = domains["Domains"][0]["DomainId"].clone();
    client
        .call("DeleteDomain", json!({"DomainId": domain}))
        .await
        .ok();
    client
        .call_api(
            SSO_ADMIN,
            "DescribeApplication",
            json!({"ApplicationArn": application}),
        )
        .await
        .expect_error("ResourceNotFoundException");
}

#[tokio::test]
async fn an_sso_admin_call_must_be_signed_for_sso() {
    let (client, application, _) = sso().await;
    let reply = client
        .call_signed(
            SSO_ADMIN,
            "DescribeApplication",
            json!({"ApplicationArn": application}),
            &Signing::default(),
        )
        .await;
    reply.expect_error("InvalidSignatureException");
    assert!(reply.message().contains("'sso'"), "{}", reply.message());
}

#[tokio::test]
async fn an_assignment_whose_answer_is_lost_still_took_effect() {
    let (client, application, person) = sso().await;
    client
        .emulator
        .lose_next_answers("CreateApplicationAssignment", 1);
    let body = assignment(&application, "USER", &person);
    client
        .call_api(SSO_ADMIN, "CreateApplicationAssignment", body.clone())
        .await
        .expect_error("InternalFailure");
    client
        .call_api(SSO_ADMIN, "CreateApplicationAssignment", body)
        .await
        .expect_error("ConflictException");
    let calls = client.emulator.calls_of("CreateApplicationAssignment");
    assert_eq!(calls.len(), 2);
    assert!(calls[0].took_effect());
    assert_eq!(calls[0].id("PrincipalId"), Some(person.as_str()));
}
