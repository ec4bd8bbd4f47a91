//! AddTags, DeleteTags and ListTags on a user profile's ARN: what is kept, AWS's limits,
//! and the errors.

use serde_json::{Value, json};

use crate::support::{Client, Reply};

/// A profile created with `tags`; returns the client and the profile's ARN.
async fn tagged_profile(tags: Value) -> (Client, String) {
    let client = Client::new();
    let domain = client.domain("tags").await;
    let reply = client
        .ok(
            "CreateUserProfile",
            json!({"DomainId": domain, "UserProfileName": "alice", "Tags": tags}),
        )
        .await;
    let arn = reply["UserProfileArn"].as_str().unwrap().to_owned();
    (client, arn)
}

async fn tags_of(client: &Client, arn: &str) -> Value {
    client.ok("ListTags", json!({"ResourceArn": arn})).await["Tags"].clone()
}

/// A team's two tags, in the order given.
fn team_and_cost_center() -> Value {
    json!([
        {"Key": "Team", "Value": "ml-platform"},
        {"Key": "CostCenter", "Value": "ml-4021"}
    ])
}

/// AddTags of `tags` to `arn`, which must succeed; answers the reply.
async fn add_tags(client: &Client, arn: &str, tags: Value) -> Value {
    client
        .ok("AddTags", json!({"ResourceArn": arn, "Tags": tags}))
        .await
}

/// AddTags of `tags` to `arn`, whatever it answers.
async fn try_add_tags(client: &Client, arn: &str, tags: Value) -> Reply {
    client
        .call("AddTags", json!({"ResourceArn": arn, "Tags": tags}))
        .await
}

fn many(count: usize, prefix: &str) -> Value {
    (0..count)
        .map(|i| json!({"Key": format!("{prefix}{i}"), "Value": "x"}))
        .collect()
}

#[tokio::test]
async fn tags_given_when_the_profile_was_created_are_listed() {
    let (client, arn) = tagged_profile(team_and_cost_center()).await;
    assert_eq!(tags_of(&client, &arn).await, team_and_cost_center());
}

#[tokio::test]
async fn add_tags_adds_new_keys_and_replaces_the_values_of_existing_ones() {
    let (client, arn) = tagged_profile(json!([{"Key": "Team", "Value": "ml-platform"}])).await;
    let added = json!([
        {"Key": "Team", "Value": "research"},
        {"Key": "Project", "Value": "fraud-detection"}
    ]);
    let reply = add_tags(&client, &arn, added.clone()).await;
    assert_eq!(reply["Tags"].as_array().unwrap().len(), 2);
    assert_eq!(tags_of(&client, &arn).await, added);
}

#[tokio::test]
async fn keys_differing_in_case_are_distinct_tags() {
    let (client, arn) = tagged_profile(json!([{"Key": "team", "Value": "a"}])).await;
    add_tags(&client, &arn, json!([{"Key": "Team", "Value": "b"}])).await;
    assert_eq!(tags_of(&client, &arn).await.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn delete_tags_removes_the_keys_and_ignores_keys_the_profile_lacks() {
    let (client, arn) = tagged_profile(team_and_cost_center()).await;
    client
        .ok(
            "DeleteTags",
            json!({"ResourceArn": arn, "TagKeys": ["Team", "NotThere"]}),
        )
        .await;
    assert_eq!(
        tags_of(&client, &arn).await,
        json!([{"Key": "CostCenter", "Value": "ml-4021"}])
    );
}

#[tokio::test]
async fn keys_in_the_aws_namespace_are_refused_everywhere() {
    let (client, arn) = tagged_profile(json!([])).await;
    for (operation, body) in [
        (
            "AddTags",
            json!({"ResourceArn": arn, "Tags": [{"Key": "aws:owner", "Value": "x"}]}),
        ),
        (
            "AddTags",
            json!({"ResourceArn": arn, "Tags": [{"Key": "AWS:Owner", "Value": "x"}]}),
        ),
        (
            "DeleteTags",
            json!({"ResourceArn": arn, "TagKeys": ["aws:cloudformation:stack-name"]}),
        ),
    ] {
        let reply = client.call(operation, body).await;
        reply.expect_error_saying("ValidationException", "'aws:'");
    }
    let domain = client.ok("ListDomains", json!({})).await["Domains"][0]["DomainId"].clone();
    client
        .call(
            "CreateUserProfile",
            json!({"DomainId": domain, "UserProfileName": "bob", "Tags": [{"Key": "aws:x", "Value": ""}]}),
        )
        .await
        .expect_error("ValidationException");
    assert_eq!(tags_of(&client, &arn).await, json!([]));
}

#[tokio::test]
async fn a_profile_holds_at_most_fifty_tags() {
    let (client, arn) = tagged_profile(many(30, "a")).await;
    let reply = try_add_tags(&client, &arn, many(21, "b")).await;
    reply.expect_error_saying("ValidationException", "at most 50");
    assert_eq!(tags_of(&client, &arn).await.as_array().unwrap().len(), 30);
    // Replacing values does not count twice.
    add_tags(&client, &arn, many(30, "a")).await;
    add_tags(&client, &arn, many(20, "b")).await;
    assert_eq!(tags_of(&client, &arn).await.as_array().unwrap().len(), 50);
}

#[tokio::test]
async fn a_key_repeated_in_one_request_is_refused() {
    let (client, arn) = tagged_profile(json!([])).await;
    let reply = try_add_tags(
        &client,
        &arn,
        json!([{"Key": "Team", "Value": "a"}, {"Key": "Team", "Value": "b"}]),
    )
    .await;
    reply.expect_error_saying("ValidationException", "Duplicate tag key 'Team'");
}

#[tokio::test]
async fn tag_lengths_and_patterns_are_checked_as_the_model_says() {
    let (client, arn) = tagged_profile(json!([])).await;
    let long_key = "k".repeat(129);
    let reply = try_add_tags(&client, &arn, json!([{"Key": long_key, "Value": "v"}])).await;
    reply.expect_error("ValidationException");
    assert!(
        reply
            .message()
            .contains("at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128"),
        "{}",
        reply.message()
    );
    let reply = try_add_tags(&client, &arn, json!([{"Key": "Team", "Value": "a;b"}])).await;
    reply.expect_error_saying("ValidationException", "tags.1.member.value");
    try_add_tags(&client, &arn, many(51, "c"))
        .await
        .expect_error("ValidationException");
}

#[tokio::test]
async fn list_tags_pages_hold_at_least_fifty_and_forged_tokens_are_refused() {
    let (client, arn) = tagged_profile(many(50, "t")).await;
    let reply = client
        .call("ListTags", json!({"ResourceArn": arn, "MaxResults": 49}))
        .await;
    reply.expect_error("ValidationException");
    assert!(
        reply
            .message()
            .contains("Member must have value greater than or equal to 50"),
        "{}",
        reply.message()
    );
    let page = client
        .ok("ListTags", json!({"ResourceArn": arn, "MaxResults": 50}))
        .await;
    let keys: Vec<&str> = page["Tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["Key"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = (0..50).map(|i| format!("t{i}")).collect();
    assert_eq!(keys, expected);
    assert!(page.get("NextToken").is_none());
    client
        .call(
            "ListTags",
            json!({"ResourceArn": arn, "NextToken": "bm90LWEtdG9rZW4"}),
        )
        .await
        .expect_error("ValidationException");
}

#[tokio::test]
async fn the_tags_of_a_profile_that_does_not_exist_are_a_validation_exception() {
    let (client, arn) = tagged_profile(json!([{"Key": "Team", "Value": "a"}])).await;
    let other = arn.replace("/alice", "/nobody");
    let reply = client.call("ListTags", json!({"ResourceArn": other})).await;
    reply.expect_error_saying("ValidationException", &other);

    let domain = client.ok("ListDomains", json!({})).await["Domains"][0]["DomainId"].clone();
    client
        .ok(
            "DeleteUserProfile",
            json!({"DomainId": domain, "UserProfileName": "alice"}),
        )
        .await;
    try_add_tags(&client, &arn, json!([{"Key": "Team", "Value": "b"}]))
        .await
        .expect_error("ValidationException");
}

#[tokio::test]
async fn a_domain_and_an_app_carry_their_own_tags() {
    let client = Client::new();
    let tagged = json!({"DomainName": "tagged", "AuthMode": "IAM", "DefaultUserSettings": {}, "Tags": [{"Key": "CostCenter", "Value": "ml-4021"}]});
    let reply = client.ok("CreateDomain", tagged).await;
    let domain_arn = reply["DomainArn"].as_str().unwrap().to_owned();
    let domain = reply["DomainId"].as_str().unwrap().to_owned();
    assert_eq!(
        tags_of(&client, &domain_arn).await,
        json!([{"Key": "CostCenter", "Value": "ml-4021"}])
    );
    client.profile(&domain, "alice").await;
    let owned = json!({"DomainId": domain, "UserProfileName": "alice", "AppType": "JupyterServer", "AppName": "default", "Tags": [{"Key": "Owner", "Value": "alice"}]});
    let app = client.ok("CreateApp", owned).await;
    let app_arn = app["AppArn"].as_str().unwrap();
    assert_eq!(
        tags_of(&client, app_arn).await,
        json!([{"Key": "Owner", "Value": "alice"}])
    );
}
