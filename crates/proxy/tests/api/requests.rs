//! Onboarding requests and domain policies: a requester asks for their own profile with
//! the domain's fixed members, a lead edits, approves (creating the profile exactly once,
//! even when approved twice at the same moment) or rejects with a reason.

use axum::http::Method;
use serde_json::{Value, json};
use studio_admin_proxy::auth::Clock;
use studio_admin_proxy::store::NewRequest;

use crate::helpers::{Browser, Reply, TestApp, seed_iam_domain, seed_profile, start_emulator};

const TEAM_ROLE: &str = "arn:aws:iam::111122223333:role/Team";

struct Team {
    app: TestApp,
    domain: String,
}

async fn team() -> Team {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    let app = TestApp::for_team_of(emulator, &domain, &Clock::system());
    Team { app, domain }
}

impl Team {
    async fn as_(&self, name: &str) -> Browser {
        Browser::sign_in(self.app.router(), name).await
    }

    async fn submit(&self, who: &Browser, body: &Value) -> Reply {
        who.post("/api/requests", body).await
    }

    /// Submits the plain request of profile `name` in the team domain.
    async fn submit_for(&self, who: &Browser, name: &str) -> Reply {
        self.submit(
            who,
            &json!({"DomainId": self.domain, "UserProfileName": name}),
        )
        .await
    }

    async fn set_policy(&self, fixed: Value) {
        let leo = self.as_("leo").await;
        let put = leo
            .send(
                Method::PUT,
                &format!("/api/domains/{}/policy", self.domain),
                Some(&json!({ "fixed": fixed })),
            )
            .await;
        assert_eq!(put.status, 200, "{}", put.text());
    }

    async fn profile_names(&self) -> Vec<String> {
        let ada = self.as_("ada").await;
        let page = ada
            .get(&format!("/api/domains/{}/profiles", self.domain))
            .await;
        page.json()["profiles"]
            .as_array()
            .expect("profiles")
            .iter()
            .map(|p| p["UserProfileName"].as_str().unwrap().to_owned())
            .collect()
    }
}

#[tokio::test]
async fn approving_twice_at_once_creates_the_profile_exactly_once() {
    let team = team().await;
    let rita = team.as_("rita").await;
    let submitted = team.submit_for(&rita, "rita").await;
    assert_eq!(submitted.status, 201, "{}", submitted.text());
    assert_eq!(submitted.json()["status"], "pending");
    let path = format!("/api/requests/{}/approve", submitted.json()["id"]);
    let (leo, ada) = (team.as_("leo").await, team.as_("ada").await);

    let (first, second) = tokio::join!(
        leo.send(Method::POST, &path, None),
        ada.send(Method::POST, &path, None),
    );
    let mut statuses = [first.status.as_u16(), second.status.as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{} / {}", first.text(), second.text());
    let (won, lost) = if first.status == 200 {
        (first, second)
    } else {
        (second, first)
    };
    assert_eq!(won.json()["status"], "approved");
    assert!(
        won.json()["profile_arn"]
            .as_str()
            .is_some_and(|a| a.ends_with("/rita"))
    );
    // Our own conflict, carrying the request: not AWS's ResourceInUse of a second create.
    assert!(lost.json()["code"].is_null(), "{}", lost.text());
    assert!(lost.json()["request"]["id"].is_number(), "{}", lost.text());
    let names = team.profile_names().await;
    assert_eq!(names.iter().filter(|n| *n == "rita").count(), 1);

    let entries = team
        .app
        .state
        .store
        .audit(&studio_admin_proxy::store::AuditFilter {
            action: Some(studio_admin_api::AuditAction::RequestApprove),
            ..Default::default()
        })
        .await
        .unwrap();
    let mut outcomes: Vec<(&str, u16)> = entries
        .iter()
        .map(|e| (e.outcome.as_str(), e.status))
        .collect();
    outcomes.sort_unstable();
    assert_eq!(outcomes, [("ok", 200), ("refused", 409)]);
}

#[tokio::test]
async fn the_policy_fills_absent_members_and_refuses_different_ones_for_requesters() {
    let team = team().await;
    team.set_policy(json!({"UserSettings": {"ExecutionRole": TEAM_ROLE}}))
        .await;
    let rita = team.as_("rita").await;
    let other_role = json!({"DomainId": team.domain, "UserProfileName": "rita",
        "UserSettings": {"ExecutionRole": "arn:aws:iam::111122223333:role/Mine"}});
    let refused = team.submit(&rita, &other_role).await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.json()["errors"][0]["path"],
        "UserSettings.ExecutionRole"
    );
    assert_eq!(
        refused.json()["errors"][0]["message"],
        format!("fixed by the domain's policy to \"{TEAM_ROLE}\"")
    );

    let filled = team.submit_for(&rita, "rita").await;
    assert_eq!(filled.status, 201, "{}", filled.text());
    assert_eq!(
        filled.json()["request"]["UserSettings"]["ExecutionRole"],
        TEAM_ROLE
    );

    // The requester's edit keeps the policy; the lead's may differ from it.
    let path = format!("/api/requests/{}", filled.json()["id"]);
    let edit = rita.send(Method::PUT, &path, Some(&other_role)).await;
    assert_eq!(edit.status, 422);
    let leo = team.as_("leo").await;
    let edit = leo.send(Method::PUT, &path, Some(&other_role)).await;
    assert_eq!(edit.status, 200, "{}", edit.text());
    assert_eq!(
        edit.json()["request"]["UserSettings"]["ExecutionRole"],
        "arn:aws:iam::111122223333:role/Mine"
    );
}

#[tokio::test]
async fn a_policy_is_a_strictly_checked_part_of_a_create_request() {
    let team = team().await;
    let leo = team.as_("leo").await;
    let path = format!("/api/domains/{}/policy", team.domain);
    let none = leo.get(&path).await;
    assert_eq!(none.json(), json!({"fixed": {}}));
    for (fixed, error_path) in [
        (
            json!({"UserSettings": {"Colour": "red"}}),
            "UserSettings.Colour",
        ),
        (json!({"UserProfileName": "x"}), "UserProfileName"),
        (json!({"DomainId": "d-x"}), "DomainId"),
        (
            json!({"UserSettings": {"ExecutionRole": "not-an-arn"}}),
            "UserSettings.ExecutionRole",
        ),
    ] {
        let refused = leo
            .send(Method::PUT, &path, Some(&json!({ "fixed": fixed })))
            .await;
        assert_eq!(refused.status, 422, "{fixed}: {}", refused.text());
        assert_eq!(refused.json()["errors"][0]["path"], error_path, "{fixed}");
    }
    team.set_policy(json!({"UserSettings": {"ExecutionRole": TEAM_ROLE}}))
        .await;
    let vera = team.as_("vera").await;
    let shown = vera.get(&path).await.json();
    assert_eq!(shown["fixed"]["UserSettings"]["ExecutionRole"], TEAM_ROLE);
    assert_eq!(shown["updated_by"], "leo");
    assert!(shown["updated_at"].is_number());
}

#[tokio::test]
async fn a_request_is_only_for_the_requesters_own_profile_and_only_one_is_open() {
    let team = team().await;
    let rita = team.as_("rita").await;
    let for_other = team.submit_for(&rita, "leo").await;
    assert_eq!(for_other.status, 403);
    let first = team.submit_for(&rita, "rita").await;
    assert_eq!(first.status, 201);
    let second = team.submit_for(&rita, "RITA").await;
    assert_eq!(second.status, 409);
    assert_eq!(second.json()["existing_id"], first.json()["id"]);
    let no_domain = team
        .submit(&rita, &json!({"UserProfileName": "rita"}))
        .await;
    assert_eq!(no_domain.status, 422);
    assert_eq!(no_domain.json()["errors"][0]["path"], "DomainId");
}

#[tokio::test]
async fn a_rejected_request_shows_its_reason_and_cannot_be_decided_again() {
    let team = team().await;
    let rita = team.as_("rita").await;
    let submitted = team.submit_for(&rita, "rita").await;
    let id = submitted.json()["id"].clone();
    let leo = team.as_("leo").await;
    let reject = format!("/api/requests/{id}/reject");
    let empty = leo.post(&reject, &json!({"reason": " "})).await;
    assert_eq!(empty.status, 422);
    let rejected = leo
        .post(&reject, &json!({"reason": "use the shared profile"}))
        .await;
    assert_eq!(rejected.status, 200, "{}", rejected.text());
    let seen = rita.get(&format!("/api/requests/{id}")).await.json();
    assert_eq!(seen["status"], "rejected");
    assert_eq!(seen["reason"], "use the shared profile");
    assert_eq!(seen["decided_by"], "leo");
    let again = leo
        .send(Method::POST, &format!("/api/requests/{id}/approve"), None)
        .await;
    assert_eq!(again.status, 409);
    assert_eq!(again.json()["request"]["status"], "rejected");
    let edit = rita
        .send(
            Method::PUT,
            &format!("/api/requests/{id}"),
            Some(&json!({"DomainId": team.domain, "UserProfileName": "rita"})),
        )
        .await;
    assert_eq!(edit.status, 409);
}

#[tokio::test]
async fn a_failed_approval_goes_back_to_pending_with_awss_words() {
    let team = team().await;
    let rita = team.as_("rita").await;
    let submitted = team.submit_for(&rita, "rita").await;
    let id = submitted.json()["id"].clone();
    // Someone created the profile by hand in the meantime.
    seed_profile(team.app.emulator(), &team.domain, "rita", 1);
    let leo = team.as_("leo").await;
    let approve = leo
        .send(Method::POST, &format!("/api/requests/{id}/approve"), None)
        .await;
    assert_eq!(approve.status, 409, "{}", approve.text());
    assert_eq!(approve.json()["code"], "ResourceInUse");
    let row = rita.get(&format!("/api/requests/{id}")).await.json();
    assert_eq!(row["status"], "pending");
    assert_eq!(row["error"], approve.json()["errors"][0]["message"]);
    assert!(row.get("decided_by").is_none());
}

#[tokio::test]
async fn approvals_interrupted_by_a_stop_are_settled_at_start() {
    let team = team().await;
    let store = &team.app.state.store;
    let mut ids = Vec::new();
    for name in ["made", "not-made"] {
        let new = NewRequest {
            domain_id: team.domain.clone(),
            profile_name: name.to_owned(),
            requester: name.to_owned(),
            request: json!({"DomainId": team.domain, "UserProfileName": name}),
        };
        let row = store.insert_request(&new, 1).await.unwrap().unwrap();
        assert!(
            store
                .claim_for_approval(row.id, "leo", 2)
                .await
                .unwrap()
                .is_some()
        );
        ids.push(row.id);
    }
    seed_profile(team.app.emulator(), &team.domain, "made", 1);

    let settled = studio_admin_proxy::routes::requests::settle_approving(&team.app.state)
        .await
        .unwrap();
    assert_eq!(settled, 2);
    let made = store.request(ids[0]).await.unwrap().unwrap();
    assert_eq!(made.status, studio_admin_api::RequestStatus::Approved);
    assert!(made.profile_arn.is_some_and(|a| a.ends_with("/made")));
    let not_made = store.request(ids[1]).await.unwrap().unwrap();
    assert_eq!(not_made.status, studio_admin_api::RequestStatus::Pending);
    assert!(not_made.error.is_some());
}

#[tokio::test]
async fn an_approval_in_flight_on_another_replica_is_not_settled() {
    // Another replica claimed this approval a moment ago and is calling SageMaker: a
    // replica that starts (or settles on its timer) must leave it alone.
    let team = team().await;
    let store = &team.app.state.store;
    let now = team.app.state.auth.now_ms();
    let new = NewRequest {
        domain_id: team.domain.clone(),
        profile_name: "in-flight".to_owned(),
        requester: "in-flight".to_owned(),
        request: json!({"DomainId": team.domain, "UserProfileName": "in-flight"}),
    };
    let row = store.insert_request(&new, now).await.unwrap().unwrap();
    assert!(
        store
            .claim_for_approval(row.id, "leo", now)
            .await
            .unwrap()
            .is_some()
    );

    let settled = studio_admin_proxy::routes::requests::settle_approving(&team.app.state)
        .await
        .unwrap();
    assert_eq!(settled, 0);
    let row = store.request(row.id).await.unwrap().unwrap();
    assert_eq!(row.status, studio_admin_api::RequestStatus::Approving);
    assert!(row.error.is_none());
}
