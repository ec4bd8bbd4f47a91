//! The person of an SSO domain's profile, picked from the domain's IAM Identity Center
//! directory: a combobox over `SingleSignOnUserValue`. Typing searches the directory
//! (debounced) by user name, display name or e-mail; arrow keys move through the people
//! found, Enter picks, Escape closes. Picking fills the user name and proposes a profile
//! name derived from it (while the name is empty or still the last proposal). What is
//! typed is checked live: a user name nobody in the directory has is an error at the
//! member's path, as the server would say.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use studio_admin_api::{DirectoryUser, profile_name_for};

use super::frame::Field;
use crate::api::use_api;
use crate::profile_form::model::FormMode;

/// The member the picker fills.
const PATH: &str = "SingleSignOnUserValue";
/// The member it proposes a value for.
const NAME_PATH: &str = "UserProfileName";
/// Quiet time after the last keystroke before the directory is asked.
const DEBOUNCE: Duration = Duration::from_millis(250);

/// How a person is shown in the list: their name, then their user name and address.
fn label(user: &DirectoryUser) -> String {
    user.display_name
        .clone()
        .unwrap_or_else(|| user.user_name.clone())
}

/// The picker. `prefill`: a user name to fill in when the field is empty and the
/// directory has exactly that person (a requester's own sign-in name).
#[component]
pub fn DirectoryPicker(
    /// Guidance under the label.
    #[prop(into)]
    hint: String,
    /// Filled in when the directory has exactly this user name and nothing is typed yet.
    prefill: Option<String>,
) -> impl IntoView {
    let field = Field::at(PATH.to_owned());
    let form = field.form;
    let api = use_api();
    let listbox = format!("{}-people", field.ids.input);
    let value = Memo::new(move |_| form.text_at(PATH));
    let people = RwSignal::new(Vec::<DirectoryUser>::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let status = RwSignal::new(String::new());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    // Answers to searches overtaken by a later one are dropped.
    let asked = StoredValue::new(0_u64);
    let proposed = StoredValue::new(None::<String>);
    let domain = move || {
        form.request
            .try_with_untracked(|r| r.domain_id.clone())
            .flatten()
            .unwrap_or_default()
    };

    // Fills in the person and, while the lead has not named the profile, a name.
    let pick = move |user: DirectoryUser| {
        // Searches still on their way were for what was typed before the pick.
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        asked.update_value(|n| *n += 1);
        form.set(PATH, Some(Value::String(user.user_name.clone())));
        form.touch(PATH);
        form.set_input_error(PATH, None);
        open.set(false);
        active.set(None);
        status.set(format!("{} ({}) picked", label(&user), user.user_name));
        if form.mode == FormMode::Create && !form.name_locked {
            let current = form.text_at(NAME_PATH);
            let ours = proposed.with_value(|p| p.as_deref() == Some(current.as_str()));
            let name = profile_name_for(&user.user_name);
            if (current.is_empty() || ours) && !name.is_empty() {
                form.set(NAME_PATH, Some(Value::String(name.clone())));
                proposed.set_value(Some(name));
            }
        }
    };

    // Asks the directory for `text`; the answer fills the list and says whether the text
    // is somebody's user name.
    let search = {
        let api = api.clone();
        move |text: String| {
            let api = api.clone();
            // A timer may fire after the form is gone: then nothing is asked.
            let Some(ticket) = asked.try_update_value(|n| {
                *n += 1;
                *n
            }) else {
                return;
            };
            let domain = domain();
            if domain.is_empty() {
                return;
            }
            status.try_set("Searching the directory…".to_owned());
            spawn_local(async move {
                let answer = api.directory_users(&domain, &text).await;
                if asked.try_with_value(|n| *n != ticket).unwrap_or(true) {
                    return;
                }
                match answer {
                    Ok(found) => {
                        let exact = found
                            .users
                            .iter()
                            .any(|u| u.user_name.eq_ignore_ascii_case(text.trim()));
                        let message = (!text.trim().is_empty() && !exact).then(|| {
                            format!(
                                "Nobody in this domain's IAM Identity Center directory has the user name {:?}: pick a person from the list.",
                                text.trim()
                            )
                        });
                        if form.request.is_disposed() {
                            return;
                        }
                        form.set_input_error(PATH, message);
                        let count = found.users.len();
                        status.try_set(match (count, found.truncated) {
                            (0, _) => "Nobody found".to_owned(),
                            (1, _) => "1 person found".to_owned(),
                            (n, true) => format!("{n} people shown; type more to narrow"),
                            (n, false) => format!("{n} people found"),
                        });
                        active.try_set(None);
                        people.try_set(found.users);
                    }
                    Err(error) => {
                        // The server checks again on submit; nothing is claimed here.
                        form.set_input_error(PATH, None);
                        people.try_set(Vec::new());
                        status.try_set(format!("The directory could not be searched: {error}"));
                    }
                }
            });
        }
    };

    let later = move |text: String| {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let search = search.clone();
        let handle = set_timeout_with_handle(move || search(text), DEBOUNCE).ok();
        pending.set_value(handle);
    };

    // A requester's own request: their sign-in name, when the directory has it.
    if let Some(user_name) = prefill.filter(|u| !u.is_empty()) {
        let filled = StoredValue::new(false);
        Effect::new(move |_| {
            let domain = form
                .request
                .with(|r| r.domain_id.clone())
                .unwrap_or_default();
            if domain.is_empty() || filled.get_value() || !form.text_at(PATH).is_empty() {
                return;
            }
            filled.set_value(true);
            let (api, user_name) = (api.clone(), user_name.clone());
            spawn_local(async move {
                let Ok(found) = api.directory_users(&domain, &user_name).await else {
                    return;
                };
                if let Some(user) = found
                    .users
                    .into_iter()
                    .find(|u| u.user_name.eq_ignore_ascii_case(&user_name))
                    && !form.request.is_disposed()
                    && form.text_at(PATH).is_empty()
                {
                    form.set(PATH, Some(Value::String(user.user_name)));
                }
            });
        });
    }

    let on_input = {
        let later = later.clone();
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            form.set(
                PATH,
                (!text.is_empty()).then(|| Value::String(text.clone())),
            );
            open.set(true);
            later(text);
        }
    };
    let on_focus = move |_| {
        if people.with_untracked(Vec::is_empty) {
            later(value.get_untracked());
        }
        open.set(true);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = people.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if count > 0 => {
                ev.prevent_default();
                open.set(true);
                let down = ev.key() == "ArrowDown";
                active.update(|a| {
                    *a = Some(match (*a, down) {
                        (None, true) => 0,
                        (None, false) => count - 1,
                        (Some(i), true) => (i + 1) % count,
                        (Some(i), false) => (i + count - 1) % count,
                    });
                });
            }
            "Enter" if open.get_untracked() => {
                if let Some(user) = active
                    .get_untracked()
                    .and_then(|i| people.with_untracked(|p| p.get(i).cloned()))
                {
                    // Picking, not submitting the form.
                    ev.prevent_default();
                    pick(user);
                }
            }
            "Escape" if open.get_untracked() => {
                ev.prevent_default();
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };

    let option_id = {
        let listbox = listbox.clone();
        move |i: usize| format!("{listbox}-{i}")
    };
    let active_descendant = {
        let option_id = option_id.clone();
        move || active.get().filter(|_| open.get()).map(&option_id)
    };
    let expanded = move || (open.get() && people.with(|p| !p.is_empty())).to_string();
    let described = field.described_by(true);
    let status_id = format!("{}-status", field.ids.input);
    let options = move || {
        people
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, user)| {
                let selected = move || active.get() == Some(i);
                let email = user.emails.first().cloned().unwrap_or_default();
                let name = label(&user);
                let user_name = user.user_name.clone();
                let shown_user_name = user.user_name.clone();
                view! {
                    <li
                        id=option_id(i)
                        role="option"
                        class="picker-option"
                        class:picker-active=selected
                        aria-selected=move || selected().to_string()
                        data-user=user_name
                        // Before the input's blur: the list stays until the pick.
                        on:mousedown=move |ev| {
                            ev.prevent_default();
                            pick(user.clone());
                        }
                    >
                        <span class="picker-name">{name}</span>
                        <span class="picker-detail mono">{shown_user_name}</span>
                        <span class="picker-detail">{email}</span>
                    </li>
                }
            })
            .collect_view()
    };

    let control = view! {
            <input
                id=field.ids.input.clone()
                name=field.ids.input.clone()
                data-path=PATH
                type="text"
                role="combobox"
                class="field-input"
                autocomplete="off"
                autocapitalize="none"
                spellcheck="false"
                placeholder="Type a name, user name or e-mail"
                aria-autocomplete="list"
                aria-controls=listbox.clone()
                aria-expanded=expanded
                aria-activedescendant=active_descendant
                readonly=field.locked()
                aria-invalid=field.invalid()
                aria-describedby=described
                prop:value=move || value.get()
                on:input=on_input
                on:focus=on_focus
                on:keydown=on_keydown
                on:blur=move |_| {
                    open.set(false);
                    active.set(None);
                }
            />
            <ul
                id=listbox
                role="listbox"
                class="picker-list"
                aria-label="People found"
                hidden=move || !(open.get() && people.with(|p| !p.is_empty()))
            >
                {options}
            </ul>
            <p id=status_id class="visually-hidden" role="status" aria-live="polite">
                {move || status.get()}
            </p>
    };
    field.framed(
        "field picker",
        "Person in IAM Identity Center".into_any(),
        Some(hint),
        control.into_any(),
    )
}
