//! What the tests share: the SageMaker they talk to (the embedded emulator, or a scripted
//! one), the proxy's signed client, the application under test ([`TestApp`]), requests
//! and their replies (plain, or from a signed-in [`Browser`]), the `studio-admin` binary,
//! delete-job fixtures and log capture.

pub mod binary;
pub mod browser;
pub mod emulator;
pub mod http;
pub mod jobs;
pub mod logs;
pub mod postgres;
pub mod sagemaker;
pub mod scripted;
pub mod test_app;

pub use browser::{
    Browser, HOST, ORIGIN, PASSWORD, account, for_site, sign_in, site_request, team_accounts,
};
pub use emulator::{
    On, profile_request, seed_app, seed_iam_domain, seed_profile, seed_profile_as, seed_space,
    seed_sso_domain, seed_sso_profile, seed_sso_profile_of, seed_vpc_domain, start_emulator,
    start_emulator_with,
};
pub use http::{Reply, http, send, strings};
pub use sagemaker::{ACCESS_KEY, SECRET_KEY, client, client_with, fast_retries};
pub use scripted::{Answer, Call, Scripted, aws_error, ok};
pub use test_app::{BROWSER_IP, PROXY_IP, SpawnedApp, TestApp, db_file, router_for};
