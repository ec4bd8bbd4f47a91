//! Which names the server answers to. A request whose `Host` is not one of them is refused
//! (421 Misdirected Request) before anything else runs: that defeats DNS rebinding, where
//! a page on `evil.test` has its name pointed at this server and then calls the API with
//! the browser's credentials (or, with `--no-auth`, with none needed at all).
//!
//! By default the server answers to its listen address, and to `localhost` names when it
//! listens on loopback; `--allowed-host` and the accounts file's `allowed_hosts` add
//! public names. Addresses written as IP literals cannot be rebound, so a server listening
//! on every interface (`0.0.0.0`, `::`) also answers to any IP literal.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Auth;
use crate::error::AppError;

/// The names (without port) requests may be addressed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedHosts {
    /// Lower-case host names.
    names: Vec<String>,
    /// IP addresses, or every IP literal when the server listens on every interface.
    ips: IpLiterals,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum IpLiterals {
    Any,
    Only(Vec<IpAddr>),
}

impl AllowedHosts {
    /// A server on loopback: `localhost`, `127.0.0.1` and `::1`.
    pub fn loopback() -> Self {
        Self {
            names: vec!["localhost".to_owned()],
            ips: IpLiterals::Only(vec![
                IpAddr::from([127, 0, 0, 1]),
                IpAddr::from([0, 0, 0, 0, 0, 0, 0, 1]),
            ]),
        }
    }

    /// What a server listening on `listen` answers to by default.
    pub fn for_listen(listen: SocketAddr) -> Self {
        let ip = listen.ip();
        if ip.is_loopback() {
            let mut hosts = Self::loopback();
            hosts.add_ip(ip);
            hosts
        } else if ip.is_unspecified() {
            Self {
                names: vec!["localhost".to_owned()],
                ips: IpLiterals::Any,
            }
        } else {
            Self {
                names: Vec::new(),
                ips: IpLiterals::Only(vec![ip]),
            }
        }
    }

    /// Both lists together.
    #[must_use]
    pub fn union(mut self, other: Self) -> Self {
        for name in other.names {
            self = self.with(&name);
        }
        match other.ips {
            IpLiterals::Any => self.ips = IpLiterals::Any,
            IpLiterals::Only(ips) => ips.into_iter().for_each(|ip| self.add_ip(ip)),
        }
        self
    }

    /// The same, also answering to `name` (a host name or an IP address, without port).
    #[must_use]
    pub fn with(mut self, name: &str) -> Self {
        let name = name.trim().trim_end_matches('.').to_ascii_lowercase();
        match name.trim_matches(['[', ']']).parse::<IpAddr>() {
            Ok(ip) => self.add_ip(ip),
            Err(_) if !name.is_empty() && !self.names.contains(&name) => self.names.push(name),
            Err(_) => {}
        }
        self
    }

    fn add_ip(&mut self, ip: IpAddr) {
        if let IpLiterals::Only(ips) = &mut self.ips
            && !ips.contains(&ip)
        {
            ips.push(ip);
        }
    }

    /// Whether a request addressed to `host` (a `Host` header: name or address, with or
    /// without port) is for this server.
    pub fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let name = strip_port(&host).trim_end_matches('.');
        match name.trim_matches(['[', ']']).parse::<IpAddr>() {
            Ok(ip) => match &self.ips {
                IpLiterals::Any => true,
                IpLiterals::Only(ips) => ips.contains(&ip),
            },
            Err(_) => self.names.iter().any(|n| n == name),
        }
    }
}

/// `example.test:8080` -> `example.test`; `[::1]:8080` -> `[::1]`; `::1` stays.
fn strip_port(host: &str) -> &str {
    if let Some(end) = host.find(']') {
        return &host[..=end];
    }
    match host.rsplit_once(':') {
        Some((name, port)) if !name.contains(':') && port.chars().all(|c| c.is_ascii_digit()) => {
            name
        }
        _ => host,
    }
}

/// Refuses requests addressed to a name the server does not answer to. A request without
/// any `Host` (not something a browser sends) is let through.
pub async fn check_host(State(auth): State<Auth>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .or_else(|| request.uri().authority().map(|a| a.as_str().to_owned()));
    if let Some(host) = host
        && !auth.settings().allowed_hosts.allows(&host)
    {
        tracing::warn!(host = %host, "request for a host this server does not answer to refused");
        return AppError::HostNotAllowed(host).into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loopback_server_answers_to_localhost_names_with_any_port_and_nothing_else() {
        let hosts = AllowedHosts::for_listen("127.0.0.1:8080".parse().unwrap());
        for host in [
            "localhost:8080",
            "LOCALHOST",
            "127.0.0.1:8080",
            "[::1]:8080",
            "localhost.",
        ] {
            assert!(hosts.allows(host), "{host}");
        }
        for host in [
            "evil.test:8080",
            "evil.test",
            "192.0.2.1:8080",
            "localhost.evil.test",
        ] {
            assert!(!hosts.allows(host), "{host}");
        }
    }

    #[test]
    fn added_names_are_answered_to_and_a_server_on_every_interface_takes_any_ip_literal() {
        let hosts = AllowedHosts::for_listen("0.0.0.0:443".parse().unwrap())
            .with("Admin.Example.com")
            .with("[2001:db8::1]");
        assert!(hosts.allows("admin.example.com"));
        assert!(hosts.allows("admin.example.com:443"));
        assert!(
            hosts.allows("203.0.113.9:443"),
            "IP literals cannot be rebound"
        );
        assert!(!hosts.allows("evil.test"));
        let specific = AllowedHosts::for_listen("192.0.2.5:80".parse().unwrap());
        assert!(specific.allows("192.0.2.5"));
        assert!(!specific.allows("192.0.2.6"));
        assert!(!specific.allows("localhost"));
    }
}
