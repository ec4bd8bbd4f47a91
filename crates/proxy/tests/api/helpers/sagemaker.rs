//! The proxy's signed SageMaker client as the tests build it: the test keys, quick
//! retries, and a timeout short enough for a test.

use std::time::Duration;

use studio_admin_proxy::backoff::Backoff;
use studio_admin_proxy::sagemaker::{ClientConfig, CredentialsCache, RetryPolicy, SageMakerClient};

/// The access key id the emulator accepts (and the scripted SageMaker sees).
pub const ACCESS_KEY: &str = "AKIDTESTTESTTESTTEST";
/// The matching secret key: it must never appear in an answer or a log.
pub const SECRET_KEY: &str = "test/secret/key/that/must/never/leak00000";

/// Four attempts a few milliseconds apart, so that tests of retrying do not wait.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        backoff: Backoff {
            initial: Duration::from_millis(1),
            factor: 2.0,
            cap: Duration::from_millis(5),
            full_jitter: true,
        },
    }
}

/// A client for the SageMaker at `url` signing with the test keys.
pub fn client(url: &str) -> SageMakerClient {
    client_with(url, ACCESS_KEY, SECRET_KEY)
}

/// A client for the SageMaker at `url` signing with the given keys.
pub fn client_with(url: &str, access_key: &str, secret_key: &str) -> SageMakerClient {
    let mut config = ClientConfig::new(url, "us-east-1");
    config.retry = fast_retries();
    config.attempt_timeout = Duration::from_secs(5);
    SageMakerClient::new(config, CredentialsCache::fixed(access_key, secret_key))
        .expect("client builds")
}
