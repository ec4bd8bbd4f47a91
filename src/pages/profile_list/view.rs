//! How the profile list looks: the page's head, the toolbar (search, page size,
//! refresh), the table and the pager, drawn from its [`ListState`].

use leptos::prelude::*;
use studio_admin_model::{UserProfileDetails, WireEnum};

use super::state::{ALL, ListState, PAGE_SIZES, Shown, SortKey};
use super::tags::{ListTags, TAG_SEARCH_HINT, TagFilter};
use crate::api::types::{Domain, Permission};
use crate::components::{Empty, LoadWords, Needs, Page, load_view, status_badge};
use crate::format::{date_time, iso_time};
use crate::pages::use_domain;
use crate::routes::{param, profile_href};
use crate::state::{asks_for_profiles, may_change_profiles};
use crate::state::{auth_mode_label, domain_label, network_label};

/// What the list says while the profiles load and when they cannot.
const WORDS: LoadWords = LoadWords {
    loading: "Loading profiles…",
    failed: "The profiles could not be loaded.",
};

/// What the list says when the domain is not there.
const NO_DOMAIN: LoadWords = LoadWords {
    loading: WORDS.loading,
    failed: "This domain does not exist (any more).",
};

/// The profile list page (whoever reads the domain).
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
    domain: Signal<Option<Domain>>,
) -> impl IntoView {
    let about = move || {
        domain.get().map_or_else(String::new, |d| {
            format!(
                "{} · {} sign-in · {} network",
                domain_label(&d),
                auth_mode_label(d.auth_mode.as_ref()),
                network_label(d.app_network_access_type.as_ref())
            )
        })
    };
    view! {
        <Page
            title_id="profiles-title"
            title="User profiles"
            description=about
            actions=move || add_button(&domain_id.get())
            needs=Needs::in_domain(Permission::Read, domain_id)
        >
            <ProfileTable domain_id />
        </Page>
    }
}

/// The toolbar, the table and the pager.
#[component]
fn ProfileTable(
    /// The domain's id.
    domain_id: Signal<String>,
) -> impl IntoView {
    let list = ListState::new(domain_id);
    let ListState {
        typed,
        sort,
        descending,
        limit,
        page,
        fetching,
        profiles,
        rows,
        shown,
        tags,
        ..
    } = list;
    let show_tags = tags.shown;

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
                    on:click=move |_| list.sort_by(key)
                >
                    {label}
                    <span aria-hidden="true">{indicator}</span>
                </button>
            </th>
        }
    };

    let table = move || {
        let state = shown.get();
        let failed = matches!(state, Some(Err(_)));
        let words = match &state {
            Some(Err(error)) if error.is_not_found() => NO_DOMAIN,
            _ => WORDS,
        };
        let table = load_view(
            state,
            words,
            move || profiles.refetch(),
            |shown| {
                match shown {
            Shown::Empty { search, page_empty } => {
                empty_view(&domain_id.get_untracked(), &search, page_empty).into_any()
            }
            Shown::Rows => view! {
                <div class="panel table-panel">
                    <table class="table" id="profile-table" aria-busy=move || fetching.get().to_string()>
                        <caption class="visually-hidden">"User profiles"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Name"</th>
                                <th scope="col">"Status"</th>
                                {sort_button(SortKey::Created, "Created")}
                                {sort_button(SortKey::Modified, "Last modified")}
                                {move || show_tags.get().then(|| view! { <th scope="col">"Tags"</th> })}
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
                                children=move |p| profile_row(&domain_id.get_untracked(), &p, tags)
                            />
                        </tbody>
                    </table>
                </div>
            }
            .into_any(),
        }
            },
        );
        view! {
            {table}
            {failed.then(|| view! { <p><a href="/domains">"Choose another domain"</a></p> })}
        }
    };

    view! {
        <div class="toolbar">
            <div class="field field-inline">
                <label class="field-label" for="profile-search">
                    "Search by name or tag"
                </label>
                <input
                    id="profile-search"
                    type="search"
                    class="field-input"
                    autocomplete="off"
                    placeholder="Part of a name, or Team=ml"
                    aria-describedby="profile-search-hint"
                    prop:value=move || typed.get()
                    on:input=move |ev| list.search(event_target_value(&ev))
                />
                <div id="profile-search-hint" class="field-hint">{TAG_SEARCH_HINT}</div>
            </div>
            <label class="checkbox" for="show-tags">
                <input
                    id="show-tags"
                    type="checkbox"
                    prop:checked=move || show_tags.get()
                    on:change=move |ev| tags.show(event_target_checked(&ev))
                />
                "Show tags"
            </label>
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
                            list.set_page_size(size);
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
                {move || list.status()}
            </span>
            <button
                type="button"
                class="button button-secondary"
                on:click=move |_| {
                    tags.forget();
                    profiles.refetch();
                }
            >
                "Refresh"
            </button>
        </div>
        {table}
        <nav class="pager" aria-label="Pages" class:hidden=move || limit.get() == ALL>
            <button
                type="button"
                class="button button-secondary"
                disabled=move || page.get() == 0
                on:click=move |_| list.previous_page()
            >
                "Previous page"
            </button>
            <span class="pager-page">{move || format!("Page {}", page.get() + 1)}</span>
            <button
                type="button"
                class="button button-secondary"
                disabled=move || list.next_token().is_none()
                on:click=move |_| list.next_page()
            >
                "Next page"
            </button>
        </nav>
    }
}

/// What the person may do to get a new profile here: add one (leads, admins), ask for
/// their own (requesters), or nothing (viewers).
fn add_button(domain: &str) -> AnyView {
    if may_change_profiles(domain) {
        view! {
            <a class="button button-secondary" id="offboard-team" href=format!("/domains/{domain}/offboard")>"Offboard several"</a>
            <a class="button button-secondary" id="add-team" href=format!("/domains/{domain}/team")>"Add a team"</a>
            <a class="button button-primary" id="add-user" href=format!("/domains/{domain}/add-user")>"Add user"</a>
        }
        .into_any()
    } else if asks_for_profiles() {
        view! { <a class="button button-primary" id="request-profile" href=format!("/domains/{domain}/request")>"Request a profile"</a> }
            .into_any()
    } else {
        ().into_any()
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
        if let Some(filter) = TagFilter::parse(search) {
            return view! {
                <Empty title=format!("No profile here has {}.", filter.describe())>
                    <p>"Check the key's spelling, or leave out the value to see every profile with the key."</p>
                </Empty>
            }
            .into_any();
        }
        view! {
            <Empty title=format!("No profile names contain \u{201c}{search}\u{201d}.")>
                <p>"Check the spelling, or search for a shorter part of the name."</p>
            </Empty>
        }
        .into_any()
    }
}

fn profile_row(
    domain: &str,
    profile: &UserProfileDetails,
    tags: ListTags,
) -> impl IntoView + use<> {
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
    let tags_name = name.clone();
    let tags_column = move || {
        tags.shown
            .get()
            .then(|| view! { <td class="cell-tags">{tags.cell(&tags_name)}</td> })
    };
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
            {tags_column}
        </tr>
    }
}
