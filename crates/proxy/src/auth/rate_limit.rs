//! Failed sign-ins, counted in the database per account name and per client address, and
//! a cap on the password checks running at once.
//!
//! An attempt is counted *before* its password is checked (and taken back when it
//! succeeds), so any number of guesses arriving together check at most
//! [`ACCOUNT_LIMIT`] passwords of one account per window. The address limit is ten times
//! higher: one person's typos do not lock out everyone behind the same NAT or load
//! balancer, while one address still cannot try every account. Each password check holds
//! a permit of [`HashGate`] for the ~19 MiB argon2 works in, so memory stays bounded
//! whatever arrives.

use std::time::Duration;

use tokio::sync::{Semaphore, SemaphorePermit};

use crate::store::{Store, StoreError};

/// Failed sign-ins of one account (any address) within [`WINDOW_MS`] that lock it.
pub const ACCOUNT_LIMIT: i64 = 5;

/// Failed sign-ins from one address (any account) within [`WINDOW_MS`] that lock it.
pub const ADDRESS_LIMIT: i64 = 50;

/// How long a window of counted attempts lasts.
pub const WINDOW_MS: i64 = 15 * 60 * 1000;

/// How long a sign-in waits for a password check to be free before it is told to retry.
const HASH_WAIT: Duration = Duration::from_secs(10);

/// The keys a sign-in attempt is counted under, with their limits.
#[derive(Debug, Clone)]
pub struct AttemptKeys {
    keys: Vec<(String, i64)>,
}

impl AttemptKeys {
    /// The keys of an attempt to sign in as `name` from `address`.
    pub fn new(name: &str, address: Option<std::net::IpAddr>) -> Self {
        let mut keys = vec![(format!("name:{}", name.to_lowercase()), ACCOUNT_LIMIT)];
        if let Some(ip) = address {
            keys.push((format!("ip:{ip}"), ADDRESS_LIMIT));
        }
        Self { keys }
    }

    /// Counts this attempt against every key; `Some(seconds to wait)` when any key is past
    /// its limit. A refused attempt checks no password, so it is taken back from every
    /// key: only checked attempts count as failures, and guesses at a locked account do
    /// not lock out its address.
    pub async fn count(&self, store: &Store, now: i64) -> Result<Option<u64>, StoreError> {
        let mut wait_ms = None;
        for (key, limit) in &self.keys {
            let attempts = store.count_sign_in_attempt(key, now, WINDOW_MS).await?;
            if attempts.count > *limit {
                let free_at = attempts.window_start + WINDOW_MS;
                wait_ms = wait_ms.max(Some(free_at - now));
            }
        }
        if wait_ms.is_some() {
            for (key, _) in &self.keys {
                store.uncount_sign_in_attempt(key).await?;
            }
        }
        Ok(wait_ms.map(|ms| u64::try_from((ms + 999) / 1000).unwrap_or(1).max(1)))
    }

    /// The attempt succeeded: the account's failures are forgotten, and the attempt is
    /// taken back from the address's count.
    pub async fn succeeded(&self, store: &Store) -> Result<(), StoreError> {
        for (i, (key, _)) in self.keys.iter().enumerate() {
            if i == 0 {
                store.forget_sign_in_attempts(key).await?;
            } else {
                store.uncount_sign_in_attempt(key).await?;
            }
        }
        Ok(())
    }
}

/// Bounds how many password checks (argon2id, ~19 MiB each) run at once.
#[derive(Debug)]
pub struct HashGate(Semaphore);

impl Default for HashGate {
    /// One check per core, at least two.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        Self::new(cores.max(2))
    }
}

impl HashGate {
    /// At most `checks` at once.
    pub fn new(checks: usize) -> Self {
        Self(Semaphore::new(checks))
    }

    /// A permit to check one password, or `None` when none came free within a few
    /// seconds (the server is busy checking others).
    pub async fn enter(&self) -> Option<SemaphorePermit<'_>> {
        tokio::time::timeout(HASH_WAIT, self.0.acquire())
            .await
            .ok()?
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn five_failures_lock_out_until_the_oldest_is_fifteen_minutes_old() {
        let store = Store::in_memory().await.unwrap();
        let keys = AttemptKeys::new("alice", None);
        for minute in 0..5 {
            assert_eq!(keys.count(&store, minute * 60_000).await.unwrap(), None);
        }
        assert_eq!(keys.count(&store, 5 * 60_000).await.unwrap(), Some(600));
        assert_eq!(keys.count(&store, WINDOW_MS).await.unwrap(), None);
        let bob = AttemptKeys::new("bob", None);
        assert_eq!(bob.count(&store, 0).await.unwrap(), None);
    }

    #[tokio::test]
    async fn an_address_locks_only_after_ten_times_an_accounts_failures() {
        let store = Store::in_memory().await.unwrap();
        let ip = Some("192.0.2.7".parse().unwrap());
        // Ten accounts, five failures each, from one address: 50 in all.
        for account in 0..10 {
            let keys = AttemptKeys::new(&format!("user{account}"), ip);
            for _ in 0..5 {
                assert_eq!(keys.count(&store, 0).await.unwrap(), None);
            }
        }
        let eleventh = AttemptKeys::new("user10", ip);
        assert!(eleventh.count(&store, 0).await.unwrap().is_some());
    }

    #[tokio::test]
    async fn guesses_at_a_locked_account_do_not_count_against_its_address() {
        let store = Store::in_memory().await.unwrap();
        let ip = Some("192.0.2.7".parse().unwrap());
        let alice = AttemptKeys::new("alice", ip);
        for _ in 0..5 {
            assert_eq!(alice.count(&store, 0).await.unwrap(), None);
        }
        for _ in 0..100 {
            assert!(alice.count(&store, 0).await.unwrap().is_some());
        }
        let address = store
            .count_sign_in_attempt("ip:192.0.2.7", 0, WINDOW_MS)
            .await
            .unwrap();
        assert_eq!(address.count, 6, "the 5 checked failures, and this count");
    }

    #[tokio::test]
    async fn a_success_forgets_the_accounts_failures_and_takes_its_own_attempt_back() {
        let store = Store::in_memory().await.unwrap();
        let ip = Some("192.0.2.7".parse().unwrap());
        let keys = AttemptKeys::new("alice", ip);
        for _ in 0..4 {
            keys.count(&store, 0).await.unwrap();
        }
        keys.count(&store, 0).await.unwrap();
        keys.succeeded(&store).await.unwrap();
        let again = store
            .count_sign_in_attempt("name:alice", 0, WINDOW_MS)
            .await
            .unwrap();
        assert_eq!(again.count, 1);
        let address = store
            .count_sign_in_attempt("ip:192.0.2.7", 0, WINDOW_MS)
            .await
            .unwrap();
        assert_eq!(
            address.count, 5,
            "4 failures and this count; the success was taken back"
        );
    }

    #[tokio::test]
    async fn password_checks_beyond_the_gate_wait_for_a_free_one() {
        let gate = HashGate::new(1);
        let first = gate.enter().await.expect("free");
        let second = tokio::time::timeout(Duration::from_millis(50), gate.enter()).await;
        assert!(
            second.is_err(),
            "the second check waits while the first runs"
        );
        drop(first);
        assert!(gate.enter().await.is_some());
    }
}
