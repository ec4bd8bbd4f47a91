//! `GET /api/domains/{domain}/running` (what runs in a domain now, with its hours and,
//! given a prices file, an estimated cost) and `POST /api/domains/{domain}/running/stop`
//! (stop one app or a selection).
//!
//! Hours are instance-hours since each app was created, an estimate from start times:
//! not a bill (AWS bills by the second from when the instance is ready, and a stopped app's
//! hours vanish from this page). Every figure is rounded once, per app (hours to the
//! hundredth, cost to the cent), and the totals add those rounded figures, so a person can
//! check a total against the rows it sums.

use serde::{Deserialize, Serialize};
use studio_admin_model::{AppInstanceType, AppStatus, AppType};

use crate::idle::IdleShutdown;
use crate::time::EpochMillis;

/// Most apps one stop request may name (a page of apps; larger selections are split).
pub const MAX_STOP_APPS: usize = 100;

/// `GET /api/domains/{domain}/running`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunningApps {
    /// The moment the figures were computed (the proxy's clock).
    pub at: EpochMillis,
    /// Every app of the domain that is neither `Deleted` nor `Failed`, longest running
    /// first.
    pub apps: Vec<RunningApp>,
    /// One row per instance type, most hours first.
    pub by_instance_type: Vec<UsageTotal>,
    /// One row per person (the profile, or the owner of the space), most hours first.
    pub by_person: Vec<UsageTotal>,
    /// Every app together.
    pub total: UsageTotal,
    /// Whether the server was given prices (`--prices`); without them no cost is shown.
    pub priced: bool,
}

/// One app that holds an instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunningApp {
    /// `AppType`.
    pub app_type: AppType,
    /// `AppName`.
    pub app_name: String,
    /// The profile the app belongs to (absent for an app in a space).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_profile_name: Option<String>,
    /// The space the app runs in (absent for a profile's own app).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub space_name: Option<String>,
    /// Whom the hours are counted for: the profile, or the space's owner (absent when a
    /// space has no owner SageMaker reports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// `ResourceSpec.InstanceType`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_type: Option<AppInstanceType>,
    /// `Status` (`Pending`, `InService` or `Deleting`).
    pub status: AppStatus,
    /// `CreationTime`.
    pub running_since: EpochMillis,
    /// `LastUserActivityTimestamp` of DescribeApp, where SageMaker reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_activity: Option<EpochMillis>,
    /// Instance-hours since `running_since`, rounded to the hundredth.
    pub hours: f64,
    /// The idle shutdown that applies (JupyterLab and Code Editor apps only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle: Option<IdleShutdown>,
    /// Idle (since its last activity, or since its start when none is reported) longer
    /// than its idle timeout: SageMaker should have stopped it.
    pub past_idle_timeout: bool,
    /// `hours` times the instance type's price, when the prices file has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Cost>,
}

impl RunningApp {
    /// The app's reference for a stop.
    pub fn to_ref(&self) -> AppRef {
        AppRef {
            app_type: self.app_type.clone(),
            app_name: self.app_name.clone(),
            user_profile_name: self.user_profile_name.clone(),
            space_name: self.space_name.clone(),
        }
    }
}

/// An amount of money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cost {
    /// Rounded to the hundredth.
    pub amount: f64,
    /// ISO 4217 code (`USD`).
    pub currency: String,
}

/// The sum of some apps.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UsageTotal {
    /// The instance type or the person (empty for the grand total, and for apps without
    /// an instance type or a person).
    pub key: String,
    /// How many apps.
    pub apps: u32,
    /// The sum of their `hours`.
    pub hours: f64,
    /// The sum of their costs, one entry per currency (empty without prices).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cost: Vec<Cost>,
    /// How many of them have no price (their instance type is not in the prices file).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub unpriced: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Which app: the members DeleteApp needs besides the domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppRef {
    /// `AppType`.
    #[serde(rename = "AppType")]
    pub app_type: AppType,
    /// `AppName`.
    #[serde(rename = "AppName")]
    pub app_name: String,
    /// `UserProfileName` (a profile's own app).
    #[serde(
        rename = "UserProfileName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_profile_name: Option<String>,
    /// `SpaceName` (an app in a space).
    #[serde(rename = "SpaceName", default, skip_serializing_if = "Option::is_none")]
    pub space_name: Option<String>,
}

impl AppRef {
    /// `type/name of owner`, for messages and the audit log.
    pub fn describe(&self) -> String {
        let owner = match (&self.user_profile_name, &self.space_name) {
            (Some(user), _) => format!("profile {user}"),
            (None, Some(space)) => format!("space {space}"),
            (None, None) => "no owner".to_owned(),
        };
        format!("{}/{} of {owner}", self.app_type, self.app_name)
    }
}

/// `POST /api/domains/{domain}/running/stop`: the apps to stop (1 to [`MAX_STOP_APPS`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StopApps {
    /// The apps.
    pub apps: Vec<AppRef>,
}

/// The answer to a stop: one result per app asked for, in the order asked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StopResults {
    /// The results.
    pub results: Vec<StopResult>,
}

/// How stopping one app went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StopResult {
    /// The app.
    pub app: AppRef,
    /// SageMaker took the DeleteApp (the app is `Deleting`).
    pub stopped: bool,
    /// Why not, when it was not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}
