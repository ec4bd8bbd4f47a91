//! SigV4 checks at the front door, refusing requests the way AWS refuses them.
//!
//! Every request must carry an `Authorization` header scoped to the service its target
//! names (`sagemaker`, `identitystore`, `sso`) in the emulator's region. With credentials configured, the signature is recomputed from what
//! was received (method, path, query, the headers the client says it signed, body) by the
//! same signer the AWS SDKs use, and compared; the request time must be within five
//! minutes of the emulator's clock, as on AWS.

use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use axum::http::{HeaderMap, Method, Uri};
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

use crate::error::{ApiError, ErrorCode};

/// How far a request's time may be from the emulator's clock (AWS allows five minutes).
const MAX_SKEW: Duration = Duration::from_secs(5 * 60);
/// The only algorithm accepted.
const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// AWS's words for a signature that does not match.
pub(crate) const SIGNATURE_MISMATCH: &str = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
/// AWS's words for an unknown access key (or a session token it did not issue).
pub(crate) const UNKNOWN_KEY: &str = "The security token included in the request is invalid.";

/// What the front door knows: the region requests must be scoped to, and the credentials
/// to verify signatures with (none: any well-formed signature is accepted).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Verifier<'a> {
    pub(crate) region: &'a str,
    /// The signing name the credential scope must name.
    pub(crate) service: &'a str,
    pub(crate) credentials: Option<&'a (String, String)>,
}

/// The parts of a SigV4 Authorization header.
#[derive(Debug)]
struct Authorization<'a> {
    access_key_id: &'a str,
    scope_date: &'a str,
    scope_region: &'a str,
    scope_service: &'a str,
    scope_terminator: &'a str,
    signed_headers: Vec<&'a str>,
    signature: &'a str,
}

fn incomplete(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::IncompleteSignature, message)
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::InvalidSignature, message)
}

/// Parses `AWS4-HMAC-SHA256 Credential=.../aws4_request, SignedHeaders=a;b, Signature=hex`.
fn parse_authorization(value: &str) -> Result<Authorization<'_>, ApiError> {
    let (algorithm, rest) = value.trim().split_once(' ').unwrap_or((value.trim(), ""));
    if algorithm != ALGORITHM {
        return Err(incomplete(format!(
            "Unsupported AWS 'algorithm': '{algorithm}'; requests must be signed with {ALGORITHM}."
        )));
    }
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(',') {
        let Some((key, val)) = part.trim().split_once('=') else {
            continue;
        };
        match key {
            "Credential" => credential = Some(val),
            "SignedHeaders" => signed_headers = Some(val),
            "Signature" => signature = Some(val),
            _ => {}
        }
    }
    let mut missing = Vec::new();
    for (name, part) in [
        ("Credential", &credential),
        ("Signature", &signature),
        ("SignedHeaders", &signed_headers),
    ] {
        if part.is_none_or(|p| p.is_empty()) {
            missing.push(format!("Authorization header requires '{name}' parameter."));
        }
    }
    let (Some(credential), Some(signed_headers), Some(signature)) =
        (credential, signed_headers, signature)
    else {
        return Err(incomplete(missing.join(" ")));
    };
    if !missing.is_empty() {
        return Err(incomplete(missing.join(" ")));
    }
    let parts: Vec<&str> = credential.split('/').collect();
    let [
        access_key_id,
        scope_date,
        scope_region,
        scope_service,
        scope_terminator,
    ] = parts[..]
    else {
        return Err(incomplete(format!(
            "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got {} elements.",
            parts.len()
        )));
    };
    Ok(Authorization {
        access_key_id,
        scope_date,
        scope_region,
        scope_service,
        scope_terminator,
        signed_headers: signed_headers.split(';').collect(),
        signature,
    })
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// `20240102T030405Z`, the form of `X-Amz-Date`.
fn parse_amz_date(value: &str) -> Option<OffsetDateTime> {
    let format = format_description!("[year][month][day]T[hour][minute][second]Z");
    PrimitiveDateTime::parse(value, format)
        .ok()
        .map(PrimitiveDateTime::assume_utc)
}

fn format_amz_date(at: OffsetDateTime) -> String {
    let format = format_description!("[year][month][day]T[hour][minute][second]Z");
    at.format(format).unwrap_or_default()
}

impl Verifier<'_> {
    /// Checks the request's signature; `now` is the emulator's wall clock.
    pub(crate) fn verify(
        &self,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), ApiError> {
        let Some(value) = headers.get(axum::http::header::AUTHORIZATION) else {
            return Err(ApiError::new(
                ErrorCode::MissingAuthenticationToken,
                "Missing Authentication Token",
            ));
        };
        let value = value
            .to_str()
            .map_err(|_| incomplete("The Authorization header is not valid ASCII."))?;
        let auth = parse_authorization(value)?;

        let date_text = header_str(headers, "x-amz-date").ok_or_else(|| {
            incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        })?;
        let date = parse_amz_date(date_text).ok_or_else(|| {
            incomplete(format!(
                "Date must be in ISO-8601 'basic format'. Got '{date_text}'. See http://en.wikipedia.org/wiki/ISO_8601"
            ))
        })?;
        let now = OffsetDateTime::from(now);
        if date + MAX_SKEW < now {
            return Err(invalid(format!(
                "Signature expired: {date_text} is now earlier than {} ({} - 5 min.)",
                format_amz_date(now - MAX_SKEW),
                format_amz_date(now)
            )));
        }
        if date - MAX_SKEW > now {
            return Err(invalid(format!(
                "Signature not yet current: {date_text} is still later than {} ({} + 5 min.)",
                format_amz_date(now + MAX_SKEW),
                format_amz_date(now)
            )));
        }
        if !date_text.starts_with(auth.scope_date) || auth.scope_date.len() != 8 {
            return Err(invalid(format!(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{}' != '{}', from '{date_text}'.",
                auth.scope_date,
                &date_text[..8.min(date_text.len())]
            )));
        }
        if auth.scope_service != self.service {
            return Err(invalid(format!(
                "Credential should be scoped to correct service: '{}'. ",
                self.service
            )));
        }
        if auth.scope_region != self.region {
            return Err(invalid(format!(
                "Credential should be scoped to a valid region, not '{}'. ",
                auth.scope_region
            )));
        }
        if auth.scope_terminator != "aws4_request" {
            return Err(invalid(format!(
                "Credential should be scoped with a valid terminator: 'aws4_request', not '{}'. ",
                auth.scope_terminator
            )));
        }
        if !auth.signed_headers.contains(&"host") {
            return Err(invalid(
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
            ));
        }

        let Some((key_id, secret)) = self.credentials else {
            return Ok(());
        };
        if auth.access_key_id != key_id || headers.contains_key("x-amz-security-token") {
            return Err(ApiError::new(ErrorCode::UnrecognizedClient, UNKNOWN_KEY));
        }
        let expected = recompute(method, uri, headers, body, &auth, (key_id, secret), date)?;
        if expected != auth.signature {
            return Err(invalid(SIGNATURE_MISMATCH));
        }
        Ok(())
    }
}

/// The signature the client should have sent, computed by aws-sigv4 over exactly the
/// headers the client listed as signed, for the service its scope names (checked).
fn recompute(
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
    auth: &Authorization<'_>,
    (key_id, secret): (&str, &str),
    date: OffsetDateTime,
) -> Result<String, ApiError> {
    let mismatch = || invalid(SIGNATURE_MISMATCH);
    let host = header_str(headers, "host").ok_or_else(mismatch)?;
    let path_and_query = uri.path_and_query().map_or("/", |p| p.as_str());
    let full_uri = format!("http://{host}{path_and_query}");
    let mut signed: Vec<(&str, &str)> = Vec::new();
    for name in &auth.signed_headers {
        for value in headers.get_all(*name) {
            signed.push((name, value.to_str().map_err(|_| mismatch())?));
        }
    }
    let request = SignableRequest::new(
        method.as_str(),
        full_uri,
        signed.into_iter(),
        SignableBody::Bytes(body),
    )
    .map_err(|_| mismatch())?;

    let identity = Credentials::new(key_id, secret, None, None, "studio-admin-emulator").into();
    let mut settings = SigningSettings::default();
    // Sign exactly what the client listed, even headers the SDKs usually leave out.
    settings.excluded_headers = None;
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(auth.scope_region)
        .name(auth.scope_service)
        .time(date.into())
        .settings(settings)
        .build()
        .map_err(|_| mismatch())?
        .into();
    let output = sign(request, &params).map_err(|_| mismatch())?;
    Ok(output.signature().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_authorization_header_without_signature_is_incomplete() {
        let err = parse_authorization(
            "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sagemaker/aws4_request, SignedHeaders=host",
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::IncompleteSignature);
        assert!(err.message.contains("'Signature'"), "{}", err.message);
    }

    #[test]
    fn a_credential_with_four_parts_is_incomplete() {
        let err = parse_authorization(
            "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/aws4_request, SignedHeaders=host, Signature=ab",
        )
        .unwrap_err();
        assert!(err.message.contains("5 slash-delimited"), "{}", err.message);
    }

    #[test]
    fn amz_dates_round_trip() {
        let d = parse_amz_date("20240102T030405Z").unwrap();
        assert_eq!(format_amz_date(d), "20240102T030405Z");
        assert!(parse_amz_date("2024-01-02T03:04:05Z").is_none());
    }
}
