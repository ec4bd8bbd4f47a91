//! The signed SageMaker client on its own: what it sends, what it retries, how it corrects
//! a wrong clock (logs are checked in the `logs` module).

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use serde_json::json;
use studio_admin_model::{DescribeDomainRequest, ListDomainsRequest};
use studio_admin_proxy::sagemaker::{ClientConfig, CredentialsCache, SageMakerClient};

use crate::helpers::{
    ACCESS_KEY, Call, SECRET_KEY, Scripted, aws_error, client, client_with, fast_retries, ok,
    seed_iam_domain, start_emulator,
};

const HOUR: Duration = Duration::from_secs(3600);

/// Asserts that ListDomains through `scripted` fails with AWS's `code` after one call,
/// not retried.
async fn refused_at_once(scripted: &Scripted, code: &str) {
    let err = client(&scripted.url)
        .list_domains(&ListDomainsRequest::default())
        .await
        .expect_err("AWS refused");
    assert_eq!(err.code(), Some(code));
    assert_eq!(scripted.operations().len(), 1);
}

fn an_hour_slow() -> SystemTime {
    SystemTime::now() - HOUR
}

fn amz_date_age(call: &Call) -> Duration {
    let text = call
        .headers
        .get("x-amz-date")
        .and_then(|v| v.to_str().ok())
        .expect("x-amz-date sent");
    let sent = parse_amz_date(text);
    SystemTime::now()
        .duration_since(sent)
        .unwrap_or_else(|e| e.duration())
}

/// `20240102T030405Z` to a time (days from the civil calendar, UTC).
fn parse_amz_date(text: &str) -> SystemTime {
    let n = |range: std::ops::Range<usize>| -> i64 { text[range].parse().expect("digits") };
    let (y, m, d) = (n(0..4), n(4..6), n(6..8));
    let (hh, mm, ss) = (n(9..11), n(11..13), n(13..15));
    // Days since 1970-01-01 (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + hh * 3600 + mm * 60 + ss;
    SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(secs).expect("after 1970"))
}

#[tokio::test]
async fn requests_carry_the_awsjson_headers_and_a_sigv4_authorization_for_sagemaker() {
    let scripted = Scripted::start(|_, _| ok(json!({"Domains": []}))).await;
    client(&scripted.url)
        .list_domains(&ListDomainsRequest::default())
        .await
        .expect("call succeeds");
    let call = scripted.last_call();
    assert_eq!(call.header("content-type"), "application/x-amz-json-1.1");
    assert_eq!(call.header("x-amz-target"), "SageMaker.ListDomains");
    assert!(call.header("user-agent").starts_with("studio-admin/"));
    let authorization = call.header("authorization");
    let today = &call.header("x-amz-date")[..8];
    assert!(
        authorization.starts_with(&format!(
            "AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/{today}/us-east-1/sagemaker/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
        )),
        "{authorization}"
    );
}

#[tokio::test]
async fn a_client_error_is_answered_at_once_without_retrying() {
    let scripted = Scripted::start(|_, _| aws_error(400, "ResourceInUse", "busy")).await;
    refused_at_once(&scripted, "ResourceInUse").await;
}

#[tokio::test]
async fn a_server_error_followed_by_success_is_retried_transparently() {
    let scripted = Scripted::start(|_, n| {
        if n == 0 {
            aws_error(503, "ServiceUnavailable", "try again")
        } else {
            ok(json!({"Domains": [{"DomainId": "d-abc123def456"}]}))
        }
    })
    .await;
    let page = client(&scripted.url)
        .list_domains(&ListDomainsRequest::default())
        .await
        .expect("the retry succeeds");
    assert_eq!(page.domains.map(|d| d.len()), Some(1));
    assert_eq!(scripted.operations().len(), 2);
}

#[tokio::test]
async fn retries_stop_after_the_configured_number_of_attempts() {
    let scripted = Scripted::start(|_, _| aws_error(400, "ThrottlingException", "slow down")).await;
    let mut config = ClientConfig::new(&scripted.url, "us-east-1");
    config.retry = fast_retries();
    config.retry.max_attempts = 2;
    let client = SageMakerClient::new(config, CredentialsCache::fixed(ACCESS_KEY, SECRET_KEY))
        .expect("client builds");
    let err = client
        .list_domains(&ListDomainsRequest::default())
        .await
        .expect_err("still throttled");
    assert_eq!(err.code(), Some("ThrottlingException"));
    assert_eq!(scripted.operations().len(), 2);
}

/// A scripted AWS that refuses signatures more than five minutes away from its clock,
/// answering as AWS does, with its time in the `Date` header.
async fn strict_clock_sagemaker() -> Scripted {
    Scripted::start(|call, _| {
        if amz_date_age(call) > Duration::from_secs(300) {
            aws_error(
                400,
                "InvalidSignatureException",
                "Signature expired: 20240101T000000Z is now earlier than 20240101T005500Z",
            )
            .with_header("date", httpdate::fmt_http_date(SystemTime::now()))
        } else {
            ok(json!({"Domains": []}))
        }
    })
    .await
}

#[tokio::test]
async fn a_clock_an_hour_slow_is_corrected_from_the_date_header_and_the_call_succeeds() {
    let scripted = strict_clock_sagemaker().await;
    let client = client(&scripted.url).with_time_source(Arc::new(an_hour_slow));

    client
        .list_domains(&ListDomainsRequest::default())
        .await
        .expect("the corrected retry succeeds");

    let calls = scripted.calls();
    assert_eq!(calls.len(), 2);
    assert!(amz_date_age(&calls[1]) < Duration::from_secs(60));
    let offset = client.clock_offset_ms();
    assert!((3_595_000..=3_605_000).contains(&offset), "{offset}");

    // Later calls are signed with the corrected time at once.
    client
        .list_domains(&ListDomainsRequest::default())
        .await
        .expect("signed right the first time");
    assert_eq!(scripted.calls().len(), 3);
}

#[tokio::test]
async fn a_clock_an_hour_slow_is_corrected_against_the_emulator_which_verifies_signatures() {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    let client = client(&emulator.url()).with_time_source(Arc::new(an_hour_slow));
    let described = client
        .describe_domain(&DescribeDomainRequest {
            domain_id: Some(domain.clone()),
        })
        .await
        .expect("the corrected retry is accepted");
    assert_eq!(described.domain_id, Some(domain));
    assert!(client.clock_offset_ms() > 3_500_000);
}

#[tokio::test]
async fn a_signature_error_with_a_right_clock_is_not_retried() {
    let scripted = Scripted::start(|_, _| {
        aws_error(
            400,
            "InvalidSignatureException",
            "The request signature we calculated does not match",
        )
        .with_header("date", httpdate::fmt_http_date(SystemTime::now()))
    })
    .await;
    refused_at_once(&scripted, "InvalidSignatureException").await;
}

#[tokio::test]
async fn a_client_with_the_wrong_secret_is_refused_by_the_emulator() {
    let emulator = start_emulator().await;
    let wrong = client_with(&emulator.url(), ACCESS_KEY, "not-the-secret");
    let err = wrong
        .list_domains(&ListDomainsRequest::default())
        .await
        .expect_err("a wrong signature must fail");
    assert_eq!(err.code(), Some("InvalidSignatureException"));
}
