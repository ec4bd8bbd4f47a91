//! The accounts file (`--auth-config`, TOML): built-in accounts and the optional identity
//! headers of an authenticating reverse proxy. Unknown keys are errors, with line and
//! column, so a misspelled setting never silently does nothing.

use std::path::Path;

use ipnet::IpNet;
use serde::Deserialize;

use super::password::{self, HashError};
use studio_admin_api::Role;

/// Absolute session lifetime when the file does not set `session_hours`.
pub const DEFAULT_SESSION_HOURS: u64 = 12;

/// Idle timeout when the file does not set `session_idle_hours`: a working day.
pub const DEFAULT_IDLE_HOURS: u64 = 8;

/// Why the accounts file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read the accounts file {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Not TOML, an unknown key, or a value of the wrong type (with line and column).
    #[error("the accounts file {path} is not valid: {message}")]
    Parse {
        /// The file.
        path: String,
        /// toml's message, with line and column.
        message: String,
    },
    /// A value is well-formed TOML but cannot be used.
    #[error("the accounts file {path}: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong and where.
        message: String,
    },
}

/// The whole file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthConfig {
    /// Absolute session lifetime in hours.
    #[serde(default)]
    pub session_hours: Option<u64>,
    /// Hours a session may go unused before it ends.
    #[serde(default)]
    pub session_idle_hours: Option<u64>,
    /// Mark cookies `Secure` always (TLS terminates in front of the proxy).
    #[serde(default)]
    pub secure_cookies: bool,
    /// Public names the server answers to (`admin.example.com`), besides its listen
    /// address; requests for any other `Host` are refused.
    #[serde(default)]
    pub allowed_hosts: Vec<String>,
    /// Reverse proxies and load balancers (CIDRs) whose `X-Forwarded-For` is believed:
    /// the client is the right-most forwarded address outside this list.
    #[serde(default)]
    pub trusted_proxies: Vec<IpNet>,
    /// Built-in accounts.
    #[serde(default)]
    pub users: Vec<UserEntry>,
    /// Identity headers of a trusted reverse proxy.
    #[serde(default)]
    pub header_auth: Option<HeaderAuthConfig>,
}

/// One `[[users]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserEntry {
    /// Sign-in name (case-insensitive).
    pub name: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// What the account may do.
    pub role: Role,
    /// Domain ids the role applies to, or `["*"]` (admins: every domain regardless).
    #[serde(default)]
    pub domains: Vec<String>,
    /// Their own SageMaker UserProfileName (default: the name).
    #[serde(default)]
    pub profile: Option<String>,
}

/// `[header_auth]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderAuthConfig {
    /// Header naming the user (`X-Forwarded-User`).
    pub user_header: String,
    /// Header listing the user's groups, comma-separated.
    #[serde(default)]
    pub groups_header: Option<String>,
    /// Header with the user's email (shown only).
    #[serde(default)]
    pub email_header: Option<String>,
    /// Peers whose identity headers are believed, besides the file's top-level
    /// `trusted_proxies` (either list may hold them).
    #[serde(default)]
    pub trusted_proxies: Vec<IpNet>,
    /// Which group grants which role where.
    #[serde(default)]
    pub groups: Vec<GroupEntry>,
}

/// One `[[header_auth.groups]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupEntry {
    /// The group's name as the reverse proxy sends it.
    pub group: String,
    /// The role it grants.
    pub role: Role,
    /// Where (`["*"]`: every domain).
    #[serde(default)]
    pub domains: Vec<String>,
}

impl AuthConfig {
    /// Reads and checks the file at `path`.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let label = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: label.clone(),
            source,
        })?;
        Self::parse(&text).map_err(|e| match e {
            ParseProblem::Toml(message) => ConfigError::Parse {
                path: label.clone(),
                message,
            },
            ParseProblem::Invalid(message) => ConfigError::Invalid {
                path: label.clone(),
                message,
            },
        })
    }

    /// Parses and checks the file's text.
    pub fn parse(text: &str) -> Result<Self, ParseProblem> {
        let config: Self = toml::from_str(text)
            .map_err(|e| ParseProblem::Toml(e.to_string().trim().to_owned()))?;
        config.check().map_err(ParseProblem::Invalid)?;
        Ok(config)
    }

    /// Names, hashes and lifetimes that parse but cannot work.
    fn check(&self) -> Result<(), String> {
        if self.session_hours == Some(0) {
            return Err("session_hours must be at least 1".to_owned());
        }
        if self.session_idle_hours == Some(0) {
            return Err("session_idle_hours must be at least 1".to_owned());
        }
        let mut seen = Vec::new();
        for (i, user) in self.users.iter().enumerate() {
            let at = format!("users[{i}] ({:?})", user.name);
            check_name(&user.name).map_err(|m| format!("{at}: name {m}"))?;
            let key = user.name.to_lowercase();
            if seen.contains(&key) {
                return Err(format!("{at}: a second account with this name"));
            }
            seen.push(key);
            password::check_argon2id(&user.password_hash).map_err(|e: HashError| {
                format!("{at}: password_hash: {e} (make one with `studio-admin user add`)")
            })?;
            check_domains(&user.domains, user.role).map_err(|m| format!("{at}: {m}"))?;
        }
        if let Some(header) = &self.header_auth {
            if header.trusted_proxies.is_empty() && self.trusted_proxies.is_empty() {
                return Err(
                    "header_auth needs trusted_proxies (at the top of the file or in [header_auth]) \
                     naming at least one address"
                        .to_owned(),
                );
            }
            for (i, group) in header.groups.iter().enumerate() {
                check_domains(&group.domains, group.role)
                    .map_err(|m| format!("header_auth.groups[{i}] ({:?}): {m}", group.group))?;
            }
        }
        Ok(())
    }
}

/// Why [`AuthConfig::parse`] refused a text.
#[derive(Debug)]
pub enum ParseProblem {
    /// TOML syntax, an unknown key or a wrong type.
    Toml(String),
    /// A value that cannot be used.
    Invalid(String),
}

/// 1 to 64 of `A-Z a-z 0-9 . _ @ -`: safe in logs, cookies and CSV.
pub fn check_name(name: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '@' | '-');
    if name.is_empty() || name.len() > 64 {
        return Err("must have 1 to 64 characters".to_owned());
    }
    if !name.chars().all(allowed) {
        return Err("may hold only letters, digits, '.', '_', '@' and '-'".to_owned());
    }
    Ok(())
}

/// Every role but admin needs at least one domain (or `"*"`).
fn check_domains(domains: &[String], role: Role) -> Result<(), String> {
    if domains.is_empty() && role != Role::Admin {
        return Err(format!(
            "the {role} role needs domains (domain ids, or [\"*\"] for every domain)"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_user(extra: &str) -> String {
        format!(
            "[[users]]\nname = \"alice\"\npassword_hash = \"{}\"\nrole = \"lead\"\ndomains = [\"d-abc\"]\n{extra}",
            password::hash("password1")
        )
    }

    #[test]
    fn a_complete_file_with_users_and_header_auth_parses() {
        let text = format!(
            "session_hours = 8\nsecure_cookies = true\n{}\n[header_auth]\nuser_header = \"X-Forwarded-User\"\n\
             groups_header = \"X-Forwarded-Groups\"\ntrusted_proxies = [\"127.0.0.1/32\", \"::1/128\"]\n\
             [[header_auth.groups]]\ngroup = \"ml-leads\"\nrole = \"lead\"\ndomains = [\"*\"]\n",
            valid_user("profile = \"Alice\"")
        );
        let config = AuthConfig::parse(&text).unwrap();
        assert_eq!(config.session_hours, Some(8));
        assert_eq!(config.users[0].profile.as_deref(), Some("Alice"));
        assert_eq!(config.header_auth.unwrap().groups[0].role, Role::Lead);
    }

    #[test]
    fn an_unknown_key_is_an_error_with_its_line_and_column() {
        let Err(ParseProblem::Toml(message)) = AuthConfig::parse(&valid_user("colour = \"red\""))
        else {
            panic!("refused as TOML");
        };
        assert!(message.contains("line 6"), "{message}");
        assert!(message.contains("colour"), "{message}");
    }

    #[test]
    fn a_hash_that_is_not_argon2id_and_a_bad_name_are_refused() {
        let text = "[[users]]\nname = \"bob\"\npassword_hash = \"secret\"\nrole = \"admin\"\n";
        let Err(ParseProblem::Invalid(message)) = AuthConfig::parse(text) else {
            panic!("refused");
        };
        assert!(message.contains("password_hash"), "{message}");
        assert!(check_name("a b").is_err() && check_name("").is_err());
        assert!(check_name("alice.o-hara@corp").is_ok());
    }
}
