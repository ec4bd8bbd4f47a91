//! Status timelines: a resource's statuses, each from a moment on, including the moments
//! still to come.
//!
//! A create schedules `Pending` now and `InService` after the configured duration; a
//! delete cuts the future off and schedules `Deleting`, then `Deleted` or gone. Reading
//! the status at a moment needs no background task and no write lock.

use std::time::Duration;

use studio_admin_model::{AppStatus, DomainStatus, SpaceStatus, UserProfileStatus};

use crate::config::Timings;

/// One step of a timeline: from `at` on, the resource has `status` (`None`: it is gone).
#[derive(Debug, Clone)]
struct Step<S> {
    at: Duration,
    status: Option<S>,
}

/// The statuses of one resource over time.
#[derive(Debug, Clone)]
pub(crate) struct Timeline<S> {
    steps: Vec<Step<S>>,
}

impl<S: Clone> Timeline<S> {
    /// A resource that has `status` from `at` on.
    pub(crate) fn starting(at: Duration, status: S) -> Self {
        Self {
            steps: vec![Step {
                at,
                status: Some(status),
            }],
        }
    }

    /// Schedules `status` (`None`: gone) `after` the last scheduled step.
    pub(crate) fn then(mut self, after: Duration, status: Option<S>) -> Self {
        self.push_after(after, status);
        self
    }

    fn push_after(&mut self, after: Duration, status: Option<S>) {
        let last = self.steps.last().map(|s| s.at).unwrap_or_default();
        self.steps.push(Step {
            at: last + after,
            status,
        });
    }

    /// Drops every step after `now` and makes `status` current from `now` on; follow with
    /// [`Timeline::and_then`] to schedule what comes next.
    pub(crate) fn restart(&mut self, now: Duration, status: S) -> &mut Self {
        self.steps.retain(|s| s.at <= now);
        self.steps.push(Step {
            at: now,
            status: Some(status),
        });
        self
    }

    /// Schedules `status` `after` the last step (chainable after [`Timeline::restart`]).
    pub(crate) fn and_then(&mut self, after: Duration, status: Option<S>) -> &mut Self {
        self.push_after(after, status);
        self
    }

    /// The current step at `now`: the status (`None` when gone) and since when it holds.
    fn current(&self, now: Duration) -> Option<&Step<S>> {
        self.steps.iter().rev().find(|s| s.at <= now)
    }

    /// The status at `now`; `None` when the resource is gone (or not yet created).
    pub(crate) fn status(&self, now: Duration) -> Option<&S> {
        self.current(now).and_then(|s| s.status.as_ref())
    }

    /// Since when the status at `now` holds: the resource's last modification.
    pub(crate) fn since(&self, now: Duration) -> Duration {
        self.current(now).map(|s| s.at).unwrap_or_default()
    }

    /// Whether the resource is gone at `now`.
    pub(crate) fn is_gone(&self, now: Duration) -> bool {
        self.status(now).is_none()
    }
}

/// A status that moves on by itself: what follows it, as the timings say.
pub(crate) trait Lifecycle: Clone {
    /// The statuses still to come after `self` (each after the previous one; `None`: gone);
    /// none for a settled status.
    fn steps(&self, t: &Timings) -> Vec<(Duration, Option<Self>)>;
}

/// A seeded or created resource's timeline starting in `status`, then the steps still to
/// come. Settled statuses (no steps) have held since `created`; transitional ones begin
/// `now`, so they are seen moving on.
pub(crate) fn timeline<S: Lifecycle>(
    status: S,
    created: Duration,
    now: Duration,
    t: &Timings,
) -> Timeline<S> {
    let steps = status.steps(t);
    let entered = if steps.is_empty() { created } else { now };
    steps
        .into_iter()
        .fold(Timeline::starting(entered, status), |t, (after, next)| {
            t.then(after, next)
        })
}

/// A profile's transitional statuses move on as the timings say, the others stay.
impl Lifecycle for UserProfileStatus {
    fn steps(&self, t: &Timings) -> Vec<(Duration, Option<Self>)> {
        match self {
            Self::Pending => vec![(t.profile_create, Some(Self::InService))],
            Self::Updating => vec![(t.profile_update, Some(Self::InService))],
            Self::Deleting => vec![(t.profile_delete, None)],
            _ => vec![],
        }
    }
}

/// An app's `Deleting` leads to `Deleted`, which stays listed for the retention time.
impl Lifecycle for AppStatus {
    fn steps(&self, t: &Timings) -> Vec<(Duration, Option<Self>)> {
        match self {
            Self::Pending => vec![(t.app_create, Some(Self::InService))],
            Self::Deleting => vec![
                (t.app_delete, Some(Self::Deleted)),
                (t.deleted_app_retention, None),
            ],
            Self::Deleted => vec![(t.deleted_app_retention, None)],
            _ => vec![],
        }
    }
}

/// Spaces and domains move alike: `Pending` or `Updating` to `InService` after their
/// create time, `Deleting` to gone after their delete time.
macro_rules! created_then_deleted {
    ($($status:ty: $create:ident, $delete:ident;)*) => {$(
        impl Lifecycle for $status {
            fn steps(&self, t: &Timings) -> Vec<(Duration, Option<Self>)> {
                match self {
                    Self::Pending | Self::Updating => vec![(t.$create, Some(Self::InService))],
                    Self::Deleting => vec![(t.$delete, None)],
                    _ => vec![],
                }
            }
        }
    )*};
}

created_then_deleted! {
    SpaceStatus: space_create, space_delete;
    DomainStatus: domain_create, domain_delete;
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    #[test]
    fn a_scheduled_status_becomes_current_when_its_moment_comes() {
        let t = Timeline::starting(S, "Pending").then(2 * S, Some("InService"));
        assert_eq!(t.status(2 * S), Some(&"Pending"));
        assert_eq!(t.status(3 * S), Some(&"InService"));
        assert_eq!(t.since(10 * S), 3 * S);
    }

    #[test]
    fn a_restart_cancels_what_was_still_to_come() {
        let mut t = Timeline::starting(Duration::ZERO, "Pending").then(10 * S, Some("InService"));
        t.restart(S, "Deleting").and_then(S, None);
        assert_eq!(t.status(S), Some(&"Deleting"));
        assert!(t.is_gone(2 * S));
        assert!(
            t.is_gone(20 * S),
            "the cancelled InService must not come back"
        );
    }
}
