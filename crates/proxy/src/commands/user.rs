//! `studio-admin user add`: a `[[users]]` entry for the accounts file, with an argon2id
//! hash of a password read from standard input (so it never appears in the shell's history
//! or the process list).

use std::io::{BufRead as _, IsTerminal as _, Write as _};

use anyhow::Context as _;

use studio_admin_api::Role;

use crate::auth::config::check_name;
use crate::auth::password::{self, MIN_PASSWORD_CHARS};
use crate::cli::UserAddArgs;

/// Reads the password and prints the entry on stdout.
pub fn add(args: &UserAddArgs) -> anyhow::Result<()> {
    check_name(&args.name).map_err(|m| anyhow::anyhow!("the name {m}"))?;
    let role = args.role;
    let domains = if args.domains.is_empty() && role == Role::Admin {
        vec!["*".to_owned()]
    } else {
        args.domains.clone()
    };
    anyhow::ensure!(
        !domains.is_empty(),
        "the {role} role needs --domain (a domain id, or '*' for every domain)"
    );
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!(
            "password for {} (at least {MIN_PASSWORD_CHARS} characters): ",
            args.name
        );
        std::io::stderr().flush().ok();
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    let password = line.trim_end_matches(['\r', '\n']);
    anyhow::ensure!(
        password.chars().count() >= MIN_PASSWORD_CHARS,
        "the password is shorter than {MIN_PASSWORD_CHARS} characters"
    );
    print!("{}", entry(args, role, &domains, &password::hash(password)));
    Ok(())
}

/// The TOML text of the entry.
fn entry(args: &UserAddArgs, role: Role, domains: &[String], hash: &str) -> String {
    let domains: Vec<String> = domains.iter().map(|d| quote(d)).collect();
    let mut text = format!(
        "[[users]]\nname = {}\npassword_hash = {}\nrole = {}\ndomains = [{}]\n",
        quote(&args.name),
        quote(hash),
        quote(role.as_str()),
        domains.join(", ")
    );
    if let Some(profile) = &args.profile {
        text.push_str(&format!("profile = {}\n", quote(profile)));
    }
    text
}

/// A TOML basic string: JSON's string escapes are valid TOML escapes.
fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}
