//! `/domains/{domain}/profiles`: the domain's user profiles, a page at a time.
//!
//! - Search as you type: each keystroke narrows the rows already shown at once, and after
//!   a pause the server is asked (ListUserProfiles' `NameContains`), so the answer
//!   covers every profile, not only this page.
//! - Sort by creation or last change (the keys ListUserProfiles has), either way.
//! - Paging follows AWS's NextToken; earlier pages are remembered for "Previous". "All"
//!   follows every NextToken and keeps the whole domain in the page; then search is
//!   instant and local, and at most [`MAX_ROWS`] rows are drawn; they are drawn
//!   [`ROWS_PER_FRAME`] a frame, so a keystroke's frame stays short.
//! - The page size is remembered on this browser.
//! - While any row is Pending, Updating or Deleting the page refreshes by itself.

use std::collections::HashSet;
use std::time::Duration;

use leptos::prelude::*;
use studio_admin_model::{UserProfileDetails, WireEnum};

use crate::api::types::ProfilePage;
use crate::api::types::ProfileQuery;
use crate::api::{Api, ApiError, use_api};
use crate::components::{Empty, LoadError, Loading, is_transitional, status_badge};
use crate::format::{date_time, iso_time};
use crate::pages::use_domain;
use crate::routes::{param, profile_href};
use crate::state::{asks_for_profiles, may_change_profiles};
use crate::state::{auth_mode_label, domain_label, network_label, recall, remember};

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

/// The profile list page.
#[component]
pub fn ProfileListPage() -> impl IntoView {
    let domain_id = param("domain");
    let domain = use_domain(domain_id);
    view! { <ProfileList domain_id=domain_id.into() domain /> }
}

/// The list of one domain's profiles (the page without the router, for tests).
#[component]
pub fn ProfileList(
    /// The domain's id.
    domain_id: Signal<String>,
    /// The domain, once known (for its name and modes).
    #[prop(into)]
    domain: Signal<Option<crate::api::types::Domain>>,
) -> impl IntoView {
    let api = use_api();
    // What the search box holds now, and what the server was last asked for.
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
    // tokens[i] is the NextToken of page i (page 0 has none).
    let tokens = RwSignal::new(vec![String::new()]);
    let page = RwSignal::new(0_usize);
    let fetching = RwSignal::new(false);
    // Counts frames while rows wait to be drawn (each one draws more).
    let frames = RwSignal::new(0_u32);

    let profiles = LocalResource::new(move || {
        let api = api.clone();
        let domain = domain_id.get();
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
    });

    // Back to the first page whenever what is listed changes.
    let restart = move || {
        tokens.set(vec![String::new()]);
        page.set(0);
    };

    // The server is asked once typing pauses.
    let pending_search = StoredValue::new(None::<TimeoutHandle>);
    let on_search = move |ev| {
        let text = event_target_value(&ev);
        typed.set(text.clone());
        if let Some(handle) = pending_search.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                // The page may be gone by now (try_), and with every profile at hand
                // there is nobody to ask.
                let paged = limit.try_get_untracked().is_some_and(|l| l != ALL);
                // Text no name can contain needs no answer: the rows are already empty.
                let Some(text) = server_search(&text) else {
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
    };

    // Refreshes itself while anything shown is on its way somewhere.
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

    // The names in lower case, once per answer (searching ignores case).
    let names = Memo::new(move |_| {
        profiles.with(|loaded| match loaded {
            Some(Ok(page)) => page
                .profiles
                .iter()
                .map(|p| p.user_profile_name.as_deref().unwrap_or("").to_lowercase())
                .collect::<Vec<String>>(),
            _ => Vec::new(),
        })
    });
    // The matches: this page (or every profile), narrowed at once by what is typed.
    let matching = Memo::new(move |_| {
        let text = typed.get().to_lowercase();
        names.with(|names| {
            names
                .iter()
                .enumerate()
                .filter(|(_, name)| name.contains(&text))
                .map(|(i, _)| i)
                .collect::<Vec<usize>>()
        })
    });
    // The rows drawn: the first matches (at most MAX_ROWS), of which at most
    // ROWS_PER_FRAME were not drawn in the previous frame; rows already drawn stay.
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
    // While matches wait to be drawn, the next frame draws more.
    Effect::new(move |_| {
        let wanted = matching.with(Vec::len).min(MAX_ROWS);
        if rows.with(Vec::len) < wanted {
            request_animation_frame(move || {
                frames.try_update(|n| *n += 1);
            });
        }
    });

    let header = move || {
        domain.get().map(|d| {
            format!(
                "{} · {} sign-in · {} network",
                domain_label(&d),
                auth_mode_label(d.auth_mode.as_ref()),
                network_label(d.app_network_access_type.as_ref())
            )
        })
    };

    let sort_button = move |key: SortKey, label: &'static str| {
        let aria_sort = move || {
            if sort.get() == key {
                if descending.get() {
                    "descending"
                } else {
                    "ascending"
                }
            } else {
                "none"
            }
        };
        let indicator = move || {
            if sort.get() != key {
                ""
            } else if descending.get() {
                " ▼"
            } else {
                " ▲"
            }
        };
        view! {
            <th scope="col" aria-sort=aria_sort>
                <button
                    type="button"
                    class="sort-button"
                    on:click=move |_| {
                        if sort.get_untracked() == key {
                            descending.update(|d| *d = !*d);
                        } else {
                            sort.set(key);
                            descending.set(true);
                        }
                        restart();
                    }
                >
                    {label}
                    <span aria-hidden="true">{indicator}</span>
                </button>
            </th>
        }
    };

    // What the table area shows; a memo, so typing re-renders rows, not the table.
    let state = Memo::new(move |_| {
        profiles.with(|loaded| match loaded {
            None => ListState::Loading,
            Some(Err(error)) => ListState::Failed(error.clone()),
            Some(Ok(page_data)) if rows.with(Vec::is_empty) => ListState::Empty {
                search: typed.get(),
                page_empty: page_data.profiles.is_empty(),
            },
            Some(Ok(_)) => ListState::Rows,
        })
    });

    let table = move || {
        match state.get() {
        ListState::Loading => view! { <Loading label="Loading profiles…" /> }.into_any(),
        ListState::Failed(error) => list_error(&error, profiles).into_any(),
        ListState::Empty { search, page_empty } => {
            empty_view(&domain_id.get_untracked(), &search, page_empty).into_any()
        }
        ListState::Rows => view! {
            <div class="panel table-panel">
                <table class="table" id="profile-table" aria-busy=move || fetching.get().to_string()>
                    <caption class="visually-hidden">"User profiles"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Status"</th>
                            {sort_button(SortKey::Created, "Created")}
                            {sort_button(SortKey::Modified, "Last modified")}
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || rows.get()
                            key=|p| {
                                (
                                    p.user_profile_name.clone(),
                                    p.status.as_ref().map(|s| s.as_str().to_owned()),
                                    p.last_modified_time.map(|t| t.0.to_bits()),
                                )
                            }
                            children=move |p| profile_row(&domain_id.get_untracked(), &p)
                        />
                    </tbody>
                </table>
            </div>
        }
        .into_any(),
    }
    };

    let next_token = move || {
        profiles.with(|loaded| {
            loaded
                .as_ref()
                .and_then(|r| r.as_ref().ok())
                .and_then(|p| p.next.clone())
        })
    };

    view! {
        <section class="page" aria-labelledby="profiles-title">
            <div class="page-head">
                <div>
                    <h1 id="profiles-title" class="page-title">
                        "User profiles"
                    </h1>
                    <p class="page-description">{header}</p>
                </div>
                {move || add_button(&domain_id.get())}
            </div>
            <div class="toolbar">
                <div class="field field-inline">
                    <label class="field-label" for="profile-search">
                        "Search by name"
                    </label>
                    <input
                        id="profile-search"
                        type="search"
                        class="field-input"
                        autocomplete="off"
                        placeholder="Part of a profile name"
                        prop:value=move || typed.get()
                        on:input=on_search
                    />
                </div>
                <div class="field field-inline">
                    <label class="field-label" for="page-size">
                        "Per page"
                    </label>
                    <select
                        id="page-size"
                        class="field-input field-select"
                        prop:value=move || limit.get().to_string()
                        on:change=move |ev| {
                            if let Ok(size) = event_target_value(&ev).parse::<u32>() {
                                remember(PAGE_SIZE_KEY, &size.to_string());
                                limit.set(size);
                                restart();
                            }
                        }
                    >
                        {PAGE_SIZES
                            .iter()
                            .map(|s| {
                                let label = if *s == ALL { "All".to_owned() } else { s.to_string() };
                                view! { <option value=s.to_string()>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <span class="toolbar-status" role="status" aria-live="polite">
                    {move || {
                        let all = limit.get() == ALL;
                        if fetching.get() || (!all && typed.get() != searched.get()) {
                            "Searching…".to_owned()
                        } else if all {
                            let total = profiles.with(|loaded| {
                                loaded.as_ref().and_then(|r| r.as_ref().ok()).map_or(0, |p| p.profiles.len())
                            });
                            let n = matching.with(Vec::len);
                            if n > MAX_ROWS {
                                format!("{n} of {total} profiles match; the first {MAX_ROWS} are shown, type to narrow")
                            } else {
                                format!("{n} of {total} profiles")
                            }
                        } else {
                            let n = rows.with(Vec::len);
                            format!("{n} shown on page {}", page.get() + 1)
                        }
                    }}
                </span>
                <button type="button" class="button button-secondary" on:click=move |_| profiles.refetch()>
                    "Refresh"
                </button>
            </div>
            {table}
            <nav class="pager" aria-label="Pages" class:hidden=move || limit.get() == ALL>
                <button
                    type="button"
                    class="button button-secondary"
                    disabled=move || page.get() == 0
                    on:click=move |_| page.update(|p| *p = p.saturating_sub(1))
                >
                    "Previous page"
                </button>
                <span class="pager-page">{move || format!("Page {}", page.get() + 1)}</span>
                <button
                    type="button"
                    class="button button-secondary"
                    disabled=move || next_token().is_none()
                    on:click=move |_| {
                        if let Some(next) = next_token() {
                            let at = page.get_untracked() + 1;
                            tokens.update(|t| {
                                t.truncate(at);
                                t.push(next);
                            });
                            page.set(at);
                        }
                    }
                >
                    "Next page"
                </button>
            </nav>
        </section>
    }
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

fn list_error(
    error: &ApiError,
    profiles: LocalResource<Result<ProfilePage, ApiError>>,
) -> impl IntoView {
    let what = if error.is_not_found() {
        "This domain does not exist (any more)."
    } else {
        "The profiles could not be loaded."
    };
    view! {
        <LoadError what reason=error.to_string() on_retry=Callback::new(move |()| profiles.refetch()) />
        <p>
            <a href="/domains">"Choose another domain"</a>
        </p>
    }
}

/// What the table area of the list shows.
#[derive(Debug, Clone, PartialEq)]
enum ListState {
    /// The first answer has not come yet.
    Loading,
    /// The server could not list the profiles.
    Failed(ApiError),
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

/// What the person may do to get a new profile here: add one (leads, admins), ask for
/// their own (requesters), or nothing (viewers).
fn add_button(domain: &str) -> Option<AnyView> {
    if may_change_profiles(domain) {
        Some(
            view! { <a class="button button-primary" id="add-user" href=format!("/domains/{domain}/add-user")>"Add user"</a> }
                .into_any(),
        )
    } else if asks_for_profiles() {
        Some(
            view! { <a class="button button-primary" id="request-profile" href=format!("/domains/{domain}/request")>"Request a profile"</a> }
                .into_any(),
        )
    } else {
        None
    }
}

fn empty_view(domain: &str, search: &str, page_empty: bool) -> impl IntoView + use<> {
    if search.is_empty() && page_empty {
        let add = may_change_profiles(domain).then(|| {
            view! {
                <a class="button button-primary" href=format!("/domains/{domain}/add-user")>
                    "Add the first user"
                </a>
            }
        });
        view! {
            <Empty title="No user profiles in this domain yet.">
                {add}
            </Empty>
        }
        .into_any()
    } else {
        view! {
            <Empty title=format!("No profile names contain \u{201c}{search}\u{201d}.")>
                <p>"Check the spelling, or search for a shorter part of the name."</p>
            </Empty>
        }
        .into_any()
    }
}

fn profile_row(domain: &str, profile: &UserProfileDetails) -> impl IntoView + use<> {
    let name = profile.user_profile_name.clone().unwrap_or_default();
    let href = profile_href(domain, &name);
    let status = profile
        .status
        .as_ref()
        .map(|s| s.as_str().to_owned())
        .unwrap_or_default();
    let created = profile.creation_time;
    let modified = profile.last_modified_time;
    let label = name.clone();
    view! {
        <tr data-profile=name>
            <th scope="row">
                <a href=href>{label}</a>
            </th>
            <td>{status_badge(&status)}</td>
            <td>
                <time datetime=iso_time(created)>{date_time(created)}</time>
            </td>
            <td>
                <time datetime=iso_time(modified)>{date_time(modified)}</time>
            </td>
        </tr>
    }
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
