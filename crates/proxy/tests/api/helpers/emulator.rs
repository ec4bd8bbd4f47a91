//! The embedded emulator as the tests' SageMaker: started on a free loopback port with
//! signature verification on (the test keys), and data seeded per test, one function per
//! kind of resource.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use studio_admin_emulator::{EmulatorConfig, Faults, RunningEmulator, Timings, spawn};
use studio_admin_model::{
    AppNetworkAccessType, AppStatus, AppType, AuthMode, CreateAppRequest, CreateDomainRequest,
    CreateSpaceRequest, CreateUserProfileRequest, DomainStatus, OwnershipSettings, SharingType,
    SpaceSharingSettings, SpaceStatus, UserProfileStatus, UserSettings,
};

use super::sagemaker::{ACCESS_KEY, SECRET_KEY};

/// An empty emulator whose lifecycles complete at once and that injects no faults.
pub async fn start_emulator() -> RunningEmulator {
    start_emulator_with(Timings::instant(), Faults::default()).await
}

/// An empty emulator whose transitions take `timings` and that injects `faults`.
pub async fn start_emulator_with(timings: Timings, faults: Faults) -> RunningEmulator {
    let config = EmulatorConfig {
        credentials: Some((ACCESS_KEY.to_owned(), SECRET_KEY.to_owned())),
        timings,
        faults,
        ..EmulatorConfig::default()
    };
    spawn(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .expect("emulator starts")
}

/// Adds an InService domain with a default execution role; returns its id.
pub fn seed_domain(
    emulator: &RunningEmulator,
    name: &str,
    auth: AuthMode,
    network: AppNetworkAccessType,
    default_security_groups: &[&str],
) -> String {
    let request = CreateDomainRequest {
        domain_name: Some(name.to_owned()),
        auth_mode: Some(auth),
        app_network_access_type: Some(network),
        default_user_settings: Some(UserSettings {
            execution_role: Some("arn:aws:iam::123456789012:role/StudioExecution".to_owned()),
            security_groups: (!default_security_groups.is_empty()).then(|| {
                default_security_groups
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect()
            }),
            ..UserSettings::default()
        }),
        vpc_id: Some("vpc-0a1b2c3d4e5f67890".to_owned()),
        subnet_ids: Some(vec!["subnet-0f1e2d3c4b5a69788".to_owned()]),
        ..CreateDomainRequest::default()
    };
    emulator
        .emulator()
        .seed_domain(
            request,
            DomainStatus::InService,
            Duration::from_secs(86_400),
        )
        .expect("domain seeds")
}

/// An IAM-mode, public-internet domain; returns its id.
pub fn seed_iam_domain(emulator: &RunningEmulator, name: &str) -> String {
    seed_domain(
        emulator,
        name,
        AuthMode::Iam,
        AppNetworkAccessType::PublicInternetOnly,
        &[],
    )
}

/// A CreateUserProfile request for `name` in `domain`, with the domain's defaults: seed
/// it as it is, or with the members a test needs set over it.
pub fn profile_request(domain: &str, name: &str) -> CreateUserProfileRequest {
    CreateUserProfileRequest {
        domain_id: Some(domain.to_owned()),
        user_profile_name: Some(name.to_owned()),
        ..CreateUserProfileRequest::default()
    }
}

/// An SSO-mode (IAM Identity Center), public-internet domain; returns its id.
pub fn seed_sso_domain(emulator: &RunningEmulator, name: &str) -> String {
    seed_domain(
        emulator,
        name,
        AuthMode::Sso,
        AppNetworkAccessType::PublicInternetOnly,
        &[],
    )
}

/// An IAM-mode, VPC-only domain whose profiles get `default_security_groups`; returns its
/// id.
pub fn seed_vpc_domain(
    emulator: &RunningEmulator,
    name: &str,
    default_security_groups: &[&str],
) -> String {
    seed_domain(
        emulator,
        name,
        AuthMode::Iam,
        AppNetworkAccessType::VpcOnly,
        default_security_groups,
    )
}

/// Adds an InService profile created `age_secs` ago.
pub fn seed_profile(emulator: &RunningEmulator, domain: &str, name: &str, age_secs: u64) {
    seed_profile_as(emulator, profile_request(domain, name), age_secs);
}

/// Adds an InService profile of an SSO domain, for the Identity Center user `name`.
pub fn seed_sso_profile(emulator: &RunningEmulator, domain: &str, name: &str) {
    seed_sso_profile_of(emulator, domain, name, name);
}

/// Adds an InService profile `name` of an SSO domain for the directory user `user_name`,
/// made without the panel.
pub fn seed_sso_profile_of(emulator: &RunningEmulator, domain: &str, name: &str, user_name: &str) {
    let request = CreateUserProfileRequest {
        single_sign_on_user_identifier: Some("UserName".to_owned()),
        single_sign_on_user_value: Some(user_name.to_owned()),
        ..profile_request(domain, name)
    };
    seed_profile_as(emulator, request, 100);
}

/// Adds an InService profile as `request` describes, created `age_secs` ago.
pub fn seed_profile_as(
    emulator: &RunningEmulator,
    request: CreateUserProfileRequest,
    age_secs: u64,
) {
    emulator
        .emulator()
        .seed_user_profile(
            request,
            UserProfileStatus::InService,
            Duration::from_secs(age_secs),
        )
        .expect("profile seeds");
}

/// Where an app runs: a user's own, or in a space.
#[derive(Debug, Clone, Copy)]
pub enum On<'a> {
    /// The app of this user profile.
    User(&'a str),
    /// An app in this space.
    Space(&'a str),
}

/// Adds an app in `status`, created an hour ago.
pub fn seed_app(
    emulator: &RunningEmulator,
    domain: &str,
    on: On<'_>,
    app_type: AppType,
    name: &str,
    status: AppStatus,
) {
    let (user, space) = match on {
        On::User(user) => (Some(user.to_owned()), None),
        On::Space(space) => (None, Some(space.to_owned())),
    };
    let request = CreateAppRequest {
        domain_id: Some(domain.to_owned()),
        user_profile_name: user,
        space_name: space,
        app_type: Some(app_type),
        app_name: Some(name.to_owned()),
        ..CreateAppRequest::default()
    };
    emulator
        .emulator()
        .seed_app(request, status, Duration::from_secs(3600))
        .expect("app seeds");
}

/// Adds an InService space owned by `owner`, private or shared.
pub fn seed_space(
    emulator: &RunningEmulator,
    domain: &str,
    name: &str,
    owner: &str,
    sharing: SharingType,
) {
    let request = CreateSpaceRequest {
        domain_id: Some(domain.to_owned()),
        space_name: Some(name.to_owned()),
        ownership_settings: Some(OwnershipSettings {
            owner_user_profile_name: Some(owner.to_owned()),
        }),
        space_sharing_settings: Some(SpaceSharingSettings {
            sharing_type: Some(sharing),
        }),
        ..CreateSpaceRequest::default()
    };
    emulator
        .emulator()
        .seed_space(request, SpaceStatus::InService, Duration::from_secs(3600))
        .expect("space seeds");
}
