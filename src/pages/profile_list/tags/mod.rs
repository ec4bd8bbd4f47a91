//! Tags in the profile list: the Tags column (switched on by the person, remembered on
//! this browser) and the search by tag (`key=value`: profiles whose tag `key` has a value
//! containing `value`; `key=` any value). ListUserProfiles has no tags, so each profile's
//! are read (`GET .../tags`) only while the column is on or a tag is searched, a few at
//! a time, and kept while the list is open.
//!
//! Most visits never switch the column on, so the code that reads tags and draws the
//! cells ([`reader`]) is loaded on first use: in the release bundle it is a split-off
//! module the browser fetches when tags are first wanted (as pages are, see
//! `routes/lazy.rs`). What stays here is what the list needs either way: the search
//! syntax, what is known of each profile's tags, and the queue of profiles to read.

use std::collections::{HashMap, VecDeque};

use leptos::prelude::*;
use studio_admin_model::Tag;

use crate::api::types::ProfilePage;
use crate::api::{Api, ApiError};
use crate::format::fold_case;
use crate::state::{recall, remember};

mod reader;

/// Where the choice to show the Tags column is remembered.
const SHOW_TAGS_KEY: &str = "studio-admin.show-tags";
/// The search box's hint about searching by tag.
pub const TAG_SEARCH_HINT: &str = "Part of a name, or key=value for a tag (Team=ml: the Team tag contains ml; Team=: has a Team tag)";

/// A search by tag: the key (ignoring case) and, if given, part of the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagFilter {
    /// The key, in lower case.
    key: String,
    /// Part of the value, in lower case (`None`: any value).
    value: Option<String>,
}

impl TagFilter {
    /// The filter `typed` asks for: `key=value`, or `None` for a name search (a profile
    /// name cannot contain `=`).
    pub fn parse(typed: &str) -> Option<Self> {
        let (key, value) = typed.split_once('=')?;
        let key = key.trim();
        if key.is_empty() {
            return None;
        }
        let value = value.trim();
        Some(Self {
            key: fold_case(key),
            value: (!value.is_empty()).then(|| fold_case(value)),
        })
    }

    /// Whether a profile with `tags` matches.
    pub fn matches(&self, tags: &[Tag]) -> bool {
        tags.iter().any(|t| {
            fold_case(t.key.as_deref().unwrap_or_default()) == self.key
                && self.value.as_ref().is_none_or(|part| {
                    fold_case(t.value.as_deref().unwrap_or_default()).contains(part.as_str())
                })
        })
    }

    /// The filter in words, for the list's messages.
    pub fn describe(&self) -> String {
        match &self.value {
            Some(part) => format!("a tag {} containing \u{201c}{part}\u{201d}", self.key),
            None => format!("a tag {}", self.key),
        }
    }
}

/// What the name part of the search is (what the server can be asked): nothing when the
/// search is by tag.
pub fn name_part(typed: &str) -> &str {
    if TagFilter::parse(typed).is_some() {
        ""
    } else {
        typed
    }
}

/// One profile's tags, as far as they are known.
#[derive(Debug, Clone, PartialEq)]
pub enum Known {
    /// Being read.
    Reading,
    /// Read.
    Tags(Vec<Tag>),
    /// Could not be read (why).
    Failed(String),
}

/// The list's tags: whether the column is shown, and each profile's tags once read.
#[derive(Clone, Copy)]
pub struct ListTags {
    /// Whether the Tags column is shown.
    pub shown: RwSignal<bool>,
    /// By profile name, for the domain in `domain`.
    known: RwSignal<HashMap<String, Known>>,
    /// The domain whose tags `known` holds.
    domain: StoredValue<String>,
    /// Profiles waiting to be read.
    queue: StoredValue<VecDeque<String>>,
    /// Reads under way.
    reading: StoredValue<usize>,
    /// The code that reads tags and draws the cells, once loaded.
    code: RwSignal<ReaderCode>,
}

/// Where the code that reads tags stands (see [`reader`]).
#[derive(Debug, Clone, Copy)]
enum ReaderCode {
    /// Not asked for yet.
    Absent,
    /// Being fetched.
    Loading,
    /// At hand.
    Ready(reader::Reader),
    /// Could not be fetched (Refresh tries again).
    Failed,
}

impl ListTags {
    /// Reads the tags of `profiles` of `domain_id` while the column is on or `typed`
    /// searches by tag.
    pub fn new(
        api: Api,
        domain_id: Signal<String>,
        profiles: LocalResource<Result<ProfilePage, ApiError>>,
        typed: RwSignal<String>,
    ) -> Self {
        let this = Self {
            shown: RwSignal::new(recall(SHOW_TAGS_KEY).as_deref() == Some("1")),
            known: RwSignal::new(HashMap::new()),
            domain: StoredValue::new(String::new()),
            queue: StoredValue::new(VecDeque::new()),
            reading: StoredValue::new(0),
            code: RwSignal::new(ReaderCode::Absent),
        };
        Effect::new(move |_| {
            let wanted = this.shown.get() || typed.with(|t| TagFilter::parse(t).is_some());
            let domain = domain_id.get();
            if this.domain.get_value() != domain {
                this.domain.set_value(domain);
                this.queue.set_value(VecDeque::new());
                this.known.set(HashMap::new());
            }
            if !wanted {
                return;
            }
            let names: Vec<String> = profiles.with(|loaded| match loaded {
                Some(Ok(page)) => page
                    .profiles
                    .iter()
                    .filter_map(|p| p.user_profile_name.clone())
                    .collect(),
                _ => Vec::new(),
            });
            let fresh: Vec<String> = this.known.with_untracked(|known| {
                names
                    .into_iter()
                    .filter(|n| !known.contains_key(n))
                    .collect()
            });
            if fresh.is_empty() {
                return;
            }
            this.known.update(|known| {
                for name in &fresh {
                    known.insert(name.clone(), Known::Reading);
                }
            });
            this.queue.update_value(|queue| queue.extend(fresh));
            this.pump(&api);
        });
        this
    }

    /// Starts reading what is queued, fetching the reading code first if need be.
    fn pump(self, api: &Api) {
        match self.code.get_untracked() {
            ReaderCode::Ready(code) => (code.pump)(self, api),
            ReaderCode::Loading | ReaderCode::Failed => {}
            ReaderCode::Absent => {
                self.code.set(ReaderCode::Loading);
                let api = api.clone();
                leptos::task::spawn_local(async move {
                    let loaded = reader::load().await;
                    // The list may be gone by now (`try_set` hands the value back then).
                    if self
                        .code
                        .try_set(loaded.map_or(ReaderCode::Failed, ReaderCode::Ready))
                        .is_some()
                    {
                        return;
                    }
                    match loaded {
                        Ok(code) => (code.pump)(self, &api),
                        Err(()) => self.give_up(),
                    }
                });
            }
        }
    }

    /// The profiles waiting for their tags are marked unread: the reading code did not
    /// arrive (the connection dropped, or the panel was updated since this tab opened).
    fn give_up(self) {
        self.queue.set_value(VecDeque::new());
        self.known.update(|known| {
            for tags in known.values_mut() {
                if matches!(tags, Known::Reading) {
                    *tags = Known::Failed(
                        "The code that reads tags did not arrive: Refresh, or reload the panel."
                            .to_owned(),
                    );
                }
            }
        });
    }

    /// Shows or hides the column (remembered on this browser).
    pub fn show(self, on: bool) {
        remember(SHOW_TAGS_KEY, if on { "1" } else { "0" });
        self.shown.set(on);
    }

    /// Forgets every profile's tags (Refresh reads them again, and fetches the reading
    /// code again if it did not arrive before).
    pub fn forget(self) {
        self.queue.set_value(VecDeque::new());
        self.known.set(HashMap::new());
        if matches!(self.code.get_untracked(), ReaderCode::Failed) {
            self.code.set(ReaderCode::Absent);
        }
    }

    /// What is known of `name`'s tags (tracked).
    pub fn of(self, name: &str) -> Option<Known> {
        self.known.with(|known| known.get(name).cloned())
    }

    /// Whether `name` matches `filter` (tracked; not while its tags are unknown).
    pub fn matches(self, name: &str, filter: &TagFilter) -> bool {
        self.known.with(|known| match known.get(name) {
            Some(Known::Tags(tags)) => filter.matches(tags),
            _ => false,
        })
    }

    /// How many profiles' tags are being read or waiting (tracked).
    pub fn waiting(self) -> usize {
        self.known.with(|known| {
            known
                .values()
                .filter(|k| matches!(k, Known::Reading))
                .count()
        })
    }
}

impl ListTags {
    /// `name`'s cell in the Tags column (tracked).
    pub fn cell(self, name: &str) -> AnyView {
        match self.code.get() {
            ReaderCode::Ready(code) => (code.cell)(self.of(name)),
            ReaderCode::Failed => "Not read".into_any(),
            ReaderCode::Absent | ReaderCode::Loading => "Reading…".into_any(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(key: &str, value: &str) -> Tag {
        Tag {
            key: Some(key.to_owned()),
            value: Some(value.to_owned()),
        }
    }

    #[test]
    fn key_equals_value_is_a_tag_search_and_anything_else_a_name_search() {
        assert_eq!(
            TagFilter::parse(" Team = ML "),
            Some(TagFilter {
                key: "team".to_owned(),
                value: Some("ml".to_owned()),
            })
        );
        assert_eq!(
            TagFilter::parse("Team="),
            Some(TagFilter {
                key: "team".to_owned(),
                value: None,
            })
        );
        assert_eq!(TagFilter::parse("alice"), None);
        assert_eq!(TagFilter::parse("=ml"), None);
        assert_eq!(name_part("Team=ml"), "");
        assert_eq!(name_part("ali"), "ali");
    }

    #[test]
    fn a_tag_search_matches_the_key_ignoring_case_and_part_of_the_value() {
        let tags = [tag("Team", "ml-platform"), tag("CostCenter", "ml-4021")];
        let matches = |typed: &str| {
            TagFilter::parse(typed)
                .expect("a tag search")
                .matches(&tags)
        };
        assert!(matches("team=ML"));
        assert!(matches("Team=platform"));
        assert!(matches("costcenter="));
        assert!(!matches("Team=research"));
        assert!(!matches("Project="));
        assert!(!matches("ml=platform"), "the key is not searched for part");
    }
}
