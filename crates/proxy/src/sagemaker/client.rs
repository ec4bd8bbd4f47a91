//! The signed HTTP client: one awsJson1.1 call = serialize, sign, POST, read the answer,
//! retry what is transient. The typed, allow-listed operations are in `operations.rs`
//! (SageMaker) and `identity_center.rs` (Identity Store, SSO Admin); each is signed with
//! its own service's signing name and sent to its service's endpoint.

use std::error::Error as _;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{CONTENT_TYPE, DATE, HeaderValue, USER_AGENT};
use studio_admin_model::{Operation, ServiceMetadata, identitystore, sso_admin};

use super::clock::{SkewClock, TimeSource};
use super::credentials::CredentialsCache;
use aws_credential_types::Credentials;

use super::error::{SageMakerError, ServiceError, parse_service_error, redact};
use super::retry::{RetryPolicy, retries_blindly};
use super::signing::{self, sign_service_request};
use crate::metrics;

/// Where and how patiently to call SageMaker and IAM Identity Center.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// The SageMaker endpoint: `https://api.sagemaker.<region>.amazonaws.com/`, or an
    /// override such as the embedded emulator's URL.
    pub endpoint: String,
    /// The Identity Store endpoint (`https://identitystore.<region>.amazonaws.com`).
    pub identity_store_endpoint: String,
    /// The SSO Admin endpoint (`https://sso.<region>.amazonaws.com`).
    pub sso_admin_endpoint: String,
    /// The region requests are signed for.
    pub region: String,
    /// Retries of throttled, failed and timed-out calls.
    pub retry: RetryPolicy,
    /// Time allowed to one attempt (connect, send, receive the whole answer).
    pub attempt_timeout: Duration,
    /// Time allowed to open a connection.
    pub connect_timeout: Duration,
}

impl ClientConfig {
    /// The defaults for `endpoint` and `region`: 10 s per attempt (SageMaker's control
    /// plane answers in well under a second), 3 s to connect, the default retry policy.
    /// `endpoint` serves every service (as `--endpoint-url` does, and as the emulator
    /// serves SageMaker, the Identity Store and SSO Admin on one port).
    pub fn new(endpoint: impl Into<String>, region: impl Into<String>) -> Self {
        let endpoint = endpoint.into();
        Self {
            identity_store_endpoint: endpoint.clone(),
            sso_admin_endpoint: endpoint.clone(),
            endpoint,
            region: region.into(),
            retry: RetryPolicy::default(),
            attempt_timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(3),
        }
    }
}

/// Why a client could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ClientBuildError {
    /// An endpoint is not an absolute http(s) URL.
    #[error("the {service} endpoint {endpoint:?} is not usable: {reason}")]
    Endpoint {
        /// The service it is for (`SageMaker`, `identitystore`, `SSO Admin`).
        service: &'static str,
        /// The endpoint as given (userinfo removed).
        endpoint: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The HTTP client could not be set up (TLS trust store...).
    #[error("could not set up the HTTP client: {0}")]
    Http(String),
}

/// A SageMaker client that signs every request with SigV4.
///
/// Cheap to share behind an `Arc`; connections are pooled.
pub struct SageMakerClient {
    http: reqwest::Client,
    endpoint: reqwest::Url,
    identity_store_endpoint: reqwest::Url,
    sso_admin_endpoint: reqwest::Url,
    region: String,
    credentials: CredentialsCache,
    retry: RetryPolicy,
    attempt_timeout: Duration,
    clock: SkewClock,
}

impl fmt::Debug for SageMakerClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SageMakerClient")
            .field("endpoint", &self.endpoint.as_str())
            .field("region", &self.region)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// How one attempt ended, before the retry decision.
enum AttemptError {
    Service {
        error: ServiceError,
        date: Option<String>,
    },
    Timeout,
    /// The transport failed; whether the request may have reached AWS.
    Transport {
        message: String,
        sent: bool,
    },
    Fatal(SageMakerError),
}

impl SageMakerClient {
    /// Builds a client for `config`, signing with `credentials`.
    pub fn new(
        config: ClientConfig,
        credentials: CredentialsCache,
    ) -> Result<Self, ClientBuildError> {
        let endpoint = parse_endpoint(&config.endpoint, studio_admin_model::SERVICE.service_id)?;
        let identity_store_endpoint = parse_endpoint(
            &config.identity_store_endpoint,
            identitystore::SERVICE.service_id,
        )?;
        let sso_admin_endpoint =
            parse_endpoint(&config.sso_admin_endpoint, sso_admin::SERVICE.service_id)?;
        // Both aws-config and this client use rustls with aws-lc-rs; make it the process
        // default so that no other provider is ever picked. Installing twice is harmless.
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
        let http = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .tcp_nodelay(true)
            .build()
            .map_err(|e| ClientBuildError::Http(e.to_string()))?;
        Ok(Self {
            http,
            endpoint,
            identity_store_endpoint,
            sso_admin_endpoint,
            region: config.region,
            credentials,
            retry: config.retry,
            attempt_timeout: config.attempt_timeout,
            clock: SkewClock::default(),
        })
    }

    /// Reads "now" from `source` instead of the system clock (tests of clock skew).
    pub fn with_time_source(mut self, source: TimeSource) -> Self {
        self.clock = SkewClock::new(source);
        self
    }

    /// Whether AWS credentials can be had now (for readiness probes): the reason when not.
    pub async fn credentials_ready(&self) -> Result<(), SageMakerError> {
        self.credentials.identity().await.map(|_| ())
    }

    /// The endpoint SageMaker requests go to.
    pub fn endpoint(&self) -> &str {
        self.endpoint.as_str()
    }

    /// The endpoint requests of `service` go to.
    fn endpoint_of(&self, service: &ServiceMetadata) -> &reqwest::Url {
        if service.target_prefix == identitystore::SERVICE.target_prefix {
            &self.identity_store_endpoint
        } else if service.target_prefix == sso_admin::SERVICE.target_prefix {
            &self.sso_admin_endpoint
        } else {
            &self.endpoint
        }
    }

    /// The region requests are signed for.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The clock correction learned from AWS so far, in milliseconds.
    pub fn clock_offset_ms(&self) -> i64 {
        self.clock.offset_ms()
    }

    /// Calls operation `Op` with `input`: the one generic path under every typed method.
    pub(super) async fn call<Op: Operation>(
        &self,
        input: &Op,
    ) -> Result<Op::Output, SageMakerError> {
        let body = serde_json::to_vec(input).map_err(|e| SageMakerError::Signing {
            operation: Op::NAME,
            message: format!("the request could not be encoded: {e}"),
        })?;
        let target = Op::TARGET;
        let service = Op::SERVICE;
        let endpoint = self.endpoint_of(service);
        // A create whose answer was lost may have created: it is not sent again unless
        // AWS said it did nothing (throttling, or no connection).
        let blind_retry = retries_blindly(Op::NAME);
        let mut attempt = 0;
        let mut skew_corrected = false;
        loop {
            attempt += 1;
            let started = Instant::now();
            let outcome = self
                .attempt(Op::NAME, service.signing_name, endpoint, target, &body)
                .await;
            let elapsed_ms = started.elapsed().as_millis() as u64;
            let retry = match outcome {
                Ok(bytes) => {
                    metrics::sagemaker_attempt(Op::NAME, "ok");
                    tracing::debug!(
                        operation = Op::NAME,
                        attempt,
                        elapsed_ms,
                        "sagemaker call succeeded"
                    );
                    return serde_json::from_slice(&bytes).map_err(|e| SageMakerError::Decode {
                        operation: Op::NAME,
                        message: e.to_string(),
                    });
                }
                Err(AttemptError::Fatal(e)) => return Err(e),
                Err(AttemptError::Service { error, date }) => {
                    if error.is_throttling() {
                        super::pressure::throttled();
                    }
                    metrics::sagemaker_attempt(
                        Op::NAME,
                        if error.is_throttling() {
                            "throttled"
                        } else if error.status >= 500 {
                            "server_error"
                        } else {
                            "client_error"
                        },
                    );
                    tracing::debug!(
                        operation = Op::NAME,
                        attempt,
                        elapsed_ms,
                        status = error.status,
                        code = %error.code,
                        request_id = error.request_id.as_deref().unwrap_or(""),
                        "sagemaker answered with an error"
                    );
                    if error.is_clock_skew()
                        && !skew_corrected
                        && date.as_deref().is_some_and(|d| self.clock.learn(d))
                    {
                        // A corrected clock deserves an immediate retry that does not use
                        // up the retry budget, once.
                        skew_corrected = true;
                        attempt -= 1;
                        tracing::warn!(
                            operation = Op::NAME,
                            offset_ms = self.clock.offset_ms(),
                            "local clock differs from AWS; signing with the corrected time"
                        );
                        continue;
                    }
                    let ambiguous = error.status >= 500 && !error.is_throttling();
                    if !error.is_transient()
                        || attempt >= self.retry.max_attempts
                        || (ambiguous && !blind_retry)
                    {
                        return Err(SageMakerError::Service {
                            operation: Op::NAME,
                            error,
                        });
                    }
                    if error.is_throttling() {
                        "throttled"
                    } else {
                        "server error"
                    }
                }
                Err(AttemptError::Timeout) => {
                    metrics::sagemaker_attempt(Op::NAME, "timeout");
                    if attempt >= self.retry.max_attempts || !blind_retry {
                        return Err(SageMakerError::Timeout {
                            operation: Op::NAME,
                            attempts: attempt,
                            per_attempt: self.attempt_timeout,
                        });
                    }
                    "timed out"
                }
                Err(AttemptError::Transport { message, sent }) => {
                    metrics::sagemaker_attempt(Op::NAME, "transport");
                    if attempt >= self.retry.max_attempts || (sent && !blind_retry) {
                        return Err(SageMakerError::Transport {
                            operation: Op::NAME,
                            service: service.service_id,
                            endpoint: endpoint.to_string(),
                            message,
                            sent,
                        });
                    }
                    "transport error"
                }
            };
            let wait = self.retry.backoff.delay(attempt);
            metrics::sagemaker_retry(Op::NAME, retry);
            tracing::warn!(
                operation = Op::NAME,
                attempt,
                reason = retry,
                wait_ms = wait.as_millis() as u64,
                "retrying sagemaker call"
            );
            tokio::time::sleep(wait).await;
        }
    }

    /// One signed POST.
    async fn attempt(
        &self,
        operation: &'static str,
        signing_name: &str,
        endpoint: &reqwest::Url,
        target: &str,
        body: &[u8],
    ) -> Result<Vec<u8>, AttemptError> {
        let identity = self
            .credentials
            .identity()
            .await
            .map_err(AttemptError::Fatal)?;
        let signed = sign_service_request(
            &identity,
            signing_name,
            &self.region,
            self.clock.now(),
            endpoint.as_str(),
            target,
            body,
        )
        .map_err(|message| AttemptError::Fatal(SageMakerError::Signing { operation, message }))?;

        let mut request = self
            .http
            .post(endpoint.clone())
            .timeout(self.attempt_timeout)
            .header(CONTENT_TYPE, signing::CONTENT_TYPE)
            .header("x-amz-target", target)
            .header(
                USER_AGENT,
                concat!("studio-admin/", env!("CARGO_PKG_VERSION")),
            )
            .body(body.to_vec());
        for header in signed {
            let mut value = HeaderValue::from_str(&header.value).map_err(|e| {
                AttemptError::Fatal(SageMakerError::Signing {
                    operation,
                    message: format!("the signer produced an invalid {} header: {e}", header.name),
                })
            })?;
            // Sensitive values are shown as "Sensitive" by every Debug impl downstream.
            value.set_sensitive(header.sensitive);
            request = request.header(header.name, value);
        }

        let response = request.send().await.map_err(transport_error)?;
        let status = response.status();
        let headers = response.headers();
        let request_id = header_text(headers, "x-amzn-requestid");
        let date = header_text(headers, DATE.as_str());
        let error_type = header_text(headers, "x-amzn-errortype");
        let bytes = response.bytes().await.map_err(transport_error)?;
        if status.is_success() {
            return Ok(bytes.to_vec());
        }
        let error = parse_service_error(status.as_u16(), error_type.as_deref(), request_id, &bytes);
        let secrets = identity
            .data::<Credentials>()
            .map(|c| [c.secret_access_key(), c.session_token().unwrap_or_default()])
            .unwrap_or_default();
        Err(AttemptError::Service {
            error: redact(error, &secrets),
            date,
        })
    }
}

fn header_text(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

fn transport_error(e: reqwest::Error) -> AttemptError {
    if e.is_timeout() {
        return AttemptError::Timeout;
    }
    // A failed connect never reached AWS; anything later may have.
    let sent = !e.is_connect();
    // reqwest's own message names only the URL; the cause says what happened.
    let e = e.without_url();
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    AttemptError::Transport { message, sent }
}

/// Accepts absolute http(s) URLs without user info (which would end up in logs).
fn parse_endpoint(raw: &str, service: &'static str) -> Result<reqwest::Url, ClientBuildError> {
    let refuse = |reason: &str| ClientBuildError::Endpoint {
        service,
        endpoint: raw.split('@').next_back().unwrap_or_default().to_owned(),
        reason: reason.to_owned(),
    };
    let url = reqwest::Url::parse(raw).map_err(|e| refuse(&e.to_string()))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(refuse("the scheme must be http or https"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse("credentials do not belong in the endpoint URL"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(refuse("the endpoint must not have a query or fragment"));
    }
    Ok(url)
}

/// The shared handle the HTTP API uses.
pub type SharedClient = Arc<SageMakerClient>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endpoint_without_a_path_gets_the_root_path() {
        let url = parse_endpoint("http://127.0.0.1:8123", "SageMaker").expect("valid endpoint");
        assert_eq!(url.as_str(), "http://127.0.0.1:8123/");
    }

    #[test]
    fn an_endpoint_with_user_info_is_refused_without_repeating_it() {
        let err = parse_endpoint("https://AKID:secret@api.example.test/", "SageMaker").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("credentials do not belong"), "{text}");
        assert!(!text.contains("secret"), "{text}");
    }

    #[test]
    fn an_endpoint_that_is_not_http_is_refused() {
        assert!(parse_endpoint("ftp://example.test/", "SageMaker").is_err());
        assert!(parse_endpoint("not a url", "SageMaker").is_err());
    }
}
