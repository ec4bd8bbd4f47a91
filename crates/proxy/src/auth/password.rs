//! Account passwords: argon2id hashes in PHC string form (`$argon2id$v=19$m=...`).
//!
//! Hashes are made with argon2's default parameters (argon2id, 19 MiB, 2 passes, 1 lane:
//! OWASP's recommended minimum); verification uses the parameters written in the hash, so
//! older hashes keep working when the defaults change.

use std::sync::OnceLock;

use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHash, PasswordHasher as _, PasswordVerifier as _};
use rand::RngCore as _;

/// Shortest password `studio-admin user add` accepts.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Why a stored hash cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// Not a PHC string at all.
    #[error("not a PHC password hash ({0})")]
    Malformed(String),
    /// A PHC string of another algorithm.
    #[error("the hash uses {0}; only argon2id is accepted")]
    NotArgon2id(String),
}

/// Hashes `password` with a fresh random salt.
pub fn hash(password: &str) -> String {
    let mut salt = [0_u8; 16];
    rand::rng().fill_bytes(&mut salt);
    // 16 bytes always fit a PHC salt, and hashing with default parameters cannot fail.
    let salt = SaltString::encode_b64(&salt).expect("16 bytes are a valid salt");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("default argon2 parameters are valid")
        .to_string()
}

/// Checks that `phc` is an argon2id PHC string (done when the accounts file is read).
pub fn check_argon2id(phc: &str) -> Result<(), HashError> {
    let parsed = PasswordHash::new(phc).map_err(|e| HashError::Malformed(e.to_string()))?;
    if parsed.algorithm.as_str() == "argon2id" {
        Ok(())
    } else {
        Err(HashError::NotArgon2id(parsed.algorithm.to_string()))
    }
}

/// Whether `password` matches `phc`. A hash that cannot be parsed matches nothing.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Spends the time of one verification against a hash of nothing, so that an unknown
/// name takes as long to refuse as a wrong password (names cannot be probed by timing).
pub fn verify_dummy(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("studio-admin dummy password"));
    let _ = verify(password, dummy);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only_and_is_argon2id() {
        let phc = hash("correct horse");
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify("correct horse", &phc));
        assert!(!verify("correct horsE", &phc));
        assert!(check_argon2id(&phc).is_ok());
        assert_ne!(hash("correct horse"), phc, "salts differ");
    }

    #[test]
    fn other_algorithms_and_garbage_are_refused() {
        let argon2i = phc_with_algorithm("argon2i");
        assert!(matches!(
            check_argon2id(&argon2i),
            Err(HashError::NotArgon2id(_))
        ));
        assert!(matches!(
            check_argon2id("plain text"),
            Err(HashError::Malformed(_))
        ));
        assert!(!verify("x", "plain text"));
    }

    fn phc_with_algorithm(algorithm: &str) -> String {
        hash("x").replacen("argon2id", algorithm, 1)
    }
}
