//! Domain policies: members of CreateUserProfile a domain's leads fix for requesters (the
//! execution role, say), and how a request is merged with them.
//!
//! | route | answer |
//! |---|---|
//! | `GET /api/domains/{domain}/policy` | `{"fixed": {...}, "updated_by"?, "updated_at"?}` |
//! | `PUT /api/domains/{domain}/policy` `{"fixed": {...}}` | the policy |

use axum::Json;
use axum::extract::State;
use axum::http::Method;
use serde_json::{Map, Value};
use studio_admin_model::{
    CreateUserProfileRequest, Problem, ProblemKind, Report, Severity, Validate as _,
    from_json_strict,
};

use studio_admin_api::{AuditAction, DomainPolicy, Permission, PolicyUpdate};

use super::ApiRoutes;
use super::allowed::{Allowed, need};
use crate::audit::Note;

use crate::auth::Principal;
use crate::error::AppError;
use crate::extract::{Path, StrictJson};
use crate::state::AppState;

/// Members a policy may not fix: they name the domain and the person.
const NOT_FIXABLE: [&str; 2] = ["DomainId", "UserProfileName"];

/// The policy routes.
pub fn router() -> ApiRoutes<AppState> {
    ApiRoutes::new()
        .read(Method::GET, "/domains/{domain}/policy", show)
        .change(
            AuditAction::PolicyUpdate,
            Method::PUT,
            "/domains/{domain}/policy",
            put,
        )
}

async fn show(
    State(state): State<AppState>,
    Allowed { path: domain, .. }: Allowed<need::Read>,
) -> Result<Json<DomainPolicy>, AppError> {
    Ok(Json(state.store.policy(&domain).await?))
}

/// Parses `fixed` strictly as a CreateUserProfile request (unknown members refused with
/// their path), checks the model's constraints of the members present, and stores it.
async fn put(
    State(state): State<AppState>,
    principal: Principal,
    note: Note,
    Path(domain): Path<String>,
    StrictJson(body): StrictJson<PolicyUpdate>,
) -> Result<Json<DomainPolicy>, AppError> {
    principal.require_in(Permission::DecideRequests, &domain)?;
    note.set_summary(serde_json::json!({ "fixed": body.fixed }));
    check_fixed(&body.fixed)?;
    let policy = state
        .store
        .put_policy(&domain, &body.fixed, &principal.name, state.auth.now_ms())
        .await?;
    tracing::info!(domain = %domain, by = %principal.name, "domain policy updated");
    Ok(Json(policy))
}

/// Refuses a `fixed` that is not a partial CreateUserProfile request.
fn check_fixed(fixed: &Value) -> Result<(), AppError> {
    let Value::Object(members) = fixed else {
        return Err(problem(
            "fixed",
            "must be a JSON object of CreateUserProfile members",
        ));
    };
    if let Some(member) = NOT_FIXABLE.iter().find(|m| members.contains_key(**m)) {
        return Err(problem(
            member,
            "names the domain or the person: a policy cannot fix it",
        ));
    }
    let request: CreateUserProfileRequest = from_json_strict(&fixed.to_string())?;
    let mut report = request.check_model();
    // The policy is a part of a request: what it leaves out is not missing.
    report.problems.retain(|p| p.kind != ProblemKind::Required);
    if report.has_errors() {
        return Err(AppError::Validation(report));
    }
    Ok(())
}

fn problem(path: &str, message: &str) -> AppError {
    AppError::Validation(Report {
        problems: vec![Problem {
            path: path.to_owned(),
            message: message.to_owned(),
            severity: Severity::Error,
            kind: ProblemKind::Rule,
        }],
    })
}

/// Fills every leaf member of `fixed` (a JSON leaf or a whole array) that `body` lacks,
/// and refuses, at its path, every one `body` gives with another value.
pub fn apply(body: &mut Value, fixed: &Value) -> Result<(), AppError> {
    let (Value::Object(body), Value::Object(fixed)) = (body, fixed) else {
        return Ok(());
    };
    let mut problems = Vec::new();
    merge(body, fixed, "", &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(Report { problems }))
    }
}

/// Fills every leaf member of `fixed` that `body` lacks and keeps the ones `body` gives,
/// whatever their value (a lead or admin editing a request decides differences).
pub fn fill(body: &mut Value, fixed: &Value) {
    if let (Value::Object(body), Value::Object(fixed)) = (body, fixed) {
        // The differences `merge` notes are the editor's decision here: not refused.
        merge(body, fixed, "", &mut Vec::new());
    }
}

fn merge(
    body: &mut Map<String, Value>,
    fixed: &Map<String, Value>,
    at: &str,
    problems: &mut Vec<Problem>,
) {
    for (member, wanted) in fixed {
        let path = if at.is_empty() {
            member.clone()
        } else {
            format!("{at}.{member}")
        };
        match (body.get_mut(member), wanted) {
            (None | Some(Value::Null), _) => {
                body.insert(member.clone(), wanted.clone());
            }
            (Some(Value::Object(given)), Value::Object(wanted)) => {
                merge(given, wanted, &path, problems);
            }
            (Some(given), wanted) if given == wanted => {}
            (Some(_), wanted) => problems.push(Problem {
                path,
                message: format!("fixed by the domain's policy to {wanted}"),
                severity: Severity::Error,
                kind: ProblemKind::Rule,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn absent_members_are_filled_and_equal_ones_pass() {
        let fixed = json!({"UserSettings": {"ExecutionRole": "arn:aws:iam::111122223333:role/Team",
                                            "SecurityGroups": ["sg-1"]}});
        let mut body =
            json!({"UserProfileName": "rita", "UserSettings": {"SecurityGroups": ["sg-1"]}});
        apply(&mut body, &fixed).unwrap();
        assert_eq!(
            body,
            json!({"UserProfileName": "rita", "UserSettings": {
                "SecurityGroups": ["sg-1"], "ExecutionRole": "arn:aws:iam::111122223333:role/Team"}})
        );
    }

    #[test]
    fn filling_adds_absent_members_and_keeps_different_ones() {
        let fixed = json!({"UserSettings": {"ExecutionRole": "arn:a", "SecurityGroups": ["sg-1"]}});
        let mut body = json!({"UserSettings": {"ExecutionRole": "arn:b"}});
        fill(&mut body, &fixed);
        assert_eq!(
            body,
            json!({"UserSettings": {"ExecutionRole": "arn:b", "SecurityGroups": ["sg-1"]}})
        );
    }

    #[test]
    fn a_different_value_is_refused_at_its_path_and_arrays_are_whole_leaves() {
        let fixed = json!({"UserSettings": {"ExecutionRole": "arn:a", "SecurityGroups": ["sg-1"]}});
        let mut body =
            json!({"UserSettings": {"ExecutionRole": "arn:b", "SecurityGroups": ["sg-1", "sg-2"]}});
        let Err(AppError::Validation(report)) = apply(&mut body, &fixed) else {
            panic!("refused");
        };
        let paths: Vec<&str> = report.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["UserSettings.ExecutionRole", "UserSettings.SecurityGroups"]
        );
        assert_eq!(
            report.problems[0].message,
            "fixed by the domain's policy to \"arn:a\""
        );
    }

    #[test]
    fn a_policy_may_not_fix_the_domain_or_the_name_or_hold_unknown_members() {
        assert!(check_fixed(&json!({"UserProfileName": "x"})).is_err());
        assert!(matches!(
            check_fixed(&json!({"UserSettings": {"Colour": "red"}})),
            Err(AppError::UnknownMember { path }) if path == "UserSettings.Colour"
        ));
        assert!(check_fixed(&json!({"UserSettings": {"ExecutionRole": "not an arn"}})).is_err());
        assert!(
            check_fixed(
                &json!({"UserSettings": {"ExecutionRole": "arn:aws:iam::111122223333:role/Team"}})
            )
            .is_ok()
        );
    }
}
