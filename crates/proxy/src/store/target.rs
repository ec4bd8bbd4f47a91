//! Where the database is, as `--db` (or `STUDIO_ADMIN_DB`) says it: a SQLite file (a bare
//! path or `sqlite:PATH`), or PostgreSQL (`postgres://...` / `postgresql://...`).

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// Where the database is.
#[derive(Clone, PartialEq, Eq)]
pub enum DbTarget {
    /// A private in-memory SQLite database (no `--db`): nothing survives a restart.
    Memory,
    /// A SQLite file, created if missing.
    Sqlite(PathBuf),
    /// A PostgreSQL database URL (it may carry a password: never shown).
    Postgres(String),
}

/// A `--db` value that names no database.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TargetError(String);

impl FromStr for DbTarget {
    type Err = TargetError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            text.parse::<sqlx::postgres::PgConnectOptions>()
                .map_err(|e| TargetError(format!("--db: not a usable PostgreSQL URL: {e}")))?;
            return Ok(Self::Postgres(text.to_owned()));
        }
        let path = text.strip_prefix("sqlite:").unwrap_or(text);
        let path = path.strip_prefix("//").unwrap_or(path);
        if path.is_empty() {
            return Err(TargetError(format!(
                "--db {text:?} names no database: give a file (sqlite:PATH) or postgres://..."
            )));
        }
        if path.contains("://") {
            return Err(TargetError(format!(
                "--db {text:?}: only SQLite files and postgres:// URLs are supported"
            )));
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }
}

impl DbTarget {
    /// What the target is, for messages and logs: the file, or the URL without password.
    pub fn label(&self) -> String {
        match self {
            Self::Memory => "(in memory)".to_owned(),
            Self::Sqlite(path) => path.display().to_string(),
            Self::Postgres(url) => without_password(url),
        }
    }
}

impl fmt::Debug for DbTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DbTarget({})", self.label())
    }
}

/// `postgres://user:secret@host/db` -> `postgres://user@host/db`.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}@{host}")
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_path_and_sqlite_urls_are_files_and_postgres_urls_are_servers() {
        assert_eq!(
            "studio-admin.db".parse::<DbTarget>(),
            Ok(DbTarget::Sqlite("studio-admin.db".into()))
        );
        assert_eq!(
            "sqlite:/var/lib/sa.db".parse::<DbTarget>(),
            Ok(DbTarget::Sqlite("/var/lib/sa.db".into()))
        );
        assert_eq!(
            "sqlite:///var/lib/sa.db".parse::<DbTarget>(),
            Ok(DbTarget::Sqlite("/var/lib/sa.db".into()))
        );
        let pg: DbTarget = "postgres://admin:s3cret@db.internal:5432/studio".parse().unwrap();
        assert_eq!(pg.label(), "postgres://admin@db.internal:5432/studio");
        assert!(!format!("{pg:?}").contains("s3cret"));
        assert!("mysql://x".parse::<DbTarget>().is_err());
        assert!("sqlite:".parse::<DbTarget>().is_err());
    }
}
