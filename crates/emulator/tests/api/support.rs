//! Test helpers: a SigV4-signing client for the emulator's router (in-process, through
//! `oneshot`) and small builders for the resources most tests need.

#![allow(dead_code)]

use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use studio_admin_emulator::{DirectoryUser, Emulator, EmulatorConfig, Timings, router};
use tower::ServiceExt;

/// The credentials the test emulators verify signatures with.
pub const KEY_ID: &str = "AKIAEMULATORTEST0001";
/// The secret that goes with [`KEY_ID`].
pub const SECRET: &str = "emulator/test/secret/key/0123456789abcdef";
/// The region of the test emulators.
pub const REGION: &str = "us-east-1";
/// The account of the test emulators.
pub const ACCOUNT: &str = "123456789012";
/// The host name requests are signed for.
pub const HOST: &str = "sagemaker.emulator.test";

/// Signature verification on, every transition instant.
pub fn config() -> EmulatorConfig {
    EmulatorConfig {
        region: REGION.to_owned(),
        account_id: ACCOUNT.to_owned(),
        credentials: Some((KEY_ID.to_owned(), SECRET.to_owned())),
        timings: Timings::instant(),
        ..EmulatorConfig::default()
    }
}

/// How to sign one request.
#[derive(Debug, Clone)]
pub struct Signing {
    pub key_id: String,
    pub secret: String,
    pub region: String,
    pub service: String,
    pub time: SystemTime,
}

impl Default for Signing {
    fn default() -> Self {
        Self {
            key_id: KEY_ID.to_owned(),
            secret: SECRET.to_owned(),
            region: REGION.to_owned(),
            service: "sagemaker".to_owned(),
            time: SystemTime::now(),
        }
    }
}

/// One of the services the emulator serves: its `X-Amz-Target` prefix and signing name.
#[derive(Debug, Clone, Copy)]
pub struct Api {
    pub target_prefix: &'static str,
    pub signing_name: &'static str,
}

/// SageMaker.
pub const SAGEMAKER: Api = Api {
    target_prefix: "SageMaker",
    signing_name: "sagemaker",
};
/// IAM Identity Center's directory.
pub const IDENTITY_STORE: Api = Api {
    target_prefix: "AWSIdentityStore",
    signing_name: "identitystore",
};
/// IAM Identity Center's admin API.
pub const SSO_ADMIN: Api = Api {
    target_prefix: "SWBExternalService",
    signing_name: "sso",
};

/// An awsJson1.1 request for `operation`, signed as `signing` says.
pub fn signed_request(operation: &str, body: &str, signing: &Signing) -> Request<String> {
    signed_request_to(HOST, operation, body, signing)
}

/// The same, for a given `host` (`127.0.0.1:PORT` over real HTTP).
pub fn signed_request_to(
    host: &str,
    operation: &str,
    body: &str,
    signing: &Signing,
) -> Request<String> {
    signed_target_request(host, &format!("SageMaker.{operation}"), body, signing)
}

/// A request with a whole `X-Amz-Target` value, signed as `signing` says.
pub fn signed_target_request(
    host: &str,
    target: &str,
    body: &str,
    signing: &Signing,
) -> Request<String> {
    let mut request = Request::builder()
        .method("POST")
        .uri(format!("http://{host}/"))
        .header("host", host)
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amz-target", target)
        .body(body.to_owned())
        .unwrap();
    sign_request(&mut request, signing);
    request
}

/// Adds SigV4 headers (X-Amz-Date, Authorization) to `request`, with aws-sigv4.
pub fn sign_request(request: &mut Request<String>, signing: &Signing) {
    let identity = Credentials::new(
        signing.key_id.clone(),
        signing.secret.clone(),
        None,
        None,
        "test",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(&signing.region)
        .name(&signing.service)
        .time(signing.time)
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap().to_owned()))
        .collect();
    let uri = request.uri().to_string();
    let body = request.body().clone();
    let signable = SignableRequest::new(
        request.method().as_str(),
        uri,
        headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        SignableBody::Bytes(body.as_bytes()),
    )
    .unwrap();
    let (instructions, _signature) = sign(signable, &params).unwrap().into_parts();
    instructions.apply_to_request_http1x(request);
}

/// One response, with the body parsed as JSON (or `Value::String` when it is not).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    /// The error code (`__type`), or "" on success.
    pub fn code(&self) -> &str {
        self.body["__type"].as_str().unwrap_or("")
    }

    /// The error message.
    pub fn message(&self) -> &str {
        self.body["Message"].as_str().unwrap_or("")
    }

    /// Panics with the error unless the call succeeded.
    #[track_caller]
    pub fn ok(self) -> Value {
        assert_eq!(
            self.status,
            StatusCode::OK,
            "{}: {}",
            self.code(),
            self.message()
        );
        self.body
    }

    /// Asserts the error code (and that the status is an error).
    #[track_caller]
    pub fn expect_error(&self, code: &str) -> &Self {
        assert_eq!(
            self.code(),
            code,
            "status {}, body {}",
            self.status,
            self.body
        );
        assert!(!self.status.is_success());
        self
    }

    /// Asserts the error code and that the message says `part` (most error tests check
    /// both: the code for a program, the words for a person).
    #[track_caller]
    pub fn expect_error_saying(&self, code: &str, part: &str) -> &Self {
        self.expect_error(code);
        assert!(self.message().contains(part), "{}", self.message());
        self
    }
}

/// The string member `member` of every item of the JSON array `items`, in order.
#[track_caller]
pub fn strings(items: &Value, member: &str) -> Vec<String> {
    items
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {items}"))
        .iter()
        .map(|item| {
            item[member]
                .as_str()
                .unwrap_or_else(|| panic!("no string {member} in {item}"))
                .to_owned()
        })
        .collect()
}

/// A well-formed directory id (user or group) that `store`'s directory does not hold.
pub fn unknown_directory_id(store: &str) -> String {
    format!("{}-8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b", &store[2..])
}

/// Sends any request through the router.
pub async fn send(router: &Router, request: Request<Body>) -> Reply {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Reply {
        status,
        headers,
        body,
    }
}

/// A signing client for an emulator's router.
#[derive(Clone)]
pub struct Client {
    pub emulator: Emulator,
    pub router: Router,
}

impl Client {
    /// A client of a fresh emulator with [`config`].
    pub fn new() -> Self {
        Self::of(Emulator::new(config()))
    }

    /// A client of a fresh emulator whose transitions take `step` each (deleted apps stay
    /// listed for `retention`).
    pub fn timed(step: Duration, retention: Duration) -> Self {
        Self::of(Emulator::new(timed(step, retention)))
    }

    /// A client of a fresh emulator with a domain `team` (IAM mode) holding a user
    /// profile of each of `profiles`; returns the client and the domain's id.
    pub async fn with_team(profiles: &[&str]) -> (Self, String) {
        let client = Self::new();
        let domain = client.team(profiles).await;
        (client, domain)
    }

    /// A client whose transitions take `step` each (as [`Self::timed`]), with a domain
    /// `team` already in service (the paused clock moved on past its creation); returns
    /// the client and the domain's id.
    pub async fn timed_team(step: Duration, retention: Duration) -> (Self, String) {
        let client = Self::timed(step, retention);
        let domain = client.domain("team").await;
        tokio::time::advance(step + Duration::from_secs(1)).await;
        (client, domain)
    }

    /// A [`Self::timed_team`] client whose domain has a profile `alice` with her
    /// JupyterServer app `default` in service; returns the client and the domain's id.
    pub async fn timed_alice_app(step: Duration, retention: Duration) -> (Self, String) {
        let (client, domain) = Self::timed_team(step, retention).await;
        client.profile(&domain, "alice").await;
        client.user_app(&domain, "alice").await;
        tokio::time::advance(step + Duration::from_secs(1)).await;
        (client, domain)
    }

    /// A client of an existing emulator.
    pub fn of(emulator: Emulator) -> Self {
        Self {
            router: router(emulator.clone()),
            emulator,
        }
    }

    /// Calls `operation` with `body`, correctly signed.
    pub async fn call(&self, operation: &str, body: Value) -> Reply {
        self.call_raw(operation, &body.to_string()).await
    }

    /// Calls `operation` and requires it to succeed; answers the body.
    pub async fn ok(&self, operation: &str, body: Value) -> Value {
        Self::succeeded(operation, self.call(operation, body).await)
    }

    /// Calls `operation` and requires it to fail with `code`; answers the reply.
    pub async fn fails(&self, operation: &str, body: Value, code: &str) -> Reply {
        Self::failed(operation, self.call(operation, body).await, code)
    }

    /// Calls `operation` and requires it to be refused as invalid (`ValidationException`);
    /// answers the reply.
    pub async fn invalid(&self, operation: &str, body: Value) -> Reply {
        self.fails(operation, body, "ValidationException").await
    }

    /// Calls `operation` of another service and requires it to succeed; answers the body.
    pub async fn api_ok(&self, api: Api, operation: &str, body: Value) -> Value {
        Self::succeeded(operation, self.call_api(api, operation, body).await)
    }

    /// Calls `operation` of another service and requires it to fail with `code`.
    pub async fn api_fails(&self, api: Api, operation: &str, body: Value, code: &str) -> Reply {
        Self::failed(operation, self.call_api(api, operation, body).await, code)
    }

    /// Calls `operation` of SSO Admin and requires it to succeed; answers the body.
    pub async fn sso_ok(&self, operation: &str, body: Value) -> Value {
        self.api_ok(SSO_ADMIN, operation, body).await
    }

    /// Calls `operation` of the Identity Store and requires it to succeed; answers the body.
    pub async fn store_ok(&self, operation: &str, body: Value) -> Value {
        self.api_ok(IDENTITY_STORE, operation, body).await
    }

    /// Calls `operation` of SSO Admin and requires it to fail with `code`.
    pub async fn sso_fails(&self, operation: &str, body: Value, code: &str) -> Reply {
        self.api_fails(SSO_ADMIN, operation, body, code).await
    }

    /// Calls `operation` of the Identity Store and requires it to fail with `code`.
    pub async fn store_fails(&self, operation: &str, body: Value, code: &str) -> Reply {
        self.api_fails(IDENTITY_STORE, operation, body, code).await
    }

    /// DescribeApplication of the Identity Center application `arn`, which must succeed.
    pub async fn describe_application(&self, arn: &str) -> Value {
        self.sso_ok("DescribeApplication", json!({"ApplicationArn": arn}))
            .await
    }

    /// The body of a successful reply; panics naming the operation otherwise (an async
    /// helper cannot point at its caller's line, the operation's name stands in for it).
    fn succeeded(operation: &str, reply: Reply) -> Value {
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "{operation}: {}: {}",
            reply.code(),
            reply.message()
        );
        reply.body
    }

    /// A reply that must be the error `code`; panics naming the operation otherwise.
    fn failed(operation: &str, reply: Reply, code: &str) -> Reply {
        assert_eq!(
            reply.code(),
            code,
            "{operation}: status {}, body {}",
            reply.status,
            reply.body
        );
        assert!(!reply.status.is_success(), "{operation}: {}", reply.status);
        reply
    }

    /// Every page a list operation of `api` answers, following `NextToken` from `body`.
    pub async fn pages(&self, api: Api, operation: &str, mut body: Value) -> Vec<Value> {
        let mut pages = Vec::new();
        loop {
            let page = self.api_ok(api, operation, body.clone()).await;
            let next = page["NextToken"].as_str().map(str::to_owned);
            pages.push(page);
            match next {
                Some(token) => body["NextToken"] = json!(token),
                None => return pages,
            }
        }
    }

    /// DescribeUserProfile of `name` in `domain`, which must succeed; answers the body.
    pub async fn describe_profile(&self, domain: &str, name: &str) -> Value {
        self.ok(
            "DescribeUserProfile",
            json!({"DomainId": domain, "UserProfileName": name}),
        )
        .await
    }

    /// Asserts the status member a Describe call answers (or its error code).
    pub async fn expect_status(&self, operation: &str, body: &Value, expected: &str) {
        let status = self.status(operation, body.clone()).await;
        assert_eq!(status, expected, "{operation} {body}");
    }

    /// Calls `operation` with a raw body, correctly signed.
    pub async fn call_raw(&self, operation: &str, body: &str) -> Reply {
        let request = signed_request(operation, body, &Signing::default());
        send(&self.router, request.map(Body::from)).await
    }

    /// Calls `operation` of another service, signed for that service.
    pub async fn call_api(&self, api: Api, operation: &str, body: Value) -> Reply {
        let signing = Signing {
            service: api.signing_name.to_owned(),
            ..Signing::default()
        };
        self.call_signed(api, operation, body, &signing).await
    }

    /// Calls `operation` of a service, signed as `signing` says.
    pub async fn call_signed(
        &self,
        api: Api,
        operation: &str,
        body: Value,
        signing: &Signing,
    ) -> Reply {
        let target = format!("{}.{operation}", api.target_prefix);
        let request = signed_target_request(HOST, &target, &body.to_string(), signing);
        send(&self.router, request.map(Body::from)).await
    }

    /// A domain in SSO mode (with its Identity Center application); returns its id.
    pub async fn sso_domain(&self, name: &str) -> String {
        self.domain_with(json!({"DomainName": name, "AuthMode": "SSO", "DefaultUserSettings": {}}))
            .await
    }

    /// The Identity Center application of an SSO-mode domain.
    pub async fn application_of(&self, domain: &str) -> String {
        let reply = self
            .call("DescribeDomain", json!({"DomainId": domain}))
            .await
            .ok();
        reply["SingleSignOnApplicationArn"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Adds a person to the directory (`first.last`, e-mail at example.com); returns the
    /// user id.
    pub fn person(&self, user_name: &str) -> String {
        let (given, family) = user_name.split_once('.').unwrap_or((user_name, "Doe"));
        self.emulator
            .seed_directory_user(
                DirectoryUser {
                    user_name: user_name.to_owned(),
                    given_name: capitalized(given),
                    family_name: capitalized(family),
                    email: format!("{user_name}@example.com"),
                },
                Duration::from_secs(86_400),
            )
            .unwrap()
    }

    /// Adds a group to the directory; returns the group id.
    pub fn group(&self, name: &str) -> String {
        self.emulator
            .seed_directory_group(name, None, Duration::from_secs(86_400))
            .unwrap()
    }

    /// A domain in IAM mode, public internet; returns its id.
    pub async fn domain(&self, name: &str) -> String {
        self.domain_with(json!({"DomainName": name, "AuthMode": "IAM", "DefaultUserSettings": {}}))
            .await
    }

    /// A domain `team` (IAM mode) with a user profile of each of `profiles`; returns its id.
    pub async fn team(&self, profiles: &[&str]) -> String {
        let domain = self.domain("team").await;
        for name in profiles {
            self.profile(&domain, name).await;
        }
        domain
    }

    /// A domain from a full CreateDomain body; returns its id.
    pub async fn domain_with(&self, body: Value) -> String {
        let reply = self.call("CreateDomain", body).await.ok();
        reply["DomainId"].as_str().unwrap().to_owned()
    }

    /// A user profile; returns its ARN.
    pub async fn profile(&self, domain: &str, name: &str) -> String {
        let reply = self
            .call(
                "CreateUserProfile",
                json!({"DomainId": domain, "UserProfileName": name}),
            )
            .await
            .ok();
        reply["UserProfileArn"].as_str().unwrap().to_owned()
    }

    /// A user profile in an SSO-mode domain, for the directory's `user_name`.
    pub async fn sso_profile(&self, domain: &str, name: &str, user_name: &str) {
        self.ok(
            "CreateUserProfile",
            json!({"DomainId": domain, "UserProfileName": name, "SingleSignOnUserIdentifier": "UserName", "SingleSignOnUserValue": user_name}),
        )
        .await;
    }

    /// A JupyterServer app `default` of a user profile.
    pub async fn user_app(&self, domain: &str, user: &str) {
        self.call(
            "CreateApp",
            json!({"DomainId": domain, "UserProfileName": user, "AppType": "JupyterServer", "AppName": "default"}),
        )
        .await
        .ok();
    }

    /// A space owned by `owner` (private or shared).
    pub async fn space(&self, domain: &str, name: &str, owner: &str, sharing: &str) {
        self.call(
            "CreateSpace",
            json!({
                "DomainId": domain,
                "SpaceName": name,
                "OwnershipSettings": {"OwnerUserProfileName": owner},
                "SpaceSharingSettings": {"SharingType": sharing},
                "SpaceSettings": {"AppType": "JupyterLab"}
            }),
        )
        .await
        .ok();
    }

    /// The status member of a Describe call, or the error code.
    pub async fn status(&self, operation: &str, body: Value) -> String {
        let reply = self.call(operation, body).await;
        if reply.status == StatusCode::OK {
            reply.body["Status"].as_str().unwrap_or("").to_owned()
        } else {
            reply.code().to_owned()
        }
    }
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Timings where every transition takes `d` (and deleted apps stay listed for `retention`).
pub fn timed(d: Duration, retention: Duration) -> EmulatorConfig {
    EmulatorConfig {
        timings: Timings::uniform(d, retention),
        ..config()
    }
}
