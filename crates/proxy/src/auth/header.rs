//! Identity from an authenticating reverse proxy (oauth2-proxy and the like): the user and
//! group headers, believed only from the configured trusted peers (the caller checks the
//! peer). Groups map to roles: the highest role any group grants, in the union of the
//! domains of the groups that grant that role.

use axum::http::HeaderMap;

use super::config::HeaderAuthConfig;
use studio_admin_api::{DomainScope, Source, User};

use super::roles::Principal;
use crate::error::AppError;

/// Whether the request carries the user header, or the groups header, more than once: a
/// proxy that appends instead of replacing would let the client's own copy through, so
/// such a request is refused rather than believed either way.
pub fn repeated(config: &HeaderAuthConfig, headers: &HeaderMap) -> bool {
    let more_than_one = |name: &str| headers.get_all(name).iter().nth(1).is_some();
    more_than_one(config.user_header.as_str())
        || config.groups_header.as_deref().is_some_and(more_than_one)
}

/// The user the headers name, if the request carries the user header.
pub fn user(config: &HeaderAuthConfig, headers: &HeaderMap) -> Option<String> {
    headers
        .get(config.user_header.as_str())
        .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_owned())
}

/// The principal of `user` with the groups the headers list; 403 when no group grants a
/// role.
pub fn principal(
    config: &HeaderAuthConfig,
    headers: &HeaderMap,
    user: String,
) -> Result<Principal, AppError> {
    if super::config::check_name(&user).is_err() {
        return Err(AppError::Forbidden(
            "the reverse proxy's user name is not a valid studio-admin name".to_owned(),
        ));
    }
    let groups: Vec<String> = config
        .groups_header
        .as_deref()
        .and_then(|name| headers.get(name))
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .unwrap_or_default()
        .split(',')
        .map(|g| g.trim().to_owned())
        .filter(|g| !g.is_empty())
        .collect();
    let matched: Vec<_> = config
        .groups
        .iter()
        .filter(|entry| groups.contains(&entry.group))
        .collect();
    let Some(role) = matched.iter().map(|entry| entry.role).max() else {
        return Err(AppError::Forbidden(
            "your groups grant no role in studio-admin".to_owned(),
        ));
    };
    let domains = matched
        .iter()
        .filter(|entry| entry.role == role)
        .map(|entry| DomainScope::from_list(&entry.domains))
        .fold(DomainScope::Only(Vec::new()), DomainScope::union);
    Ok(Principal(User {
        profile: user.clone(),
        name: user,
        role,
        domains,
        source: Source::Header,
    }))
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;
    use crate::auth::config::GroupEntry;
    use studio_admin_api::Role;

    fn config() -> HeaderAuthConfig {
        let group = |group: &str, role, domains: &[&str]| GroupEntry {
            group: group.to_owned(),
            role,
            domains: domains.iter().map(|d| (*d).to_owned()).collect(),
        };
        HeaderAuthConfig {
            user_header: "X-Forwarded-User".to_owned(),
            groups_header: Some("X-Forwarded-Groups".to_owned()),
            email_header: None,
            trusted_proxies: vec!["127.0.0.1/32".parse().unwrap()],
            groups: vec![
                group("staff", Role::Viewer, &["*"]),
                group("team-a", Role::Lead, &["d-a"]),
                group("team-b", Role::Lead, &["d-b"]),
            ],
        }
    }

    fn headers(groups: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-groups", HeaderValue::from_str(groups).unwrap());
        headers
    }

    #[test]
    fn the_highest_role_wins_with_the_domains_of_the_groups_granting_it() {
        let p = principal(
            &config(),
            &headers("staff, team-a,team-b"),
            "kim".to_owned(),
        )
        .unwrap();
        assert_eq!(p.role, Role::Lead);
        assert_eq!(
            p.domains,
            DomainScope::Only(vec!["d-a".to_owned(), "d-b".to_owned()])
        );
        assert_eq!(p.source, Source::Header);
    }

    #[test]
    fn groups_granting_nothing_are_refused_with_a_message() {
        let refused = principal(&config(), &headers("cooks"), "kim".to_owned()).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "your groups grant no role in studio-admin"
        );
    }
}
