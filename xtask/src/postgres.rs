//! A PostgreSQL server for the tests and benchmarks: a fresh cluster under `target/`, on a
//! free port, stopped and removed when the task ends. PostgreSQL refuses to run as root,
//! so as root the cluster belongs to, and runs as, the unprivileged `postgres` user.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::bootstrap::postgres_bin;
use crate::cmd::{output, run, step};

/// A running test server; stopped (and its files removed) when dropped.
#[derive(Debug)]
pub struct TestPostgres {
    bin: PathBuf,
    dir: PathBuf,
    as_postgres: bool,
    /// `postgres://postgres@127.0.0.1:PORT/postgres`: the server's admin database, from
    /// which tests create their own.
    pub url: String,
}

impl TestPostgres {
    /// Makes a cluster and starts it.
    pub fn start(root: &Path) -> Result<Self> {
        step("Starting a PostgreSQL server for the tests");
        let bin = postgres_bin().context("PostgreSQL is not installed (bootstrap installs it)")?;
        let dir = root
            .join("target")
            .join("xtask-postgres")
            .join(format!("run-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        let as_postgres = output(Command::new("id").arg("-u")).as_deref() == Some("0");
        if as_postgres {
            run(Command::new("chown").arg("postgres").arg(&dir))?;
        }
        let port = free_port()?;
        let server = Self {
            url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
            bin,
            dir,
            as_postgres,
        };
        let data = server.dir.join("data");
        run(server
            .tool("initdb")
            .arg("-D")
            .arg(&data)
            .args(["-A", "trust", "-U", "postgres", "--no-sync"])
            .arg("-E")
            .arg("UTF8"))?;
        // Tests open many databases and connections at once; durability does not matter.
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=400 \
             -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            server.dir.display()
        );
        run(server
            .tool("pg_ctl")
            .arg("-D")
            .arg(&data)
            .args(["-o", &options, "-l"])
            .arg(server.dir.join("log"))
            .args(["-w", "start"]))
        .with_context(|| {
            format!(
                "PostgreSQL did not start; see {}",
                server.dir.join("log").display()
            )
        })?;
        println!("    PostgreSQL listening at {}", server.url);
        Ok(server)
    }

    /// One of the server's programs, run as the cluster's owner.
    fn tool(&self, name: &str) -> Command {
        let program = self.bin.join(name);
        if self.as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        } else {
            Command::new(program)
        }
    }
}

impl Drop for TestPostgres {
    fn drop(&mut self) {
        let stopped = self
            .tool("pg_ctl")
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "-w", "stop"])
            .output();
        if !stopped.is_ok_and(|o| o.status.success()) {
            eprintln!(
                "warning: could not stop the test PostgreSQL in {}",
                self.dir.display()
            );
            return;
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Starts a server, prints how to point the tests at it, and stops it on Enter.
pub fn serve_until_enter(root: &Path) -> Result<()> {
    crate::bootstrap::ensure(
        root,
        crate::bootstrap::Needs {
            postgres: true,
            ..crate::bootstrap::Needs::NONE
        },
    )?;
    let server = TestPostgres::start(root)?;
    println!(
        "\nexport STUDIO_ADMIN_TEST_POSTGRES={}\n\nPress Enter to stop it.",
        server.url
    );
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    drop(server);
    Ok(())
}

/// A TCP port nobody listens on now.
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    if port == 5432 {
        bail!("the system gave the default PostgreSQL port; try again");
    }
    Ok(port)
}
