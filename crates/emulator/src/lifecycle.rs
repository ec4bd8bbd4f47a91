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

/// A seeded or created resource's timeline: `status`, then the `steps` still to come
/// (each after the previous one). Settled statuses (no steps) have held since `created`;
/// transitional ones begin `now`, so they are seen moving on.
fn build<S: Clone>(
    status: S,
    steps: Vec<(Duration, Option<S>)>,
    created: Duration,
    now: Duration,
) -> Timeline<S> {
    let entered = if steps.is_empty() { created } else { now };
    steps
        .into_iter()
        .fold(Timeline::starting(entered, status), |t, (after, next)| {
            t.then(after, next)
        })
}

/// A profile's timeline starting in `status`; transitional statuses move on as the
/// timings say, the others stay.
pub(crate) fn profile(
    status: UserProfileStatus,
    created: Duration,
    now: Duration,
    t: &Timings,
) -> Timeline<UserProfileStatus> {
    use UserProfileStatus as S;
    let steps = match status {
        S::Pending => vec![(t.profile_create, Some(S::InService))],
        S::Updating => vec![(t.profile_update, Some(S::InService))],
        S::Deleting => vec![(t.profile_delete, None)],
        _ => vec![],
    };
    build(status, steps, created, now)
}

/// An app's timeline starting in `status`: `Deleting` leads to `Deleted`, which stays
/// listed for the retention time.
pub(crate) fn app(
    status: AppStatus,
    created: Duration,
    now: Duration,
    t: &Timings,
) -> Timeline<AppStatus> {
    use AppStatus as S;
    let steps = match status {
        S::Pending => vec![(t.app_create, Some(S::InService))],
        S::Deleting => vec![
            (t.app_delete, Some(S::Deleted)),
            (t.deleted_app_retention, None),
        ],
        S::Deleted => vec![(t.deleted_app_retention, None)],
        _ => vec![],
    };
    build(status, steps, created, now)
}

/// A space's timeline starting in `status`.
pub(crate) fn space(
    status: SpaceStatus,
    created: Duration,
    now: Duration,
    t: &Timings,
) -> Timeline<SpaceStatus> {
    use SpaceStatus as S;
    let steps = match status {
        S::Pending | S::Updating => vec![(t.space_create, Some(S::InService))],
        S::Deleting => vec![(t.space_delete, None)],
        _ => vec![],
    };
    build(status, steps, created, now)
}

/// A domain's timeline starting in `status`.
pub(crate) fn domain(
    status: DomainStatus,
    created: Duration,
    now: Duration,
    t: &Timings,
) -> Timeline<DomainStatus> {
    use DomainStatus as S;
    let steps = match status {
        S::Pending | S::Updating => vec![(t.domain_create, Some(S::InService))],
        S::Deleting => vec![(t.domain_delete, None)],
        _ => vec![],
    };
    build(status, steps, created, now)
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
