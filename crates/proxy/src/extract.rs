//! Request extractors whose rejections are [`AppError`]s, so every bad input answers in
//! the API's one error shape.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::CONTENT_TYPE;
use serde::de::DeserializeOwned;
use studio_admin_model::from_json_strict;

use crate::error::AppError;

/// Largest request body the API reads. The largest CreateUserProfile a person can write
/// (every app setting, 50 tags, the maximum of custom images and lifecycle configs) is
/// far below this.
pub const BODY_LIMIT: usize = 64 * 1024;

/// A JSON body parsed with [`from_json_strict`]: members the service model lacks are
/// refused with their path. An empty body counts as `{}` (so a missing body reports the
/// missing required members); a non-empty body must be declared as JSON.
#[derive(Debug)]
pub struct StrictJson<T>(pub T);

impl<S, T> FromRequest<S> for StrictJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let declared_json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(is_json_media_type);
        let bytes = Bytes::from_request(req, state).await?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self(from_json_strict("{}")?));
        }
        if !declared_json {
            return Err(AppError::UnsupportedMediaType);
        }
        let text = std::str::from_utf8(&bytes)
            .map_err(|e| AppError::BadRequest(format!("the request body is not UTF-8: {e}")))?;
        Ok(Self(from_json_strict(text)?))
    }
}

/// `application/json`, `application/<anything>+json`, with or without parameters.
fn is_json_media_type(value: &str) -> bool {
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// `axum::extract::Path` answering bad segments with [`AppError::BadRequest`].
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct Path<T>(pub T);

/// `axum::extract::Query` answering bad parameters with [`AppError::BadRequest`].
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct Query<T>(pub T);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_media_types_are_recognized_with_parameters_and_suffixes() {
        assert!(is_json_media_type("application/json"));
        assert!(is_json_media_type("Application/JSON; charset=utf-8"));
        assert!(is_json_media_type("application/merge-patch+json"));
        assert!(!is_json_media_type("text/plain"));
        assert!(!is_json_media_type("application/x-www-form-urlencoded"));
    }
}
