//! A directory group onboarded as a team (SSO domains): the groups to pick from, a group's
//! members as a team file of one row each, and that file planned like any other.

use studio_admin_api::{BatchPlan, DirectoryGroups, GroupFile, RowAction};
use studio_admin_emulator::RunningEmulator;

use crate::helpers::{Browser, Reply, TestApp, seed_sso_domain, start_emulator, team_accounts};
use crate::sso_access::{group_of, person};

/// An SSO domain whose directory has the group `ml-researchers` (maria.garcia,
/// kenji.watanabe) and the empty group `finance`; answers the group ids too.
async fn research() -> (TestApp, String, String, String) {
    let emulator: RunningEmulator = start_emulator().await;
    let domain = seed_sso_domain(&emulator, "research");
    let maria = person(&emulator, "maria.garcia");
    let kenji = person(&emulator, "kenji.watanabe");
    let researchers = group_of(&emulator, "ml-researchers", &[&maria, &kenji]);
    let finance = group_of(&emulator, "finance", &[]);
    let app = TestApp::builder()
        .emulator(emulator)
        .accounts(team_accounts(&domain, "d-bbbbbbbbbbbb"))
        .build();
    (app, domain, researchers, finance)
}

/// The body of `reply` as a `T`.
fn parsed<T: serde::de::DeserializeOwned>(reply: &Reply) -> T {
    serde_json::from_value(reply.json()).unwrap_or_else(|e| panic!("{e}: {}", reply.text()))
}

#[tokio::test]
async fn a_groups_members_become_a_team_file_that_plans_one_profile_each() {
    let (app, domain, researchers, finance) = research().await;
    let leo = Browser::sign_in(app.router(), "leo").await;

    let listed = leo
        .get(&format!("/api/domains/{domain}/directory/groups"))
        .await;
    assert_eq!(listed.status, 200, "{}", listed.text());
    let groups: DirectoryGroups = parsed(&listed);
    let names: Vec<_> = groups
        .groups
        .iter()
        .map(|g| g.display_name.as_str())
        .collect();
    assert_eq!(names, ["finance", "ml-researchers"], "by name");
    assert_eq!(groups.groups[0].group_id, finance);

    let team = leo
        .get(&format!(
            "/api/domains/{domain}/directory/groups/{researchers}/team"
        ))
        .await;
    assert_eq!(team.status, 200, "{}", team.text());
    let team: GroupFile = parsed(&team);
    assert_eq!(team.group.display_name, "ml-researchers");
    assert_eq!(
        team.file,
        "UserProfileName,SingleSignOnUserIdentifier,SingleSignOnUserValue\n\
         kenji-watanabe,UserName,kenji.watanabe\n\
         maria-garcia,UserName,maria.garcia\n"
    );

    let planned = leo
        .post(
            &format!("/api/domains/{domain}/batch/plan"),
            &serde_json::json!({ "file": team.file }),
        )
        .await;
    assert_eq!(planned.status, 200, "{}", planned.text());
    let plan: BatchPlan = parsed(&planned);
    assert_eq!(plan.counts.create, 2, "{plan:#?}");
    assert!(plan.rows.iter().all(|r| r.action == RowAction::Create));

    // An empty group is an empty team, not an error.
    let empty: GroupFile = parsed(
        &leo.get(&format!(
            "/api/domains/{domain}/directory/groups/{finance}/team"
        ))
        .await,
    );
    assert!(empty.members.is_empty());
}

#[tokio::test]
async fn an_unknown_group_is_404_and_only_leads_and_admins_see_groups() {
    let (app, domain, researchers, _) = research().await;
    let leo = Browser::sign_in(app.router(), "leo").await;
    let missing = leo
        .get(&format!(
            "/api/domains/{domain}/directory/groups/00000000-0000-0000-0000-000000000000/team"
        ))
        .await;
    assert_eq!(missing.status, 404, "{}", missing.text());
    for name in ["vera", "rita", "lou"] {
        let who = Browser::sign_in(app.router(), name).await;
        let reply = who
            .get(&format!(
                "/api/domains/{domain}/directory/groups/{researchers}/team"
            ))
            .await;
        assert!(
            reply.status == 403 || reply.status == 404,
            "{name}: {}",
            reply.status
        );
    }
}
