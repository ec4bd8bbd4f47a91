//! A fresh PostgreSQL database per test, on the server `cargo xtask test` starts (its URL
//! in `STUDIO_ADMIN_TEST_POSTGRES`, naming a database the tests may create others from).

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::Connection as _;
use sqlx::postgres::PgConnection;
use studio_admin_proxy::store::DbTarget;

/// The variable naming the test server.
pub const SERVER_VARIABLE: &str = "STUDIO_ADMIN_TEST_POSTGRES";

/// The test server's URL; a clear failure when there is none (these tests are never
/// skipped: `cargo xtask test` installs and starts PostgreSQL).
pub fn server_url() -> String {
    std::env::var(SERVER_VARIABLE).unwrap_or_else(|_| {
        panic!(
            "{SERVER_VARIABLE} is not set: run the tests with `cargo xtask test`, which starts \
             a PostgreSQL server for them, or set it to postgres://USER@HOST:PORT/postgres"
        )
    })
}

/// A new, empty database on the test server.
pub async fn fresh_database() -> DbTarget {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let server = server_url();
    let name = format!(
        "studio_admin_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let mut admin = PgConnection::connect(&server)
        .await
        .unwrap_or_else(|e| panic!("cannot reach the test PostgreSQL at {server}: {e}"));
    // The name is made here of letters, digits and underscores only.
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .unwrap();
    DbTarget::Postgres(with_database(&server, &name))
}

/// `url` naming database `name` instead of its own.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_part = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    format!("{host_part}/{name}{query}")
}
