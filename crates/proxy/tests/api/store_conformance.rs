//! The store's behaviour, the same on both engines: every scenario here runs against a
//! SQLite file and against a PostgreSQL database (`cargo xtask test` starts the server).

use std::time::Duration;

use studio_admin_api::{AuditAction, AuditOutcome, BatchStatus, RowAction, RowStatus};
use studio_admin_proxy::jobs::{Job, JobStatus, Phase, Step, StepKind, StepStatus};
use studio_admin_proxy::store::{
    AuditFilter, DbTarget, Fence, LeaseTerms, NewAuditEntry, NewBatch, NewBatchRow, NewJob,
    NewStep, RowEnd, StepUpdate, Store, StoreError, is_running_job_conflict,
};

/// Runs `scenario` (an async fn taking a way to open the store) on SQLite and PostgreSQL.
macro_rules! on_both_engines {
    ($($name:ident => $scenario:path;)+) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let dir = tempfile::tempdir().unwrap();
                    let target = studio_admin_proxy::store::DbTarget::Sqlite(dir.path().join("studio-admin.db"));
                    $scenario(target).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    $scenario(crate::helpers::postgres::fresh_database().await).await;
                }
            )+
        }
    };
}

on_both_engines! {
    a_second_delete_of_a_running_profile_gets_the_running_job_whatever_the_case => super::second_delete_gets_the_running_job;
    a_finished_job_frees_the_profile_for_a_new_one_but_blocks_its_own_retry => super::finished_job_frees_the_profile;
    planning_a_round_again_adds_no_step_twice => super::planning_twice_adds_no_step;
    jobs_and_steps_survive_reopening_the_database => super::jobs_survive_reopening;
    two_replicas_claiming_at_once_never_get_the_same_job => super::claims_never_overlap;
    a_runner_whose_job_was_taken_over_cannot_write => super::fenced_writes;
    renewed_leases_are_kept_and_released_ones_are_claimed_at_once => super::renew_and_release;
    sessions_secrets_audit_and_sign_in_counters_work_alike => super::the_other_tables;
    a_batch_is_claimed_once_fenced_cancelled_and_retried => super::batch_leases;
}

const HOLDER: &str = "replica-a";

fn terms(owner: &str) -> LeaseTerms {
    LeaseTerms {
        owner: owner.to_owned(),
        lease_ms: 30_000,
    }
}

fn new_job(profile: &str) -> NewJob {
    NewJob {
        domain_id: "d-aaaaaaaaaaaa".to_owned(),
        profile_name: profile.to_owned(),
        keep_access: false,
    }
}

fn app_step(name: &str) -> NewStep {
    NewStep {
        kind: StepKind::DeleteApp,
        resource: format!("app JupyterServer/{name}"),
        app_type: Some("JupyterServer".to_owned()),
        app_name: Some(name.to_owned()),
        space_name: None,
        phase: Phase::Call,
        detail: None,
    }
}

/// A new job for alice held on `lease`, with the step of her app `default` in round 0:
/// the job, its fence and the step.
async fn alices_job_with_an_app(store: &Store, lease: &LeaseTerms) -> (Job, Fence, Step) {
    let (job, fence) = store.create_job(&new_job("alice"), lease).await.unwrap();
    let fence = fence.expect("no other job runs for alice");
    let step = store
        .ensure_step(fence, 0, &app_step("default"))
        .await
        .unwrap();
    (job, fence, step)
}

/// A step update that counts one more call and changes nothing else.
fn one_call() -> StepUpdate {
    StepUpdate {
        add_call: true,
        ..Default::default()
    }
}

async fn open(target: &DbTarget) -> Store {
    Store::connect(target).await.unwrap()
}

async fn second_delete_gets_the_running_job(target: DbTarget) {
    let store = open(&target).await;
    let (first, created) = store
        .create_job(&new_job("alice"), &terms(HOLDER))
        .await
        .unwrap();
    assert!(created.is_some());
    let (second, created) = store
        .create_job(&new_job("ALICE"), &terms("replica-b"))
        .await
        .unwrap();
    assert!(created.is_none());
    assert_eq!(second.id, first.id);
}

async fn finished_job_frees_the_profile(target: DbTarget) {
    let store = open(&target).await;
    let (first, fence) = store
        .create_job(&new_job("alice"), &terms(HOLDER))
        .await
        .unwrap();
    store
        .finish_job(
            fence.unwrap(),
            JobStatus::Failed,
            None,
            None,
            StepStatus::Skipped,
        )
        .await
        .unwrap();
    let (second, created) = store
        .create_job(&new_job("alice"), &terms(HOLDER))
        .await
        .unwrap();
    assert!(created.is_some() && second.id != first.id);
    let refused = store
        .restart_job(first.id, &terms(HOLDER))
        .await
        .unwrap_err();
    assert!(is_running_job_conflict(&refused), "{refused}");
}

async fn planning_twice_adds_no_step(target: DbTarget) {
    let store = open(&target).await;
    let (job, fence) = store
        .create_job(&new_job("alice"), &terms(HOLDER))
        .await
        .unwrap();
    let fence = fence.unwrap();
    let plan = NewStep {
        kind: StepKind::Plan,
        resource: "profile alice".to_owned(),
        ..app_step("x")
    };
    let plan = store.ensure_step(fence, 0, &plan).await.unwrap();
    let steps = [app_step("default"), app_step("other")];
    for _ in 0..2 {
        store
            .record_plan(
                fence,
                0,
                plan.id,
                &steps,
                "2 apps",
                "alice",
                Some("200001"),
                None,
            )
            .await
            .unwrap();
    }
    let stored = store.round_steps(job.id, 0).await.unwrap();
    assert_eq!(stored.len(), 3, "{stored:#?}");
    let job = store.job(job.id).await.unwrap().unwrap();
    assert_eq!(job.home_efs_file_system_uid.as_deref(), Some("200001"));
}

async fn jobs_survive_reopening(target: DbTarget) {
    let id = {
        let store = open(&target).await;
        let (job, fence, step) = alices_job_with_an_app(&store, &terms(HOLDER)).await;
        store
            .update_step(
                fence,
                step.id,
                &StepUpdate {
                    status: Some(StepStatus::Running),
                    add_call: true,
                    started: true,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        job.id
    };
    let store = open(&target).await;
    let running = store.running_jobs().await.unwrap();
    assert_eq!(running.iter().map(|j| j.id).collect::<Vec<_>>(), [id]);
    let steps = store.steps(id).await.unwrap();
    assert_eq!((steps[0].status, steps[0].calls), (StepStatus::Running, 1));
    assert!(steps[0].started_at.is_some());
}

async fn claims_never_overlap(target: DbTarget) {
    let store = open(&target).await;
    for n in 0..40 {
        store
            .create_job(&new_job(&format!("user-{n}")), &LeaseTerms::expired("dead"))
            .await
            .unwrap();
    }
    // Two replicas (two pools) claim in small batches at the same time.
    let (a, b) = (open(&target).await, open(&target).await);
    let claim_all = |store: Store, owner: &'static str| async move {
        let mut mine = Vec::new();
        loop {
            let batch = store.claim_jobs(&terms(owner), 3).await.unwrap();
            if batch.is_empty() {
                return mine;
            }
            assert!(
                batch
                    .iter()
                    .all(|c| c.taken_from.as_deref() == Some("dead"))
            );
            mine.extend(batch.into_iter().map(|c| c.fence.job_id));
        }
    };
    let (mine_a, mine_b) = tokio::join!(claim_all(a, "replica-a"), claim_all(b, "replica-b"));
    let mut all: Vec<i64> = mine_a.iter().chain(&mine_b).copied().collect();
    all.sort_unstable();
    let before = all.len();
    all.dedup();
    assert_eq!(before, all.len(), "a job was claimed twice");
    assert_eq!(all.len(), 40, "every free job is claimed");
}

async fn fenced_writes(target: DbTarget) {
    let store = open(&target).await;
    let (job, old, step) = alices_job_with_an_app(&store, &LeaseTerms::expired(HOLDER)).await;
    let taken = store
        .claim_job(&terms("replica-b"), job.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(taken.taken_from.as_deref(), Some(HOLDER));
    assert!(taken.fence.token > old.token);

    let refused = store
        .update_step(old, step.id, &one_call())
        .await
        .unwrap_err();
    assert!(
        matches!(refused, StoreError::LeaseLost(id) if id == job.id),
        "{refused}"
    );
    let refused = store
        .finish_job(
            old,
            JobStatus::Succeeded,
            Some("deleted"),
            None,
            StepStatus::Skipped,
        )
        .await
        .unwrap_err();
    assert!(matches!(refused, StoreError::LeaseLost(_)), "{refused}");
    assert!(matches!(
        store.ensure_step(old, 0, &app_step("other")).await,
        Err(StoreError::LeaseLost(_))
    ));
    assert!(matches!(
        store.next_round(old, None).await,
        Err(StoreError::LeaseLost(_))
    ));
    // Nothing the old runner tried landed; the new holder writes.
    let steps = store.steps(job.id).await.unwrap();
    assert_eq!(steps.len(), 1);
    assert_eq!(steps[0].calls, 0);
    store
        .update_step(taken.fence, step.id, &one_call())
        .await
        .unwrap();
    let job = store.job(job.id).await.unwrap().unwrap();
    assert_eq!((job.status, job.round), (JobStatus::Running, 0));
}

async fn renew_and_release(target: DbTarget) {
    let store = open(&target).await;
    let (job, fence) = store
        .create_job(
            &new_job("alice"),
            &LeaseTerms {
                owner: HOLDER.to_owned(),
                lease_ms: 200,
            },
        )
        .await
        .unwrap();
    let fence = fence.unwrap();
    assert!(
        store
            .claim_jobs(&terms("replica-b"), 10)
            .await
            .unwrap()
            .is_empty()
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    let renewed = store.renew_leases(&terms(HOLDER)).await.unwrap();
    assert_eq!(renewed.len(), 1);
    assert_eq!(renewed[0].fence, fence);
    assert!(!renewed[0].cancel_requested);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        store
            .claim_jobs(&terms("replica-b"), 10)
            .await
            .unwrap()
            .is_empty(),
        "a renewed lease holds past its first end"
    );
    assert!(store.is_leased(job.id).await.unwrap());

    store.request_cancel(job.id).await.unwrap();
    let renewed = store.renew_leases(&terms(HOLDER)).await.unwrap();
    assert!(
        renewed[0].cancel_requested,
        "the holder learns of a cancel asked anywhere"
    );

    assert_eq!(store.release_leases(HOLDER).await.unwrap(), 1);
    assert!(!store.is_leased(job.id).await.unwrap());
    let claimed = store.claim_jobs(&terms("replica-b"), 10).await.unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(
        claimed[0].taken_from, None,
        "a released job is not a takeover"
    );
    assert!(store.renew_leases(&terms(HOLDER)).await.unwrap().is_empty());
}

async fn the_other_tables(target: DbTarget) {
    let store = open(&target).await;
    // Sessions.
    store
        .create_session("digest-1", "alice", 1_000, 60_000)
        .await
        .unwrap();
    let session = store.session("digest-1").await.unwrap().unwrap();
    assert_eq!(session.name, "alice");
    store.delete_session("digest-1").await.unwrap();
    assert!(store.session("digest-1").await.unwrap().is_none());
    // A secret is made once, then the same for every replica.
    let secret = store.secret("csrf").await.unwrap();
    assert_eq!(open(&target).await.secret("csrf").await.unwrap(), secret);
    // Sign-in counters add up across replicas.
    let other = open(&target).await;
    let mut counts = Vec::new();
    for n in 0..4 {
        let counter = if n % 2 == 0 { &store } else { &other };
        counts.push(
            counter
                .count_sign_in_attempt("account:alice", 10_000, 900_000)
                .await
                .unwrap()
                .count,
        );
    }
    assert_eq!(counts, [1, 2, 3, 4]);
    // The audit log, filtered case-insensitively by actor.
    for actor in ["Alice", "bob"] {
        store
            .insert_audit(&NewAuditEntry {
                at: 5_000,
                actor: actor.to_owned(),
                role: None,
                source_ip: Some("192.0.2.7".to_owned()),
                action: AuditAction::ProfileCreate,
                domain_id: Some("d-aaaaaaaaaaaa".to_owned()),
                target: Some("alice".to_owned()),
                arn: None,
                summary: Some(serde_json::json!({"UserProfileName": "alice"})),
                outcome: AuditOutcome::Ok,
                status: 201,
                message: None,
                request_id: Some("req-1".to_owned()),
            })
            .await
            .unwrap();
    }
    let found = store
        .audit(&AuditFilter {
            actor: Some("ALICE".to_owned()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].summary,
        Some(serde_json::json!({"UserProfileName": "alice"}))
    );
    assert_eq!(store.prune_audit(6_000).await.unwrap(), 2);
}

/// A batch of three rows (the first unchanged) started by a replica that died at once.
fn new_batch() -> NewBatch {
    let row = |row: usize, action| NewBatchRow {
        row,
        name: format!("member-{row}"),
        action,
        request: format!(r#"{{"DomainId":"d-aaaaaaaaaaaa","UserProfileName":"member-{row}"}}"#),
    };
    NewBatch {
        domain_id: "d-aaaaaaaaaaaa".to_owned(),
        create_only: false,
        created_by: "leo".to_owned(),
        rows: vec![
            row(1, RowAction::Unchanged),
            row(2, RowAction::Create),
            row(3, RowAction::Update),
        ],
    }
}

async fn batch_leases(target: DbTarget) {
    let store = open(&target).await;
    let (detail, old) = store
        .create_batch(&new_batch(), &LeaseTerms::expired(HOLDER))
        .await
        .unwrap();
    assert_eq!(detail.batch.status, BatchStatus::Running);
    assert_eq!(
        (detail.batch.counts.done, detail.batch.counts.pending),
        (1, 2)
    );
    store.row_sending(old, 2).await.unwrap();

    // Two replicas claim the free batch at once: one gets it, with a higher fence.
    let (a, b) = (open(&target).await, open(&target).await);
    let (terms_a, terms_b) = (terms("replica-a"), terms("replica-b"));
    let (got_a, got_b) = tokio::join!(a.claim_batches(&terms_a), b.claim_batches(&terms_b));
    let claimed: Vec<Fence> = got_a.unwrap().into_iter().chain(got_b.unwrap()).collect();
    assert_eq!(claimed.len(), 1, "{claimed:?}");
    let new = claimed[0];
    assert!(new.token > old.token);

    // The old runner's writes are refused; the row it sent is still open, with its call.
    let ended = RowEnd {
        status: Some(RowStatus::Done),
        outcome: Some("created".to_owned()),
        ..RowEnd::default()
    };
    assert!(matches!(
        store.row_ended(old, 2, &ended).await,
        Err(StoreError::LeaseLost(_))
    ));
    assert!(matches!(
        store.row_sending(old, 3).await,
        Err(StoreError::LeaseLost(_))
    ));
    let open_rows = store.open_rows(detail.batch.id).await.unwrap();
    assert_eq!(
        open_rows
            .iter()
            .map(|r| (r.row, r.calls))
            .collect::<Vec<_>>(),
        [(2, 1), (3, 0)]
    );

    // The new holder finishes row 2; a cancel leaves row 3 cancelled.
    store.row_ended(new, 2, &ended).await.unwrap();
    assert!(store.cancel_batch(detail.batch.id).await.unwrap());
    let renewed = store.renew_batches(&terms("replica-a")).await.unwrap();
    let renewed_b = store.renew_batches(&terms("replica-b")).await.unwrap();
    let held = renewed
        .iter()
        .chain(&renewed_b)
        .find(|r| r.fence == new)
        .unwrap();
    assert!(held.cancel_requested);
    store
        .finish_batch(new, BatchStatus::Cancelled)
        .await
        .unwrap();
    let after = store.batch(detail.batch.id).await.unwrap().unwrap();
    assert_eq!(after.batch.status, BatchStatus::Cancelled);
    assert_eq!(
        (after.batch.counts.done, after.batch.counts.cancelled),
        (2, 1)
    );
    assert!(!store.cancel_batch(detail.batch.id).await.unwrap());

    // A retry runs the cancelled row again, under a new fence; a running batch is not
    // retried.
    let retried = store
        .retry_batch(detail.batch.id, &terms("replica-b"))
        .await
        .unwrap()
        .unwrap();
    assert!(retried.token > new.token);
    assert!(
        store
            .retry_batch(detail.batch.id, &terms("replica-b"))
            .await
            .unwrap()
            .is_none()
    );
    let again = store.batch(detail.batch.id).await.unwrap().unwrap();
    assert_eq!((again.batch.attempt, again.batch.counts.pending), (2, 1));
    assert_eq!(store.batches("d-aaaaaaaaaaaa", 10).await.unwrap().len(), 1);
    assert_eq!(store.release_batches("replica-b").await.unwrap(), 1);
}
