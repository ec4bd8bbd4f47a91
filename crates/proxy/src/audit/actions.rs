//! Which API requests are changes the audit log records, and what their path says about
//! them (paths relative to `/api`).

use axum::http::Method;

/// A change a route makes, as the audit log names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteAction {
    /// `profile.create`, `job.cancel`, ...
    pub action: &'static str,
    /// The domain in the path, if any.
    pub domain_id: Option<String>,
    /// The profile name, job id or request id in the path, if any.
    pub target: Option<String>,
}

/// The action of `method path`, or `None` for reads (and `POST /validate`, which changes
/// nothing).
pub fn route_action(method: &Method, path: &str) -> Option<RouteAction> {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let owned = |s: &&str| Some((*s).to_owned());
    let (action, domain_id, target) = match (method.as_str(), segments.as_slice()) {
        ("POST", ["session"]) => ("session.sign_in", None, None),
        ("DELETE", ["session"]) => ("session.sign_out", None, None),
        ("POST", ["domains", d, "profiles"]) => ("profile.create", owned(d), None),
        ("PUT", ["domains", d, "profiles", n]) => ("profile.update", owned(d), owned(n)),
        ("DELETE", ["domains", d, "profiles", n]) => ("profile.delete", owned(d), owned(n)),
        ("POST", ["domains", d, "profiles", n, "presigned-url"]) => {
            ("profile.presigned_url", owned(d), owned(n))
        }
        ("PUT", ["domains", d, "policy"]) => ("policy.update", owned(d), None),
        ("POST", ["jobs", id, "cancel"]) => ("job.cancel", None, owned(id)),
        ("POST", ["jobs", id, "retry"]) => ("job.retry", None, owned(id)),
        ("POST", ["requests"]) => ("request.submit", None, None),
        ("PUT", ["requests", id]) => ("request.update", None, owned(id)),
        ("POST", ["requests", id, "approve"]) => ("request.approve", None, owned(id)),
        ("POST", ["requests", id, "reject"]) => ("request.reject", None, owned(id)),
        _ => return None,
    };
    Some(RouteAction {
        action,
        domain_id,
        target,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_named_with_their_domain_and_target_and_reads_are_not() {
        let delete = route_action(&Method::DELETE, "/domains/d-1/profiles/alice").unwrap();
        assert_eq!(delete.action, "profile.delete");
        assert_eq!(delete.domain_id.as_deref(), Some("d-1"));
        assert_eq!(delete.target.as_deref(), Some("alice"));
        assert_eq!(
            route_action(&Method::POST, "/requests/7/approve")
                .unwrap()
                .action,
            "request.approve"
        );
        assert_eq!(
            route_action(&Method::GET, "/domains/d-1/profiles/alice"),
            None
        );
        assert_eq!(route_action(&Method::POST, "/validate"), None);
    }
}
