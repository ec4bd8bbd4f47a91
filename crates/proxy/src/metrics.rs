//! Prometheus metrics, served at `GET /metrics`: every metric's name and labels are
//! written here once, and the rest of the proxy records through these functions.
//!
//! | metric | labels |
//! |---|---|
//! | `studio_admin_http_requests_total` | `method`, `route` (the route's template, never a name), `status` |
//! | `studio_admin_sagemaker_attempts_total` | `operation`, `outcome` (`ok`, `throttled`, `client_error`, `server_error`, `timeout`, `transport`) |
//! | `studio_admin_sagemaker_retries_total` | `operation`, `reason` |
//! | `studio_admin_jobs` | `status` (read from the database at each scrape) |
//! | `studio_admin_job_lease_takeovers_total` | |

use std::sync::OnceLock;

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

/// The recorder of this process, made on first use. One per process: every app built in
/// it (tests build many) shares it.
fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new().build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder is installed; /metrics shows none");
        }
        handle
    })
}

/// Installs the recorder (call once at start, so the first requests are counted).
pub fn install() {
    handle();
}

/// The metrics in Prometheus's text format.
pub fn render() -> String {
    handle().render()
}

/// One answered API request.
pub fn request(method: &str, route: &str, status: u16) {
    metrics::counter!(
        "studio_admin_http_requests_total",
        "method" => method.to_owned(),
        "route" => route.to_owned(),
        "status" => status.to_string(),
    )
    .increment(1);
}

/// One attempt of a SageMaker call and how it ended.
pub fn sagemaker_attempt(operation: &'static str, outcome: &'static str) {
    metrics::counter!(
        "studio_admin_sagemaker_attempts_total",
        "operation" => operation,
        "outcome" => outcome,
    )
    .increment(1);
}

/// A SageMaker call sent again, and why.
pub fn sagemaker_retry(operation: &'static str, reason: &'static str) {
    metrics::counter!(
        "studio_admin_sagemaker_retries_total",
        "operation" => operation,
        "reason" => reason,
    )
    .increment(1);
}

/// How many jobs have `status` now.
pub fn jobs(status: &'static str, count: i64) {
    metrics::gauge!("studio_admin_jobs", "status" => status).set(count as f64);
}

/// A job taken over from a replica whose lease ran out.
pub fn lease_taken_over() {
    metrics::counter!("studio_admin_job_lease_takeovers_total").increment(1);
}
