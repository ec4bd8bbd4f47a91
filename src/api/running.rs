//! The running page's calls: what runs in a domain now, and stopping apps.

use super::transport::Method;
use super::types::{AppRef, RunningApps, StopApps, StopResults};
use super::{Api, ApiError, domain_path};

impl Api {
    /// Every app of the domain that holds an instance, with hours, idle flags and totals.
    pub async fn running(&self, domain: &str) -> Result<RunningApps, ApiError> {
        self.get(domain_path(domain, "/running")).await
    }

    /// Stops `apps` (DeleteApp of each); one result per app, in order.
    pub async fn stop_apps(
        &self,
        domain: &str,
        apps: Vec<AppRef>,
    ) -> Result<StopResults, ApiError> {
        let path = domain_path(domain, "/running/stop");
        self.send_json(Method::Post, path, &StopApps { apps }).await
    }
}
