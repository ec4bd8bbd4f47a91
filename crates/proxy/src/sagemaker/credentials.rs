//! Credentials for signing: any provider (the aws-config default chain, or fixed keys),
//! cached until shortly before they expire.
//!
//! The SDK clients cache credentials in an identity cache that wraps the provider chain;
//! without a cache, every call would go to SSO, STS or the instance metadata service.

use std::fmt;
use std::time::{Duration, Instant, SystemTime};

use aws_credential_types::Credentials;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_smithy_runtime_api::client::identity::Identity;
use tokio::sync::{Mutex, RwLock};

use super::error::SageMakerError;

/// Refresh this long before the provider's expiry, as the SDKs' lazy cache does, so that
/// a request signed just before expiry still arrives in time.
const EXPIRY_BUFFER: Duration = Duration::from_secs(5 * 60);

/// How long credentials without an expiry (static keys, plain profiles) are kept before
/// the chain is asked again; the SDKs' lazy cache default.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(15 * 60);

#[derive(Clone)]
struct Cached {
    identity: Identity,
    /// When to ask the provider again (monotonic, immune to clock changes).
    refresh_at: Instant,
}

/// A credentials provider with a cache in front.
pub struct CredentialsCache {
    provider: SharedCredentialsProvider,
    cached: RwLock<Option<Cached>>,
    /// One refresh at a time: concurrent callers wait for it instead of all calling the
    /// provider.
    refreshing: Mutex<()>,
}

impl fmt::Debug for CredentialsCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never show the cached keys.
        f.debug_struct("CredentialsCache")
            .field("provider", &self.provider)
            .finish_non_exhaustive()
    }
}

impl CredentialsCache {
    /// Caches credentials from `provider` (for example aws-config's default chain).
    pub fn new(provider: SharedCredentialsProvider) -> Self {
        Self {
            provider,
            cached: RwLock::new(None),
            refreshing: Mutex::new(()),
        }
    }

    /// Fixed keys, for the embedded emulator and tests.
    pub fn fixed(access_key_id: &str, secret_access_key: &str) -> Self {
        Self::new(SharedCredentialsProvider::new(Credentials::new(
            access_key_id,
            secret_access_key,
            None,
            None,
            "studio-admin-fixed",
        )))
    }

    /// The identity to sign with, loading it from the provider when the cache is empty or
    /// about to expire.
    pub async fn identity(&self) -> Result<Identity, SageMakerError> {
        if let Some(hit) = self.fresh().await {
            return Ok(hit);
        }
        let _one_at_a_time = self.refreshing.lock().await;
        // Another caller may have refreshed while this one waited.
        if let Some(hit) = self.fresh().await {
            return Ok(hit);
        }
        let credentials =
            self.provider
                .provide_credentials()
                .await
                .map_err(|e| SageMakerError::Credentials {
                    message: error_chain(&e),
                })?;
        let refresh_at = refresh_instant(credentials.expiry());
        let identity: Identity = credentials.into();
        *self.cached.write().await = Some(Cached {
            identity: identity.clone(),
            refresh_at,
        });
        Ok(identity)
    }

    async fn fresh(&self) -> Option<Identity> {
        let cached = self.cached.read().await;
        cached
            .as_ref()
            .filter(|c| Instant::now() < c.refresh_at)
            .map(|c| c.identity.clone())
    }
}

/// When to refresh credentials that expire at `expiry` (or never say).
fn refresh_instant(expiry: Option<SystemTime>) -> Instant {
    let now = Instant::now();
    let lifetime = match expiry {
        Some(at) => at
            .duration_since(SystemTime::now())
            .unwrap_or_default()
            .saturating_sub(EXPIRY_BUFFER),
        None => DEFAULT_LIFETIME,
    };
    now + lifetime
}

/// The provider error with its sources ("the SSO session has expired: ..."), which name
/// providers and files but never keys.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_that_expire_soon_are_refreshed_at_once() {
        let soon = SystemTime::now() + Duration::from_secs(60);
        assert!(refresh_instant(Some(soon)) <= Instant::now());
    }

    #[test]
    fn credentials_without_expiry_are_kept_a_quarter_hour() {
        let at = refresh_instant(None);
        let kept = at.duration_since(Instant::now());
        assert!(kept > Duration::from_secs(14 * 60) && kept <= DEFAULT_LIFETIME);
    }

    #[test]
    fn the_debug_form_of_the_cache_shows_no_secret() {
        let cache = CredentialsCache::fixed("AKIDEXAMPLE", "very-secret-key");
        assert!(!format!("{cache:?}").contains("very-secret-key"));
    }

    #[tokio::test]
    async fn fixed_keys_become_the_signing_identity() {
        let cache = CredentialsCache::fixed("AKIDEXAMPLE", "very-secret-key");
        let identity = cache.identity().await.expect("fixed keys always load");
        let creds = identity
            .data::<Credentials>()
            .expect("the identity holds AWS credentials");
        assert_eq!(creds.access_key_id(), "AKIDEXAMPLE");
    }
}
