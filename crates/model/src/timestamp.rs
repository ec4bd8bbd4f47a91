//! Timestamps on the awsJson1.1 wire: seconds since the Unix epoch, as a JSON number
//! (AWS sends fractions, e.g. `1700000000.123`).

use serde::{Deserialize, Serialize};

/// A point in time as the SageMaker API sends it: epoch seconds, possibly fractional.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EpochSeconds(pub f64);

impl EpochSeconds {
    /// Whole seconds since the epoch (fractions dropped), for sorting and display.
    pub fn whole_seconds(self) -> i64 {
        // Saturating float-to-int conversion: out-of-range values clamp, NaN becomes 0.
        self.0 as i64
    }
}
