//! A team from a file: the plan of a CSV file or JSON array of CreateUserProfile requests,
//! and a template to start one from. Leads of the domain and admins only.
//!
//! | route | answer |
//! |---|---|
//! | `POST /api/domains/{domain}/batch/plan` `{"file", "create_only"?}` | `BatchPlan` |
//! | `GET /api/domains/{domain}/batch/template` | a CSV file: the domain's columns, one example row |

use axum::Json;
use axum::extract::{DefaultBodyLimit, State};
use axum::handler::Handler;
use axum::http::{Method, header};
use axum::response::IntoResponse;
use serde_json::Value;
use studio_admin_api::{BatchPlan, Permission, PlanBody};
use studio_admin_model::table::{Table, template};
use studio_admin_model::{AuthMode, CreateUserProfileRequest, DomainContext};

use super::ApiRoutes;
use super::allowed::{Allowed, need};
use super::policy;
use super::support::{describe_domain, domain_context};
use crate::auth::Principal;
use crate::batch::{self, PlanOptions};
use crate::error::AppError;
use crate::extract::{Path, StrictJson};
use crate::state::AppState;

/// Largest team file the plan reads (1,000 rows of a dozen columns fit easily).
pub(super) const FILE_LIMIT: usize = 2 * 1024 * 1024;

/// The batch routes.
pub fn router() -> ApiRoutes<AppState> {
    ApiRoutes::new()
        .read(
            Method::POST,
            "/domains/{domain}/batch/plan",
            // A team file is larger than any single request the API reads.
            Handler::<_, AppState>::layer(plan, DefaultBodyLimit::max(FILE_LIMIT)),
        )
        .read(
            Method::GET,
            "/domains/{domain}/batch/template",
            csv_template,
        )
}

/// Plans the file with the domain's context and its policy's fixed members filled in.
/// Nothing is sent to SageMaker but look-ups.
async fn plan(
    State(state): State<AppState>,
    principal: Principal,
    Path(domain): Path<String>,
    StrictJson(body): StrictJson<PlanBody>,
) -> Result<Json<BatchPlan>, AppError> {
    principal.require_in(Permission::ChangeProfiles, &domain)?;
    Ok(Json(plan_file(&state, &domain, &body).await?.0))
}

/// The plan of a team file for `domain` (its context and policy applied), and the
/// request of every valid row by index into the plan's rows: what applying it sends.
pub(super) async fn plan_file(
    state: &AppState,
    domain: &str,
    body: &PlanBody,
) -> Result<(BatchPlan, Vec<(usize, CreateUserProfileRequest)>), AppError> {
    let context = domain_context(state, domain).await?;
    let fixed = state.store.policy(domain).await?.fixed;
    let mut table = Table::parse(&body.file);
    for row in &mut table.rows {
        let mut request = Value::Object(std::mem::take(&mut row.request));
        policy::fill(&mut request, &fixed);
        if let Value::Object(map) = request {
            row.request = map;
        }
    }
    let options = PlanOptions {
        context: Some(&context),
        create_only: body.create_only,
    };
    Ok(batch::plan_rows(&state.sagemaker, domain, table, options).await?)
}

/// A CSV file with the columns a team of this domain usually needs (SSO domains: the
/// directory user; VPC-only domains: security groups) and one example row.
async fn csv_template(
    State(state): State<AppState>,
    Allowed { path: domain, .. }: Allowed<need::ChangeProfiles>,
) -> Result<impl IntoResponse, AppError> {
    let described = describe_domain(&state, &domain).await?;
    let context = DomainContext::from_describe(&described);
    let role = described
        .default_user_settings
        .as_ref()
        .and_then(|s| s.execution_role.clone())
        .unwrap_or_else(|| "arn:aws:iam::111122223333:role/StudioExecution".to_owned());
    let groups = context.default_security_groups.join(";");
    let mut columns = Vec::new();
    if context.auth_mode == AuthMode::Sso {
        columns.push(("SingleSignOnUserIdentifier", "UserName".to_owned()));
        columns.push(("SingleSignOnUserValue", "jane.doe".to_owned()));
    }
    columns.push(("UserSettings.ExecutionRole", role));
    if !groups.is_empty() {
        columns.push(("UserSettings.SecurityGroups", groups));
    }
    columns.push((
        "UserSettings.JupyterLabAppSettings.DefaultResourceSpec.InstanceType",
        "ml.t3.medium".to_owned(),
    ));
    let columns: Vec<(&str, &str)> = columns.iter().map(|(c, v)| (*c, v.as_str())).collect();
    let text = template(&columns, &[("Team", "data-science")]);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"team-{domain}.csv\""),
            ),
        ],
        text,
    ))
}
