use serde_json::json;

use super::{NAME_COLUMN, Table, check_row, template};
use crate::{AppNetworkAccessType, AuthMode, DomainContext, Severity};

const DOMAIN: &str = "d-abc123def456";

fn iam() -> DomainContext {
    DomainContext {
        auth_mode: AuthMode::Iam,
        app_network_access_type: AppNetworkAccessType::PublicInternetOnly,
        default_security_groups: Vec::new(),
    }
}

#[test]
fn a_csv_row_becomes_the_request_its_columns_name() {
    let table = Table::parse(
        "UserProfileName,UserSettings.ExecutionRole,UserSettings.SecurityGroups,\
         UserSettings.JupyterLabAppSettings.DefaultResourceSpec.InstanceType,Tags.team\n\
         ada,arn:aws:iam::111122223333:role/Team,sg-0a1b2c3d;sg-0e1f2a3b,ml.t3.medium,ml\n",
    );
    assert!(table.is_readable(), "{:?}", table.problems);
    let row = &table.rows[0];
    assert_eq!(row.row, 1);
    assert_eq!(row.line, Some(2));
    assert_eq!(
        serde_json::Value::Object(row.request.clone()),
        json!({
            "UserProfileName": "ada",
            "UserSettings": {
                "ExecutionRole": "arn:aws:iam::111122223333:role/Team",
                "SecurityGroups": ["sg-0a1b2c3d", "sg-0e1f2a3b"],
                "JupyterLabAppSettings": {"DefaultResourceSpec": {"InstanceType": "ml.t3.medium"}}
            },
            "Tags": [{"Key": "team", "Value": "ml"}]
        })
    );
    let checked = check_row(row, DOMAIN, Some(&iam()));
    assert!(checked.is_valid(), "{:?}", checked.problems);
    let request = checked.request.unwrap();
    assert_eq!(request.domain_id.as_deref(), Some(DOMAIN));
}

#[test]
fn empty_cells_are_not_set_and_json_cells_give_a_member_whole() {
    let table = Table::parse(
        "UserProfileName,UserSettings.ExecutionRole,UserSettings.JupyterLabAppSettings.CustomImages\n\
         bo,,\"[{\"\"ImageName\"\":\"\"img\"\",\"\"AppImageConfigName\"\":\"\"cfg\"\"}]\"\n",
    );
    let row = &table.rows[0];
    assert_eq!(
        serde_json::Value::Object(row.request.clone()),
        json!({
            "UserProfileName": "bo",
            "UserSettings": {"JupyterLabAppSettings": {"CustomImages": [
                {"ImageName": "img", "AppImageConfigName": "cfg"}
            ]}}
        })
    );
}

#[test]
fn an_unknown_column_or_a_missing_name_column_is_a_problem_of_the_file() {
    let table = Table::parse("UserSettings.ExecutionRol,Tags.team\nx,y\n");
    assert!(!table.is_readable());
    let messages: Vec<_> = table.problems.iter().map(|p| p.message.clone()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("\"UserSettings.ExecutionRol\"")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("no UserProfileName column")),
        "{messages:?}"
    );
    assert!(table.problems.iter().all(|p| p.line == Some(1)));
}

#[test]
fn a_bad_cell_is_reported_at_its_line_and_column() {
    let table = Table::parse(
        "UserProfileName,UserSettings.CanvasAppSettings.TimeSeriesForecastingSettings.Status\n\
         ok,ENABLED\n\
         ,\n\
         cy,{oops\n",
    );
    assert!(table.is_readable());
    let third = &table.rows[2];
    assert_eq!(third.line, Some(4));
    let problem = &third.problems[0];
    assert_eq!(problem.line, Some(4));
    assert_eq!(
        problem.column.as_deref(),
        Some("UserSettings.CanvasAppSettings.TimeSeriesForecastingSettings.Status")
    );
    assert!(problem.message.contains("not valid JSON"), "{problem:?}");
    // The row without a name is read, and checking it says what is missing, at its column.
    let checked = check_row(&table.rows[1], DOMAIN, Some(&iam()));
    assert!(!checked.is_valid());
    assert!(
        checked.problems.iter().any(|p| p.column == NAME_COLUMN),
        "{:?}",
        checked.problems
    );
}

#[test]
fn a_row_with_too_few_cells_says_so_and_the_others_are_read() {
    let table = Table::parse("UserProfileName,UserSettings.ExecutionRole\nada\nbo,arn\n");
    assert_eq!(table.rows.len(), 2);
    assert!(
        table.rows[0].problems[0]
            .message
            .contains("1 cells, the header 2")
    );
    assert!(table.rows[1].problems.is_empty());
}

#[test]
fn names_differing_only_in_case_are_duplicates() {
    let table = Table::parse("UserProfileName\nAda\nbo\nada\n");
    let flagged: Vec<usize> = table
        .rows
        .iter()
        .filter(|r| !r.problems.is_empty())
        .map(|r| r.row)
        .collect();
    assert_eq!(flagged, [1, 3]);
    assert!(table.rows[0].problems[0].message.contains("rows 1, 3"));
}

#[test]
fn validation_problems_point_at_the_column_they_came_from() {
    let table = Table::parse(
        "UserProfileName,UserSettings.SecurityGroups,Tags.team,Tags.aws:owner\n\
         ada,sg-0a1b2c3d;not a group,ml,me\n",
    );
    let checked = check_row(&table.rows[0], DOMAIN, Some(&iam()));
    let columns: Vec<_> = checked
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.column.as_str())
        .collect();
    assert!(
        columns.contains(&"UserSettings.SecurityGroups"),
        "{checked:?}"
    );
    assert!(columns.contains(&"Tags.aws:owner"), "{checked:?}");
}

#[test]
fn a_json_array_of_requests_is_read_too() {
    let table = Table::parse(
        r#"[{"UserProfileName": "ada", "UserSettings": {"ExecutionRole": "arn:aws:iam::111122223333:role/Team"}},
            {"UserProfileName": "bo", "DomainId": "d-000000000000"},
            "cy"]"#,
    );
    assert!(table.is_readable());
    assert_eq!(table.rows.len(), 3);
    assert!(check_row(&table.rows[0], DOMAIN, Some(&iam())).is_valid());
    let other_domain = check_row(&table.rows[1], DOMAIN, Some(&iam()));
    assert!(other_domain.problems.iter().any(|p| p.column == "DomainId"));
    assert!(table.rows[2].problems[0].message.contains("an object"));
    let typo = Table::parse(r#"[{"UserProfileName": "ada", "UserSetings": {}}]"#);
    let checked = check_row(&typo.rows[0], DOMAIN, None);
    assert!(
        checked.problems[0].message.contains("UserSetings"),
        "{checked:?}"
    );
}

#[test]
fn text_that_is_neither_csv_nor_a_json_array_is_refused_whole() {
    assert!(!Table::parse("{\"UserProfileName\": \"ada\"}").is_readable());
    assert!(!Table::parse("[1, 2").is_readable());
    assert!(!Table::parse("").is_readable());
}

#[test]
fn the_template_reads_back_as_one_valid_row() {
    let text = template(
        &[(
            "UserSettings.ExecutionRole",
            "arn:aws:iam::111122223333:role/Team",
        )],
        &[("team", "ml")],
    );
    let table = Table::parse(&text);
    assert!(table.is_readable(), "{:?}", table.problems);
    assert_eq!(table.rows.len(), 1);
    assert!(check_row(&table.rows[0], DOMAIN, Some(&iam())).is_valid());
}

#[test]
fn every_generated_column_names_a_member_a_request_accepts() {
    for column in crate::CREATE_USER_PROFILE_COLUMNS {
        assert!(
            column.path.split('.').all(|p| !p.is_empty()),
            "{}",
            column.path
        );
    }
    assert!(super::column("UserSettings.JupyterLabAppSettings.CustomImages").is_some());
    assert!(super::column("DomainId").is_none());
    assert!(super::column("Tags").is_none());
}
