//! `/domains/{domain}/profiles/{name}`: one profile as a person reads it: status, the
//! settings in words, its effective idle shutdown, its apps and owned spaces, tags; actions Edit, Delete, Open in
//! Studio (IAM domains) and Copy ARN. While the profile or an app is changing, the page
//! follows it (after a create: from Pending to InService).

use leptos::prelude::*;
use studio_admin_model::{AppDetails, AuthMode, SpaceDetails, Tag, WireEnum, is_reserved_tag_key};

use super::loads::{PROFILE_WORDS, load_profile, loaded_tags};
use super::use_domain;
use crate::api::types::{AccessKind, Domain, Permission, ProfileDetail, StudioAccess};
use crate::api::{ApiError, use_api};
use crate::components::{
    CopyButton, Crumb, IdleSummary, Needs, Page, SettingsView, column_heads, is_transitional,
    load_view, status_badge, trail,
};
use crate::format::{date_time, iso_time};
use crate::pages::profile_list::REFRESH_EVERY;
use crate::profile_form::model::json::to_json_value;
use crate::routes::{param, profile_href, profiles_href, query};
use crate::state::{may_change_profiles, may_open_studio};

/// The profile page (whoever reads the domain).
#[component]
pub fn ProfileDetailPage() -> impl IntoView {
    let domain_id = param("domain");
    let name = param("name");
    let domain = use_domain(domain_id);
    // The profile's status, beside its name once loaded.
    let status = RwSignal::new(None::<String>);
    let profile_path =
        move |then: &str| format!("{}/{then}", profile_href(&domain_id.get(), &name.get()));
    view! {
        <Page
            title_id="profile-title"
            title=move || name.get()
            badge=move || status.get().map(|s| status_badge(&s))
            crumbs=trail(vec![
                Crumb::link("User profiles", Signal::derive(move || profiles_href(&domain_id.get()))),
                Crumb::here(name),
            ])
            actions=move || may_change_profiles(&domain_id.get()).then(|| view! {
                <a class="button button-secondary" id="edit-profile" href=move || profile_path("edit")>
                    "Edit"
                </a>
                <a class="button button-danger" id="delete-profile" href=move || profile_path("delete")>
                    "Delete"
                </a>
            })
            needs=Needs::in_domain(Permission::Read, domain_id)
        >
            <Detail domain_id name domain status />
        </Page>
    }
}

/// What just happened (created, updated), then the profile; followed while it changes.
#[component]
fn Detail(
    /// The domain's id.
    domain_id: Memo<String>,
    /// The profile's name.
    name: Memo<String>,
    /// The domain (`None` while it loads).
    domain: Signal<Option<Domain>>,
    /// Takes the profile's status for the title.
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let created = query("created");
    let updated = query("updated");
    let detail = load_profile(domain_id, name);

    // Follow the profile while it (or one of its apps) is on its way somewhere.
    Effect::new(move |previous: Option<Option<TimeoutHandle>>| {
        if let Some(Some(handle)) = previous {
            handle.clear();
        }
        let changing = detail.with(|loaded| {
            loaded
                .as_ref()
                .and_then(|r| r.as_ref().ok())
                .is_some_and(is_changing)
        });
        changing
            .then(|| set_timeout_with_handle(move || detail.refetch(), REFRESH_EVERY).ok())
            .flatten()
    });

    // The status of the last answer; the title shows it too.
    let current = move || {
        detail.with(|loaded| {
            loaded
                .as_ref()
                .and_then(|r| r.as_ref().ok())
                .and_then(|d| d.profile.status.as_ref().map(|s| s.as_str().to_owned()))
        })
    };
    Effect::new(move |_| status.set(current()));

    let is_iam = move || {
        domain.with(|d| {
            d.as_ref()
                .is_some_and(|d| d.auth_mode.as_ref() != Some(&AuthMode::Sso))
        })
    };

    let body = move || {
        match detail.get() {
        Some(Err(error)) if error.is_not_found() => view! {
            <div class="state state-empty" role="status">
                <p class="state-title">"There is no such profile in this domain."</p>
                <p>"It may have been deleted. " <a href=profiles_href(&domain_id.get_untracked())>"Back to the profiles"</a></p>
            </div>
        }
        .into_any(),
        state => load_view(state, PROFILE_WORDS, move || detail.refetch(), |loaded| {
            detail_view(domain_id.get_untracked(), loaded, is_iam()).into_any()
        }),
    }
    };

    let notice = move || {
        let status = current()?;
        let fresh = if created.get() == "1" {
            "created"
        } else if updated.get() == "1" {
            "updated"
        } else {
            return None;
        };
        let text = if is_transitional(&status) {
            format!(
                "Profile {fresh}. SageMaker is still applying it ({status}); this page follows it until it is In service."
            )
        } else if status == "InService" {
            format!("Profile {fresh}. It is In service.")
        } else {
            format!("Profile {fresh}. Its status is {status}.")
        };
        Some(
            view! { <div class="alert alert-success" role="status" aria-live="polite">{text}</div> },
        )
    };

    // Drawn once the profile is there, and not again when the page follows its status.
    let found = Memo::new(move |_| detail.with(|d| matches!(d, Some(Ok(_)))));
    let tags = move || {
        found
            .get()
            .then(|| view! { <ProfileTags domain_id name /> })
    };

    view! {
        {notice}
        {body}
        {tags}
    }
}

/// Whether anything on the page is on its way somewhere (so the page refreshes).
fn is_changing(detail: &ProfileDetail) -> bool {
    let profile = detail
        .profile
        .status
        .as_ref()
        .is_some_and(|s| is_transitional(s.as_str()));
    let apps = detail.apps.iter().any(|a| {
        a.status
            .as_ref()
            .is_some_and(|s| is_transitional(s.as_str()))
    });
    let spaces = detail.spaces.iter().any(|s| {
        s.status
            .as_ref()
            .is_some_and(|s| is_transitional(s.as_str()))
    });
    profile || apps || spaces
}

fn detail_view(domain: String, detail: ProfileDetail, is_iam: bool) -> impl IntoView {
    let profile = detail.profile;
    let name = profile.user_profile_name.clone().unwrap_or_default();
    let arn = profile.user_profile_arn.clone().unwrap_or_default();
    let in_service = profile.status.as_ref().map(WireEnum::as_str) == Some("InService");
    let settings = profile
        .user_settings
        .as_ref()
        .map_or(serde_json::Value::Null, to_json_value);
    let sso_user = profile.single_sign_on_user_value.clone();
    let failure = profile.failure_reason.clone();
    // A Studio link signs in as the profile's person: only they (or an admin) get one.
    let studio = (is_iam && in_service && may_open_studio(&domain, &name))
        .then(|| view! { <OpenInStudio domain=domain.clone() name=name.clone() /> });
    let access = detail.access.map(|access| {
        view! { <StudioAccessPanel domain=domain.clone() name=name.clone() access /> }
    });
    let apps = detail.apps;
    let spaces = detail.spaces;
    let idle = detail.idle;
    view! {
        <div class="panel">
            <h2 class="panel-title">"Summary"</h2>
            <div class="panel-body">
                <dl class="summary">
                    <div>
                        <dt>"ARN"</dt>
                        <dd class="mono cell-wrap" id="profile-arn">{arn.clone()}</dd>
                    </div>
                    <div>
                        <dt>"Domain"</dt>
                        <dd class="mono">{profile.domain_id.clone().unwrap_or(domain)}</dd>
                    </div>
                    <div>
                        <dt>"Created"</dt>
                        <dd><time datetime=iso_time(profile.creation_time)>{date_time(profile.creation_time)}</time></dd>
                    </div>
                    <div>
                        <dt>"Last modified"</dt>
                        <dd><time datetime=iso_time(profile.last_modified_time)>{date_time(profile.last_modified_time)}</time></dd>
                    </div>
                    <div>
                        <dt>"Home directory (EFS user ID)"</dt>
                        <dd class="mono">{profile.home_efs_file_system_uid.unwrap_or_else(|| "—".to_owned())}</dd>
                    </div>
                    {sso_user.map(|user| view! { <div><dt>"IAM Identity Center user"</dt><dd>{user}</dd></div> })}
                    {failure.map(|reason| view! { <div><dt>"Failure reason"</dt><dd class="text-error">{reason}</dd></div> })}
                </dl>
                <div class="actions">
                    <CopyButton label="Copy ARN" text=arn id="copy-arn" />
                    {studio}
                </div>
            </div>
        </div>
        {access}
        <div class="panel">
            <h2 class="panel-title">"Settings"</h2>
            <div class="panel-body">
                <SettingsView value=settings />
            </div>
        </div>
        <div class="panel">
            <h2 class="panel-title">"Idle shutdown"</h2>
            <div class="panel-body"><IdleSummary idle /></div>
        </div>
        <div class="panel table-panel">
            <h2 class="panel-title">{format!("Apps ({})", apps.len())}</h2>
            {apps_table(apps)}
        </div>
        <div class="panel table-panel">
            <h2 class="panel-title">{format!("Owned spaces ({})", spaces.len())}</h2>
            {spaces_table(spaces)}
        </div>
    }
}

fn apps_table(apps: Vec<AppDetails>) -> impl IntoView {
    if apps.is_empty() {
        return view! { <p class="panel-body muted">"No apps: the person has not started any."</p> }.into_any();
    }
    let rows = apps
        .into_iter()
        .map(|app| {
            let status = app.status.as_ref().map(|s| s.as_str().to_owned()).unwrap_or_default();
            let instance = app
                .resource_spec
                .as_ref()
                .and_then(|r| r.instance_type.as_ref())
                .map(|i| i.as_str().to_owned())
                .unwrap_or_else(|| "—".to_owned());
            view! {
                <tr>
                    <td>{app.app_type.as_ref().map(|t| t.as_str().to_owned()).unwrap_or_default()}</td>
                    <th scope="row">{app.app_name.clone().unwrap_or_default()}</th>
                    <td class="mono">{instance}</td>
                    <td>{status_badge(&status)}</td>
                    <td>{app.space_name.clone().unwrap_or_else(|| "—".to_owned())}</td>
                    <td><time datetime=iso_time(app.creation_time)>{date_time(app.creation_time)}</time></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table" id="apps-table">
            {column_heads(&["Type", "Name", "Instance type", "Status", "Space", "Created"])}
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

fn spaces_table(spaces: Vec<SpaceDetails>) -> impl IntoView {
    if spaces.is_empty() {
        return view! { <p class="panel-body muted">"The profile owns no spaces."</p> }.into_any();
    }
    let rows = spaces
        .into_iter()
        .map(|space| {
            let status = space.status.as_ref().map(|s| s.as_str().to_owned()).unwrap_or_default();
            let sharing = space
                .space_sharing_settings_summary
                .as_ref()
                .and_then(|s| s.sharing_type.as_ref())
                .map(|s| s.as_str().to_owned())
                .unwrap_or_else(|| "—".to_owned());
            let app_type = space
                .space_settings_summary
                .as_ref()
                .and_then(|s| s.app_type.as_ref())
                .map(|t| t.as_str().to_owned())
                .unwrap_or_else(|| "—".to_owned());
            let name = space
                .space_display_name
                .clone()
                .or_else(|| space.space_name.clone())
                .unwrap_or_default();
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td>{status_badge(&status)}</td>
                    <td>{sharing}</td>
                    <td>{app_type}</td>
                    <td><time datetime=iso_time(space.creation_time)>{date_time(space.creation_time)}</time></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table" id="spaces-table">
            {column_heads(&["Name", "Status", "Sharing", "App", "Created"])}
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// The profile's tags (ListTags on its ARN, every page), read once the profile is there;
/// a separate call, so the rest of the page does not wait for it.
#[component]
fn ProfileTags(
    /// The domain's id.
    domain_id: Memo<String>,
    /// The profile's name.
    name: Memo<String>,
) -> impl IntoView {
    view! {
        <div class="panel" id="profile-tags">
            <h2 class="panel-title">"Tags"</h2>
            <div class="panel-body">
                {loaded_tags(domain_id, name, |tags| tags_view(tags).into_any())}
                <p class="field-hint">
                    "Apps get the profile's tags when they are launched: a tag added later reaches only apps launched afterwards."
                </p>
            </div>
        </div>
    }
}

fn tags_view(tags: Vec<Tag>) -> impl IntoView {
    if tags.is_empty() {
        return view! { <p class="muted" id="no-tags">"No tags."</p> }.into_any();
    }
    let rows = tags
        .into_iter()
        .map(|t| {
            let key = t.key.unwrap_or_default();
            let own =
                is_reserved_tag_key(&key).then(|| view! { <span class="tag">"set by AWS"</span> });
            let shown = key.clone();
            view! {
                <div class="settings-row" data-tag=key>
                    <dt class="mono">{shown}{own}</dt>
                    <dd>{t.value.unwrap_or_default()}</dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="settings" id="tags-list">{rows}</dl> }.into_any()
}

/// Asks for a one-time Studio sign-in URL, then offers it as a link (browsers block
/// windows opened after a wait; the link works once and for a few minutes).
#[component]
fn OpenInStudio(domain: String, name: String) -> impl IntoView {
    let api = use_api();
    let state = RwSignal::new(None::<Result<String, ApiError>>);
    let busy = RwSignal::new(false);
    let open = move |_| {
        let (api, domain, name) = (api.clone(), domain.clone(), name.clone());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = api
                .presigned_url(&domain, &name)
                .await
                .map(|r| r.authorized_url.unwrap_or_default());
            busy.try_set(false);
            state.try_set(Some(result));
        });
    };
    view! {
        <button type="button" class="button button-secondary" id="open-studio" on:click=open disabled=move || busy.get()>
            {move || if busy.get() { "Getting a sign-in link…" } else { "Open in Studio" }}
        </button>
        <span role="status" aria-live="polite">
            {move || match state.get() {
                Some(Ok(url)) => view! {
                    <a href=url target="_blank" rel="noopener noreferrer" id="studio-link">
                        "Sign in to Studio as this user (link works once, for 5 minutes)"
                    </a>
                }
                .into_any(),
                Some(Err(error)) => view! { <span class="text-error">{error.to_string()}</span> }.into_any(),
                None => ().into_any(),
            }}
        </span>
    }
}

/// How the person gets into Studio through IAM Identity Center (SSO domains), with
/// "Grant Studio access" for leads when they do not.
#[component]
fn StudioAccessPanel(domain: String, name: String, access: StudioAccess) -> impl IntoView {
    let api = use_api();
    let access = RwSignal::new(access);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let may_grant = may_change_profiles(&domain);
    let grant = move |_| {
        let (api, domain, name) = (api.clone(), domain.clone(), name.clone());
        busy.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            let result = api.grant_access(&domain, &name).await;
            busy.try_set(false);
            match result {
                Ok(now) => {
                    access.try_set(now);
                }
                Err(error) => {
                    failure.try_set(Some(error.to_string()));
                }
            }
        });
    };
    let words = move || {
        access.with(|a| match a.kind {
            AccessKind::Direct if a.granted => {
                "Assigned to this domain's Studio application just now.".to_owned()
            }
            AccessKind::Direct => "Assigned to this domain's Studio application.".to_owned(),
            AccessKind::Group => format!("Through the assigned group {}.", a.groups.join(", ")),
            AccessKind::NotRequired => {
                "The domain's Studio application lets in everyone of the directory.".to_owned()
            }
            AccessKind::None => match &a.error {
                Some(error) => format!("Not known to have access: {error}"),
                None => "None: the person sees \"Access Denied\" when opening Studio.".to_owned(),
            },
        })
    };
    let lacking = move || access.with(|a| a.kind == AccessKind::None);
    view! {
        <div class="panel" id="studio-access">
            <h2 class="panel-title">"Studio access (IAM Identity Center)"</h2>
            <div class="panel-body">
                <div
                    class="alert"
                    class:alert-success=move || !lacking()
                    class:alert-warning=lacking
                    id="studio-access-state"
                    data-kind=move || access.with(|a| kind_name(a.kind))
                    role="status"
                    aria-live="polite"
                >
                    <p>{words}</p>
                </div>
                {move || (lacking() && may_grant).then(|| view! {
                    <button
                        type="button"
                        class="button button-primary"
                        id="grant-access"
                        on:click=grant.clone()
                        disabled=move || busy.get()
                    >
                        {move || if busy.get() { "Granting…" } else { "Grant Studio access" }}
                    </button>
                })}
                {move || failure.get().map(|message| view! {
                    <p class="text-error" role="alert">{message}</p>
                })}
            </div>
        </div>
    }
}

/// The kind as the API spells it (`not_required`), for tests to read.
fn kind_name(kind: AccessKind) -> &'static str {
    match kind {
        AccessKind::Direct => "direct",
        AccessKind::Group => "group",
        AccessKind::NotRequired => "not_required",
        AccessKind::None => "none",
    }
}
