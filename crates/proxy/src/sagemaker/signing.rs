//! SigV4 signing of one awsJson1.1 request, with the time passed in so that tests can fix
//! it and the client can correct it for clock skew.

use std::time::SystemTime;

use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

/// The signing name of SageMaker (the `service` part of the credential scope).
pub const SIGNING_NAME: &str = "sagemaker";

/// The awsJson1.1 content type SageMaker expects.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// A header the signer adds to the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningHeader {
    /// Lowercase header name (`authorization`, `x-amz-date`, `x-amz-security-token`).
    pub name: &'static str,
    /// The value. Authorization and security token values are secrets: mark them
    /// sensitive when placing them on a request, never log them.
    pub value: String,
    /// Whether the value must never be shown (signature, session token).
    pub sensitive: bool,
}

/// Signs `POST <url>` of an operation of the awsJson service whose SigV4 signing name is
/// `signing_name` ([`SIGNING_NAME`] for SageMaker, `identitystore`, `sso`) and returns the
/// headers to add.
///
/// The request carries exactly `Content-Type` and `X-Amz-Target` besides what the signer
/// adds; `Host` is taken from the URL (with the port when it is not the default), as the
/// HTTP client will send it.
pub fn sign_service_request(
    identity: &Identity,
    signing_name: &str,
    region: &str,
    time: SystemTime,
    url: &str,
    target: &str,
    body: &[u8],
) -> Result<Vec<SigningHeader>, String> {
    let params = v4::SigningParams::builder()
        .identity(identity)
        .region(region)
        .name(signing_name)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| e.to_string())?
        .into();
    let headers = [("content-type", CONTENT_TYPE), ("x-amz-target", target)];
    let signable =
        SignableRequest::new("POST", url, headers.into_iter(), SignableBody::Bytes(body))
            .map_err(|e| e.to_string())?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|e| e.to_string())?
        .into_parts();
    let (headers, _params) = instructions.into_parts();
    Ok(headers
        .into_iter()
        .map(|h| SigningHeader {
            name: h.name(),
            value: h.value().to_owned(),
            sensitive: h.sensitive() || h.name() == "authorization",
        })
        .collect())
}
