//! `GET /api/domains/{domain}/profiles/{name}/delete-plan`: what deleting a profile removes
//! and what it keeps, read from SageMaker before anything is deleted.

use serde::{Deserialize, Serialize};

use crate::directory::PlanAccess;

/// What a delete of one profile will do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletePlan {
    /// The profile's domain.
    pub domain_id: String,
    /// The profile, as AWS spells it.
    pub profile_name: String,
    /// The profile's status (`InService`, `Delete_Failed`, ...).
    pub profile_status: Option<String>,
    /// The user id of the profile's home directory on the domain's EFS volume, which
    /// stays after the delete.
    pub home_efs_file_system_uid: Option<String>,
    /// The profile's own apps (not in a space), every status.
    pub apps: Vec<PlannedApp>,
    /// The spaces the profile owns; each is deleted after its apps.
    pub spaces: Vec<PlannedSpace>,
    /// What the delete leaves in place.
    pub kept: Vec<Kept>,
    /// In SSO domains: the person's Studio access in IAM Identity Center, and what the
    /// delete does about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<PlanAccess>,
}

/// The query of `DELETE /api/domains/{domain}/profiles/{name}`; unknown parameters are
/// refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeleteQuery {
    /// Keep the person's direct assignment to the domain's Studio application in IAM
    /// Identity Center (by default a delete removes it after the profile).
    pub keep_access: bool,
}

impl DeleteQuery {
    /// The query string (`?keep_access=true`), empty by default.
    pub fn to_query_string(&self) -> String {
        if self.keep_access {
            "?keep_access=true".to_owned()
        } else {
            String::new()
        }
    }
}

/// One app and what the delete does with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedApp {
    /// `JupyterLab`, `KernelGateway`, ...
    pub app_type: String,
    /// The app's name (`default`, ...).
    pub app_name: String,
    /// The app's status when planned.
    pub status: Option<String>,
    /// The space the app runs in, for space apps.
    pub space_name: Option<String>,
    /// What the delete does with it.
    pub action: AppAction,
    /// Why, when nothing is done.
    pub note: Option<String>,
}

/// What happens to an app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppAction {
    /// DeleteApp, then wait until it is Deleted.
    Delete,
    /// AWS is deleting it already: wait until it is Deleted.
    Wait,
    /// Nothing: it is Deleted, or Failed (AWS needs no delete for Failed apps).
    None,
}

/// One owned space and its apps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedSpace {
    /// The space's name.
    pub space_name: String,
    /// The space's status when planned.
    pub status: Option<String>,
    /// Its apps, deleted before the space.
    pub apps: Vec<PlannedApp>,
}

/// Something the delete leaves in place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    /// What it is.
    pub what: String,
    /// Its identifier, when it has one.
    pub id: Option<String>,
    /// Why it stays.
    pub why: String,
}
