//! What can go wrong when calling SageMaker, and how an awsJson1.1 error body is read.

use std::time::Duration;

use serde::Deserialize;

/// An error answer from the SageMaker API (HTTP 4xx/5xx with `{"__type", "Message"}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    /// The HTTP status AWS answered with.
    pub status: u16,
    /// The error code without namespace or URI (`ResourceNotFound`, `ThrottlingException`).
    pub code: String,
    /// AWS's message, kept as it is so that people see what AWS said.
    pub message: String,
    /// `x-amzn-RequestId` of the failed call, for support cases.
    pub request_id: Option<String>,
}

/// Why a SageMaker call failed (after any retries).
///
/// Messages never contain credentials, signatures or request headers.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SageMakerError {
    /// AWS answered with an error code (after retries, for the retryable ones).
    #[error("{operation} failed: {} ({})", .error.message, .error.code)]
    Service {
        /// The operation that failed (`CreateUserProfile`).
        operation: &'static str,
        /// What AWS said.
        error: ServiceError,
    },
    /// Every attempt ran out of time.
    #[error("{operation} timed out after {attempts} attempt(s) of {per_attempt:?} each")]
    Timeout {
        /// The operation that timed out.
        operation: &'static str,
        /// How many attempts were made.
        attempts: u32,
        /// The time allowed to each attempt.
        per_attempt: Duration,
    },
    /// The endpoint could not be reached (connection refused, DNS, TLS...).
    #[error("{operation} could not reach {service} at {endpoint}: {message}")]
    Transport {
        /// The operation that failed.
        operation: &'static str,
        /// The service called (`SageMaker`, `identitystore`, `SSO Admin`).
        service: &'static str,
        /// The endpoint URL (never contains credentials).
        endpoint: String,
        /// The transport's explanation.
        message: String,
        /// Whether the request may have reached AWS (the connection was made): then
        /// nobody knows whether it took effect.
        sent: bool,
    },
    /// No credentials could be loaded from the configured chain.
    #[error("could not load AWS credentials: {message}")]
    Credentials {
        /// The provider chain's explanation (it names providers, never secrets).
        message: String,
    },
    /// The request could not be signed (for example a region that is not a valid header).
    #[error("could not sign the {operation} request: {message}")]
    Signing {
        /// The operation that was being signed.
        operation: &'static str,
        /// The signer's explanation.
        message: String,
    },
    /// AWS answered with success, but the body was not the operation's output shape.
    #[error("{operation} answered with a body that is not its output shape: {message}")]
    Decode {
        /// The operation whose answer did not parse.
        operation: &'static str,
        /// The parser's explanation.
        message: String,
    },
}

impl SageMakerError {
    /// The AWS error code, when AWS answered with one.
    pub fn code(&self) -> Option<&str> {
        self.service().map(|e| e.code.as_str())
    }
}

/// The JSON body of an awsJson1.1 error. AWS spells the message both `Message` and
/// `message` depending on the service, so both are read.
#[derive(Debug, Default, Deserialize)]
struct ErrorBody {
    #[serde(rename = "__type", default)]
    kind: Option<String>,
    #[serde(rename = "Message", alias = "message", default)]
    message: Option<String>,
}

/// Reads an error answer: the code from `X-Amzn-ErrorType` or the body's `__type`, the
/// message from `Message`/`message`.
pub(crate) fn parse_service_error(
    status: u16,
    error_type_header: Option<&str>,
    request_id: Option<String>,
    body: &[u8],
) -> ServiceError {
    let parsed: ErrorBody = serde_json::from_slice(body).unwrap_or_default();
    let raw_code = error_type_header
        .map(str::to_owned)
        .or(parsed.kind)
        .unwrap_or_default();
    let code = sanitize_code(&raw_code);
    let code = if code.is_empty() {
        // No code at all: name it after the status, as the SDKs do for bare errors.
        if status >= 500 {
            "InternalFailure".to_owned()
        } else {
            format!("Http{status}")
        }
    } else {
        code
    };
    let message = parsed
        .message
        .unwrap_or_else(|| format!("SageMaker answered HTTP {status} without a message"));
    ServiceError {
        status,
        code,
        message,
        request_id,
    }
}

/// Removes what must never leave the proxy from an AWS message: signature errors can
/// quote the canonical request (which holds the session token) after a blank line, so
/// only the first paragraph is kept; any secret that still appears is masked.
pub(crate) fn redact(mut error: ServiceError, secrets: &[&str]) -> ServiceError {
    if let Some(cut) = error.message.find("\n\n") {
        error.message.truncate(cut);
    }
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        error.message = error.message.replace(secret, "****");
    }
    error
}

/// Error codes arrive as `ResourceNotFound`, `com.amazonaws.sagemaker#ResourceNotFound` or
/// `ResourceNotFound:http://internal.amazon.com/...`; the SDKs keep only the name.
fn sanitize_code(raw: &str) -> String {
    let after_hash = raw.rsplit('#').next().unwrap_or(raw);
    let before_colon = after_hash.split(':').next().unwrap_or(after_hash);
    before_colon.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_namespaced_code_is_reduced_to_its_name() {
        let e = parse_service_error(
            400,
            None,
            None,
            br#"{"__type":"com.amazonaws.sagemaker#ResourceInUse","Message":"busy"}"#,
        );
        assert_eq!(e.code, "ResourceInUse");
        assert_eq!(e.message, "busy");
    }

    #[test]
    fn the_error_type_header_wins_and_its_uri_suffix_is_dropped() {
        let e = parse_service_error(
            400,
            Some("ThrottlingException:http://internal.amazon.com/coral/"),
            Some("req-1".into()),
            br#"{"message":"Rate exceeded"}"#,
        );
        assert_eq!(e.code, "ThrottlingException");
        assert_eq!(e.message, "Rate exceeded");
        assert_eq!(e.request_id.as_deref(), Some("req-1"));
    }

    #[test]
    fn a_quoted_canonical_request_and_any_secret_are_removed_from_messages() {
        let e = ServiceError {
            status: 403,
            code: "InvalidSignatureException".into(),
            message: "The request signature we calculated does not match (token TOKEN123).\n\n\
                      The Canonical String for this request should have been\n\
                      'x-amz-security-token:TOKEN123'"
                .into(),
            request_id: None,
        };
        let clean = redact(e, &["TOKEN123", ""]);
        assert_eq!(
            clean.message,
            "The request signature we calculated does not match (token ****)."
        );
    }

    #[test]
    fn a_bare_server_error_is_an_internal_failure() {
        let e = parse_service_error(502, None, None, b"<html>bad gateway</html>");
        assert_eq!(e.code, "InternalFailure");
        assert!(e.message.contains("502"));
    }
}
