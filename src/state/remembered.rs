//! Small choices kept across visits in the browser's localStorage (the chosen domain).
//! Storage can be unavailable (private windows, policies): then nothing is remembered and
//! nothing fails.

/// Where the chosen domain is kept.
pub const DOMAIN_KEY: &str = "studio-admin.domain";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The value kept under `key`, if any.
pub fn recall(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Keeps `value` under `key`.
pub fn remember(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

/// Forgets what is kept under `key`.
pub fn forget(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}
