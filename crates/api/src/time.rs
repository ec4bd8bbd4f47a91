//! The one unit of time of studio-admin's own API.

use serde::{Deserialize, Serialize};

/// A moment as milliseconds since the Unix epoch (UTC). Every time the proxy's own API
/// answers with is in this unit; only the SageMaker shapes keep AWS's epoch seconds.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct EpochMillis(pub i64);

impl EpochMillis {
    /// The moment `seconds` after the epoch (SageMaker's unit), rounded to the millisecond.
    pub fn from_secs_f64(seconds: f64) -> Self {
        // `as` saturates on overflow and maps NaN to 0: the right answer for a bad input.
        Self((seconds * 1000.0).round() as i64)
    }

    /// Seconds since the epoch, with the milliseconds as the fraction.
    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }
}

impl std::str::FromStr for EpochMillis {
    type Err = std::num::ParseIntError;

    /// Milliseconds as digits (a query parameter).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        text.parse().map(Self)
    }
}

impl From<i64> for EpochMillis {
    fn from(ms: i64) -> Self {
        Self(ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milliseconds_serialize_as_a_plain_number_and_convert_to_seconds() {
        let t = EpochMillis(1_700_000_000_123);
        assert_eq!(serde_json::to_string(&t).unwrap(), "1700000000123");
        assert_eq!(EpochMillis::from_secs_f64(t.as_secs_f64()), t);
    }
}
