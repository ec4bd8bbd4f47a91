//! What the profile list knows and decides, apart from how it looks: what is typed and
//! what the server was asked, sort and page size, the paging tokens, the loaded page (or
//! every page), which rows match, and which of them are drawn by now (a frame at a time).

use std::collections::HashSet;
use std::time::Duration;

use leptos::prelude::*;
use studio_admin_model::{UserProfileDetails, WireEnum};

use super::tags::{ListTags, TagFilter, name_part};
use crate::api::types::{ProfilePage, ProfileQuery};
use crate::api::{Api, ApiError, use_api};
use crate::components::is_transitional;
use crate::format::fold_case;
use crate::state::{recall, remember};

/// How long typing must pause before the server is asked.
pub const SEARCH_DEBOUNCE: Duration = Duration::from_millis(300);
/// How often the page refreshes while something is changing.
pub const REFRESH_EVERY: Duration = Duration::from_secs(2);
/// The page sizes offered (ListUserProfiles allows up to 100); [`ALL`] lists every page.
pub const PAGE_SIZES: &[u32] = &[25, 50, 100, ALL];
/// The page size that means "every profile of the domain".
pub const ALL: u32 = 0;
/// The largest page ListUserProfiles answers (shape `MaxResults`), used to list them all.
const LARGEST_PAGE: u32 = 100;
/// The most rows drawn at once: beyond that, a table is scrolled, not read, and drawing
/// it would slow every keystroke; the search narrows it instead.
pub const MAX_ROWS: usize = 200;
/// New rows drawn in one frame: a keystroke's frame keeps the rows that still match and
/// draws at most this many more (more than a screen holds); later frames add as many
/// again until every match is drawn.
pub const ROWS_PER_FRAME: usize = 30;
/// Where the page size is remembered.
const PAGE_SIZE_KEY: &str = "studio-admin.page-size";

/// A column the list can be sorted by (what ListUserProfiles' `SortBy` accepts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// `CreationTime`.
    Created,
    /// `LastModifiedTime`.
    Modified,
}

impl SortKey {
    fn wire(self) -> &'static str {
        match self {
            Self::Created => "CreationTime",
            Self::Modified => "LastModifiedTime",
        }
    }
}

/// What to ask the server for when the person typed `typed`: ListUserProfiles takes only
/// a name-shaped `NameContains` (letters, digits and inner hyphens), so hyphens at the
/// ends are left out (a name containing `bench-` contains `bench`; the page narrows the
/// answer further); `None` when no profile name can contain the text at all.
pub fn server_search(typed: &str) -> Option<String> {
    if !typed.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    Some(typed.trim_matches('-').to_owned())
}

/// What the table area shows once the profiles are loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// Nothing to show: no profiles at all, or none matching the search.
    Empty {
        /// What is typed in the search box.
        search: String,
        /// Whether the server's page itself is empty.
        page_empty: bool,
    },
    /// Rows to show.
    Rows,
}

/// The list's state, shared by its controls and its table.
#[derive(Clone, Copy)]
pub struct ListState {
    /// What the search box holds now.
    pub typed: RwSignal<String>,
    /// What the server was last asked for.
    searched: RwSignal<String>,
    /// The column sorted by.
    pub sort: RwSignal<SortKey>,
    /// Whether the newest (or latest changed) come first.
    pub descending: RwSignal<bool>,
    /// Profiles per page ([`ALL`]: every profile).
    pub limit: RwSignal<u32>,
    /// `tokens[i]` is the NextToken of page i (page 0 has none).
    tokens: RwSignal<Vec<String>>,
    /// The page shown, from 0.
    pub page: RwSignal<usize>,
    /// Whether the server is being asked.
    pub fetching: RwSignal<bool>,
    /// The page (or every page) the server answered.
    pub profiles: LocalResource<Result<ProfilePage, ApiError>>,
    /// The indexes of the profiles whose names contain what is typed.
    pub matching: Memo<Vec<usize>>,
    /// The rows drawn by now (see [`ROWS_PER_FRAME`]).
    pub rows: Memo<Vec<UserProfileDetails>>,
    /// What the table area shows; a memo, so typing draws rows again, not the table.
    pub shown: Memo<Option<Result<Shown, ApiError>>>,
    /// The server search waiting for typing to pause.
    pending_search: StoredValue<Option<TimeoutHandle>>,
    /// The Tags column and the profiles' tags (read only when wanted).
    pub tags: ListTags,
}

impl ListState {
    /// The state of the list of `domain_id`'s profiles; starts loading them.
    pub fn new(domain_id: Signal<String>) -> Self {
        let api = use_api();
        let typed = RwSignal::new(String::new());
        let searched = RwSignal::new(String::new());
        let sort = RwSignal::new(SortKey::Created);
        let descending = RwSignal::new(true);
        let remembered_size = recall(PAGE_SIZE_KEY).and_then(|s| s.parse::<u32>().ok());
        let limit = RwSignal::new(
            remembered_size
                .filter(|s| PAGE_SIZES.contains(s))
                .unwrap_or(PAGE_SIZES[1]),
        );
        let tokens = RwSignal::new(vec![String::new()]);
        let page = RwSignal::new(0_usize);
        let fetching = RwSignal::new(false);
        // What to ask the server, and whether for every page.
        let query = move || {
            let all = limit.get() == ALL;
            let query = ProfileQuery {
                // With every profile at hand the search is local (and `searched` untracked).
                search: if all { String::new() } else { searched.get() },
                sort: sort.get().wire().to_owned(),
                order: if descending.get() {
                    "Descending"
                } else {
                    "Ascending"
                }
                .to_owned(),
                next: if all {
                    String::new()
                } else {
                    tokens.with(|t| t.get(page.get()).cloned().unwrap_or_default())
                },
                limit: Some(if all { LARGEST_PAGE } else { limit.get() } as i32),
            };
            (query, all)
        };
        let profiles = load(api.clone(), domain_id, query, fetching);
        refresh_while_changing(profiles);
        let tags = ListTags::new(api, domain_id, profiles, typed);
        let matching = matching(profiles, typed, tags);
        let rows = drawn_rows(profiles, matching);
        let shown = Memo::new(move |_| {
            profiles.with(|loaded| {
                loaded.as_ref().map(|result| match result {
                    Err(error) => Err(error.clone()),
                    // A tag search shows nothing yet while tags are still being read.
                    Ok(_)
                        if typed.with(|t| TagFilter::parse(t).is_some()) && tags.waiting() > 0 =>
                    {
                        Ok(Shown::Rows)
                    }
                    Ok(page_data) if rows.with(Vec::is_empty) => Ok(Shown::Empty {
                        search: typed.get(),
                        page_empty: page_data.profiles.is_empty(),
                    }),
                    Ok(_) => Ok(Shown::Rows),
                })
            })
        });
        Self {
            typed,
            searched,
            sort,
            descending,
            limit,
            tokens,
            page,
            fetching,
            profiles,
            matching,
            rows,
            shown,
            pending_search: StoredValue::new(None),
            tags,
        }
    }

    /// Back to the first page (what is listed changed).
    pub fn restart(self) {
        self.tokens.set(vec![String::new()]);
        self.page.set(0);
    }

    /// Takes what the person typed: the rows narrow at once, and the server is asked once
    /// typing pauses.
    pub fn search(self, text: String) {
        let Self {
            searched,
            limit,
            tokens,
            page,
            pending_search,
            ..
        } = self;
        self.typed.set(text.clone());
        if let Some(handle) = pending_search.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                // The page may be gone by now (try_), and with every profile at hand
                // there is nobody to ask.
                let paged = limit.try_get_untracked().is_some_and(|l| l != ALL);
                // Text no name can contain needs no answer: the rows are already empty.
                // A search by tag asks for every name (the tags are read apart).
                let Some(text) = server_search(name_part(&text)) else {
                    return;
                };
                let changed = searched.try_get_untracked().is_some_and(|s| s != text);
                if paged && changed {
                    tokens.try_set(vec![String::new()]);
                    page.try_set(0);
                    searched.try_set(text);
                }
            },
            SEARCH_DEBOUNCE,
        )
        .ok();
        pending_search.set_value(handle);
    }

    /// Sorts by `key`: the other way round when it is already sorted by it.
    pub fn sort_by(self, key: SortKey) {
        if self.sort.get_untracked() == key {
            self.descending.update(|d| *d = !*d);
        } else {
            self.sort.set(key);
            self.descending.set(true);
        }
        self.restart();
    }

    /// Shows `size` profiles a page from now on (remembered on this browser).
    pub fn set_page_size(self, size: u32) {
        remember(PAGE_SIZE_KEY, &size.to_string());
        self.limit.set(size);
        self.restart();
    }

    /// The token of the page after this one (`None` on the last page).
    pub fn next_token(self) -> Option<String> {
        self.profiles.with(|loaded| {
            loaded
                .as_ref()
                .and_then(|r| r.as_ref().ok())
                .and_then(|p| p.next.clone())
        })
    }

    /// Goes to the next page, when there is one.
    pub fn next_page(self) {
        if let Some(next) = self.next_token() {
            let at = self.page.get_untracked() + 1;
            self.tokens.update(|t| {
                t.truncate(at);
                t.push(next);
            });
            self.page.set(at);
        }
    }

    /// Goes back a page.
    pub fn previous_page(self) {
        self.page.update(|p| *p = p.saturating_sub(1));
    }

    /// What the toolbar says about the search and the rows shown.
    pub fn status(self) -> String {
        let all = self.limit.get() == ALL;
        if let Some(filter) = self.typed.with(|t| TagFilter::parse(t)) {
            return self.tag_status(&filter, all);
        }
        if self.fetching.get() || (!all && self.typed.get() != self.searched.get()) {
            "Searching…".to_owned()
        } else if all {
            let total = self.profiles.with(|loaded| {
                loaded
                    .as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .map_or(0, |p| p.profiles.len())
            });
            let n = self.matching.with(Vec::len);
            if n > MAX_ROWS {
                format!(
                    "{n} of {total} profiles match; the first {MAX_ROWS} are shown, type to narrow"
                )
            } else {
                format!("{n} of {total} profiles")
            }
        } else {
            let n = self.rows.with(Vec::len);
            format!("{n} shown on page {}", self.page.get() + 1)
        }
    }
}

impl ListState {
    /// What the toolbar says while searching by tag: tags are read for the profiles at
    /// hand (this page, or every profile with "All").
    fn tag_status(self, filter: &TagFilter, all: bool) -> String {
        let waiting = self.tags.waiting();
        if self.fetching.get() || waiting > 0 {
            return format!("Reading tags… ({waiting} profiles to go)");
        }
        let n = self.matching.with(Vec::len);
        let what = filter.describe();
        if all {
            format!("{n} profiles have {what}")
        } else {
            format!(
                "{n} on page {} have {what}; choose All per page to search every profile",
                self.page.get() + 1
            )
        }
    }
}

/// The profiles the list asks for (`query` says what, and whether every page).
fn load(
    api: Api,
    domain_id: Signal<String>,
    query: impl Fn() -> (ProfileQuery, bool) + 'static,
    fetching: RwSignal<bool>,
) -> LocalResource<Result<ProfilePage, ApiError>> {
    LocalResource::new(move || {
        let api = api.clone();
        let domain = domain_id.get();
        let (query, all) = query();
        async move {
            fetching.set(true);
            let result = if all {
                every_page(&api, &domain, query).await
            } else {
                api.profiles(&domain, &query).await
            };
            fetching.try_set(false);
            result
        }
    })
}

/// Every page of the domain's profiles, following NextToken to the end.
async fn every_page(
    api: &Api,
    domain: &str,
    mut query: ProfileQuery,
) -> Result<ProfilePage, ApiError> {
    let mut all = ProfilePage::default();
    loop {
        let page = api.profiles(domain, &query).await?;
        all.profiles.extend(page.profiles);
        match page.next {
            Some(next) if !next.is_empty() && next != query.next => query.next = next,
            _ => return Ok(all),
        }
    }
}

/// Refreshes the list while anything shown is on its way somewhere.
fn refresh_while_changing(profiles: LocalResource<Result<ProfilePage, ApiError>>) {
    Effect::new(move |previous: Option<Option<TimeoutHandle>>| {
        if let Some(Some(handle)) = previous {
            handle.clear();
        }
        let changing = profiles.with(|loaded| {
            loaded
                .as_ref()
                .and_then(|r| r.as_ref().ok())
                .is_some_and(|page| {
                    page.profiles.iter().any(|p| {
                        p.status
                            .as_ref()
                            .is_some_and(|s| is_transitional(s.as_str()))
                    })
                })
        });
        changing
            .then(|| set_timeout_with_handle(move || profiles.refetch(), REFRESH_EVERY).ok())
            .flatten()
    });
}

/// The matches: this page (or every profile), narrowed at once by what is typed.
fn matching(
    profiles: LocalResource<Result<ProfilePage, ApiError>>,
    typed: RwSignal<String>,
    tags: ListTags,
) -> Memo<Vec<usize>> {
    // The names in lower case, once per answer (searching ignores case).
    let names = Memo::new(move |_| {
        profiles.with(|loaded| match loaded {
            Some(Ok(page)) => page
                .profiles
                .iter()
                .map(|p| {
                    p.user_profile_name
                        .as_deref()
                        .unwrap_or("")
                        .to_ascii_lowercase()
                })
                .collect::<Vec<String>>(),
            _ => Vec::new(),
        })
    });
    Memo::new(move |_| {
        let text = fold_case(&typed.get());
        if let Some(filter) = TagFilter::parse(&text) {
            // Tags are kept by the name as AWS spells it.
            return profiles.with(|loaded| match loaded {
                Some(Ok(page)) => page
                    .profiles
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| {
                        tags.matches(p.user_profile_name.as_deref().unwrap_or(""), &filter)
                    })
                    .map(|(i, _)| i)
                    .collect::<Vec<usize>>(),
                _ => Vec::new(),
            });
        }
        names.with(|names| {
            names
                .iter()
                .enumerate()
                .filter(|(_, name)| name.contains(&text))
                .map(|(i, _)| i)
                .collect::<Vec<usize>>()
        })
    })
}

/// The rows drawn: the first matches (at most [`MAX_ROWS`]), of which at most
/// [`ROWS_PER_FRAME`] were not drawn in the previous frame; rows already drawn stay.
/// While matches wait to be drawn, the next frame draws more.
fn drawn_rows(
    profiles: LocalResource<Result<ProfilePage, ApiError>>,
    matching: Memo<Vec<usize>>,
) -> Memo<Vec<UserProfileDetails>> {
    // Counts frames while rows wait to be drawn (each one draws more).
    let frames = RwSignal::new(0_u32);
    let rows = Memo::new(move |previous: Option<&Vec<UserProfileDetails>>| {
        frames.track();
        let drawn: HashSet<&str> = previous
            .into_iter()
            .flatten()
            .filter_map(|p| p.user_profile_name.as_deref())
            .collect();
        matching.with(|indexes| {
            profiles.with(|loaded| {
                let Some(Ok(page)) = loaded else {
                    return Vec::new();
                };
                let mut rows = Vec::new();
                let mut fresh = 0;
                for profile in indexes.iter().filter_map(|&i| page.profiles.get(i)) {
                    let name = profile.user_profile_name.as_deref().unwrap_or("");
                    if !drawn.contains(name) {
                        fresh += 1;
                    }
                    if rows.len() == MAX_ROWS || fresh > ROWS_PER_FRAME {
                        break;
                    }
                    rows.push(profile.clone());
                }
                rows
            })
        })
    });
    Effect::new(move |_| {
        let wanted = matching.with(Vec::len).min(MAX_ROWS);
        if rows.with(Vec::len) < wanted {
            request_animation_frame(move || {
                frames.try_update(|n| *n += 1);
            });
        }
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_is_asked_only_for_text_a_name_can_contain() {
        assert_eq!(server_search("bench-").as_deref(), Some("bench"));
        assert_eq!(server_search("-ali-ce-").as_deref(), Some("ali-ce"));
        assert_eq!(server_search("").as_deref(), Some(""));
        assert_eq!(server_search("a b"), None);
        assert_eq!(server_search("é"), None);
    }
}
