//! The plan of a team file: each row (read by `studio_admin_model::table`, the domain's
//! policy filled in by the caller) checked as the add-user form checks a request, then looked
//! up with DescribeUserProfile: no profile, `create`; a profile with the row's settings,
//! `unchanged`; with other settings, `update` and the members that differ.
//!
//! Tags are not compared: DescribeUserProfile does not return them, and they are set when
//! a profile is created.

use futures_util::{StreamExt as _, stream};
use serde_json::{Map, Value};
use studio_admin_api::{BatchPlan, PlanCounts, PlanRow, RowAction};
use studio_admin_model::table::{RowProblem, Table, check_row};
use studio_admin_model::{
    CreateUserProfileRequest, DescribeUserProfileRequest, DescribeUserProfileResponse,
    DomainContext, Severity,
};

use crate::sagemaker::{SageMakerClient, SageMakerError};

/// Look-ups in flight at once: a team of 30 plans in about the time of four calls, well
/// under SageMaker's describe rate.
const LOOKUPS_IN_FLIGHT: usize = 8;

/// What a plan is made with besides the file.
#[derive(Debug, Clone, Default)]
pub struct PlanOptions<'a> {
    /// The domain's context for validation (auth mode, network, default groups).
    pub context: Option<&'a DomainContext>,
    /// Whether existing profiles are left as they are.
    pub create_only: bool,
}

/// Plans the rows of `table` (a team file read) for `domain`. Fails only when SageMaker
/// cannot be asked about a row (after the client's retries); problems of the file and its
/// rows are in the plan.
pub async fn plan(
    client: &SageMakerClient,
    domain: &str,
    table: Table,
    options: PlanOptions<'_>,
) -> Result<BatchPlan, SageMakerError> {
    Ok(plan_rows(client, domain, table, options).await?.0)
}

/// [`plan`], and the request of every valid row (by index into the plan's rows): what
/// applying the plan sends.
pub async fn plan_rows(
    client: &SageMakerClient,
    domain: &str,
    table: Table,
    options: PlanOptions<'_>,
) -> Result<(BatchPlan, Vec<(usize, CreateUserProfileRequest)>), SageMakerError> {
    let mut rows = Vec::with_capacity(table.rows.len());
    let mut lookups = Vec::new();
    if table.problems.is_empty() {
        for row in &table.rows {
            let checked = check_row(row, domain, options.context);
            let valid = checked.is_valid();
            if let (true, Some(request)) = (valid, checked.request) {
                lookups.push((rows.len(), request));
            }
            let planned = PlanRow {
                row: row.row,
                line: row.line,
                name: row.name().map(str::to_owned),
                action: RowAction::Invalid,
                changes: Vec::new(),
                problems: checked.problems,
            };
            rows.push(planned);
        }
    }
    // Owned items: a stream of borrowed ones makes a future that is not `Send` for every
    // lifetime, which axum's handlers need.
    let found: Vec<_> = stream::iter(lookups)
        .map(|(index, request)| async move {
            let answer = look_up(client, &request).await;
            (index, request, answer)
        })
        .buffer_unordered(LOOKUPS_IN_FLIGHT)
        .collect()
        .await;
    let mut requests = Vec::with_capacity(found.len());
    for (index, request, answer) in found {
        let row = &mut rows[index];
        match answer? {
            None => row.action = RowAction::Create,
            Some(profile) => match compare(&request, &profile) {
                Ok(changes) if changes.is_empty() => row.action = RowAction::Unchanged,
                Ok(changes) => {
                    row.action = RowAction::Update;
                    row.changes = changes;
                }
                Err(problem) => row.problems.push(problem),
            },
        }
        requests.push((index, request));
    }
    requests.sort_by_key(|(index, _)| *index);
    let plan = BatchPlan {
        domain_id: domain.to_owned(),
        create_only: options.create_only,
        counts: PlanCounts::of(&rows),
        rows,
        problems: table.problems,
    };
    Ok((plan, requests))
}

/// The profile the row names, or `None` when there is none.
async fn look_up(
    client: &SageMakerClient,
    request: &CreateUserProfileRequest,
) -> Result<Option<DescribeUserProfileResponse>, SageMakerError> {
    let describe = DescribeUserProfileRequest {
        domain_id: request.domain_id.clone(),
        user_profile_name: request.user_profile_name.clone(),
    };
    match client.describe_user_profile(&describe).await {
        Ok(profile) => Ok(Some(profile)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// The members of the row whose value differs from the profile's (paths); an error when
/// the profile belongs to another directory user, which no update can change.
fn compare(
    request: &CreateUserProfileRequest,
    profile: &DescribeUserProfileResponse,
) -> Result<Vec<String>, RowProblem> {
    if let Some(wanted) = &request.single_sign_on_user_value
        && profile.single_sign_on_user_value.as_ref() != Some(wanted)
    {
        return Err(RowProblem {
            column: "SingleSignOnUserValue".to_owned(),
            path: "SingleSignOnUserValue".to_owned(),
            message: format!(
                "the profile exists for another person ({}); a profile's user cannot be changed",
                profile
                    .single_sign_on_user_value
                    .as_deref()
                    .unwrap_or("none")
            ),
            severity: Severity::Error,
        });
    }
    let wanted = serde_json::to_value(&request.user_settings).unwrap_or(Value::Null);
    let current = serde_json::to_value(&profile.user_settings).unwrap_or(Value::Null);
    let mut changes = Vec::new();
    if let Value::Object(wanted) = &wanted {
        differences(wanted, current.as_object(), "UserSettings", &mut changes);
    }
    Ok(changes)
}

/// Appends the path of every leaf of `wanted` that `current` lacks or holds otherwise.
/// Lists of strings compare as sets (AWS does not keep their order meaningful).
fn differences(
    wanted: &Map<String, Value>,
    current: Option<&Map<String, Value>>,
    at: &str,
    out: &mut Vec<String>,
) {
    for (member, value) in wanted {
        let path = format!("{at}.{member}");
        let now = current.and_then(|c| c.get(member));
        match value {
            Value::Null => {}
            Value::Object(inner) => {
                differences(inner, now.and_then(Value::as_object), &path, out);
            }
            _ if same(value, now) => {}
            _ => out.push(path),
        }
    }
}

fn same(wanted: &Value, current: Option<&Value>) -> bool {
    match (wanted, current) {
        (Value::Array(a), Some(Value::Array(b))) if a.iter().all(Value::is_string) => {
            let mut a: Vec<_> = a.iter().filter_map(Value::as_str).collect();
            let mut b: Vec<_> = b.iter().filter_map(Value::as_str).collect();
            a.sort_unstable();
            b.sort_unstable();
            a == b
        }
        (wanted, Some(current)) => wanted == current,
        (_, None) => false,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use studio_admin_model::{CreateUserProfileRequest, DescribeUserProfileResponse};

    use super::compare;

    fn request(value: serde_json::Value) -> CreateUserProfileRequest {
        serde_json::from_value(value).unwrap()
    }

    fn profile(value: serde_json::Value) -> DescribeUserProfileResponse {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn only_members_the_row_sets_are_compared() {
        let row = request(json!({
            "DomainId": "d-abc123def456", "UserProfileName": "ada",
            "UserSettings": {"ExecutionRole": "arn:aws:iam::111122223333:role/A",
                             "SecurityGroups": ["sg-2", "sg-1"]}
        }));
        let same = profile(json!({
            "UserProfileName": "ada",
            "UserSettings": {"ExecutionRole": "arn:aws:iam::111122223333:role/A",
                             "SecurityGroups": ["sg-1", "sg-2"],
                             "StudioWebPortal": "ENABLED"}
        }));
        assert_eq!(compare(&row, &same).unwrap(), Vec::<String>::new());
        let other = profile(json!({
            "UserProfileName": "ada",
            "UserSettings": {"ExecutionRole": "arn:aws:iam::111122223333:role/B"}
        }));
        assert_eq!(
            compare(&row, &other).unwrap(),
            ["UserSettings.ExecutionRole", "UserSettings.SecurityGroups"]
        );
    }

    #[test]
    fn a_profile_of_another_directory_user_cannot_be_updated() {
        let row = request(json!({
            "DomainId": "d-abc123def456", "UserProfileName": "ada",
            "SingleSignOnUserIdentifier": "UserName", "SingleSignOnUserValue": "ada"
        }));
        let theirs = profile(json!({"UserProfileName": "ada", "SingleSignOnUserValue": "bob"}));
        let problem = compare(&row, &theirs).unwrap_err();
        assert_eq!(problem.column, "SingleSignOnUserValue");
        assert!(problem.message.contains("bob"));
    }
}
