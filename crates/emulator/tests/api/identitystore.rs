//! The Identity Store (`AWSIdentityStore.*`): finding people and groups in the directory,
//! paging, memberships, and the errors the service answers with.

use serde_json::{Value, json};

use crate::support::{Client, IDENTITY_STORE, SAGEMAKER, Signing, strings, unknown_directory_id};

/// A client whose directory holds `people` (user names).
fn directory(people: &[&str]) -> (Client, String, Vec<String>) {
    let client = Client::new();
    let store = client.emulator.identity_store_id();
    let ids = people.iter().map(|p| client.person(p)).collect();
    (client, store, ids)
}

fn user_names(reply: &Value) -> Vec<String> {
    strings(&reply["Users"], "UserName")
}

#[tokio::test]
async fn users_are_listed_by_user_name_across_pages_without_repeats() {
    let (client, store, _) = directory(&[
        "zoe.clarke",
        "amara.diallo",
        "maria.garcia",
        "kenji.watanabe",
        "lucas.meyer",
    ]);
    let pages = client
        .pages(
            IDENTITY_STORE,
            "ListUsers",
            json!({"IdentityStoreId": store, "MaxResults": 2}),
        )
        .await;
    assert_eq!(pages.len(), 3);
    assert!(
        pages
            .iter()
            .all(|page| page["Users"].as_array().unwrap().len() <= 2)
    );
    let names: Vec<String> = pages.iter().flat_map(user_names).collect();
    assert_eq!(
        names,
        [
            "amara.diallo",
            "kenji.watanabe",
            "lucas.meyer",
            "maria.garcia",
            "zoe.clarke"
        ]
    );
}

#[tokio::test]
async fn a_listed_user_carries_names_and_a_primary_work_email() {
    let (client, store, ids) = directory(&["maria.garcia"]);
    let reply = client
        .store_ok("ListUsers", json!({"IdentityStoreId": store}))
        .await;
    let user = &reply["Users"][0];
    assert_eq!(user["UserId"], ids[0].as_str());
    assert_eq!(user["IdentityStoreId"], store.as_str());
    assert_eq!(user["DisplayName"], "Maria Garcia");
    assert_eq!(user["Name"]["GivenName"], "Maria");
    assert_eq!(user["Name"]["FamilyName"], "Garcia");
    assert_eq!(
        user["Emails"],
        json!([{"Value": "maria.garcia@example.com", "Type": "work", "Primary": true}])
    );
    assert_eq!(
        user["UserArn"],
        format!("arn:aws:identitystore:::user/{}", ids[0])
    );
    assert!(user["CreatedAt"].is_f64());
}

#[tokio::test]
async fn the_user_name_filter_finds_one_person_ignoring_case() {
    let (client, store, _) = directory(&["maria.garcia", "mario.rossi"]);
    let body = json!({
        "IdentityStoreId": store,
        "Filters": [{"AttributePath": "UserName", "AttributeValue": "Maria.Garcia"}]
    });
    let reply = client.store_ok("ListUsers", body).await;
    assert_eq!(user_names(&reply), ["maria.garcia"]);
}

#[tokio::test]
async fn a_filter_on_another_attribute_is_a_validation_exception() {
    let (client, store, _) = directory(&["maria.garcia"]);
    let body = json!({
        "IdentityStoreId": store,
        "Filters": [{"AttributePath": "DisplayName", "AttributeValue": "Maria Garcia"}]
    });
    let reply = client.call_api(IDENTITY_STORE, "ListUsers", body).await;
    reply.expect_error_saying("ValidationException", "UserName");
}

#[tokio::test]
async fn get_user_id_finds_a_person_by_user_name_or_by_email() {
    let (client, store, ids) = directory(&["maria.garcia", "kenji.watanabe"]);
    for (path, value) in [
        ("userName", "KENJI.watanabe"),
        ("emails.value", "kenji.watanabe@EXAMPLE.com"),
    ] {
        let body = json!({
            "IdentityStoreId": store,
            "AlternateIdentifier": {"UniqueAttribute": {"AttributePath": path, "AttributeValue": value}}
        });
        let reply = client.store_ok("GetUserId", body).await;
        assert_eq!(reply["UserId"], ids[1].as_str(), "by {path}");
        assert_eq!(reply["IdentityStoreId"], store.as_str());
    }
}

#[tokio::test]
async fn get_user_id_by_an_attribute_that_is_not_unique_is_refused() {
    let (client, store, _) = directory(&["maria.garcia"]);
    let body = json!({
        "IdentityStoreId": store,
        "AlternateIdentifier": {"UniqueAttribute": {"AttributePath": "displayName", "AttributeValue": "Maria Garcia"}}
    });
    client
        .store_fails("GetUserId", body, "ValidationException")
        .await;
}

#[tokio::test]
async fn describe_user_answers_the_person() {
    let (client, store, ids) = directory(&["amara.diallo"]);
    let reply = client
        .store_ok(
            "DescribeUser",
            json!({"IdentityStoreId": store, "UserId": ids[0]}),
        )
        .await;
    assert_eq!(reply["UserName"], "amara.diallo");
    assert_eq!(reply["UserStatus"], "ENABLED");
    assert_eq!(reply["Revision"], "1");
}

#[tokio::test]
async fn a_malformed_identity_store_id_is_invalid() {
    let (client, _, _) = directory(&["amara.diallo"]);
    let reply = client
        .store_fails(
            "ListUsers",
            json!({"IdentityStoreId": "not-a-store"}),
            "ValidationException",
        )
        .await;
    assert!(
        reply
            .message()
            .starts_with("1 validation error detected: Value 'not-a-store' at 'identityStoreId'"),
        "{}",
        reply.message()
    );
}

#[tokio::test]
async fn the_identity_store_may_also_be_named_by_its_arn() {
    let (client, store, _) = directory(&["amara.diallo"]);
    let arn = format!("arn:aws:identitystore::123456789012:identitystore/{store}");
    let reply = client
        .store_ok("ListUsers", json!({"IdentityStoreId": arn}))
        .await;
    assert_eq!(user_names(&reply), ["amara.diallo"]);
}

#[tokio::test]
async fn groups_are_found_by_display_name_and_described() {
    let (client, store, _) = directory(&[]);
    let researchers = client.group("ml-researchers");
    client.group("finance-analysts");

    let all = client
        .store_ok("ListGroups", json!({"IdentityStoreId": store}))
        .await;
    assert_eq!(
        strings(&all["Groups"], "DisplayName"),
        ["finance-analysts", "ml-researchers"]
    );

    let filtered = client
        .store_ok("ListGroups",
            json!({"IdentityStoreId": store, "Filters": [{"AttributePath": "DisplayName", "AttributeValue": "ML-Researchers"}]}),
        )
        .await;
    assert_eq!(filtered["Groups"][0]["GroupId"], researchers.as_str());

    let found = client
        .store_ok("GetGroupId",
            json!({"IdentityStoreId": store, "AlternateIdentifier": {"UniqueAttribute": {"AttributePath": "displayName", "AttributeValue": "ml-researchers"}}}),
        )
        .await;
    assert_eq!(found["GroupId"], researchers.as_str());

    let described = client
        .store_ok(
            "DescribeGroup",
            json!({"IdentityStoreId": store, "GroupId": researchers}),
        )
        .await;
    assert_eq!(described["DisplayName"], "ml-researchers");
    assert_eq!(
        described["GroupArn"],
        format!("arn:aws:identitystore:::group/{researchers}")
    );
}

#[tokio::test]
async fn what_the_directory_lacks_is_resource_not_found_naming_its_type() {
    let (client, store, ids) = directory(&["maria.garcia"]);
    let unknown = unknown_directory_id(&store);
    let named = |path: &str| json!({"IdentityStoreId": store, "AlternateIdentifier": {"UniqueAttribute": {"AttributePath": path, "AttributeValue": "nobody"}}});
    // (operation, body, the ResourceType answered, the ResourceId when one is named)
    let cases = [
        ("GetUserId", named("userName"), "USER", None),
        (
            "DescribeUser",
            json!({"IdentityStoreId": store, "UserId": unknown}),
            "USER",
            Some(&unknown),
        ),
        ("GetGroupId", named("displayName"), "GROUP", None),
        (
            "IsMemberInGroups",
            json!({"IdentityStoreId": store, "MemberId": {"UserId": ids[0]}, "GroupIds": [unknown]}),
            "GROUP",
            None,
        ),
        (
            "ListGroupMemberships",
            json!({"IdentityStoreId": store, "GroupId": unknown}),
            "GROUP",
            None,
        ),
        (
            "ListUsers",
            json!({"IdentityStoreId": "d-0000000000"}),
            "IDENTITY_STORE",
            None,
        ),
    ];
    for (operation, body, resource_type, id) in cases {
        let reply = client
            .store_fails(operation, body, "ResourceNotFoundException")
            .await;
        assert_eq!(reply.body["ResourceType"], resource_type, "{operation}");
        if let Some(id) = id {
            assert_eq!(reply.body["ResourceId"], id.as_str(), "{operation}");
        }
    }
}

#[tokio::test]
async fn memberships_are_listed_per_group_and_per_member_and_checked() {
    let (client, store, ids) = directory(&["maria.garcia", "kenji.watanabe", "fatou.ndiaye"]);
    let researchers = client.group("ml-researchers");
    let finance = client.group("finance-analysts");
    client
        .emulator
        .seed_group_member(&researchers, &ids[0])
        .unwrap();
    client
        .emulator
        .seed_group_member(&researchers, &ids[1])
        .unwrap();
    client
        .emulator
        .seed_group_member(&finance, &ids[1])
        .unwrap();

    let members = client
        .store_ok(
            "ListGroupMemberships",
            json!({"IdentityStoreId": store, "GroupId": researchers, "MaxResults": 1}),
        )
        .await;
    assert_eq!(
        members["GroupMemberships"][0]["MemberId"]["UserId"],
        ids[0].as_str()
    );
    assert_eq!(
        members["GroupMemberships"][0]["GroupId"],
        researchers.as_str()
    );
    let token = members["NextToken"].as_str().unwrap();
    let rest = client
        .store_ok("ListGroupMemberships",
            json!({"IdentityStoreId": store, "GroupId": researchers, "MaxResults": 1, "NextToken": token}),
        )
        .await;
    assert_eq!(
        rest["GroupMemberships"][0]["MemberId"]["UserId"],
        ids[1].as_str()
    );
    assert!(rest.get("NextToken").is_none());

    let kenji = client
        .store_ok(
            "ListGroupMembershipsForMember",
            json!({"IdentityStoreId": store, "MemberId": {"UserId": ids[1]}}),
        )
        .await;
    assert_eq!(kenji["GroupMemberships"].as_array().unwrap().len(), 2);

    for (user, expected) in [(&ids[0], [true, false]), (&ids[2], [false, false])] {
        let reply = client
            .store_ok("IsMemberInGroups",
                json!({"IdentityStoreId": store, "MemberId": {"UserId": user}, "GroupIds": [researchers, finance]}),
            )
            .await;
        let results = reply["Results"].as_array().unwrap();
        assert_eq!(results[0]["GroupId"], researchers.as_str());
        let exists: Vec<bool> = results
            .iter()
            .map(|r| r["MembershipExists"].as_bool().unwrap())
            .collect();
        assert_eq!(exists, expected);
    }
}

#[tokio::test]
async fn a_sagemaker_operation_under_the_identity_store_prefix_is_unknown() {
    let (client, _, _) = directory(&[]);
    client
        .store_fails("ListDomains", json!({}), "UnknownOperationException")
        .await;
    // And the other way round.
    let reply = client
        .call_signed(SAGEMAKER, "ListUsers", json!({}), &Signing::default())
        .await;
    reply.expect_error("UnknownOperationException");
}
