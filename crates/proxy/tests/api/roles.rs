//! Every API endpoint against every kind of caller: signed out, viewer, requester, lead of
//! the domain, lead of another domain, admin. What each caller may do is not written here
//! again: each endpoint names what it needs in the API contract's terms ([`Needs`]), and
//! the expectation comes from the same predicates the handlers and the panel ask
//! ([`studio_admin_api::User`]). Allowed means the server did not refuse with 401 or 403
//! (the answer itself may be 2xx, 404, 409 or 422); refused means 403 `Forbidden`, or 404
//! for an id of a domain the caller does not see (401 `SignInRequired` when signed out).

use std::collections::HashMap;

use axum::body::Body;
use axum::http::Method;
use serde_json::{Value, json};
use studio_admin_api::{Permission, User};
use studio_admin_proxy::auth::Clock;

use crate::helpers::{
    Browser, Reply, TestApp, seed_iam_domain, seed_profile, start_emulator, strings, team_accounts,
};

/// The callers: a viewer, a requester and a lead of the team domain, a lead of another
/// domain, an admin.
const CALLERS: [&str; 5] = ["vera", "rita", "leo", "lou", "ada"];

/// What an endpoint needs of its caller, in the contract's words.
#[derive(Debug, Clone, Copy)]
enum Needs {
    /// Anyone signed in.
    SignedIn,
    /// The permission somewhere (the answer is limited to the caller's domains).
    Anywhere(Permission),
    /// The permission in the team domain.
    InDomain(Permission),
    /// To ask for the caller's own profile in the team domain.
    OwnRequest,
    /// To open Studio as the profile `target` (`{me}`: the caller's own).
    OpenStudio(&'static str),
    /// To see the team's onboarding request (its requester, or who may decide it).
    SeeRequest,
}

impl Needs {
    /// Whether `user` may call an endpoint needing this in `domain`.
    fn allows(self, user: &User, domain: &str) -> bool {
        match self {
            Self::SignedIn => true,
            Self::Anywhere(permission) => user.may(permission),
            Self::InDomain(permission) => user.may_in(permission, domain),
            Self::OwnRequest => user.may_request_profile(domain, &user.profile),
            Self::OpenStudio(target) => {
                let target = if target == "{me}" {
                    &user.profile
                } else {
                    target
                };
                user.may_open_studio(domain, target)
            }
            Self::SeeRequest => user.may_see_request(domain, "rita"),
        }
    }
}

/// One endpoint: `{me}` in the path or body stands for the caller's own profile name,
/// `{d}` for the team domain, `{job}` and `{req}` for a job and a request of that domain.
struct Endpoint {
    method: Method,
    path: &'static str,
    body: Option<&'static str>,
    needs: Needs,
    /// A never-ending event stream: only the status is read.
    stream: bool,
}

const fn endpoint(
    method: Method,
    path: &'static str,
    body: Option<&'static str>,
    needs: Needs,
) -> Endpoint {
    Endpoint {
        method,
        path,
        body,
        needs,
        stream: false,
    }
}

fn endpoints() -> Vec<Endpoint> {
    use Method as M;
    use Needs::{Anywhere, InDomain, OpenStudio, OwnRequest, SeeRequest, SignedIn};
    use Permission::{ChangeProfiles, DecideRequests, Read, ReadAudit, RequestOwn};
    let create = r#"{"UserProfileName": "new-{me}"}"#;
    let request = r#"{"DomainId": "{d}", "UserProfileName": "{me}"}"#;
    vec![
        endpoint(M::GET, "/api/domains", None, SignedIn),
        endpoint(M::GET, "/api/domains/{d}/profiles", None, InDomain(Read)),
        endpoint(
            M::GET,
            "/api/domains/{d}/profiles/someone",
            None,
            InDomain(Read),
        ),
        endpoint(M::POST, "/api/validate", Some("{}"), SignedIn),
        endpoint(
            M::POST,
            "/api/domains/{d}/profiles",
            Some(create),
            InDomain(ChangeProfiles),
        ),
        endpoint(
            M::PUT,
            "/api/domains/{d}/profiles/someone",
            Some("{}"),
            InDomain(ChangeProfiles),
        ),
        endpoint(
            M::GET,
            "/api/domains/{d}/profiles/someone/tags",
            None,
            InDomain(Read),
        ),
        endpoint(
            M::PUT,
            "/api/domains/{d}/profiles/someone/tags",
            Some(r#"{"Tags": [{"Key": "Team", "Value": "{me}"}]}"#),
            InDomain(ChangeProfiles),
        ),
        endpoint(
            M::GET,
            "/api/domains/{d}/profiles/doomed/delete-plan",
            None,
            InDomain(ChangeProfiles),
        ),
        endpoint(
            M::DELETE,
            "/api/domains/{d}/profiles/doomed",
            None,
            InDomain(ChangeProfiles),
        ),
        endpoint(M::GET, "/api/jobs", None, SignedIn),
        endpoint(M::GET, "/api/jobs/{job}", None, InDomain(Read)),
        Endpoint {
            stream: true,
            ..endpoint(M::GET, "/api/jobs/{job}/events", None, InDomain(Read))
        },
        endpoint(
            M::POST,
            "/api/jobs/{job}/cancel",
            None,
            InDomain(ChangeProfiles),
        ),
        endpoint(
            M::POST,
            "/api/jobs/{job}/retry",
            None,
            InDomain(ChangeProfiles),
        ),
        endpoint(
            M::POST,
            "/api/domains/{d}/profiles/{me}/presigned-url",
            Some("{}"),
            OpenStudio("{me}"),
        ),
        endpoint(
            M::POST,
            "/api/domains/{d}/profiles/someone/presigned-url",
            Some("{}"),
            OpenStudio("someone"),
        ),
        endpoint(
            M::POST,
            "/api/domains/{d}/batch/plan",
            Some(r#"{"file": "UserProfileName\nnew-{me}\n"}"#),
            InDomain(ChangeProfiles),
        ),
        endpoint(
            M::GET,
            "/api/domains/{d}/batch/template",
            None,
            InDomain(ChangeProfiles),
        ),
        endpoint(
            M::POST,
            "/api/domains/{d}/batches",
            Some(r#"{"file": "UserProfileName\nnew-{me}\n"}"#),
            InDomain(ChangeProfiles),
        ),
        endpoint(M::GET, "/api/domains/{d}/batches", None, InDomain(Read)),
        endpoint(M::GET, "/api/domains/{d}/batches/1", None, InDomain(Read)),
        endpoint(
            M::GET,
            "/api/domains/{d}/batches/1/events",
            None,
            InDomain(Read),
        ),
        endpoint(
            M::GET,
            "/api/domains/{d}/batches/1/results.csv",
            None,
            InDomain(Read),
        ),
        endpoint(
            M::POST,
            "/api/domains/{d}/batches/1/cancel",
            None,
            InDomain(ChangeProfiles),
        ),
        endpoint(
            M::POST,
            "/api/domains/{d}/batches/1/retry",
            None,
            InDomain(ChangeProfiles),
        ),
        endpoint(M::GET, "/api/domains/{d}/policy", None, InDomain(Read)),
        endpoint(
            M::PUT,
            "/api/domains/{d}/policy",
            Some(r#"{"fixed": {}}"#),
            InDomain(DecideRequests),
        ),
        endpoint(M::POST, "/api/requests", Some(request), OwnRequest),
        endpoint(M::GET, "/api/requests", None, Anywhere(RequestOwn)),
        endpoint(M::GET, "/api/requests/{req}", None, SeeRequest),
        endpoint(M::PUT, "/api/requests/{req}", Some(request), SeeRequest),
        endpoint(
            M::POST,
            "/api/requests/{req}/reject",
            Some(r#"{"reason": "not now"}"#),
            InDomain(DecideRequests),
        ),
        endpoint(
            M::POST,
            "/api/requests/{req}/approve",
            None,
            InDomain(DecideRequests),
        ),
        endpoint(
            M::GET,
            "/api/domains/{d}/directory/users?search=a",
            None,
            InDomain(RequestOwn),
        ),
        endpoint(
            M::GET,
            "/api/domains/{d}/directory/groups",
            None,
            InDomain(ChangeProfiles),
        ),
        endpoint(
            M::GET,
            "/api/domains/{d}/directory/groups/g-1/team",
            None,
            InDomain(ChangeProfiles),
        ),
        endpoint(
            M::POST,
            "/api/domains/{d}/profiles/someone/access",
            None,
            InDomain(ChangeProfiles),
        ),
        endpoint(M::GET, "/api/domains/{d}/running", None, InDomain(Read)),
        endpoint(
            M::POST,
            "/api/domains/{d}/running/stop",
            Some(
                r#"{"apps": [{"AppType": "JupyterServer", "AppName": "default", "UserProfileName": "someone"}]}"#,
            ),
            InDomain(ChangeProfiles),
        ),
        endpoint(M::GET, "/api/audit", None, Anywhere(ReadAudit)),
        endpoint(
            M::GET,
            "/api/audit/export?format=csv",
            None,
            Anywhere(ReadAudit),
        ),
    ]
}

/// Whether the matrix's `path` (`/api/jobs/{job}?x=y`) is an instance of the declared
/// route `template` (`/jobs/{id}`).
fn instance_of(path: &str, template: &str) -> bool {
    let path = path.split('?').next().unwrap_or_default();
    let path = path.strip_prefix("/api").unwrap_or(path);
    let (a, b): (Vec<&str>, Vec<&str>) = (path.split('/').collect(), template.split('/').collect());
    a.len() == b.len() && a.iter().zip(&b).all(|(p, t)| p == t || t.starts_with('{'))
}

/// Routes for everyone, signed in or not (signing in and out, asking who is signed in):
/// `sign_in.rs` tests them.
const FOR_EVERYONE: &str = "/session";

#[test]
fn the_matrix_covers_every_route_the_api_declares() {
    let matrix = endpoints();
    let missing: Vec<String> = studio_admin_proxy::routes::routes()
        .table()
        .iter()
        .filter(|route| route.path != FOR_EVERYONE)
        .filter(|route| {
            !matrix
                .iter()
                .any(|e| e.method == route.method && instance_of(e.path, route.path))
        })
        .map(|route| format!("{} {}", route.method, route.path))
        .collect();
    assert!(missing.is_empty(), "routes without a row: {missing:?}");
}

#[tokio::test]
async fn every_endpoint_answers_each_role_as_the_contracts_predicates_say() {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    let other = seed_iam_domain(&emulator, "elsewhere");
    for name in CALLERS.iter().chain(&["someone", "doomed", "gone"]) {
        seed_profile(&emulator, &domain, name, 100);
    }
    let accounts = team_accounts(&domain, &other);
    let users: HashMap<String, User> = accounts
        .iter()
        .map(|a| (a.name.clone(), a.principal().0))
        .collect();
    let app = TestApp::builder()
        .emulator(emulator)
        .accounts(accounts)
        .clock(&Clock::system())
        .build();
    let mut browsers = HashMap::new();
    for name in CALLERS {
        browsers.insert(name, Browser::sign_in(app.router(), name).await);
    }
    let admin = &browsers["ada"];
    let job = admin.start_delete(&domain, "gone").await.to_string();
    // A pending request of the requester's own (its approval meets the existing profile:
    // AWS's 409, which is not a refusal by role).
    let req = browsers["rita"]
        .submit_request(&domain, "rita")
        .await
        .to_string();

    let fill = |text: &str, me: &str| {
        text.replace("{me}", me)
            .replace("{d}", &domain)
            .replace("{job}", &job)
            .replace("{req}", &req)
    };
    let mut wrong = Vec::new();
    for endpoint in endpoints() {
        let label = format!("{} {}", endpoint.method, endpoint.path);
        let signed_out = call(
            &app,
            &Browser::signed_out(app.router()),
            &endpoint,
            &fill,
            "nobody",
        )
        .await;
        if signed_out != (401, "SignInRequired".to_owned()) {
            wrong.push(format!("{label} signed out: {signed_out:?}"));
        }
        // The callers refused first, then those allowed (whose calls may change things).
        let mut order: Vec<&str> = CALLERS.to_vec();
        order.sort_by_key(|name| endpoint.needs.allows(&users[*name], &domain));
        for name in order {
            let user = &users[name];
            let allowed = endpoint.needs.allows(user, &domain);
            let (status, code) = call(&app, &browsers[name], &endpoint, &fill, name).await;
            let refused = status == 401 || status == 403 && code != "ResourceInUse";
            if allowed && refused {
                wrong.push(format!(
                    "{label} {name}: allowed, but answered {status} {code}"
                ));
            }
            // An id of a domain the caller does not see answers as an unknown id.
            let by_id = endpoint.path.contains("{req}") || endpoint.path.contains("{job}");
            let hidden = by_id && !user.sees(&domain) && status == 404;
            if !allowed && !hidden && (status, code.as_str()) != (403, "Forbidden") {
                wrong.push(format!(
                    "{label} {name}: refused, but answered {status} {code}"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The status and error code of `endpoint` called by `browser` as `me`.
async fn call(
    app: &TestApp,
    browser: &Browser,
    endpoint: &Endpoint,
    fill: &impl Fn(&str, &str) -> String,
    me: &str,
) -> (u16, String) {
    let path = fill(endpoint.path, me);
    let body: Option<Value> = endpoint
        .body
        .map(|b| serde_json::from_str(&fill(b, me)).expect("valid JSON"));
    if endpoint.stream {
        let request = browser.request(endpoint.method.clone(), &path);
        let response = app
            .respond(request.body(Body::empty()).expect("valid request"))
            .await;
        let status = response.status().as_u16();
        if status == 200 {
            return (200, String::new());
        }
        let bytes = http_body_util::BodyExt::collect(response.into_body())
            .await
            .expect("body")
            .to_bytes();
        let json: Value = serde_json::from_slice(&bytes).unwrap_or_default();
        return (status, json["code"].as_str().unwrap_or_default().to_owned());
    }
    let reply = browser
        .send(endpoint.method.clone(), &path, body.as_ref())
        .await;
    let code = if reply.bytes.is_empty() || reply.header("content-type") != Some("application/json")
    {
        String::new()
    } else {
        reply.code()
    };
    (reply.status.as_u16(), code)
}

#[tokio::test]
async fn lists_show_only_the_callers_domains_jobs_and_requests() {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    let other = seed_iam_domain(&emulator, "elsewhere");
    seed_profile(&emulator, &domain, "gone", 100);
    seed_profile(&emulator, &other, "far", 100);
    let app = TestApp::builder()
        .emulator(emulator)
        .accounts(team_accounts(&domain, &other))
        .clock(&Clock::system())
        .build();
    let lou = Browser::sign_in(app.router(), "lou").await;
    let ada = Browser::sign_in(app.router(), "ada").await;
    let rita = Browser::sign_in(app.router(), "rita").await;

    let ids = |reply: &Reply| -> Vec<String> {
        reply.json()["domains"]
            .as_array()
            .expect("domains")
            .iter()
            .map(|d| d["DomainId"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        ids(&lou.get("/api/domains").await),
        std::slice::from_ref(&other)
    );
    assert_eq!(ids(&ada.get("/api/domains").await).len(), 2);

    // An older job in lou's domain, then a newer one in the team's.
    for (d, name) in [(&other, "far"), (&domain, "gone")] {
        ada.start_delete(d, name).await;
    }
    let jobs = lou.get("/api/jobs?limit=1").await.json();
    let domains = strings(&jobs["jobs"], "domain_id");
    assert_eq!(domains, [other.as_str()], "the newest job lou may see");
    assert_eq!(
        ada.get("/api/jobs").await.json()["jobs"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    let refused = lou.get(&format!("/api/jobs?domain={domain}")).await;
    assert_eq!(refused.status, 403);

    rita.submit_request(&domain, "Rita").await;
    assert_eq!(lou.get("/api/requests").await.json()["requests"], json!([]));
    assert_eq!(
        rita.get("/api/requests").await.json()["requests"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let refused = lou.get(&format!("/api/domains/{domain}/profiles")).await;
    assert_eq!(
        refused.json()["errors"][0]["message"],
        format!("requires the viewer role in domain {domain}")
    );
}
