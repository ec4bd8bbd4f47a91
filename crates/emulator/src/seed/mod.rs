//! The demo data (`--seed demo`): what a real account of a machine-learning team looks
//! like, with something in every state the panel has to show.
//!
//! - `ml-platform-team` (IAM mode, public internet): 24 people; apps Pending, InService,
//!   Deleting, Deleted and Failed; private and shared spaces; one profile whose deletion
//!   failed (`Delete_Failed`), one being created, one being updated.
//! - `research-sso` (IAM Identity Center): profiles carry SSO user names of the
//!   directory (`directory.rs`: people, groups, who is assigned to the domain's Studio
//!   application, and people with no access).
//! - `regulated-vpc` (VpcOnly): default security groups every profile inherits.
//!
//! Apps run on several instance types, for minutes, hours and days; some have been idle
//! longer than the idle shutdown their domain's defaults set (JupyterLab and Code Editor
//! `AppLifecycleManagement.IdleSettings`), and two profiles set their own (a longer
//! timeout; idle shutdown turned off). Profiles carry team and cost-centre tags.

use std::time::Duration;

mod directory;

use studio_admin_model::{
    AppInstanceType, AppLifecycleManagement, AppNetworkAccessType, AppStatus, AppType, AuthMode,
    CodeEditorAppSettings, CreateAppRequest, CreateDomainRequest, CreateSpaceRequest,
    CreateUserProfileRequest, DomainStatus, IdleSettings, JupyterLabAppSettings,
    LifecycleManagement, OwnershipSettings, ResourceSpec, SharingType, SpaceSettings,
    SpaceSharingSettings, SpaceStatus, Tag, UserProfileStatus, UserSettings,
};

use crate::emulator::Emulator;
use crate::error::ApiError;

const fn days(n: u64) -> Duration {
    Duration::from_secs(n * 24 * 3600)
}

const fn hours(n: u64) -> Duration {
    Duration::from_secs(n * 3600)
}

const fn minutes(n: u64) -> Duration {
    Duration::from_secs(n * 60)
}

/// Idle shutdown after `minutes` for JupyterLab and Code Editor apps.
fn idle_shutdown(
    jupyter_lab: i32,
    code_editor: i32,
) -> (JupyterLabAppSettings, CodeEditorAppSettings) {
    let lifecycle = |minutes| {
        Some(AppLifecycleManagement {
            idle_settings: Some(IdleSettings {
                lifecycle_management: Some(LifecycleManagement::Enabled),
                idle_timeout_in_minutes: Some(minutes),
                ..IdleSettings::default()
            }),
        })
    };
    (
        JupyterLabAppSettings {
            app_lifecycle_management: lifecycle(jupyter_lab),
            ..JupyterLabAppSettings::default()
        },
        CodeEditorAppSettings {
            app_lifecycle_management: lifecycle(code_editor),
            ..CodeEditorAppSettings::default()
        },
    )
}

/// Seeding only fails on a mistake in this file; the demo goes on without that item.
fn keep<T>(what: &str, result: Result<T, ApiError>) -> Option<T> {
    result
        .map_err(|e| tracing::warn!(what, error = %e, "demo data item skipped"))
        .ok()
}

/// Builds the demo data into `emulator`.
pub(crate) fn demo(emulator: &Emulator) {
    let account = emulator.config().account_id.clone();
    let role = |name: &str| format!("arn:aws:iam::{account}:role/service-role/{name}");
    team_domain(emulator, &role);
    sso_domain(emulator, &role);
    vpc_domain(emulator, &role);
}

fn domain(
    emulator: &Emulator,
    name: &str,
    auth: AuthMode,
    network: AppNetworkAccessType,
    defaults: UserSettings,
    age: Duration,
) -> Option<String> {
    let vpc = network == AppNetworkAccessType::VpcOnly;
    let request = CreateDomainRequest {
        domain_name: Some(name.to_owned()),
        auth_mode: Some(auth),
        app_network_access_type: Some(network),
        default_user_settings: Some(defaults),
        vpc_id: Some(
            if vpc {
                "vpc-0c4f2a91d7e3b5681"
            } else {
                "vpc-0a1b2c3d4e5f67890"
            }
            .to_owned(),
        ),
        subnet_ids: Some(if vpc {
            vec![
                "subnet-0d3e8a6c1f2b49570".to_owned(),
                "subnet-07b9c2e4a1d3f6058".to_owned(),
            ]
        } else {
            vec!["subnet-0f1e2d3c4b5a69788".to_owned()]
        }),
        tags: Some(vec![Tag::new("CostCenter", "ml-4021")]),
        ..CreateDomainRequest::default()
    };
    keep(
        name,
        emulator.seed_domain(request, DomainStatus::InService, age),
    )
}

/// One seeded profile.
struct ProfileSeed<'a> {
    name: &'a str,
    status: UserProfileStatus,
    age: Duration,
    settings: Option<UserSettings>,
    sso_user: Option<&'a str>,
    tags: Vec<Tag>,
}

fn profile(emulator: &Emulator, domain_id: &str, seed: ProfileSeed<'_>) {
    let ProfileSeed {
        name,
        status,
        age,
        settings,
        sso_user,
        tags,
    } = seed;
    let request = CreateUserProfileRequest {
        domain_id: Some(domain_id.to_owned()),
        user_profile_name: Some(name.to_owned()),
        user_settings: settings,
        single_sign_on_user_identifier: sso_user.map(|_| "UserName".to_owned()),
        single_sign_on_user_value: sso_user.map(str::to_owned),
        tags: (!tags.is_empty()).then_some(tags),
    };
    keep(name, emulator.seed_user_profile(request, status, age));
}

/// Where an app runs.
enum On<'a> {
    User(&'a str),
    Space(&'a str),
}

/// One seeded app.
struct AppSeed<'a> {
    on: On<'a>,
    app_type: AppType,
    name: &'a str,
    instance: &'a str,
    status: AppStatus,
    age: Duration,
    /// How long ago its user last did something in it, when not at its start.
    idle: Option<Duration>,
}

fn app(emulator: &Emulator, domain_id: &str, seed: AppSeed<'_>) {
    let (user, space) = match seed.on {
        On::User(u) => (Some(u.to_owned()), None),
        On::Space(s) => (None, Some(s.to_owned())),
    };
    let request = CreateAppRequest {
        domain_id: Some(domain_id.to_owned()),
        user_profile_name: user,
        space_name: space,
        app_type: Some(seed.app_type),
        app_name: Some(seed.name.to_owned()),
        resource_spec: Some(ResourceSpec {
            instance_type: Some(AppInstanceType::from_wire(seed.instance)),
            ..ResourceSpec::default()
        }),
        ..CreateAppRequest::default()
    };
    let seeded = emulator.seed_idle_app(request, seed.status, seed.age, seed.idle);
    keep(seed.name, seeded);
}

/// One seeded space.
struct SpaceSeed<'a> {
    name: &'a str,
    owner: &'a str,
    sharing: SharingType,
    app_type: AppType,
    status: SpaceStatus,
    age_days: u64,
}

fn space(emulator: &Emulator, domain_id: &str, seed: SpaceSeed<'_>) {
    let request = CreateSpaceRequest {
        domain_id: Some(domain_id.to_owned()),
        space_name: Some(seed.name.to_owned()),
        space_display_name: Some(seed.name.replace('-', " ")),
        ownership_settings: Some(OwnershipSettings {
            owner_user_profile_name: Some(seed.owner.to_owned()),
        }),
        space_sharing_settings: Some(SpaceSharingSettings {
            sharing_type: Some(seed.sharing),
        }),
        space_settings: Some(SpaceSettings {
            app_type: Some(seed.app_type),
            ..SpaceSettings::default()
        }),
        ..CreateSpaceRequest::default()
    };
    keep(
        seed.name,
        emulator.seed_space(request, seed.status, days(seed.age_days)),
    );
}

/// The team of `ml-platform-team`: name, status, days since creation.
const TEAM: &[(&str, UserProfileStatus, u64)] = &[
    ("alice-nguyen", UserProfileStatus::InService, 512),
    ("bruno-costa", UserProfileStatus::InService, 488),
    ("chen-wei", UserProfileStatus::InService, 463),
    ("dana-kowalski", UserProfileStatus::InService, 430),
    ("emeka-okafor", UserProfileStatus::InService, 401),
    ("fatima-zahra", UserProfileStatus::InService, 377),
    ("gabriel-silva", UserProfileStatus::InService, 350),
    ("hana-sato", UserProfileStatus::InService, 322),
    ("ivan-petrov", UserProfileStatus::UpdateFailed, 301),
    ("julia-schmidt", UserProfileStatus::InService, 280),
    ("kwame-mensah", UserProfileStatus::InService, 254),
    ("lena-fischer", UserProfileStatus::InService, 231),
    ("marco-rossi", UserProfileStatus::InService, 207),
    ("nadia-haddad", UserProfileStatus::InService, 188),
    ("oliver-brown", UserProfileStatus::InService, 166),
    ("priya-raman", UserProfileStatus::InService, 140),
    ("rosa-martinez", UserProfileStatus::InService, 118),
    ("sven-larsen", UserProfileStatus::Updating, 97),
    ("tomas-novak", UserProfileStatus::DeleteFailed, 90),
    ("uma-krishnan", UserProfileStatus::InService, 64),
    ("victor-almeida", UserProfileStatus::InService, 41),
    ("wen-li", UserProfileStatus::InService, 23),
    ("yusuf-demir", UserProfileStatus::InService, 9),
    ("quentin-dubois", UserProfileStatus::Pending, 0),
];

fn team_domain(emulator: &Emulator, role: &dyn Fn(&str) -> String) {
    // Idle shutdown: JupyterLab after two hours, Code Editor after one.
    let (jupyter_lab, code_editor) = idle_shutdown(120, 60);
    let defaults = UserSettings {
        execution_role: Some(role("AmazonSageMaker-ExecutionRole-20240115T101500")),
        default_landing_uri: Some("studio::".to_owned()),
        jupyter_lab_app_settings: Some(jupyter_lab),
        code_editor_app_settings: Some(code_editor),
        ..UserSettings::default()
    };
    let Some(d) = domain(
        emulator,
        "ml-platform-team",
        AuthMode::Iam,
        AppNetworkAccessType::PublicInternetOnly,
        defaults,
        days(540),
    ) else {
        return;
    };
    for (name, status, age) in TEAM {
        // The data engineers run with their own, broader role.
        let settings =
            matches!(*name, "kwame-mensah" | "lena-fischer" | "oliver-brown").then(|| {
                UserSettings {
                    execution_role: Some(role("SageMakerDataEngineering")),
                    ..UserSettings::default()
                }
            });
        let settings = settings.or_else(|| own_idle_shutdown(name));
        let mut tags = vec![
            Tag::new("Team", "ml-platform"),
            Tag::new("CostCenter", "ml-4021"),
        ];
        if let Some(project) = project_of(name) {
            tags.push(Tag::new("Project", project));
        }
        let seed = ProfileSeed {
            name,
            status: status.clone(),
            age: days(*age),
            settings,
            sso_user: None,
            tags,
        };
        profile(emulator, &d, seed);
    }

    for (user, app_type, name, instance, status, age) in USER_APPS {
        let seed = AppSeed {
            on: On::User(user),
            app_type: app_type.clone(),
            name,
            instance,
            status: status.clone(),
            age: *age,
            idle: None,
        };
        app(emulator, &d, seed);
    }
    for (name, owner, sharing, app_type, status, age_days) in SPACES {
        let seed = SpaceSeed {
            name,
            owner,
            sharing: sharing.clone(),
            app_type: app_type.clone(),
            status: status.clone(),
            age_days: *age_days,
        };
        space(emulator, &d, seed);
    }
    for (space_name, app_type, instance, status, age, idle) in SPACE_APPS {
        let seed = AppSeed {
            on: On::Space(space_name),
            app_type: app_type.clone(),
            name: "default",
            instance,
            status: status.clone(),
            age: *age,
            idle: *idle,
        };
        app(emulator, &d, seed);
    }
}

/// Profiles with an idle shutdown of their own instead of the domain's: Priya's long
/// training notebooks get six hours (her lab, idle seven, is still past it), and Uma's
/// fine-tuning runs have idle shutdown turned off.
fn own_idle_shutdown(name: &str) -> Option<UserSettings> {
    let lab = |idle_settings| JupyterLabAppSettings {
        app_lifecycle_management: Some(AppLifecycleManagement {
            idle_settings: Some(idle_settings),
        }),
        ..JupyterLabAppSettings::default()
    };
    let jupyter_lab = match name {
        "priya-raman" => lab(IdleSettings {
            lifecycle_management: Some(LifecycleManagement::Enabled),
            idle_timeout_in_minutes: Some(360),
            ..IdleSettings::default()
        }),
        "uma-krishnan" => lab(IdleSettings {
            lifecycle_management: Some(LifecycleManagement::Disabled),
            ..IdleSettings::default()
        }),
        _ => return None,
    };
    Some(UserSettings {
        jupyter_lab_app_settings: Some(jupyter_lab),
        ..UserSettings::default()
    })
}

/// The project some of the team work on (a third tag on their profiles).
fn project_of(name: &str) -> Option<&'static str> {
    match name {
        "alice-nguyen" | "priya-raman" | "nadia-haddad" => Some("fraud-detection"),
        "lena-fischer" | "marco-rossi" | "rosa-martinez" => Some("demand-forecasting"),
        "uma-krishnan" | "victor-almeida" => Some("llm-finetuning"),
        _ => None,
    }
}

/// Apps of the team's profiles: owner, type, name, instance, status, time since creation.
#[rustfmt::skip]
const USER_APPS: &[(&str, AppType, &str, &str, AppStatus, Duration)] = &[
    ("alice-nguyen", AppType::JupyterServer, "default", "system", AppStatus::InService, days(500)),
    ("alice-nguyen", AppType::KernelGateway, "datascience-1-0-ml-t3-medium-1abf3407f667f989be9d86559395", "ml.t3.medium", AppStatus::InService, days(12)),
    ("bruno-costa", AppType::JupyterServer, "default", "system", AppStatus::InService, days(480)),
    ("bruno-costa", AppType::KernelGateway, "pytorch-2-1-gpu-py310-ml-g4dn-xlarge-5c1e8d2b7a9f40c3e6b1", "ml.g4dn.xlarge", AppStatus::Failed, days(3)),
    ("chen-wei", AppType::JupyterServer, "default", "system", AppStatus::Deleted, days(460)),
    ("dana-kowalski", AppType::JupyterServer, "default", "system", AppStatus::Pending, days(0)),
    ("emeka-okafor", AppType::JupyterServer, "default", "system", AppStatus::InService, days(400)),
    ("emeka-okafor", AppType::KernelGateway, "tensorflow-2-13-cpu-py310-ml-m5-xlarge-9d4c2a7e1b3f5a6c8e0d", "ml.m5.xlarge", AppStatus::Deleting, days(2)),
    ("fatima-zahra", AppType::Canvas, "default", "system", AppStatus::InService, days(30)),
    ("gabriel-silva", AppType::JupyterServer, "default", "system", AppStatus::Failed, days(349)),
    ("hana-sato", AppType::TensorBoard, "default", "system", AppStatus::InService, days(15)),
    ("julia-schmidt", AppType::JupyterServer, "default", "system", AppStatus::InService, days(279)),
    ("kwame-mensah", AppType::JupyterServer, "default", "system", AppStatus::InService, days(250)),
    ("kwame-mensah", AppType::KernelGateway, "spark-analytics-1-0-ml-m5-2xlarge-2f7b9e4d1c6a3e8b5d0f", "ml.m5.2xlarge", AppStatus::InService, days(6)),
    ("rosa-martinez", AppType::JupyterServer, "default", "system", AppStatus::InService, days(117)),
    ("tomas-novak", AppType::JupyterServer, "default", "system", AppStatus::Deleted, days(89)),
    ("uma-krishnan", AppType::RStudioServerPro, "default", "system", AppStatus::InService, days(60)),
    ("yusuf-demir", AppType::JupyterServer, "default", "system", AppStatus::InService, days(8)),
    ("victor-almeida", AppType::KernelGateway, "pytorch-2-1-gpu-py310-ml-g4dn-xlarge-7e2a9c4f1b8d3e6a0c5f", "ml.g4dn.xlarge", AppStatus::InService, minutes(45)),
    ("wen-li", AppType::KernelGateway, "datascience-1-0-ml-m5-large-3b8e1f6a9c2d4e7b0a5c", "ml.m5.large", AppStatus::InService, hours(5)),
];

/// The team's spaces: name, owner, sharing, app type, status, days since creation.
#[rustfmt::skip]
const SPACES: &[(&str, &str, SharingType, AppType, SpaceStatus, u64)] = &[
    ("alice-lab", "alice-nguyen", SharingType::Private, AppType::JupyterLab, SpaceStatus::InService, 200),
    ("priya-lab", "priya-raman", SharingType::Private, AppType::JupyterLab, SpaceStatus::InService, 130),
    ("marco-code", "marco-rossi", SharingType::Private, AppType::CodeEditor, SpaceStatus::InService, 150),
    ("wen-lab", "wen-li", SharingType::Private, AppType::JupyterLab, SpaceStatus::Pending, 0),
    ("team-analytics", "oliver-brown", SharingType::Shared, AppType::JupyterLab, SpaceStatus::InService, 160),
    ("rosa-code", "rosa-martinez", SharingType::Private, AppType::CodeEditor, SpaceStatus::InService, 30),
    ("llm-finetune", "uma-krishnan", SharingType::Shared, AppType::JupyterLab, SpaceStatus::InService, 12),
    ("fraud-model-review", "nadia-haddad", SharingType::Shared, AppType::JupyterLab, SpaceStatus::InService, 45),
    ("forecasting-sandbox", "lena-fischer", SharingType::Shared, AppType::CodeEditor, SpaceStatus::InService, 70),
];

/// An app in a space: space, type, instance, status, age, idle time.
type SpaceApp = (
    &'static str,
    AppType,
    &'static str,
    AppStatus,
    Duration,
    Option<Duration>,
);

/// Apps in the team's spaces (all named `default`): space, type, instance, status, time
/// since creation, time since its user's last activity (when not at its start). With
/// idle shutdown at 120 minutes (JupyterLab) and 60 (Code Editor), `alice-lab`,
/// `priya-lab` and `rosa-code` have been idle longer than that.
#[rustfmt::skip]
const SPACE_APPS: &[SpaceApp] = &[
    ("alice-lab", AppType::JupyterLab, "ml.t3.medium", AppStatus::InService, days(4), Some(days(3))),
    ("priya-lab", AppType::JupyterLab, "ml.g5.xlarge", AppStatus::InService, hours(26), Some(hours(7))),
    ("marco-code", AppType::CodeEditor, "ml.t3.large", AppStatus::Pending, Duration::ZERO, None),
    ("team-analytics", AppType::JupyterLab, "ml.m5.xlarge", AppStatus::InService, days(20), Some(minutes(12))),
    ("rosa-code", AppType::CodeEditor, "ml.m5.large", AppStatus::InService, hours(3), Some(minutes(95))),
    ("llm-finetune", AppType::JupyterLab, "ml.g5.2xlarge", AppStatus::InService, minutes(35), Some(minutes(2))),
    ("fraud-model-review", AppType::JupyterLab, "ml.t3.medium", AppStatus::Deleted, days(44), None),
    ("forecasting-sandbox", AppType::CodeEditor, "ml.t3.medium", AppStatus::Failed, days(10), None),
];

fn sso_domain(emulator: &Emulator, role: &dyn Fn(&str) -> String) {
    let (jupyter_lab, code_editor) = idle_shutdown(180, 60);
    let defaults = UserSettings {
        execution_role: Some(role("AmazonSageMaker-ResearchRole")),
        jupyter_lab_app_settings: Some(jupyter_lab),
        code_editor_app_settings: Some(code_editor),
        ..UserSettings::default()
    };
    let Some(d) = domain(
        emulator,
        "research-sso",
        AuthMode::Sso,
        AppNetworkAccessType::PublicInternetOnly,
        defaults,
        days(300),
    ) else {
        return;
    };
    directory::people(emulator, &d);
    // Profiles of directory people: with group access, direct access, and one whose
    // access was never granted.
    for (name, user, age) in [
        ("maria-garcia", "maria.garcia", 290),
        ("kenji-watanabe", "kenji.watanabe", 210),
        ("amara-diallo", "amara.diallo", 95),
        ("lucas-meyer", "lucas.meyer", 12),
        ("sofia-rossi", "sofia.rossi", 60),
        ("fatou-ndiaye", "fatou.ndiaye", 3),
    ] {
        let seed = ProfileSeed {
            name,
            status: UserProfileStatus::InService,
            age: days(age),
            settings: None,
            sso_user: Some(user),
            tags: vec![
                Tag::new("Team", "research"),
                Tag::new("CostCenter", "rs-2210"),
            ],
        };
        profile(emulator, &d, seed);
    }
    app(
        emulator,
        &d,
        AppSeed {
            on: On::User("maria-garcia"),
            app_type: AppType::JupyterServer,
            name: "default",
            instance: "system",
            status: AppStatus::InService,
            age: days(289),
            idle: None,
        },
    );
    space(
        emulator,
        &d,
        SpaceSeed {
            name: "maria-lab",
            owner: "maria-garcia",
            sharing: SharingType::Private,
            app_type: AppType::JupyterLab,
            status: SpaceStatus::InService,
            age_days: 120,
        },
    );
    // Left running over the weekend, idle far past the three hours of the domain.
    app(
        emulator,
        &d,
        AppSeed {
            on: On::Space("maria-lab"),
            app_type: AppType::JupyterLab,
            name: "default",
            instance: "ml.g4dn.xlarge",
            status: AppStatus::InService,
            age: days(2),
            idle: Some(hours(30)),
        },
    );
}

fn vpc_domain(emulator: &Emulator, role: &dyn Fn(&str) -> String) {
    let defaults = UserSettings {
        execution_role: Some(role("AmazonSageMaker-RegulatedRole")),
        security_groups: Some(vec!["sg-0123456789abcdef0".to_owned()]),
        ..UserSettings::default()
    };
    let Some(d) = domain(
        emulator,
        "regulated-vpc",
        AuthMode::Iam,
        AppNetworkAccessType::VpcOnly,
        defaults,
        days(200),
    ) else {
        return;
    };
    for (name, age) in [
        ("ingrid-berg", 190),
        ("samuel-adeyemi", 120),
        ("zoe-clarke", 33),
    ] {
        let seed = ProfileSeed {
            name,
            status: UserProfileStatus::InService,
            age: days(age),
            settings: None,
            sso_user: None,
            tags: vec![
                Tag::new("Team", "risk-models"),
                Tag::new("DataClassification", "restricted"),
            ],
        };
        profile(emulator, &d, seed);
    }
    let seed = AppSeed {
        on: On::User("ingrid-berg"),
        app_type: AppType::JupyterServer,
        name: "default",
        instance: "system",
        status: AppStatus::InService,
        age: days(100),
        idle: None,
    };
    app(emulator, &d, seed);
}
