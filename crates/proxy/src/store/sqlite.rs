//! What only SQLite does: how its file (or private in-memory database) is opened, and its
//! migrations (`crates/proxy/migrations/sqlite/`).

use sqlx::any::AnyPoolOptions;
use sqlx::AnyPool;
use sqlx::{Executor as _, migrate::Migrator};

use super::{DbTarget, StoreError};

/// The SQLite schema, embedded in the binary.
static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

/// Set on every connection. `busy_timeout`: how long (ms) a connection waits for another
/// writer before a write fails.
const PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                       PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";

/// A pool for the file or the in-memory database `target` names; nothing is opened yet.
pub(super) fn pool(target: &DbTarget) -> AnyPool {
    let (url, connections) = match target {
        // Each parse of `sqlite::memory:` names a database of its own, which lives as long
        // as a connection to it: keep exactly one, never retired.
        DbTarget::Memory => ("sqlite::memory:".to_owned(), 1),
        DbTarget::Sqlite(path) => (
            format!("sqlite://{}?mode=rwc", encode_path(&path.display().to_string())),
            4,
        ),
        DbTarget::Postgres(_) => unreachable!("a PostgreSQL target has its own pool"),
    };
    AnyPoolOptions::new()
        .max_connections(connections)
        .min_connections(0)
        .idle_timeout(None)
        .max_lifetime(None)
        .after_connect(|connection, _meta| {
            Box::pin(async move {
                // WAL: readers (the API) never wait for the runners' writes. In WAL mode
                // NORMAL loses nothing when the process is killed (only a power loss may
                // lose the last commits), and keeps step writes cheap. Several writers
                // share the file: they wait for each other rather than fail.
                connection.execute(PRAGMAS).await?;
                Ok(())
            })
        })
        .connect_lazy(&url)
        .expect("a SQLite URL made here parses")
}

/// Brings the schema up to date.
pub(super) async fn migrate(pool: &AnyPool) -> Result<(), StoreError> {
    MIGRATOR.run(pool).await?;
    Ok(())
}

/// A file path as a SQLite URL's path: `?`, `#` and `%` percent-encoded (the driver
/// decodes them again).
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3F"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}
