//! The errors the emulator answers with, as AWS spells them on the awsJson1.1 wire.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// An error code of the SageMaker API (or of the AWS front door: signature, throttling).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The input breaks a constraint of the service model or a rule of the service.
    ValidationException,
    /// The body is not JSON of the operation's input shape.
    SerializationException,
    /// The domain, profile, app or space does not exist.
    ResourceNotFound,
    /// IAM Identity Center's word for a user, group, membership, identity store,
    /// application or assignment that does not exist.
    ResourceNotFoundException,
    /// IAM Identity Center refuses a change that conflicts with what exists (an
    /// application assignment that is already there).
    ConflictException,
    /// The resource exists already, or is in use and cannot be changed or deleted now.
    ResourceInUse,
    /// A quota of the account would be exceeded.
    ResourceLimitExceeded,
    /// Too many requests (injected by the fault settings).
    ThrottlingException,
    /// The service failed (injected by the fault settings; HTTP 500).
    InternalFailure,
    /// `X-Amz-Target` names no operation of the service.
    UnknownOperationException,
    /// The request carries no Authorization header.
    MissingAuthenticationToken,
    /// The Authorization header lacks a part SigV4 requires.
    IncompleteSignature,
    /// The signature does not match, has expired or is scoped wrongly.
    InvalidSignature,
    /// The access key is not known.
    UnrecognizedClient,
}

impl ErrorCode {
    /// The code as it appears in `__type` and `x-amzn-ErrorType`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ValidationException => "ValidationException",
            Self::SerializationException => "SerializationException",
            Self::ResourceNotFound => "ResourceNotFound",
            Self::ResourceNotFoundException => "ResourceNotFoundException",
            Self::ConflictException => "ConflictException",
            Self::ResourceInUse => "ResourceInUse",
            Self::ResourceLimitExceeded => "ResourceLimitExceeded",
            Self::ThrottlingException => "ThrottlingException",
            Self::InternalFailure => "InternalFailure",
            Self::UnknownOperationException => "UnknownOperationException",
            Self::MissingAuthenticationToken => "MissingAuthenticationTokenException",
            Self::IncompleteSignature => "IncompleteSignatureException",
            Self::InvalidSignature => "InvalidSignatureException",
            Self::UnrecognizedClient => "UnrecognizedClientException",
        }
    }

    /// The HTTP status AWS answers this code with.
    pub fn status(self) -> StatusCode {
        match self {
            Self::InternalFailure => StatusCode::INTERNAL_SERVER_ERROR,
            Self::MissingAuthenticationToken
            | Self::InvalidSignature
            | Self::UnrecognizedClient => StatusCode::FORBIDDEN,
            _ => StatusCode::BAD_REQUEST,
        }
    }
}

/// An error response: a code and AWS's message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", code.as_str())]
pub struct ApiError {
    /// Which error.
    pub code: ErrorCode,
    /// The message, worded as AWS words it.
    pub message: String,
    /// Further members of the error structure some services send (Identity Store's
    /// `ResourceType` and `ResourceId`), in the order they are written.
    pub details: Vec<(String, String)>,
}

impl ApiError {
    /// An error with a code and message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            details: Vec::new(),
        }
    }

    /// The same error with one more member in its body (`ResourceType: USER`).
    pub fn with(mut self, member: &str, value: impl Into<String>) -> Self {
        self.details.push((member.to_owned(), value.into()));
        self
    }

    /// A `ValidationException`.
    pub fn validation(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::ValidationException, message)
    }

    /// A `ResourceNotFound`.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::ResourceNotFound, message)
    }

    /// A `ResourceInUse`.
    pub fn in_use(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::ResourceInUse, message)
    }
}

impl IntoResponse for ApiError {
    /// `{"__type": "<Code>", "Message": "..."}` with the code also in `x-amzn-ErrorType`.
    fn into_response(self) -> Response {
        let mut body = serde_json::json!({ "__type": self.code.as_str(), "Message": self.message });
        if let Some(members) = body.as_object_mut() {
            for (member, value) in self.details {
                members.insert(member, value.into());
            }
        }
        let mut response = (
            self.code.status(),
            [(
                axum::http::header::CONTENT_TYPE,
                HeaderValue::from_static(crate::api::CONTENT_TYPE),
            )],
            body.to_string(),
        )
            .into_response();
        response.headers_mut().insert(
            "x-amzn-ErrorType",
            HeaderValue::from_static(self.code.as_str()),
        );
        response
    }
}
