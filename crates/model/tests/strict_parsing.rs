//! Request bodies are parsed strictly: a member the model lacks is refused with its path,
//! and a body that is not JSON (or has a member of the wrong JSON type) is refused with
//! the line and column of the problem.

use studio_admin_model::{
    CreateUserProfileRequest, DescribeDomainResponse, JsonError, UpdateUserProfileRequest,
    from_json_strict,
};

fn unknown_member(text: &str) -> String {
    match from_json_strict::<CreateUserProfileRequest>(text) {
        Err(JsonError::UnknownMember { path }) => path,
        other => panic!("expected an unknown member, got {other:?}"),
    }
}

#[test]
fn a_misspelt_settings_section_is_refused_with_its_path() {
    let path = unknown_member(
        r#"{"DomainId":"d-abc123","UserProfileName":"alice",
            "UserSettings":{"JupyterServerAppSetings":{}}}"#,
    );
    assert_eq!(path, "UserSettings.JupyterServerAppSetings");
}

#[test]
fn a_misspelt_member_inside_a_list_item_is_refused_with_its_index() {
    let path = unknown_member(
        r#"{"DomainId":"d-abc123","UserProfileName":"alice",
            "Tags":[{"Key":"team","Value":"a"},{"Kay":"cost","Value":"b"}]}"#,
    );
    assert_eq!(path, "Tags[1].Kay");
    let path = unknown_member(
        r#"{"DomainId":"d-abc123","UserProfileName":"alice","Tags":[{"Kay":"team"}]}"#,
    );
    assert_eq!(path, "Tags[0].Kay");
}

#[test]
fn an_unknown_member_deep_in_the_settings_is_refused_with_its_path() {
    let path = unknown_member(
        r#"{"DomainId":"d-abc123","UserProfileName":"alice","UserSettings":{
            "KernelGatewayAppSettings":{"CustomImages":[
                {"ImageName":"a","AppImageConfigName":"b"},
                {"ImageName":"a","AppImageConfigName":"b","ImageVersion":1}]}}}"#,
    );
    assert_eq!(
        path,
        "UserSettings.KernelGatewayAppSettings.CustomImages[1].ImageVersion"
    );
    let path = unknown_member(
        r#"{"DomainId":"d-abc123","UserProfileName":"alice","UserSettings":{
            "CustomFileSystemConfigs":[{"EFSFileSystemConfig":{"FileSystemId":"fs-01234567","Path":"/"}}]}}"#,
    );
    assert_eq!(
        path,
        "UserSettings.CustomFileSystemConfigs[0].EFSFileSystemConfig.Path"
    );
}

#[test]
fn an_unknown_top_level_member_is_refused() {
    assert_eq!(
        unknown_member(r#"{"DomainId":"d-abc123","UserProfileName":"alice","Owner":"bob"}"#),
        "Owner"
    );
}

#[test]
fn member_names_are_case_sensitive() {
    assert_eq!(
        unknown_member(r#"{"domainId":"d-abc123","UserProfileName":"alice"}"#),
        "domainId"
    );
}

#[test]
fn single_sign_on_members_do_not_exist_on_update() {
    let result = from_json_strict::<UpdateUserProfileRequest>(
        r#"{"DomainId":"d-abc123","UserProfileName":"alice","SingleSignOnUserValue":"jane"}"#,
    );
    assert_eq!(
        result,
        Err(JsonError::UnknownMember {
            path: "SingleSignOnUserValue".to_owned()
        })
    );
}

#[test]
fn a_syntax_error_names_its_line_and_column() {
    let text = "{\n  \"DomainId\": \"d-abc123\",\n  \"UserProfileName\": alice\n}";
    match from_json_strict::<CreateUserProfileRequest>(text) {
        Err(JsonError::Syntax {
            line,
            column,
            message,
        }) => {
            assert_eq!((line, column), (3, 22), "{message}");
            assert!(
                !message.contains(" at line "),
                "position is reported apart: {message}"
            );
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn a_member_of_the_wrong_json_type_is_a_syntax_error_with_its_position() {
    let text = "{\"DomainId\":\"d-abc123\",\"UserProfileName\":\"alice\",\n\"Tags\":\"team\"}";
    match from_json_strict::<CreateUserProfileRequest>(text) {
        Err(JsonError::Syntax { line, message, .. }) => {
            assert_eq!(line, 2);
            assert!(message.contains("expected a sequence"), "{message}");
        }
        other => panic!("expected a type error, got {other:?}"),
    }
}

#[test]
fn a_number_too_large_for_its_member_is_refused() {
    let text = r#"{"DomainId":"d-abc123","UserProfileName":"alice","UserSettings":{
        "SpaceStorageSettings":{"DefaultEbsStorageSettings":{
            "DefaultEbsVolumeSizeInGb":99999999999,"MaximumEbsVolumeSizeInGb":10}}}}"#;
    assert!(matches!(
        from_json_strict::<CreateUserProfileRequest>(text),
        Err(JsonError::Syntax { line: 3, .. })
    ));
}

#[test]
fn trailing_text_after_the_body_is_refused() {
    let text = r#"{"DomainId":"d-abc123","UserProfileName":"alice"} {}"#;
    assert!(matches!(
        from_json_strict::<CreateUserProfileRequest>(text),
        Err(JsonError::Syntax { line: 1, .. })
    ));
}

#[test]
fn a_known_body_parses_with_every_member_in_place() {
    let request: CreateUserProfileRequest = from_json_strict(
        r#"{"DomainId":"d-abc123","UserProfileName":"alice",
            "Tags":[{"Key":"team","Value":"ml"}],
            "UserSettings":{"SecurityGroups":["sg-1"],"StudioWebPortal":"ENABLED"}}"#,
    )
    .unwrap();
    assert_eq!(request.domain_id.as_deref(), Some("d-abc123"));
    let tags = request.tags.unwrap();
    assert_eq!(tags[0].key.as_deref(), Some("team"));
    let settings = request.user_settings.unwrap();
    assert_eq!(settings.security_groups, Some(vec!["sg-1".to_owned()]));
    assert_eq!(
        settings.studio_web_portal.map(|p| p.to_string()).as_deref(),
        Some("ENABLED")
    );
}

#[test]
fn an_error_message_reads_as_a_sentence_with_the_path() {
    let error = from_json_strict::<CreateUserProfileRequest>(
        r#"{"DomainId":"d-abc123","UserProfileName":"alice","UserSettings":{"Bogus":1}}"#,
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "unknown member UserSettings.Bogus: the service model has no such member"
    );
}

#[test]
fn responses_parse_leniently_because_aws_adds_members() {
    // Plain serde (not from_json_strict) is how responses are read.
    let domain: DescribeDomainResponse = serde_json::from_str(
        r#"{"DomainId":"d-abc123","AuthMode":"SSO","SomeFutureMember":{"x":1}}"#,
    )
    .unwrap();
    assert_eq!(domain.domain_id.as_deref(), Some("d-abc123"));
}
