//! CreatePresignedDomainUrl, and the sign-in page its URLs lead to.
//!
//! AWS answers with a Studio URL that signs the user in once opened and stops working
//! after `ExpiresInSeconds`. The emulator's URLs lead back to the emulator itself
//! (`/studio/<domain>/auth?token=...`), which shows who was signed in, or refuses an
//! expired or altered token, so demos can follow the link and tests can check the expiry.

use studio_admin_model::{
    AuthMode, CreatePresignedDomainUrlRequest, CreatePresignedDomainUrlResponse, SharingType,
};

use super::required;
use crate::emulator::Emulator;
use crate::error::ApiError;
use crate::store::{Profile, Space};

/// `ExpiresInSeconds` when the request gives none (AWS: 300 seconds).
const DEFAULT_EXPIRES_IN_SECONDS: i32 = 300;
/// `SessionExpirationDurationInSeconds` when the request gives none (AWS: 43200, 12 h).
const DEFAULT_SESSION_SECONDS: i32 = 43_200;

/// Who a valid presigned URL signs in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StudioSession {
    pub(crate) domain_id: String,
    pub(crate) user_profile_name: String,
    pub(crate) space_name: Option<String>,
    pub(crate) session_seconds: i64,
}

impl Emulator {
    /// CreatePresignedDomainUrl: IAM-mode domains only; `base_url` is where this emulator
    /// is reached (`http://host:port`).
    pub(crate) fn create_presigned_domain_url(
        &self,
        request: &CreatePresignedDomainUrlRequest,
        base_url: &str,
    ) -> Result<CreatePresignedDomainUrlResponse, ApiError> {
        let domain_id = required(&request.domain_id, "DomainId")?;
        let name = required(&request.user_profile_name, "UserProfileName")?;
        let (store, now) = self.read_now();
        let domain = store.the_domain(domain_id, now)?;
        if domain.request.auth_mode != Some(AuthMode::Iam) {
            return Err(ApiError::validation(format!(
                "CreatePresignedDomainUrl is only supported for domains in IAM mode; domain {domain_id} uses SSO. Users of SSO domains sign in through the IAM Identity Center portal."
            )));
        }
        let profile = store.the::<Profile>(domain_id, name, now)?;
        if let Some(space_name) = &request.space_name {
            let space = store.the::<Space>(domain_id, space_name, now)?;
            let private = space
                .sharing
                .as_ref()
                .is_some_and(|s| s.sharing_type == Some(SharingType::Private));
            if private
                && !space
                    .owner()
                    .is_some_and(|o| o.eq_ignore_ascii_case(&profile.name))
            {
                return Err(ApiError::validation(format!(
                    "Space {} is private to {}; user profile {} cannot open it.",
                    space.name,
                    space.owner().unwrap_or("another user"),
                    profile.name
                )));
            }
        }
        let expires_in = request
            .expires_in_seconds
            .unwrap_or(DEFAULT_EXPIRES_IN_SECONDS);
        let session = request
            .session_expiration_duration_in_seconds
            .unwrap_or(DEFAULT_SESSION_SECONDS);
        let expires_at = self.clock().unix_seconds(now) + u64::try_from(expires_in).unwrap_or(0);
        let payload = format!(
            "studio\n{domain_id}\n{}\n{}\n{expires_at}\n{session}",
            profile.name,
            request.space_name.as_deref().unwrap_or("")
        );
        let token = self.token_key().seal(&payload);
        Ok(CreatePresignedDomainUrlResponse {
            authorized_url: Some(format!("{base_url}/studio/{domain_id}/auth?token={token}")),
        })
    }

    /// Checks a presigned URL's token for `domain_id`: the session it opens, or why not.
    pub(crate) fn open_studio(
        &self,
        domain_id: &str,
        token: &str,
    ) -> Result<StudioSession, &'static str> {
        let payload = self
            .token_key()
            .open(token)
            .ok_or("This sign-in link is not valid.")?;
        let parts: Vec<&str> = payload.split('\n').collect();
        let ["studio", domain, user, space, expires_at, session] = parts[..] else {
            return Err("This sign-in link is not valid.");
        };
        if domain != domain_id {
            return Err("This sign-in link is not valid.");
        }
        let expires_at: u64 = expires_at
            .parse()
            .map_err(|_| "This sign-in link is not valid.")?;
        if self.clock().unix_seconds(self.now()) >= expires_at {
            return Err("This sign-in link has expired. Ask for a new one.");
        }
        Ok(StudioSession {
            domain_id: domain.to_owned(),
            user_profile_name: user.to_owned(),
            space_name: (!space.is_empty()).then(|| space.to_owned()),
            session_seconds: session.parse().unwrap_or(0),
        })
    }
}
