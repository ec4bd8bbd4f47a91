//! Input validation against the service model, answered in AWS's words.

use serde_json::{Value, json};

use crate::support::Client;

const NAME_PATTERN: &str = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}";

/// The message of the ValidationException `operation` answers for `body`.
async fn refusal(client: &Client, operation: &str, body: Value) -> String {
    let reply = client.fails(operation, body, "ValidationException").await;
    reply.message().to_owned()
}

#[tokio::test]
async fn a_bad_profile_name_is_a_validation_exception_in_aws_words() {
    let (client, domain) = Client::with_team(&[]).await;
    let message = refusal(
        &client,
        "CreateUserProfile",
        json!({"DomainId": domain, "UserProfileName": "bad_name!"}),
    )
    .await;
    assert_eq!(
        message,
        format!(
            "1 validation error detected: Value 'bad_name!' at 'userProfileName' failed to satisfy constraint: Member must satisfy regular expression pattern: {NAME_PATTERN}"
        )
    );
}

#[tokio::test]
async fn several_violations_are_counted_and_joined() {
    let client = Client::new();
    let message = refusal(
        &client,
        "CreateUserProfile",
        json!({"UserProfileName": "bad_name!"}),
    )
    .await;
    assert_eq!(
        message,
        format!(
            "2 validation errors detected: Value null at 'domainId' failed to satisfy constraint: Member must not be null; Value 'bad_name!' at 'userProfileName' failed to satisfy constraint: Member must satisfy regular expression pattern: {NAME_PATTERN}"
        )
    );
}

#[tokio::test]
async fn a_name_too_long_states_the_maximum_length() {
    let (client, domain) = Client::with_team(&[]).await;
    let name = "a".repeat(64);
    let message = refusal(
        &client,
        "CreateUserProfile",
        json!({"DomainId": domain, "UserProfileName": name}),
    )
    .await;
    assert!(
        message.contains(&format!(
            "Value '{name}' at 'userProfileName' failed to satisfy constraint: Member must have length less than or equal to 63"
        )),
        "{message}"
    );
}

#[tokio::test]
async fn max_results_outside_its_range_states_the_bound() {
    let client = Client::new();
    assert_eq!(
        refusal(&client, "ListUserProfiles", json!({"MaxResults": 0})).await,
        "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"
    );
    assert_eq!(
        refusal(&client, "ListUserProfiles", json!({"MaxResults": 101})).await,
        "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100"
    );
}

#[tokio::test]
async fn an_unknown_enum_value_lists_the_allowed_values() {
    let client = Client::new();
    assert_eq!(
        refusal(&client, "ListUserProfiles", json!({"SortBy": "Name"})).await,
        "1 validation error detected: Value 'Name' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [CreationTime, LastModifiedTime]"
    );
}

#[tokio::test]
async fn a_bad_list_item_is_reported_at_its_one_based_member_path() {
    let (client, domain) = Client::with_team(&[]).await;
    let message = refusal(
        &client,
        "CreateUserProfile",
        json!({
            "DomainId": domain,
            "UserProfileName": "alice",
            "UserSettings": {"SecurityGroups": ["sg-0123", "bad sg"]}
        }),
    )
    .await;
    assert_eq!(
        message,
        "1 validation error detected: Value 'bad sg' at 'userSettings.securityGroups.2.member' failed to satisfy constraint: Member must satisfy regular expression pattern: [-0-9a-zA-Z]+"
    );
}

#[tokio::test]
async fn a_list_too_long_shows_the_list_and_its_maximum() {
    let (client, domain) = Client::with_team(&[]).await;
    let groups: Vec<String> = (1..=6).map(|i| format!("sg-{i}")).collect();
    let message = refusal(
        &client,
        "CreateUserProfile",
        json!({"DomainId": domain, "UserProfileName": "alice", "UserSettings": {"SecurityGroups": groups}}),
    )
    .await;
    assert_eq!(
        message,
        "1 validation error detected: Value '[sg-1, sg-2, sg-3, sg-4, sg-5, sg-6]' at 'userSettings.securityGroups' failed to satisfy constraint: Member must have length less than or equal to 5"
    );
}

#[tokio::test]
async fn a_valid_request_is_not_refused_by_validation() {
    let (client, domain) = Client::with_team(&[]).await;
    client
        .ok(
            "CreateUserProfile",
            json!({
                "DomainId": domain,
                "UserProfileName": "alice-nguyen",
                "UserSettings": {
                    "ExecutionRole": "arn:aws:iam::123456789012:role/service-role/SageMakerRole",
                    "SecurityGroups": ["sg-0123456789abcdef0"]
                },
                "Tags": [{"Key": "Team", "Value": "ml"}]
            }),
        )
        .await;
}
