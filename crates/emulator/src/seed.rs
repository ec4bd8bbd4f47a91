//! The demo data (`--seed demo`): what a real account of a machine-learning team looks
//! like, with something in every state the panel has to show.
//!
//! - `ml-platform-team` (IAM mode, public internet): 24 people; apps Pending, InService,
//!   Deleting, Deleted and Failed; private and shared spaces; one profile whose deletion
//!   failed (`Delete_Failed`), one being created, one being updated.
//! - `research-sso` (IAM Identity Center): profiles carry SSO user names.
//! - `regulated-vpc` (VpcOnly): default security groups every profile inherits.

use std::time::Duration;

use studio_admin_model::{
    AppInstanceType, AppNetworkAccessType, AppStatus, AppType, AuthMode, CreateAppRequest,
    CreateDomainRequest, CreateSpaceRequest, CreateUserProfileRequest, DomainStatus,
    OwnershipSettings, ResourceSpec, SharingType, SpaceSettings, SpaceSharingSettings, SpaceStatus,
    Tag, UserProfileStatus, UserSettings,
};

use crate::emulator::Emulator;
use crate::error::ApiError;

fn days(n: u64) -> Duration {
    Duration::from_secs(n * 24 * 3600)
}

/// Seeding only fails on a mistake in this file; the demo goes on without that item.
fn keep<T>(what: &str, result: Result<T, ApiError>) -> Option<T> {
    result
        .map_err(|e| tracing::warn!(what, error = %e, "demo data item skipped"))
        .ok()
}

fn tag(key: &str, value: &str) -> Tag {
    Tag {
        key: Some(key.to_owned()),
        value: Some(value.to_owned()),
    }
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
        tags: Some(vec![tag("CostCenter", "ml-4021")]),
        ..CreateDomainRequest::default()
    };
    keep(
        name,
        emulator.seed_domain(request, DomainStatus::InService, age),
    )
}

fn profile(
    emulator: &Emulator,
    domain_id: &str,
    name: &str,
    status: UserProfileStatus,
    age: Duration,
    settings: Option<UserSettings>,
    sso_user: Option<&str>,
) {
    let request = CreateUserProfileRequest {
        domain_id: Some(domain_id.to_owned()),
        user_profile_name: Some(name.to_owned()),
        user_settings: settings,
        single_sign_on_user_identifier: sso_user.map(|_| "UserName".to_owned()),
        single_sign_on_user_value: sso_user.map(str::to_owned),
        tags: Some(vec![tag("Team", "ml-platform")]),
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
    age_days: u64,
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
    keep(
        seed.name,
        emulator.seed_app(request, seed.status, days(seed.age_days)),
    );
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
    let defaults = UserSettings {
        execution_role: Some(role("AmazonSageMaker-ExecutionRole-20240115T101500")),
        default_landing_uri: Some("studio::".to_owned()),
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
        profile(
            emulator,
            &d,
            name,
            status.clone(),
            days(*age),
            settings,
            None,
        );
    }

    for (user, app_type, name, instance, status, age_days) in USER_APPS {
        let seed = AppSeed {
            on: On::User(user),
            app_type: app_type.clone(),
            name,
            instance,
            status: status.clone(),
            age_days: *age_days,
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
    for (space_name, app_type, instance, status, age_days) in SPACE_APPS {
        let seed = AppSeed {
            on: On::Space(space_name),
            app_type: app_type.clone(),
            name: "default",
            instance,
            status: status.clone(),
            age_days: *age_days,
        };
        app(emulator, &d, seed);
    }
}

/// Apps of the team's profiles: owner, type, name, instance, status, days since creation.
#[rustfmt::skip]
const USER_APPS: &[(&str, AppType, &str, &str, AppStatus, u64)] = &[
    ("alice-nguyen", AppType::JupyterServer, "default", "system", AppStatus::InService, 500),
    ("alice-nguyen", AppType::KernelGateway, "datascience-1-0-ml-t3-medium-1abf3407f667f989be9d86559395", "ml.t3.medium", AppStatus::InService, 12),
    ("bruno-costa", AppType::JupyterServer, "default", "system", AppStatus::InService, 480),
    ("bruno-costa", AppType::KernelGateway, "pytorch-2-1-gpu-py310-ml-g4dn-xlarge-5c1e8d2b7a9f40c3e6b1", "ml.g4dn.xlarge", AppStatus::Failed, 3),
    ("chen-wei", AppType::JupyterServer, "default", "system", AppStatus::Deleted, 460),
    ("dana-kowalski", AppType::JupyterServer, "default", "system", AppStatus::Pending, 0),
    ("emeka-okafor", AppType::JupyterServer, "default", "system", AppStatus::InService, 400),
    ("emeka-okafor", AppType::KernelGateway, "tensorflow-2-13-cpu-py310-ml-m5-xlarge-9d4c2a7e1b3f5a6c8e0d", "ml.m5.xlarge", AppStatus::Deleting, 2),
    ("fatima-zahra", AppType::Canvas, "default", "system", AppStatus::InService, 30),
    ("gabriel-silva", AppType::JupyterServer, "default", "system", AppStatus::Failed, 349),
    ("hana-sato", AppType::TensorBoard, "default", "system", AppStatus::InService, 15),
    ("julia-schmidt", AppType::JupyterServer, "default", "system", AppStatus::InService, 279),
    ("kwame-mensah", AppType::JupyterServer, "default", "system", AppStatus::InService, 250),
    ("kwame-mensah", AppType::KernelGateway, "spark-analytics-1-0-ml-m5-2xlarge-2f7b9e4d1c6a3e8b5d0f", "ml.m5.2xlarge", AppStatus::InService, 6),
    ("rosa-martinez", AppType::JupyterServer, "default", "system", AppStatus::InService, 117),
    ("tomas-novak", AppType::JupyterServer, "default", "system", AppStatus::Deleted, 89),
    ("uma-krishnan", AppType::RStudioServerPro, "default", "system", AppStatus::InService, 60),
    ("yusuf-demir", AppType::JupyterServer, "default", "system", AppStatus::InService, 8),
];

/// The team's spaces: name, owner, sharing, app type, status, days since creation.
#[rustfmt::skip]
const SPACES: &[(&str, &str, SharingType, AppType, SpaceStatus, u64)] = &[
    ("alice-lab", "alice-nguyen", SharingType::Private, AppType::JupyterLab, SpaceStatus::InService, 200),
    ("priya-lab", "priya-raman", SharingType::Private, AppType::JupyterLab, SpaceStatus::InService, 130),
    ("marco-code", "marco-rossi", SharingType::Private, AppType::CodeEditor, SpaceStatus::InService, 150),
    ("wen-lab", "wen-li", SharingType::Private, AppType::JupyterLab, SpaceStatus::Pending, 0),
    ("team-analytics", "oliver-brown", SharingType::Shared, AppType::JupyterLab, SpaceStatus::InService, 160),
    ("fraud-model-review", "nadia-haddad", SharingType::Shared, AppType::JupyterLab, SpaceStatus::InService, 45),
    ("forecasting-sandbox", "lena-fischer", SharingType::Shared, AppType::CodeEditor, SpaceStatus::InService, 70),
];

/// Apps in the team's spaces (all named `default`): space, type, instance, status, days.
#[rustfmt::skip]
const SPACE_APPS: &[(&str, AppType, &str, AppStatus, u64)] = &[
    ("alice-lab", AppType::JupyterLab, "ml.t3.medium", AppStatus::InService, 4),
    ("priya-lab", AppType::JupyterLab, "ml.g5.xlarge", AppStatus::InService, 1),
    ("marco-code", AppType::CodeEditor, "ml.t3.large", AppStatus::Pending, 0),
    ("team-analytics", AppType::JupyterLab, "ml.m5.xlarge", AppStatus::InService, 20),
    ("fraud-model-review", AppType::JupyterLab, "ml.t3.medium", AppStatus::Deleted, 44),
    ("forecasting-sandbox", AppType::CodeEditor, "ml.t3.medium", AppStatus::Failed, 10),
];

fn sso_domain(emulator: &Emulator, role: &dyn Fn(&str) -> String) {
    let defaults = UserSettings {
        execution_role: Some(role("AmazonSageMaker-ResearchRole")),
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
    for (name, user, age) in [
        ("maria-garcia", "maria.garcia", 290),
        ("kenji-watanabe", "kenji.watanabe", 210),
        ("amara-diallo", "amara.diallo", 95),
        ("lucas-meyer", "lucas.meyer", 12),
    ] {
        profile(
            emulator,
            &d,
            name,
            UserProfileStatus::InService,
            days(age),
            None,
            Some(user),
        );
    }
    let seed = AppSeed {
        on: On::User("maria-garcia"),
        app_type: AppType::JupyterServer,
        name: "default",
        instance: "system",
        status: AppStatus::InService,
        age_days: 289,
    };
    app(emulator, &d, seed);
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
        profile(
            emulator,
            &d,
            name,
            UserProfileStatus::InService,
            days(age),
            None,
            None,
        );
    }
    let seed = AppSeed {
        on: On::User("ingrid-berg"),
        app_type: AppType::JupyterServer,
        name: "default",
        instance: "system",
        status: AppStatus::InService,
        age_days: 100,
    };
    app(emulator, &d, seed);
}
