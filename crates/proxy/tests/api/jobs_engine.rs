//! The delete engine against the emulator over real, signed HTTP: what is deleted, what
//! stays, in which order, and how the job behaves when AWS is slow, refuses, throttles,
//! fails, or when the proxy dies mid-job.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use studio_admin_emulator::{Faults, RunningEmulator};
use studio_admin_model::{AppStatus, AppType};
use studio_admin_proxy::jobs::{
    AppAction, JobDetail, JobEngine, JobEvent, JobStatus, JobsConfig, JobsError, Phase, StepKind,
    StepStatus,
};

use crate::helpers::jobs::{
    ALICE, BOB, alices_apps, alices_server, assert_nothing_left, crashed_after_planning,
    deleted_apps, emulator_taking, engine, engine_on, fast_config, finished, leftovers,
    seed_offboarding, sent_and_waiting, shared_client, steps_of, team_emulator, until_a_step,
};
use crate::helpers::{On, client, db_file, seed_app, seed_iam_domain, seed_profile};

const QUICK: Duration = Duration::from_millis(80);

/// Deletes alice's profile and, once the first app delete has started (planning is over,
/// so the app is new to the job), starts the app `late` (where, type, name) InService;
/// asserts the job succeeds all the same and returns it.
async fn delete_alice_while_an_app_starts(
    emulator: &RunningEmulator,
    engine: &JobEngine,
    domain: &str,
    late: (On<'_>, AppType, &str),
) -> JobDetail {
    let (job, _) = engine.delete_profile(domain, ALICE).await.unwrap();
    let id = job.job.id;
    until_a_step(engine, id, |s| s.kind == StepKind::DeleteApp).await;
    let (on, app_type, name) = late;
    seed_app(emulator, domain, on, app_type, name, AppStatus::InService);
    let job = finished(engine, id).await;
    assert_eq!(job.job.status, JobStatus::Succeeded, "{job:#?}");
    job
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_with_apps_in_every_state_and_two_owned_spaces_is_deleted_with_nothing_left() {
    let (emulator, domain) = team_emulator(Faults::default()).await;
    let db = db_file();
    let (client, engine) = engine_on(&emulator, &db.path, fast_config()).await;

    let (job, created) = engine.delete_profile(&domain, ALICE).await.unwrap();
    assert!(created);
    let job = finished(&engine, job.job.id).await;

    assert_eq!(job.job.status, JobStatus::Succeeded, "{job:#?}");
    assert_eq!(job.job.outcome.as_deref(), Some("deleted"));
    assert_nothing_left(&client, &domain, ALICE).await;
    assert_eq!(
        deleted_apps(&job),
        [
            "app JupyterLab/default in space alice-private",
            "app JupyterLab/default in space alice-team-notes",
            "app JupyterServer/default",
            "app KernelGateway/datascience-1",
            "app KernelGateway/pending-kernel",
            "app TensorBoard/tb-leaving",
        ],
        "every live or deleting app, and no Failed or Deleted one"
    );
    let leaving = steps_of(&job, StepKind::DeleteApp)
        .into_iter()
        .find(|s| s.resource == "app TensorBoard/tb-leaving")
        .unwrap();
    assert_eq!(
        leaving.calls, 0,
        "an app AWS is already deleting is only waited for"
    );
    let spaces: Vec<_> = steps_of(&job, StepKind::DeleteSpace)
        .into_iter()
        .map(|s| (s.resource.as_str(), s.status))
        .collect();
    assert_eq!(
        spaces,
        [
            ("space alice-private", StepStatus::Done),
            ("space alice-team-notes", StepStatus::Done)
        ]
    );
    let profile = steps_of(&job, StepKind::DeleteProfile);
    assert_eq!(profile.len(), 1);
    assert_eq!((profile[0].status, profile[0].calls), (StepStatus::Done, 1));
    assert!(job.job.home_efs_file_system_uid.is_some());

    let bob = leftovers(&client, &domain, BOB).await;
    assert!(bob.profile_exists, "a colleague's profile stays");
    assert_eq!(bob.live_apps, ["JupyterServer/default (InService)"]);
    assert_eq!(bob.owned_spaces, ["bob-shared"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_apps_need_no_delete_and_do_not_block_the_profile_delete() {
    let emulator = emulator_taking(QUICK).await;
    let domain = seed_offboarding(
        &emulator,
        "carol-diaz",
        &["carol-private"],
        &[
            (
                On::User("carol-diaz"),
                AppType::JupyterServer,
                "default",
                AppStatus::Failed,
            ),
            (
                On::User("carol-diaz"),
                AppType::KernelGateway,
                "k1",
                AppStatus::Failed,
            ),
            (
                On::Space("carol-private"),
                AppType::JupyterLab,
                "default",
                AppStatus::Failed,
            ),
        ],
    );
    let db = db_file();
    let (client, engine) = engine_on(&emulator, &db.path, fast_config()).await;

    let plan = engine.plan(&domain, "carol-diaz").await.unwrap();
    let actions: Vec<_> = plan
        .apps
        .iter()
        .chain(plan.spaces.iter().flat_map(|s| &s.apps))
        .map(|a| (a.action, a.note.as_deref()))
        .collect();
    assert_eq!(
        actions,
        [(AppAction::None, Some("Failed apps need no delete")); 3]
    );

    let (job, _) = engine.delete_profile(&domain, "carol-diaz").await.unwrap();
    let job = finished(&engine, job.job.id).await;
    assert_eq!(job.job.status, JobStatus::Succeeded, "{job:#?}");
    assert!(
        steps_of(&job, StepKind::DeleteApp).is_empty(),
        "no DeleteApp for a Failed app"
    );
    let plan_step = steps_of(&job, StepKind::Plan)[0];
    assert!(
        plan_step
            .outcome
            .as_deref()
            .unwrap()
            .contains("3 Failed app(s) need no delete"),
        "{plan_step:?}"
    );
    assert_nothing_left(&client, &domain, "carol-diaz").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_that_is_already_gone_succeeds_as_already_deleted() {
    let emulator = emulator_taking(QUICK).await;
    let domain = seed_iam_domain(&emulator, "ml-platform");
    let db = db_file();
    let engine = engine(shared_client(&emulator), &db.path, fast_config()).await;

    let (job, _) = engine.delete_profile(&domain, "nobody-here").await.unwrap();
    let job = finished(&engine, job.job.id).await;

    assert_eq!(job.job.status, JobStatus::Succeeded);
    assert_eq!(job.job.outcome.as_deref(), Some("already deleted"));
    assert_eq!(job.steps.len(), 1, "only the plan step: {job:#?}");
    assert_eq!(job.steps[0].kind, StepKind::Plan);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_that_appears_mid_job_is_found_by_planning_again_and_deleted() {
    let emulator = emulator_taking(Duration::from_millis(400)).await;
    let alice = On::User(ALICE);
    let domain = seed_offboarding(&emulator, ALICE, &[], &[alices_server()]);
    let db = db_file();
    let (client, engine) = engine_on(&emulator, &db.path, fast_config()).await;

    let late = (alice, AppType::KernelGateway, "late-kernel");
    let job = delete_alice_while_an_app_starts(&emulator, &engine, &domain, late).await;
    assert!(job.job.round >= 1, "the job planned again");
    let superseded: Vec<_> = job
        .steps
        .iter()
        .filter(|s| s.status == StepStatus::Superseded)
        .collect();
    assert_eq!(superseded.len(), 1, "{job:#?}");
    assert!(
        superseded[0]
            .outcome
            .as_deref()
            .unwrap()
            .contains("planning again"),
        "{superseded:?}"
    );
    let late = steps_of(&job, StepKind::DeleteApp)
        .into_iter()
        .find(|s| s.resource == "app KernelGateway/late-kernel")
        .expect("the new app got a delete step");
    assert_eq!((late.round, late.status), (1, StepStatus::Done));
    assert_nothing_left(&client, &domain, ALICE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttling_on_a_fifth_and_server_errors_on_a_twentieth_of_calls_do_not_stop_the_job() {
    let faults = Faults {
        throttle_rate: 0.20,
        internal_failure_rate: 0.05,
        ..Faults::default()
    };
    let (emulator, domain) = team_emulator(faults).await;
    let db = db_file();
    let (client, engine) = engine_on(&emulator, &db.path, fast_config()).await;

    let (job, _) = engine.delete_profile(&domain, ALICE).await.unwrap();
    let job = finished(&engine, job.job.id).await;

    assert_eq!(job.job.status, JobStatus::Succeeded, "{job:#?}");
    assert_eq!(deleted_apps(&job).len(), 6);
    assert_nothing_left(&client, &domain, ALICE).await;
    let bob = leftovers(&client, &domain, BOB).await;
    assert!(bob.profile_exists && bob.owned_spaces == ["bob-shared"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_deletes_of_one_profile_at_once_share_one_job() {
    let (emulator, domain) = team_emulator(Faults::default()).await;
    let db = db_file();
    let (client, engine) = engine_on(&emulator, &db.path, fast_config()).await;

    // The second spells the name differently: SageMaker names are case-insensitive.
    let shouted = ALICE.to_uppercase();
    let (first, second) = tokio::join!(
        engine.delete_profile(&domain, ALICE),
        engine.delete_profile(&domain, &shouted),
    );
    let (first, second) = (first.unwrap(), second.unwrap());
    assert_eq!(first.0.job.id, second.0.job.id);
    assert!(first.1 ^ second.1, "exactly one of them created the job");

    let job = finished(&engine, first.0.job.id).await;
    assert_eq!(job.job.status, JobStatus::Succeeded);
    assert_eq!(job.job.profile_name, ALICE, "the job keeps AWS's spelling");
    let all = engine
        .jobs(&studio_admin_proxy::jobs::JobFilter::default())
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    assert_nothing_left(&client, &domain, ALICE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timed_out_step_fails_the_job_naming_step_resource_and_reason_and_a_retry_finishes_it() {
    let emulator = emulator_taking(Duration::from_millis(1500)).await;
    let domain = seed_offboarding(&emulator, ALICE, &[], &[alices_server()]);
    let client = shared_client(&emulator);
    let db = db_file();
    let impatient = JobsConfig {
        app_timeout: Duration::from_millis(200),
        ..fast_config()
    };
    let engine = engine(client.clone(), &db.path, impatient).await;

    let (job, _) = engine.delete_profile(&domain, ALICE).await.unwrap();
    let job = finished(&engine, job.job.id).await;

    assert_eq!(job.job.status, JobStatus::Failed);
    let error = job.job.error.clone().expect("a failed job says why");
    assert_eq!(error.step, StepKind::DeleteApp);
    assert_eq!(error.resource, "app JupyterServer/default");
    assert!(error.reason.contains("timed out after 200 ms"), "{error:?}");
    assert!(
        error.reason.contains("status Deleting"),
        "AWS's last word: {error:?}"
    );
    let profile_step = steps_of(&job, StepKind::DeleteProfile)[0];
    assert_eq!(
        (profile_step.status, profile_step.calls),
        (StepStatus::Skipped, 0)
    );
    assert!(leftovers(&client, &domain, ALICE).await.profile_exists);

    // The same database, with the patience AWS deserves (as after a configuration change).
    let patient = JobEngine::new(engine.store().clone(), client.clone(), fast_config());
    let retried = patient.retry(job.job.id).await.unwrap();
    assert_eq!(
        (retried.job.status, retried.job.attempt),
        (JobStatus::Running, 2)
    );
    let job = finished(&patient, job.job.id).await;
    assert_eq!(job.job.status, JobStatus::Succeeded, "{job:#?}");
    assert!(job.job.error.is_none());
    assert_nothing_left(&client, &domain, ALICE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_job_starts_no_new_step_keeps_the_profile_and_can_be_retried() {
    let emulator = emulator_taking(Duration::from_millis(500)).await;
    let [server, _, lab] = alices_apps();
    let domain = seed_offboarding(&emulator, ALICE, &["alice-private"], &[server, lab]);
    let db = db_file();
    let (client, engine) = engine_on(&emulator, &db.path, fast_config()).await;

    let (job, _) = engine.delete_profile(&domain, ALICE).await.unwrap();
    let id = job.job.id;
    until_a_step(&engine, id, |s| {
        s.kind == StepKind::DeleteApp && s.phase == Phase::Wait
    })
    .await;
    engine.cancel(id).await.unwrap();
    let job = finished(&engine, id).await;

    assert_eq!(job.job.status, JobStatus::Cancelled, "{job:#?}");
    let space_step = steps_of(&job, StepKind::DeleteSpace)[0];
    assert_eq!(
        (space_step.status, space_step.calls),
        (StepStatus::Cancelled, 0)
    );
    let profile_step = steps_of(&job, StepKind::DeleteProfile)[0];
    assert_eq!(
        (profile_step.status, profile_step.calls),
        (StepStatus::Cancelled, 0)
    );
    assert!(leftovers(&client, &domain, ALICE).await.profile_exists);
    assert!(matches!(
        engine.cancel(id).await,
        Err(JobsError::NotRunning {
            status: JobStatus::Cancelled,
            ..
        })
    ));

    engine.retry(id).await.unwrap();
    let job = finished(&engine, id).await;
    assert_eq!(job.job.status, JobStatus::Succeeded, "{job:#?}");
    assert_nothing_left(&client, &domain, ALICE).await;
}

/// Runs a job in a runtime of its own and kills that runtime (every task stops at its
/// current await, as in a killed process) after `events` changes were stored.
fn run_then_kill(url: String, db: std::path::PathBuf, domain: String, events: usize) -> i64 {
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let id = runtime.block_on(async {
            let client = Arc::new(client(&url));
            let engine = engine(client, &db, fast_config()).await;
            let (job, _) = engine.delete_profile(&domain, ALICE).await.unwrap();
            let mut changes = engine.subscribe(job.job.id);
            for _ in 0..events {
                match tokio::time::timeout(Duration::from_secs(10), changes.recv()).await {
                    Ok(Ok(JobEvent::Snapshot(job))) if job.job.status.is_finished() => break,
                    Ok(Ok(_)) => {}
                    _ => break,
                }
            }
            job.job.id
        });
        drop(runtime);
        id
    })
    .join()
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_killed_at_any_moment_resumes_and_finishes_with_no_step_counted_twice() {
    for kill_after in [1, 3, 6, 10, 15] {
        let (emulator, domain) = team_emulator(Faults::default()).await;
        let db = db_file();
        let (url, path, dom) = (emulator.url(), db.path.clone(), domain.clone());
        let id = tokio::task::spawn_blocking(move || run_then_kill(url, path, dom, kill_after))
            .await
            .unwrap();

        // The killed process's lease runs out before anyone may take its job.
        tokio::time::sleep(fast_config().lease + Duration::from_millis(50)).await;
        let client = shared_client(&emulator);
        let engine = engine(client.clone(), &db.path, fast_config()).await;
        let before = engine.job(id).await.unwrap();
        let resumed = engine.resume_unfinished().await.unwrap();
        assert_eq!(
            resumed.contains(&id),
            before.job.status == JobStatus::Running,
            "a running job is resumed, a finished one is not"
        );
        let job = finished(&engine, id).await;

        assert_eq!(
            job.job.status,
            JobStatus::Succeeded,
            "killed after {kill_after}: {job:#?}"
        );
        assert_nothing_left(&client, &domain, ALICE).await;
        let mut seen = HashSet::new();
        for step in &job.steps {
            assert!(
                seen.insert((step.round, step.kind, step.resource.clone())),
                "killed after {kill_after}: {} appears twice",
                step.resource
            );
            assert_eq!(step.status, StepStatus::Done, "{step:?}");
        }
        assert_eq!(deleted_apps(&job).len(), 6, "killed after {kill_after}");
        assert_eq!(steps_of(&job, StepKind::DeleteSpace).len(), 2);
        assert_eq!(steps_of(&job, StepKind::DeleteProfile).len(), 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_of_a_profiles_apps_is_deleted() {
    let emulator = emulator_taking(QUICK).await;
    let domain = seed_iam_domain(&emulator, "ml-platform");
    seed_profile(&emulator, &domain, ALICE, 3600);
    for n in 0..130 {
        let name = format!("kernel-{n:03}");
        seed_app(
            &emulator,
            &domain,
            On::User(ALICE),
            AppType::KernelGateway,
            &name,
            AppStatus::InService,
        );
    }
    let db = db_file();
    let (client, engine) = engine_on(&emulator, &db.path, fast_config()).await;

    let (job, _) = engine.delete_profile(&domain, ALICE).await.unwrap();
    let job = finished(&engine, job.job.id).await;

    assert_eq!(job.job.status, JobStatus::Succeeded, "{:?}", job.job.error);
    assert_eq!(
        deleted_apps(&job).len(),
        130,
        "more than one page of ListApps"
    );
    assert_nothing_left(&client, &domain, ALICE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_started_in_an_owned_space_mid_job_is_deleted_before_the_space() {
    let emulator = emulator_taking(Duration::from_millis(400)).await;
    let private = On::Space("alice-private");
    let [_, _, lab] = alices_apps();
    let domain = seed_offboarding(&emulator, ALICE, &["alice-private"], &[lab]);
    let db = db_file();
    let (client, engine) = engine_on(&emulator, &db.path, fast_config()).await;

    let late = (private, AppType::CodeEditor, "default");
    let job = delete_alice_while_an_app_starts(&emulator, &engine, &domain, late).await;
    let refused = job
        .steps
        .iter()
        .find(|s| s.status == StepStatus::Superseded)
        .expect("AWS refused the space delete once");
    assert_eq!(refused.kind, StepKind::DeleteSpace);
    assert!(
        refused
            .outcome
            .as_deref()
            .unwrap()
            .contains("ResourceInUse"),
        "{refused:?}"
    );
    assert!(
        deleted_apps(&job).contains(&"app CodeEditor/default in space alice-private".to_owned())
    );
    assert_nothing_left(&client, &domain, ALICE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_that_keeps_getting_new_apps_fails_after_a_bounded_number_of_new_plans() {
    let emulator = emulator_taking(QUICK).await;
    let domain = seed_iam_domain(&emulator, "ml-platform");
    seed_profile(&emulator, &domain, ALICE, 3600);
    let client = shared_client(&emulator);
    let db = db_file();
    let config = JobsConfig {
        max_replans: 2,
        ..fast_config()
    };
    let engine = engine(client.clone(), &db.path, config).await;
    // Someone keeps starting apps for Alice while her delete runs.
    let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
    let starter = {
        let (emulator, domain) = (emulator.emulator().clone(), domain.clone());
        tokio::spawn(async move {
            for n in 0.. {
                let request = studio_admin_model::CreateAppRequest {
                    domain_id: Some(domain.clone()),
                    user_profile_name: Some(ALICE.to_owned()),
                    app_type: Some(AppType::KernelGateway),
                    app_name: Some(format!("again-{n}")),
                    ..Default::default()
                };
                let _ = emulator.seed_app(request, AppStatus::InService, Duration::ZERO);
                tokio::select! {
                    () = tokio::time::sleep(Duration::from_millis(20)) => {}
                    _ = &mut stopped => return,
                }
            }
        })
    };

    let (job, _) = engine.delete_profile(&domain, ALICE).await.unwrap();
    let job = finished(&engine, job.job.id).await;
    let _ = stop.send(());
    starter.await.unwrap();

    assert_eq!(job.job.status, JobStatus::Failed, "{job:#?}");
    assert_eq!(job.job.round, 2, "two new plans, then it gives up");
    let error = job.job.error.unwrap();
    assert!(
        error.reason.contains("after planning again 2 time(s)"),
        "{error:?}"
    );
    assert!(error.reason.contains("appeared"), "{error:?}");
    assert!(leftovers(&client, &domain, ALICE).await.profile_exists);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_whose_earlier_delete_failed_is_deleted_again() {
    let emulator = emulator_taking(QUICK).await;
    let domain = seed_iam_domain(&emulator, "ml-platform");
    emulator
        .emulator()
        .seed_user_profile(
            studio_admin_model::CreateUserProfileRequest {
                domain_id: Some(domain.clone()),
                user_profile_name: Some(ALICE.to_owned()),
                ..Default::default()
            },
            studio_admin_model::UserProfileStatus::DeleteFailed,
            Duration::from_secs(3600),
        )
        .unwrap();
    let db = db_file();
    let (client, engine) = engine_on(&emulator, &db.path, fast_config()).await;

    let (job, _) = engine.delete_profile(&domain, ALICE).await.unwrap();
    let job = finished(&engine, job.job.id).await;

    assert_eq!(job.job.status, JobStatus::Succeeded, "{job:#?}");
    assert_nothing_left(&client, &domain, ALICE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delete_that_sagemaker_lost_is_sent_again_when_the_resource_is_still_live() {
    let emulator = emulator_taking(QUICK).await;
    let domain = seed_offboarding(&emulator, ALICE, &["alice-private"], &alices_apps()[..2]);
    let db = db_file();
    let (client, engine) = engine_on(&emulator, &db.path, fast_config()).await;
    // A job whose rows say every delete was sent and accepted, while SageMaker (a backend
    // that was restarted, say) has everything live: as a proxy would find it after a crash.
    let store = engine.store();
    let (job, fence) = crashed_after_planning(&engine, &domain).await;
    for step in store.round_steps(job.id, 0).await.unwrap() {
        if matches!(step.kind, StepKind::DeleteApp | StepKind::DeleteSpace) {
            let sent = sent_and_waiting();
            store.update_step(fence, step.id, &sent).await.unwrap();
        }
    }

    assert_eq!(engine.resume_unfinished().await.unwrap(), [job.id]);
    let job = finished(&engine, job.id).await;

    assert_eq!(job.job.status, JobStatus::Succeeded, "{job:#?}");
    for step in steps_of(&job, StepKind::DeleteApp)
        .into_iter()
        .chain(steps_of(&job, StepKind::DeleteSpace))
    {
        assert_eq!(step.calls, 2, "sent again once: {step:?}");
    }
    assert_nothing_left(&client, &domain, ALICE).await;
}
