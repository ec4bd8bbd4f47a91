//! SigV4 signatures with fixed time and credentials, checked against values computed
//! independently with botocore 1.44.5 (`botocore.auth.SigV4Auth` for service `sagemaker`,
//! region `us-east-1`, `botocore.auth.get_current_datetime` patched to return
//! 2015-08-30T12:36:00Z, an `AWSRequest` POST with the two headers `Content-Type:
//! application/x-amz-json-1.1` and `X-Amz-Target`, and the body below). The keys are the
//! example keys of AWS's SigV4 documentation.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use serde_json::json;
use studio_admin_model::ListUserProfilesRequest;
use studio_admin_proxy::sagemaker::signing::{SIGNING_NAME, SigningHeader, sign_service_request};
use studio_admin_proxy::sagemaker::{ClientConfig, CredentialsCache, SageMakerClient};

use crate::helpers::{Scripted, ok};

const AKID: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/// 2015-08-30T12:36:00Z, the time of AWS's SigV4 test suite.
fn fixed_time() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160)
}

fn header<'a>(headers: &'a [SigningHeader], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|h| h.name == name)
        .map(|h| h.value.as_str())
}

fn sign(url: &str, target: &str, body: &str, token: Option<&str>) -> Vec<SigningHeader> {
    let credentials = Credentials::new(AKID, SECRET, token.map(str::to_owned), None, "test");
    sign_service_request(
        &credentials.into(),
        SIGNING_NAME,
        "us-east-1",
        fixed_time(),
        url,
        target,
        body.as_bytes(),
    )
    .expect("signing succeeds")
}

#[test]
fn a_list_user_profiles_request_is_signed_exactly_as_botocore_signs_it() {
    let headers = sign(
        "https://api.sagemaker.us-east-1.amazonaws.com/",
        "SageMaker.ListUserProfiles",
        r#"{"DomainIdEquals":"d-abc123def456"}"#,
        None,
    );
    assert_eq!(header(&headers, "x-amz-date"), Some("20150830T123600Z"));
    assert_eq!(
        header(&headers, "authorization"),
        Some(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sagemaker/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date;x-amz-target, \
             Signature=93231eb457f119b675ea4be3a31e1de9eb4c864cc467b0a4d345bc0d74b83f37"
        )
    );
    assert_eq!(header(&headers, "x-amz-security-token"), None);
}

#[test]
fn a_request_with_a_session_token_signs_the_token_as_botocore_does() {
    let headers = sign(
        "https://api.sagemaker.us-east-1.amazonaws.com/",
        "SageMaker.CreateUserProfile",
        r#"{"DomainId":"d-abc123def456","UserProfileName":"alice"}"#,
        Some("IQoJb3JpZ2luX2VjEXAMPLETOKEN"),
    );
    assert_eq!(
        header(&headers, "x-amz-security-token"),
        Some("IQoJb3JpZ2luX2VjEXAMPLETOKEN")
    );
    assert_eq!(
        header(&headers, "authorization"),
        Some(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sagemaker/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, \
             Signature=4b37882f0a9b9068c6f3dffc05469c96297f1d23d75f5c741f1f0e00467a13f9"
        )
    );
}

#[test]
fn a_loopback_endpoint_with_a_port_signs_the_host_with_its_port_as_botocore_does() {
    let headers = sign(
        "http://127.0.0.1:8123/",
        "SageMaker.DescribeDomain",
        r#"{"DomainId":"d-abc123def456"}"#,
        None,
    );
    assert_eq!(
        header(&headers, "authorization"),
        Some(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sagemaker/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date;x-amz-target, \
             Signature=340610527d63c76f11ef616e0b1dd8d0579bcc32438dba6234bd77b6d1be3111"
        )
    );
}

#[test]
fn the_signature_and_session_token_are_marked_sensitive() {
    let headers = sign(
        "https://api.sagemaker.us-east-1.amazonaws.com/",
        "SageMaker.ListDomains",
        "{}",
        Some("TOKEN"),
    );
    for h in &headers {
        let secret = h.name == "authorization" || h.name == "x-amz-security-token";
        assert_eq!(h.sensitive, secret, "{}", h.name);
    }
}

#[tokio::test]
async fn the_client_sends_exactly_the_signature_of_the_bytes_it_sends() {
    let scripted = Scripted::start(|_, _| ok(json!({"UserProfiles": []}))).await;
    let client = SageMakerClient::new(
        ClientConfig::new(&scripted.url, "us-east-1"),
        CredentialsCache::fixed(AKID, SECRET),
    )
    .expect("client builds")
    .with_time_source(Arc::new(fixed_time));
    client
        .list_user_profiles(&ListUserProfilesRequest {
            domain_id_equals: Some("d-abc123def456".into()),
            ..Default::default()
        })
        .await
        .expect("call succeeds");
    let call = scripted.last_call();
    assert_eq!(call.header("content-type"), "application/x-amz-json-1.1");
    assert_eq!(call.header("x-amz-target"), "SageMaker.ListUserProfiles");
    assert_eq!(call.header("x-amz-date"), "20150830T123600Z");
    let body = String::from_utf8(call.raw.to_vec()).expect("UTF-8 body");
    assert_eq!(body, r#"{"DomainIdEquals":"d-abc123def456"}"#);
    let expected = sign(&scripted.url, "SageMaker.ListUserProfiles", &body, None);
    assert_eq!(
        Some(call.header("authorization").as_str()),
        header(&expected, "authorization")
    );
}
