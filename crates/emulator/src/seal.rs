//! Tamper-evident tokens: a payload sealed with an HMAC under a key drawn at start.
//!
//! Used for NextTokens and presigned Studio URLs. The point is that clients cannot forge
//! or alter them (AWS refuses such tokens); the payload is not secret.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How many bytes of the HMAC a token carries.
const TAG_LEN: usize = 16;

/// The key tokens are sealed with.
#[derive(Clone)]
pub(crate) struct SealKey([u8; 32]);

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealKey(..)")
    }
}

impl SealKey {
    /// A fresh random key: tokens do not survive a restart.
    pub(crate) fn random() -> Self {
        let mut key = [0u8; 32];
        key.iter_mut().for_each(|b| *b = fastrand::u8(..));
        Self(key)
    }

    fn tag(&self, payload: &[u8]) -> Option<[u8; TAG_LEN]> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0).ok()?;
        mac.update(payload);
        let full = mac.finalize().into_bytes();
        let mut tag = [0u8; TAG_LEN];
        tag.copy_from_slice(full.get(..TAG_LEN)?);
        Some(tag)
    }

    /// A URL-safe token carrying `payload`.
    pub(crate) fn seal(&self, payload: &str) -> String {
        let mut bytes = self.tag(payload.as_bytes()).unwrap_or_default().to_vec();
        bytes.extend_from_slice(payload.as_bytes());
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// The payload of a token this key sealed; `None` for anything else.
    pub(crate) fn open(&self, token: &str) -> Option<String> {
        let bytes = URL_SAFE_NO_PAD.decode(token).ok()?;
        if bytes.len() <= TAG_LEN {
            return None;
        }
        let (tag, payload) = bytes.split_at(TAG_LEN);
        if self.tag(payload)? != tag {
            return None;
        }
        String::from_utf8(payload.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_payload_opens_with_the_same_key_only() {
        let key = SealKey::random();
        let token = key.seal("hello");
        assert_eq!(key.open(&token).as_deref(), Some("hello"));
        assert_eq!(SealKey::random().open(&token), None);
    }

    #[test]
    fn an_altered_token_does_not_open() {
        let key = SealKey::random();
        let mut bytes = URL_SAFE_NO_PAD.decode(key.seal("offset 10")).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert_eq!(key.open(&URL_SAFE_NO_PAD.encode(bytes)), None);
        assert_eq!(key.open("not a token"), None);
    }
}
