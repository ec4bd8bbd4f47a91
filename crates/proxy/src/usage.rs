//! The running page's figures, from what SageMaker said about each app: instance-hours
//! since start, the idle flag, the estimated cost and the totals (no I/O, so the
//! arithmetic is tested alone).
//!
//! Hours are counted in whole hundredths and money in whole cents, each rounded once per
//! app; totals add those integers. The rows a person reads therefore add up exactly to the
//! totals shown beside them.

use std::collections::BTreeMap;

use studio_admin_api::{Cost, EpochMillis, IdleShutdown, RunningApp, RunningApps, UsageTotal};
use studio_admin_model::{AppDetails, AppStatus, AppType, EpochSeconds, WireEnum};

use crate::prices::Prices;

/// Milliseconds in an hundredth of an hour.
const MS_PER_CENTI_HOUR: i64 = 36_000;

/// What is known of one live app.
#[derive(Debug, Clone)]
pub struct AppFacts {
    /// Its ListApps entry.
    pub details: AppDetails,
    /// Whom its hours count for: its profile, or its space's owner.
    pub person: Option<String>,
    /// DescribeApp's `LastUserActivityTimestamp`, when reported.
    pub last_activity: Option<EpochSeconds>,
    /// The idle shutdown that applies to it.
    pub idle: Option<IdleShutdown>,
}

/// Whether an app still holds an instance: every status but `Deleted` and `Failed`.
pub fn is_live(details: &AppDetails) -> bool {
    !matches!(
        details.status,
        Some(AppStatus::Deleted | AppStatus::Failed) | None
    )
}

/// The page for `apps` at `now`, with costs when `prices` are given.
pub fn summarize(apps: Vec<AppFacts>, now: EpochMillis, prices: Option<&Prices>) -> RunningApps {
    let mut rows: Vec<(RunningApp, Figures)> = apps
        .into_iter()
        .map(|facts| row(facts, now, prices))
        .collect();
    rows.sort_by(|(a, _), (b, _)| {
        a.running_since
            .cmp(&b.running_since)
            .then_with(|| a.app_name.cmp(&b.app_name))
    });
    let mut by_type: BTreeMap<String, Sum> = BTreeMap::new();
    let mut by_person: BTreeMap<String, Sum> = BTreeMap::new();
    let mut total = Sum::default();
    for (app, figures) in &rows {
        let instance = app
            .instance_type
            .as_ref()
            .map(|i| i.as_str().to_owned())
            .unwrap_or_default();
        by_type.entry(instance).or_default().add(figures);
        by_person
            .entry(app.person.clone().unwrap_or_default())
            .or_default()
            .add(figures);
        total.add(figures);
    }
    RunningApps {
        at: now,
        apps: rows.into_iter().map(|(app, _)| app).collect(),
        by_instance_type: totals(by_type),
        by_person: totals(by_person),
        total: total.into_total(String::new()),
        priced: prices.is_some(),
    }
}

/// An app's figures in whole units.
#[derive(Debug, Clone, Default)]
struct Figures {
    centi_hours: i64,
    /// Cents and currency, when priced.
    cost: Option<(i64, String)>,
}

fn row(facts: AppFacts, now: EpochMillis, prices: Option<&Prices>) -> (RunningApp, Figures) {
    let AppFacts {
        details,
        person,
        last_activity,
        idle,
    } = facts;
    let since = details
        .creation_time
        .map_or(now, |t| EpochMillis::from_secs_f64(t.0));
    let last_activity = last_activity.map(|t| EpochMillis::from_secs_f64(t.0));
    let centi_hours = rounded_div((now.0 - since.0).max(0), MS_PER_CENTI_HOUR);
    let instance_type = details
        .resource_spec
        .as_ref()
        .and_then(|r| r.instance_type.clone());
    let price = prices
        .zip(instance_type.as_ref())
        .and_then(|(prices, instance)| prices.get(instance.as_str()));
    let cost = price.map(|price| {
        // Hundredths of an hour times the hourly price is the cost in cents.
        let cents = (centi_hours as f64 * price.hourly).round() as i64;
        (cents, price.currency.clone())
    });
    let status = details.status.clone().unwrap_or(AppStatus::Pending);
    let idle_since = last_activity.unwrap_or(since);
    let past_idle_timeout = status == AppStatus::InService
        && idle
            .and_then(|i| i.minutes)
            .is_some_and(|minutes| now.0 - idle_since.0 > i64::from(minutes) * 60_000);
    let app = RunningApp {
        app_type: details
            .app_type
            .unwrap_or_else(|| AppType::Unknown(String::new())),
        app_name: details.app_name.unwrap_or_default(),
        user_profile_name: details.user_profile_name,
        space_name: details.space_name,
        person,
        instance_type,
        status,
        running_since: since,
        last_activity,
        hours: centi_hours as f64 / 100.0,
        idle,
        past_idle_timeout,
        cost: cost.as_ref().map(|(cents, currency)| Cost {
            amount: *cents as f64 / 100.0,
            currency: currency.clone(),
        }),
    };
    (app, Figures { centi_hours, cost })
}

/// `n / d` rounded half up, for `n >= 0` and `d > 0`.
fn rounded_div(n: i64, d: i64) -> i64 {
    (n + d / 2) / d
}

/// Running sums of some apps.
#[derive(Debug, Clone, Default)]
struct Sum {
    apps: u32,
    centi_hours: i64,
    cents: BTreeMap<String, i64>,
    unpriced: u32,
}

impl Sum {
    fn add(&mut self, figures: &Figures) {
        self.apps += 1;
        self.centi_hours += figures.centi_hours;
        match &figures.cost {
            Some((cents, currency)) => *self.cents.entry(currency.clone()).or_default() += cents,
            None => self.unpriced += 1,
        }
    }

    fn into_total(self, key: String) -> UsageTotal {
        let priced = !self.cents.is_empty();
        UsageTotal {
            key,
            apps: self.apps,
            hours: self.centi_hours as f64 / 100.0,
            cost: self
                .cents
                .into_iter()
                .map(|(currency, cents)| Cost {
                    amount: cents as f64 / 100.0,
                    currency,
                })
                .collect(),
            // Without any price at all, "unpriced" would only repeat "no prices file".
            unpriced: if priced { self.unpriced } else { 0 },
        }
    }
}

/// The groups as totals, most hours first (then by name).
fn totals(groups: BTreeMap<String, Sum>) -> Vec<UsageTotal> {
    let mut out: Vec<(i64, UsageTotal)> = groups
        .into_iter()
        .map(|(key, sum)| (sum.centi_hours, sum.into_total(key)))
        .collect();
    out.sort_by(|(a, ta), (b, tb)| b.cmp(a).then_with(|| ta.key.cmp(&tb.key)));
    out.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use studio_admin_api::IdleSource;
    use studio_admin_model::{AppInstanceType, ResourceSpec};

    use super::*;

    const NOW: EpochMillis = EpochMillis(1_800_000_000_000);
    const HOUR: i64 = 3_600_000;

    fn facts(name: &str, person: &str, instance: &str, hours_ago: f64) -> AppFacts {
        AppFacts {
            details: AppDetails {
                app_name: Some(name.to_owned()),
                app_type: Some(AppType::JupyterLab),
                creation_time: Some(EpochSeconds(
                    (NOW.0 as f64 - hours_ago * HOUR as f64) / 1000.0,
                )),
                resource_spec: Some(ResourceSpec {
                    instance_type: Some(AppInstanceType::from_wire(instance)),
                    ..ResourceSpec::default()
                }),
                space_name: Some(format!("{name}-space")),
                status: Some(AppStatus::InService),
                ..AppDetails::default()
            },
            person: Some(person.to_owned()),
            last_activity: None,
            idle: None,
        }
    }

    #[test]
    fn totals_add_the_rounded_rows_by_instance_type_and_by_person() {
        let prices =
            Prices::parse("ml.t3.medium,0.05,USD\nml.g5.xlarge,1.41,USD\n").expect("prices");
        let page = summarize(
            vec![
                facts("a", "ana", "ml.t3.medium", 1.0 / 3.0),
                facts("b", "ana", "ml.g5.xlarge", 2.0 / 3.0),
                facts("c", "bo", "ml.t3.medium", 26.0),
                facts("d", "bo", "ml.m5.large", 0.5),
            ],
            NOW,
            Some(&prices),
        );
        let hours: Vec<f64> = page.apps.iter().map(|a| a.hours).collect();
        assert_eq!(hours, [26.0, 0.67, 0.5, 0.33], "longest running first");
        assert_eq!(page.total.hours, 27.5);
        assert_eq!(page.total.apps, 4);
        assert_eq!(page.total.unpriced, 1);
        // 26 h x 0.05 = 1.30; 0.33 h x 0.05 = 0.0165 -> 0.02; 0.67 h x 1.41 = 0.9447 -> 0.94.
        assert_eq!(
            page.total.cost,
            [Cost {
                amount: 2.26,
                currency: "USD".to_owned()
            }]
        );
        let ana = &page.by_person[1];
        assert_eq!((ana.key.as_str(), ana.hours, ana.apps), ("ana", 1.0, 2));
        let t3 = &page.by_instance_type[0];
        assert_eq!((t3.key.as_str(), t3.hours), ("ml.t3.medium", 26.33));
        assert_eq!(t3.cost[0].amount, 1.32);
        assert!(page.priced);
    }

    #[test]
    fn an_app_idle_longer_than_its_timeout_is_flagged() {
        let idle = Some(IdleShutdown {
            minutes: Some(60),
            source: IdleSource::Domain,
        });
        let mut active = facts("active", "ana", "ml.t3.medium", 5.0);
        active.idle = idle;
        active.last_activity = Some(EpochSeconds((NOW.0 - HOUR / 2) as f64 / 1000.0));
        let mut forgotten = facts("forgotten", "ana", "ml.t3.medium", 5.0);
        forgotten.idle = idle;
        forgotten.last_activity = Some(EpochSeconds((NOW.0 - 2 * HOUR) as f64 / 1000.0));
        let mut unlimited = facts("unlimited", "ana", "ml.t3.medium", 50.0);
        unlimited.idle = Some(IdleShutdown {
            minutes: None,
            source: IdleSource::Profile,
        });
        let page = summarize(vec![active, forgotten, unlimited], NOW, None);
        let flagged: Vec<&str> = page
            .apps
            .iter()
            .filter(|a| a.past_idle_timeout)
            .map(|a| a.app_name.as_str())
            .collect();
        assert_eq!(flagged, ["forgotten"]);
        assert!(page.apps.iter().all(|a| a.cost.is_none()));
        assert!(!page.priced);
        assert_eq!(page.total.unpriced, 0);
    }

    #[test]
    fn deleted_and_failed_apps_are_not_live() {
        let mut details = AppDetails {
            status: Some(AppStatus::Deleting),
            ..AppDetails::default()
        };
        assert!(is_live(&details));
        for status in [AppStatus::Deleted, AppStatus::Failed] {
            details.status = Some(status);
            assert!(!is_live(&details));
        }
    }
}
