//! Fault injection: added latency, per-operation delays, throttling and internal
//! failures at the configured rates.

use crate::config::Faults;
use crate::error::{ApiError, ErrorCode};

/// Delays the request as configured, then perhaps fails it.
pub(crate) async fn inject(faults: &Faults, operation: &str) -> Result<(), ApiError> {
    let delay = faults.delay_for(operation);
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    if faults.throttle_rate > 0.0 && fastrand::f64() < faults.throttle_rate {
        return Err(ApiError::new(
            ErrorCode::ThrottlingException,
            "Rate exceeded",
        ));
    }
    if faults.internal_failure_rate > 0.0 && fastrand::f64() < faults.internal_failure_rate {
        return Err(ApiError::new(
            ErrorCode::InternalFailure,
            "We encountered an internal error. Please try again.",
        ));
    }
    Ok(())
}
