//! The rows of the running page as the person arranged them: which app a row is (its
//! key), the filter, the sort, and the sums of the rows shown.

use std::cmp::Ordering;

use studio_admin_model::WireEnum;

use crate::api::types::RunningApp;
use crate::format::fold_case;

/// A column the table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// The person the hours count for.
    Person,
    /// The profile or space.
    Owner,
    /// App type, then name.
    App,
    /// Instance type.
    Instance,
    /// Status.
    Status,
    /// When it started (the default: longest running first).
    Since,
    /// Last activity (never reported last).
    Activity,
    /// Hours.
    Hours,
    /// Estimated cost.
    Cost,
}

/// How the rows are sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    /// The column.
    pub key: SortKey,
    /// Largest (or latest) first.
    pub descending: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Self {
            key: SortKey::Since,
            descending: false,
        }
    }
}

impl Sort {
    /// Sorted by `key`: the other way round when it already is.
    pub fn toggled(self, key: SortKey) -> Self {
        if self.key == key {
            Self {
                key,
                descending: !self.descending,
            }
        } else {
            Self {
                key,
                descending: false,
            }
        }
    }

    fn compare(self, a: &RunningApp, b: &RunningApp) -> Ordering {
        let text = |app: &RunningApp| -> String {
            match self.key {
                SortKey::Person => app.person.clone().unwrap_or_default(),
                SortKey::Owner => owner(app),
                SortKey::App => format!("{} {}", app.app_type, app.app_name),
                SortKey::Instance => instance(app),
                SortKey::Status => app.status.as_str().to_owned(),
                _ => String::new(),
            }
        };
        let by = match self.key {
            SortKey::Since => a.running_since.cmp(&b.running_since),
            SortKey::Activity => a.last_activity.cmp(&b.last_activity),
            SortKey::Hours => a.hours.total_cmp(&b.hours),
            SortKey::Cost => {
                let cost = |app: &RunningApp| app.cost.as_ref().map_or(-1.0, |c| c.amount);
                cost(a).total_cmp(&cost(b))
            }
            _ => text(a).cmp(&text(b)),
        };
        let by = if self.descending { by.reverse() } else { by };
        // Ties keep the server's order (longest running first).
        by.then_with(|| a.running_since.cmp(&b.running_since))
    }
}

/// One app's key (its owner, type and name), for the selection.
pub fn key(app: &RunningApp) -> String {
    format!(
        "{}|{}|{}|{}",
        app.user_profile_name.as_deref().unwrap_or_default(),
        app.space_name.as_deref().unwrap_or_default(),
        app.app_type,
        app.app_name
    )
}

/// `profile ana` or `space ana-lab`.
pub fn owner(app: &RunningApp) -> String {
    match (&app.user_profile_name, &app.space_name) {
        (Some(user), _) => format!("profile {user}"),
        (None, Some(space)) => format!("space {space}"),
        (None, None) => String::new(),
    }
}

/// The instance type (empty when SageMaker reports none).
pub fn instance(app: &RunningApp) -> String {
    app.instance_type
        .as_ref()
        .map(|i| i.as_str().to_owned())
        .unwrap_or_default()
}

/// Whether `app` matches `filter` (words the person typed, all of which must appear in
/// its person, owner, type, name, instance type or status, ignoring case).
pub fn matches(app: &RunningApp, filter: &str) -> bool {
    let haystack = fold_case(&format!(
        "{} {} {} {} {} {}",
        app.person.as_deref().unwrap_or_default(),
        owner(app),
        app.app_type,
        app.app_name,
        instance(app),
        app.status.as_str()
    ));
    fold_case(filter)
        .split_whitespace()
        .all(|word| haystack.contains(word))
}

/// The apps to show: those matching `filter`, sorted by `sort`.
pub fn arrange(apps: &[RunningApp], filter: &str, sort: Sort) -> Vec<RunningApp> {
    let mut shown: Vec<RunningApp> = apps
        .iter()
        .filter(|a| matches(a, filter))
        .cloned()
        .collect();
    shown.sort_by(|a, b| sort.compare(a, b));
    shown
}

/// The sum of the rows' hours, added in the hundredths the server rounded them to (so it
/// is exactly what a person adding up the column gets).
pub fn sum_hours(apps: &[RunningApp]) -> f64 {
    let hundredths: i64 = apps.iter().map(|a| (a.hours * 100.0).round() as i64).sum();
    hundredths as f64 / 100.0
}
