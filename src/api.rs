//! The typed client of the proxy's JSON API (see DESIGN.md, "API between SPA and proxy").
//!
//! Bodies of create and update are the SageMaker request shapes themselves, serialized
//! with serde exactly once: what the JSON preview shows is what this client sends.
//!
//! - [`transport`]: the one seam to the network (fetch and EventSource in the browser,
//!   canned answers in tests).
//! - [`types`]: the proxy's answers beyond the SageMaker shapes.

pub mod fetch;
pub mod transport;
pub mod types;

use std::fmt;
use std::sync::Arc;

use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use studio_admin_model::{
    CreatePresignedDomainUrlResponse, CreateUserProfileRequest, CreateUserProfileResponse,
    UpdateUserProfileRequest, UpdateUserProfileResponse,
};

use self::fetch::FetchTransport;
use self::transport::{HttpRequest, Method, StreamSignal, Subscription, Transport};
use self::types::{
    ApiProblem, DeletePlan, Domain, DomainList, ErrorBody, Job, JobDetail, JobEvent, JobList,
    ProfileDetail, ProfilePage,
};

/// Why an API call did not give what was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The proxy answered with an error status.
    Status {
        /// The HTTP status (422 for validation, 404, 409, ...).
        status: u16,
        /// The errors it named, each with its path (empty path: the whole request).
        errors: Vec<ApiProblem>,
        /// The warnings it named.
        warnings: Vec<ApiProblem>,
        /// AWS's error code, when AWS refused the call.
        code: Option<String>,
    },
    /// No answer: the network or the proxy is down.
    Network(String),
    /// An answer this page cannot read.
    Decode(String),
}

impl ApiError {
    /// The HTTP status, when the proxy answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether the thing asked for does not exist.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Status {
                status,
                errors,
                code,
                ..
            } => {
                let messages: Vec<&str> = errors
                    .iter()
                    .map(|e| e.message.as_str())
                    .filter(|m| !m.is_empty())
                    .collect();
                if messages.is_empty() {
                    write!(f, "The server answered with status {status}")?;
                } else {
                    f.write_str(&messages.join(" "))?;
                }
                if let Some(code) = code {
                    write!(f, " ({code})")?;
                }
                Ok(())
            }
            Self::Network(message) => write!(
                f,
                "The server could not be reached ({message}). Check that studio-admin is running."
            ),
            Self::Decode(message) => write!(f, "The server's answer could not be read: {message}"),
        }
    }
}

/// Sort and filter of one profile page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileQuery {
    /// Part of the profile name.
    pub search: String,
    /// `CreationTime` or `LastModifiedTime` (empty: AWS's default).
    pub sort: String,
    /// `Ascending` or `Descending` (empty: AWS's default).
    pub order: String,
    /// The token of the page to fetch (empty: the first).
    pub next: String,
    /// Profiles per page (1 to 100).
    pub limit: u32,
}

impl ProfileQuery {
    /// The query string, without the empty members.
    pub fn to_query_string(&self) -> String {
        let limit = self.limit.to_string();
        let pairs = [
            ("search", self.search.as_str()),
            ("sort", self.sort.as_str()),
            ("order", self.order.as_str()),
            ("next", self.next.as_str()),
            ("limit", if self.limit == 0 { "" } else { &limit }),
        ];
        query_string(&pairs)
    }
}

/// `?a=1&b=2` of the non-empty pairs, percent-encoded; empty when there are none.
fn query_string(pairs: &[(&str, &str)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Percent-encodes everything but the unreserved characters of RFC 3986, so any text is
/// safe as a path segment or query value.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The API client. Cheap to clone; the page gets it with [`use_api`].
#[derive(Clone)]
pub struct Api {
    transport: Arc<dyn Transport>,
}

impl fmt::Debug for Api {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Api").finish_non_exhaustive()
    }
}

impl Default for Api {
    /// The browser's fetch.
    fn default() -> Self {
        Self::new(Arc::new(FetchTransport))
    }
}

/// The API client of the current page: the one provided with [`provide_api`], or the
/// browser's fetch.
pub fn use_api() -> Api {
    use_context::<Api>().unwrap_or_default()
}

/// Makes `api` the client of everything below (tests provide one with canned answers).
pub fn provide_api(api: Api) {
    provide_context(api);
}

impl Api {
    /// A client over `transport`.
    pub fn new(transport: Arc<dyn Transport>) -> Self {
        Self { transport }
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: String,
        body: Option<String>,
    ) -> Result<T, ApiError> {
        let request = HttpRequest { method, path, body };
        let response = self
            .transport
            .send(request)
            .await
            .map_err(|e| ApiError::Network(e.0))?;
        if (200..300).contains(&response.status) {
            let text = if response.body.trim().is_empty() {
                "{}"
            } else {
                response.body.as_str()
            };
            serde_json::from_str(text).map_err(|e| ApiError::Decode(e.to_string()))
        } else {
            let body: ErrorBody = serde_json::from_str(&response.body).unwrap_or_default();
            Err(ApiError::Status {
                status: response.status,
                errors: body.errors,
                warnings: body.warnings,
                code: body.code,
            })
        }
    }

    async fn send_json<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: String,
        body: &B,
    ) -> Result<T, ApiError> {
        let body = serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))?;
        self.call(method, path, Some(body)).await
    }

    /// Every domain with its auth mode, network mode and default user settings.
    pub async fn domains(&self) -> Result<Vec<Domain>, ApiError> {
        let list: DomainList = self.call(Method::Get, "/api/domains".into(), None).await?;
        Ok(list.domains)
    }

    /// One page of the domain's profiles.
    pub async fn profiles(
        &self,
        domain: &str,
        query: &ProfileQuery,
    ) -> Result<ProfilePage, ApiError> {
        let path = format!(
            "/api/domains/{}/profiles{}",
            encode(domain),
            query.to_query_string()
        );
        self.call(Method::Get, path, None).await
    }

    /// A profile with its apps and owned spaces.
    pub async fn profile(&self, domain: &str, name: &str) -> Result<ProfileDetail, ApiError> {
        self.call(Method::Get, profile_path(domain, name), None)
            .await
    }

    /// Creates a profile; the body is sent exactly as `request` serializes.
    pub async fn create_profile(
        &self,
        domain: &str,
        request: &CreateUserProfileRequest,
    ) -> Result<CreateUserProfileResponse, ApiError> {
        let path = format!("/api/domains/{}/profiles", encode(domain));
        self.send_json(Method::Post, path, request).await
    }

    /// Updates a profile; the body is sent exactly as `request` serializes.
    pub async fn update_profile(
        &self,
        domain: &str,
        name: &str,
        request: &UpdateUserProfileRequest,
    ) -> Result<UpdateUserProfileResponse, ApiError> {
        self.send_json(Method::Put, profile_path(domain, name), request)
            .await
    }

    /// A one-time Studio sign-in URL (IAM-mode domains).
    pub async fn presigned_url(
        &self,
        domain: &str,
        name: &str,
    ) -> Result<CreatePresignedDomainUrlResponse, ApiError> {
        let path = format!("{}/presigned-url", profile_path(domain, name));
        self.call(Method::Post, path, Some("{}".into())).await
    }

    /// What deleting the profile would remove and keep.
    pub async fn delete_plan(&self, domain: &str, name: &str) -> Result<DeletePlan, ApiError> {
        let path = format!("{}/delete-plan", profile_path(domain, name));
        self.call(Method::Get, path, None).await
    }

    /// Starts deleting the profile (or returns the delete already running).
    pub async fn start_delete(&self, domain: &str, name: &str) -> Result<JobDetail, ApiError> {
        self.call(Method::Delete, profile_path(domain, name), None)
            .await
    }

    /// The delete jobs of a profile, newest first; only running ones when `running_only`.
    pub async fn profile_jobs(
        &self,
        domain: &str,
        name: &str,
        running_only: bool,
    ) -> Result<Vec<Job>, ApiError> {
        let query = query_string(&[
            ("domain", domain),
            ("profile", name),
            ("status", if running_only { "running" } else { "" }),
        ]);
        let list: JobList = self
            .call(Method::Get, format!("/api/jobs{query}"), None)
            .await?;
        Ok(list.jobs)
    }

    /// A job with its steps.
    pub async fn job(&self, id: i64) -> Result<JobDetail, ApiError> {
        self.call(Method::Get, format!("/api/jobs/{id}"), None)
            .await
    }

    /// Asks a running job to stop starting new steps.
    pub async fn cancel_job(&self, id: i64) -> Result<JobDetail, ApiError> {
        self.call(Method::Post, format!("/api/jobs/{id}/cancel"), None)
            .await
    }

    /// Runs a failed or cancelled job again.
    pub async fn retry_job(&self, id: i64) -> Result<JobDetail, ApiError> {
        self.call(Method::Post, format!("/api/jobs/{id}/retry"), None)
            .await
    }

    /// Follows a job's progress: `on_event` gets each change, `on_connection` whether the
    /// stream is connected. Dropping the subscription stops it.
    pub fn watch_job(
        &self,
        id: i64,
        on_event: impl Fn(JobEvent) + 'static,
        on_connection: impl Fn(bool) + 'static,
    ) -> Result<Subscription, ApiError> {
        let path = format!("/api/jobs/{id}/events");
        self.transport
            .subscribe(
                &path,
                &["snapshot", "job", "step"],
                Box::new(move |signal| match signal {
                    StreamSignal::Open => on_connection(true),
                    StreamSignal::Interrupted => on_connection(false),
                    StreamSignal::Event { name, data } => {
                        if let Some(Ok(event)) = JobEvent::parse(&name, &data) {
                            on_event(event);
                        }
                    }
                }),
            )
            .map_err(|e| ApiError::Network(e.0))
    }
}

/// `/api/domains/{domain}/profiles/{name}`.
fn profile_path(domain: &str, name: &str) -> String {
    format!("/api/domains/{}/profiles/{}", encode(domain), encode(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_is_percent_encoded_and_empty_members_are_left_out() {
        let query = ProfileQuery {
            search: "a b&c/é".into(),
            limit: 50,
            ..ProfileQuery::default()
        };
        assert_eq!(
            query.to_query_string(),
            "?search=a%20b%26c%2F%C3%A9&limit=50"
        );
        assert_eq!(ProfileQuery::default().to_query_string(), "");
    }

    #[test]
    fn an_error_reads_as_the_servers_messages_with_the_aws_code() {
        let error = ApiError::Status {
            status: 409,
            errors: vec![ApiProblem {
                path: String::new(),
                message: "The user profile is in use.".into(),
                severity: studio_admin_model::Severity::Error,
                kind: None,
            }],
            warnings: Vec::new(),
            code: Some("ResourceInUse".into()),
        };
        assert_eq!(
            error.to_string(),
            "The user profile is in use. (ResourceInUse)"
        );
    }
}
