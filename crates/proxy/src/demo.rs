//! Demo mode: the embedded emulator with demo data on a loopback port of its own, with
//! freshly generated credentials that it verifies, so the panel reaches it through the
//! very same signed HTTP client as AWS.

use std::net::{Ipv4Addr, SocketAddr};

use anyhow::Context as _;
use rand::Rng as _;
use rand::distr::Alphanumeric;
use studio_admin_emulator::{EmulatorConfig, RunningEmulator, Seed, spawn};

use crate::cli::ServeArgs;
use crate::config::client_config;
use crate::sagemaker::{ClientConfig, CredentialsCache};

/// The region the demo emulator pretends to be, unless `--region` says otherwise.
const DEMO_REGION: &str = "us-east-1";

/// A running demo backend and how to reach it.
#[derive(Debug)]
pub struct DemoBackend {
    /// The emulator; stop it with [`RunningEmulator::shutdown`] after the server.
    pub emulator: RunningEmulator,
    /// Where and how to call it.
    pub client: ClientConfig,
    /// The keys it verifies signatures with.
    pub credentials: CredentialsCache,
}

/// Starts the emulator with the demo seed on `127.0.0.1:0`.
pub async fn start(args: &ServeArgs) -> anyhow::Result<DemoBackend> {
    let region = args
        .aws
        .region
        .clone()
        .unwrap_or_else(|| DEMO_REGION.to_owned());
    let (access_key_id, secret_access_key) = generate_keys();
    let config = EmulatorConfig {
        region: region.clone(),
        credentials: Some((access_key_id.clone(), secret_access_key.clone())),
        seed: Seed::Demo,
        ..EmulatorConfig::default()
    };
    let emulator = spawn(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .context("cannot start the demo emulator")?;
    let client = client_config(&args.aws, emulator.url(), region);
    Ok(DemoBackend {
        emulator,
        client,
        credentials: CredentialsCache::fixed(&access_key_id, &secret_access_key),
    })
}

/// Keys in AWS's shapes (`AKIA` + 16 characters; 40 characters of secret), drawn from the
/// operating system's random source so that no two demos share them.
fn generate_keys() -> (String, String) {
    const KEY_ID_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut rng = rand::rng();
    let key_id: String = (0..16)
        .map(|_| char::from(KEY_ID_ALPHABET[rng.random_range(0..KEY_ID_ALPHABET.len())]))
        .collect();
    let secret: String = (&mut rng)
        .sample_iter(Alphanumeric)
        .take(40)
        .map(char::from)
        .collect();
    (format!("AKIA{key_id}"), secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_have_aws_shapes_and_differ_every_time() {
        let (id, secret) = generate_keys();
        assert!(id.starts_with("AKIA") && id.len() == 20, "{id}");
        assert_eq!(secret.len(), 40);
        assert_ne!(generate_keys(), (id, secret));
    }
}
