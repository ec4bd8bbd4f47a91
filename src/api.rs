//! The typed client of the proxy's JSON API (see DESIGN.md, "API between SPA and proxy").
//!
//! Bodies of create and update are the SageMaker request shapes themselves, serialized
//! with serde exactly once: what the JSON preview shows is what this client sends.
//!
//! - [`transport`]: the one seam to the network (fetch and EventSource in the browser,
//!   canned answers in tests).
//! - [`types`]: the proxy's answers beyond the SageMaker shapes.
//! - `running`: the running page's calls (what runs in a domain, stopping apps).
//!
//! The client keeps the session's CSRF token and sends it with every state-changing
//! request; when the server says the token is stale it reads the session again and tries
//! once more, and when the server says nobody is signed in it tells whoever listens
//! ([`Api::on_session`]).

pub mod fetch;
mod running;
pub mod transport;
pub mod types;

use std::fmt;
use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use studio_admin_model::{
    CreatePresignedDomainUrlResponse, CreateUserProfileRequest, UpdateUserProfileRequest,
    UpdateUserProfileResponse,
};

use self::fetch::FetchTransport;
use self::transport::{HttpRequest, Method, StreamSignal, Subscription, Transport};
use self::types::{
    ApiProblem, AuditPage, AuditQuery, BatchDetail, BatchList, BatchPlan, CreatedProfile,
    DeletePlan, DeleteQuery, DirectoryGroups, DirectoryQuery, DirectoryUsers, Domain, DomainList,
    DomainPolicy, ErrorBody, ExportFormat, GroupFile, Job, JobDetail, JobEvent, JobList, JobQuery,
    JobStatus, OnboardingRequest, PlanBody, PolicyUpdate, ProfileDetail, ProfilePage, ProfileQuery,
    ProfileTags, RejectBody, RequestList, RequestQuery, SessionInfo, SignIn, StudioAccess, codes,
    encode,
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
        /// AWS's error code when AWS refused the call, or the proxy's own
        /// (`SignInRequired`, `Forbidden`, `TooManySignInAttempts`, ...).
        code: Option<String>,
        /// How many seconds to wait before trying again, when the server said (429).
        retry_after: Option<u32>,
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

    /// The error code the server named, if any.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Status { code, .. } => code.as_deref(),
            _ => None,
        }
    }

    /// The server's messages alone (no code), for answers whose words are meant for
    /// people (403 "requires the lead role in domain ...").
    pub fn message(&self) -> String {
        match self {
            Self::Status { errors, .. } => {
                let messages: Vec<&str> = errors
                    .iter()
                    .map(|e| e.message.as_str())
                    .filter(|m| !m.is_empty())
                    .collect();
                if messages.is_empty() {
                    self.to_string()
                } else {
                    messages.join(" ")
                }
            }
            _ => self.to_string(),
        }
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

/// The address that downloads every entry matching `query` as `format`.
pub fn audit_export_href(query: &AuditQuery, format: ExportFormat) -> String {
    let query = AuditQuery {
        format: Some(format),
        before: None,
        limit: None,
        ..query.clone()
    };
    format!("/api/audit/export{}", query.to_query_string())
}

/// Who hears about the session from the client: called with the session the server
/// answered when the client read it again, or with `None` when the server said nobody is
/// signed in.
pub type SessionListener = Arc<dyn Fn(Option<SessionInfo>) + Send + Sync>;

/// What every clone of one client shares about the session.
#[derive(Default)]
struct SessionLink {
    /// The token state-changing requests carry.
    csrf_token: Option<String>,
    /// Who hears about changes.
    listener: Option<SessionListener>,
}

/// The API client. Cheap to clone (clones share the session's token); the page gets it
/// with [`use_api`].
#[derive(Clone)]
pub struct Api {
    transport: Arc<dyn Transport>,
    session: Arc<Mutex<SessionLink>>,
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
        Self {
            transport,
            session: Arc::default(),
        }
    }

    /// Makes `listener` hear about the session (the app's session state listens).
    pub fn on_session(&self, listener: SessionListener) {
        if let Ok(mut link) = self.session.lock() {
            link.listener = Some(listener);
        }
    }

    fn csrf_token(&self) -> Option<String> {
        self.session.lock().ok()?.csrf_token.clone()
    }

    /// Keeps the token of `info` and tells the listener when `notify`.
    fn adopt(&self, info: &SessionInfo, notify: bool) {
        let listener = match self.session.lock() {
            Ok(mut link) => {
                link.csrf_token.clone_from(&info.csrf_token);
                link.listener.clone()
            }
            Err(_) => None,
        };
        if notify && let Some(listener) = listener {
            listener(Some(info.clone()));
        }
    }

    /// Forgets the token and tells the listener nobody is signed in.
    fn signed_out(&self) {
        let listener = match self.session.lock() {
            Ok(mut link) => {
                link.csrf_token = None;
                link.listener.clone()
            }
            Err(_) => None,
        };
        if let Some(listener) = listener {
            listener(None);
        }
    }

    async fn exchange(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<Result<String, ApiError>, ApiError> {
        let request = HttpRequest {
            method,
            path: path.to_owned(),
            body,
            csrf_token: if method.changes_state() {
                self.csrf_token()
            } else {
                None
            },
        };
        let response = self
            .transport
            .send(request)
            .await
            .map_err(|e| ApiError::Network(e.0))?;
        if (200..300).contains(&response.status) {
            return Ok(Ok(response.body));
        }
        let body: ErrorBody = serde_json::from_str(&response.body).unwrap_or_default();
        Ok(Err(ApiError::Status {
            status: response.status,
            errors: body.errors,
            warnings: body.warnings,
            code: body.code,
            retry_after: response.retry_after,
        }))
    }

    /// Calls the proxy and reads its answer as `T` (see [`Api::call_text`]).
    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: String,
        body: Option<String>,
    ) -> Result<T, ApiError> {
        let text = self.call_text(method, path, body).await?;
        decode(&text)
    }

    /// The text of the proxy's answer to a call. Not generic, so that every call shares
    /// one copy of this code instead of one per answer type.
    async fn call_text(
        &self,
        method: Method,
        path: String,
        body: Option<String>,
    ) -> Result<String, ApiError> {
        let mut answer = self.exchange(method, &path, body.clone()).await?;
        if let Err(error) = &answer
            && error.code() == Some(codes::CSRF_TOKEN_INVALID)
            && method.changes_state()
        {
            // The session's token changed (a sign-in in another tab, a restarted server):
            // read the session once and try again with its token.
            let info = self.read_session(true).await?;
            if info.user.is_some() {
                answer = self.exchange(method, &path, body).await?;
            }
        }
        answer.inspect_err(|error| {
            if error.status() == Some(401) && error.code() == Some(codes::SIGN_IN_REQUIRED) {
                self.signed_out();
            }
        })
    }

    async fn read_session(&self, notify: bool) -> Result<SessionInfo, ApiError> {
        let text = self.exchange(Method::Get, "/api/session", None).await??;
        let info: SessionInfo =
            serde_json::from_str(&text).map_err(|e| ApiError::Decode(e.to_string()))?;
        self.adopt(&info, notify);
        Ok(info)
    }

    /// Who is signed in (and the demo accounts, in demo mode); keeps the CSRF token.
    pub async fn session(&self) -> Result<SessionInfo, ApiError> {
        self.read_session(false).await
    }

    /// Signs in; keeps the new session's CSRF token.
    pub async fn sign_in(&self, name: &str, password: &str) -> Result<SessionInfo, ApiError> {
        let body = serde_json::to_string(&SignIn {
            name: name.to_owned(),
            password: password.to_owned(),
        })
        .map_err(|e| ApiError::Decode(e.to_string()))?;
        let text = self
            .exchange(Method::Post, "/api/session", Some(body))
            .await??;
        let info: SessionInfo =
            serde_json::from_str(&text).map_err(|e| ApiError::Decode(e.to_string()))?;
        self.adopt(&info, false);
        Ok(info)
    }

    /// Signs out (the server forgets the session and clears the cookie).
    pub async fn sign_out(&self) -> Result<(), ApiError> {
        let answer = self.exchange(Method::Delete, "/api/session", None).await?;
        if let Ok(mut link) = self.session.lock() {
            link.csrf_token = None;
        }
        answer.map(|_| ())
    }

    /// The domain's policy: what requesters cannot change.
    pub async fn domain_policy(&self, domain: &str) -> Result<DomainPolicy, ApiError> {
        self.get(domain_path(domain, "/policy")).await
    }

    /// Replaces the domain's policy with `fixed` (a partial CreateUserProfile request).
    pub async fn set_domain_policy(
        &self,
        domain: &str,
        fixed: &serde_json::Value,
    ) -> Result<DomainPolicy, ApiError> {
        let body = PolicyUpdate {
            fixed: fixed.clone(),
        };
        self.send_json(Method::Put, domain_path(domain, "/policy"), &body)
            .await
    }

    /// The plan of a team file in `domain`: what each row would do (nothing is sent).
    pub async fn batch_plan(&self, domain: &str, body: &PlanBody) -> Result<BatchPlan, ApiError> {
        self.send_json(Method::Post, domain_path(domain, "/batch/plan"), body)
            .await
    }

    /// Applies a team file in `domain` as a batch on the server (planned again there).
    pub async fn start_batch(
        &self,
        domain: &str,
        body: &PlanBody,
    ) -> Result<BatchDetail, ApiError> {
        self.send_json(Method::Post, domain_path(domain, "/batches"), body)
            .await
    }

    /// The domain's batches, newest first (without their rows).
    pub async fn batches(&self, domain: &str) -> Result<BatchList, ApiError> {
        self.get(domain_path(domain, "/batches")).await
    }

    /// A batch with every row.
    pub async fn batch(&self, domain: &str, id: i64) -> Result<BatchDetail, ApiError> {
        self.get(domain_path(domain, &format!("/batches/{id}")))
            .await
    }

    /// Steers a batch: `cancel` (no more rows start) or `retry` (its failed and cancelled
    /// rows run again).
    pub async fn steer_batch(
        &self,
        domain: &str,
        id: i64,
        verb: &str,
    ) -> Result<BatchDetail, ApiError> {
        let path = domain_path(domain, &format!("/batches/{id}/{verb}"));
        self.call(Method::Post, path, None).await
    }

    /// Follows a batch: `on_event` gets the whole batch first, then the batch with the
    /// rows that changed. Dropping the subscription stops it.
    pub fn watch_batch(
        &self,
        domain: &str,
        id: i64,
        on_event: impl Fn(BatchDetail) + 'static,
    ) -> Result<Subscription, ApiError> {
        let path = domain_path(domain, &format!("/batches/{id}/events"));
        self.transport
            .subscribe(
                &path,
                &["batch"],
                Box::new(move |signal| {
                    if let StreamSignal::Event { data, .. } = signal
                        && let Ok(detail) = serde_json::from_str(&data)
                    {
                        on_event(detail);
                    }
                }),
            )
            .map_err(|e| ApiError::Network(e.0))
    }

    /// Asks for a profile; the body is sent exactly as `request` serializes.
    pub async fn submit_request(
        &self,
        request: &CreateUserProfileRequest,
    ) -> Result<OnboardingRequest, ApiError> {
        self.send_json(Method::Post, "/api/requests".into(), request)
            .await
    }

    /// The onboarding requests the person may see, newest first.
    pub async fn requests(&self, query: &RequestQuery) -> Result<Vec<OnboardingRequest>, ApiError> {
        let list: RequestList = self
            .get(format!("/api/requests{}", query.to_query_string()))
            .await?;
        Ok(list.requests)
    }

    /// One onboarding request.
    pub async fn request(&self, id: i64) -> Result<OnboardingRequest, ApiError> {
        self.get(format!("/api/requests/{id}")).await
    }

    /// Changes a pending request; the body is sent exactly as `request` serializes.
    pub async fn update_onboarding_request(
        &self,
        id: i64,
        request: &CreateUserProfileRequest,
    ) -> Result<OnboardingRequest, ApiError> {
        self.send_json(Method::Put, format!("/api/requests/{id}"), request)
            .await
    }

    /// Approves a pending request: the server creates the profile.
    pub async fn approve_request(&self, id: i64) -> Result<OnboardingRequest, ApiError> {
        self.post(format!("/api/requests/{id}/approve")).await
    }

    /// Rejects a pending request with a reason the requester will read.
    pub async fn reject_request(
        &self,
        id: i64,
        reason: &str,
    ) -> Result<OnboardingRequest, ApiError> {
        self.send_json(
            Method::Post,
            format!("/api/requests/{id}/reject"),
            &RejectBody {
                reason: reason.to_owned(),
            },
        )
        .await
    }

    /// One page of the audit log, newest first (`before`: 0 for the first page).
    pub async fn audit(&self, query: &AuditQuery, before: i64) -> Result<AuditPage, ApiError> {
        let page = AuditQuery {
            before: Some(before).filter(|b| *b > 0),
            ..query.clone()
        };
        self.get(format!("/api/audit{}", page.to_query_string()))
            .await
    }

    /// GETs `path` and reads the answer as `T`.
    async fn get<T: DeserializeOwned>(&self, path: String) -> Result<T, ApiError> {
        self.call(Method::Get, path, None).await
    }

    /// POSTs an empty object to `path` (an action that needs no more than its address)
    /// and reads the answer as `T`.
    async fn post<T: DeserializeOwned>(&self, path: String) -> Result<T, ApiError> {
        self.call(Method::Post, path, Some("{}".into())).await
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
        let list: DomainList = self.get("/api/domains".into()).await?;
        Ok(list.domains)
    }

    /// One page of the domain's profiles.
    pub async fn profiles(
        &self,
        domain: &str,
        query: &ProfileQuery,
    ) -> Result<ProfilePage, ApiError> {
        self.get(domain_path(
            domain,
            &format!("/profiles{}", query.to_query_string()),
        ))
        .await
    }

    /// A profile with its apps and owned spaces.
    pub async fn profile(&self, domain: &str, name: &str) -> Result<ProfileDetail, ApiError> {
        self.get(profile_path(domain, name, "")).await
    }

    /// Creates a profile; the body is sent exactly as `request` serializes.
    pub async fn create_profile(
        &self,
        domain: &str,
        request: &CreateUserProfileRequest,
    ) -> Result<CreatedProfile, ApiError> {
        self.send_json(Method::Post, domain_path(domain, "/profiles"), request)
            .await
    }

    /// People of an SSO domain's IAM Identity Center directory whose user name, display
    /// name or e-mail contains `search` (at most 50).
    pub async fn directory_users(
        &self,
        domain: &str,
        search: &str,
    ) -> Result<DirectoryUsers, ApiError> {
        let query = DirectoryQuery {
            search: search.to_owned(),
        };
        let path = format!("/directory/users{}", query.to_query_string());
        self.get(domain_path(domain, &path)).await
    }

    /// The groups of an SSO domain's IAM Identity Center directory, by name.
    pub async fn directory_groups(&self, domain: &str) -> Result<DirectoryGroups, ApiError> {
        self.get(domain_path(domain, "/directory/groups")).await
    }

    /// The members of the directory group `group` as a team file.
    pub async fn group_team(&self, domain: &str, group: &str) -> Result<GroupFile, ApiError> {
        let path = format!("/directory/groups/{}/team", encode(group));
        self.get(domain_path(domain, &path)).await
    }

    /// Lets the profile's person into Studio in IAM Identity Center (SSO domains), unless
    /// they get in already.
    pub async fn grant_access(&self, domain: &str, name: &str) -> Result<StudioAccess, ApiError> {
        self.post(profile_path(domain, name, "/access")).await
    }

    /// Updates a profile; the body is sent exactly as `request` serializes.
    pub async fn update_profile(
        &self,
        domain: &str,
        name: &str,
        request: &UpdateUserProfileRequest,
    ) -> Result<UpdateUserProfileResponse, ApiError> {
        self.send_json(Method::Put, profile_path(domain, name, ""), request)
            .await
    }

    /// The profile's tags (every page of ListTags).
    pub async fn profile_tags(&self, domain: &str, name: &str) -> Result<ProfileTags, ApiError> {
        self.get(profile_path(domain, name, "/tags")).await
    }

    /// Makes the profile's tags exactly `tags`; answers with the tags it then has.
    pub async fn set_profile_tags(
        &self,
        domain: &str,
        name: &str,
        tags: &ProfileTags,
    ) -> Result<ProfileTags, ApiError> {
        let path = profile_path(domain, name, "/tags");
        self.send_json(Method::Put, path, tags).await
    }

    /// A one-time Studio sign-in URL (IAM-mode domains).
    pub async fn presigned_url(
        &self,
        domain: &str,
        name: &str,
    ) -> Result<CreatePresignedDomainUrlResponse, ApiError> {
        self.post(profile_path(domain, name, "/presigned-url"))
            .await
    }

    /// What deleting the profile would remove and keep.
    pub async fn delete_plan(&self, domain: &str, name: &str) -> Result<DeletePlan, ApiError> {
        self.get(profile_path(domain, name, "/delete-plan")).await
    }

    /// Starts deleting the profile (or returns the delete already running); in SSO
    /// domains the delete also removes the person's direct Studio access unless
    /// `keep_access`.
    pub async fn start_delete(
        &self,
        domain: &str,
        name: &str,
        keep_access: bool,
    ) -> Result<JobDetail, ApiError> {
        let query = DeleteQuery { keep_access };
        let path = profile_path(domain, name, &query.to_query_string());
        self.call(Method::Delete, path, None).await
    }

    /// The delete jobs of a profile, newest first; only running ones when `running_only`.
    pub async fn profile_jobs(
        &self,
        domain: &str,
        name: &str,
        running_only: bool,
    ) -> Result<Vec<Job>, ApiError> {
        let query = JobQuery {
            domain: domain.to_owned(),
            profile: name.to_owned(),
            status: running_only.then_some(JobStatus::Running),
            limit: None,
        };
        let list: JobList = self
            .get(format!("/api/jobs{}", query.to_query_string()))
            .await?;
        Ok(list.jobs)
    }

    /// A job with its steps.
    pub async fn job(&self, id: i64) -> Result<JobDetail, ApiError> {
        self.get(format!("/api/jobs/{id}")).await
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

/// An answer's JSON as `T` (an empty answer reads as `{}`).
fn decode<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_json::from_str(text).map_err(|e| ApiError::Decode(e.to_string()))
}

/// `/api/domains/{domain}{rest}`.
fn domain_path(domain: &str, rest: &str) -> String {
    format!("/api/domains/{}{rest}", encode(domain))
}

/// `/api/domains/{domain}/profiles/{name}{rest}`.
fn profile_path(domain: &str, name: &str, rest: &str) -> String {
    domain_path(domain, &format!("/profiles/{}{rest}", encode(name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_is_percent_encoded_and_empty_members_are_left_out() {
        let query = ProfileQuery {
            search: "a b&c/é".into(),
            limit: Some(50),
            ..ProfileQuery::default()
        };
        assert_eq!(
            query.to_query_string(),
            "?search=a%20b%26c%2F%C3%A9&limit=50"
        );
        assert_eq!(ProfileQuery::default().to_query_string(), "");
    }

    #[test]
    fn audit_exports_carry_the_same_filters_as_the_page() {
        let query = AuditQuery {
            actor: " demo-lead ".into(),
            outcome: Some(types::AuditOutcome::Refused),
            since: Some(types::EpochMillis(1_700_000_000_000)),
            ..AuditQuery::default()
        };
        assert_eq!(
            query.to_query_string(),
            "?actor=demo-lead&outcome=refused&since=1700000000000"
        );
        assert_eq!(
            AuditQuery {
                before: Some(41),
                ..query.clone()
            }
            .to_query_string(),
            "?actor=demo-lead&outcome=refused&since=1700000000000&before=41"
        );
        assert_eq!(
            audit_export_href(
                &AuditQuery {
                    before: Some(41),
                    ..query
                },
                ExportFormat::Csv
            ),
            "/api/audit/export?format=csv&actor=demo-lead&outcome=refused&since=1700000000000"
        );
    }

    #[test]
    fn an_error_reads_as_the_servers_messages_with_the_aws_code() {
        let error = ApiError::Status {
            status: 409,
            errors: vec![ApiProblem::whole("The user profile is in use.")],
            warnings: Vec::new(),
            code: Some("ResourceInUse".into()),
            retry_after: None,
        };
        assert_eq!(
            error.to_string(),
            "The user profile is in use. (ResourceInUse)"
        );
    }
}
