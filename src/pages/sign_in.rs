//! The sign-in page, shown in place of every page while nobody is signed in: name and
//! password (problems summarized at the top in the manner of GOV.UK, each linking to its
//! field), and in demo mode one button per demo account.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::types::DemoAccount;
use crate::api::{ApiError, use_api};
use crate::state::Session;

/// The id of the name input.
pub const SIGN_IN_NAME_ID: &str = "sign-in-name";
/// The id of the password input.
pub const SIGN_IN_PASSWORD_ID: &str = "sign-in-password";

/// One problem of a sign-in, linked to the field it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SignInProblem {
    /// The id of the field (the link's target).
    field: &'static str,
    /// What is wrong.
    message: String,
}

/// The sign-in page.
#[component]
pub fn SignInPage() -> impl IntoView {
    let api = use_api();
    let session = Session::get();
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<SignInProblem>::new());
    let busy = RwSignal::new(false);
    let summary = NodeRef::<html::Div>::new();

    let sign_in = move |who: String, secret: String| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let api = api.clone();
        spawn_local(async move {
            let result = api.sign_in(&who, &secret).await;
            busy.try_set(false);
            match result {
                Ok(info) if info.user.is_some() => {
                    if let Some(session) = session {
                        session.signed_in(info);
                    }
                }
                Ok(_) => show(
                    problems,
                    summary,
                    vec![problem(
                        SIGN_IN_NAME_ID,
                        "The server did not sign you in. Try again.",
                    )],
                ),
                Err(error) => show(problems, summary, vec![refusal(&error)]),
            }
        });
    };

    let on_submit = {
        let sign_in = sign_in.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (who, secret) = (name.get_untracked(), password.get_untracked());
            let mut missing = Vec::new();
            if who.trim().is_empty() {
                missing.push(problem(SIGN_IN_NAME_ID, "Enter your name"));
            }
            if secret.is_empty() {
                missing.push(problem(SIGN_IN_PASSWORD_ID, "Enter your password"));
            }
            if !missing.is_empty() {
                show(problems, summary, missing);
                return;
            }
            problems.set(Vec::new());
            sign_in(who.trim().to_owned(), secret);
        }
    };

    let error_at = move |field: &'static str| {
        Memo::new(move |_| {
            problems.with(|all| {
                all.iter()
                    .find(|p| p.field == field)
                    .map(|p| p.message.clone())
            })
        })
    };
    let name_error = error_at(SIGN_IN_NAME_ID);
    let password_error = error_at(SIGN_IN_PASSWORD_ID);

    let demo = session.map(|s| s.demo_accounts()).unwrap_or_default();
    let demo_view = (!demo.is_empty()).then(|| {
        let buttons = demo
            .into_iter()
            .map(|account| demo_button(account, sign_in.clone(), busy))
            .collect_view();
        view! {
            <div class="panel sign-in-demo">
                <h2 class="panel-title">"Demo accounts"</h2>
                <div class="panel-body">
                    <p class="field-hint">
                        "This server runs in demo mode: one account per role, each a click away."
                    </p>
                    <ul class="demo-accounts">{buttons}</ul>
                </div>
            </div>
        }
    });

    view! {
        <section class="page sign-in" aria-labelledby="sign-in-title">
            <h1 id="sign-in-title" class="page-title">
                "Sign in"
            </h1>
            <p class="page-description">"Sign in to manage SageMaker Studio user profiles."</p>
            <div
                id="sign-in-errors"
                class="error-summary"
                class:hidden=move || problems.with(Vec::is_empty)
                tabindex="-1"
                aria-labelledby="sign-in-errors-title"
                node_ref=summary
            >
                <Show when=move || problems.with(|p| !p.is_empty())>
                    <h2 id="sign-in-errors-title" class="error-summary-title">
                        "There is a problem"
                    </h2>
                    <ul class="error-summary-list">
                        {move || {
                            problems
                                .get()
                                .into_iter()
                                .map(|p| {
                                    let href = format!("#{}", p.field);
                                    view! {
                                        <li>
                                            <a
                                                href=href
                                                on:click=move |ev| {
                                                    ev.prevent_default();
                                                    focus(p.field);
                                                }
                                            >
                                                {p.message}
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </Show>
            </div>
            <div class="sign-in-layout">
                <form class="panel sign-in-form" novalidate on:submit=on_submit>
                    <div class="panel-body">
                        <LabelledInput
                            id=SIGN_IN_NAME_ID
                            label="Name"
                            kind="text"
                            autocomplete="username"
                            value=name
                            error=name_error
                        />
                        <LabelledInput
                            id=SIGN_IN_PASSWORD_ID
                            label="Password"
                            kind="password"
                            autocomplete="current-password"
                            value=password
                            error=password_error
                        />
                        <div class="form-actions">
                            <button
                                type="submit"
                                class="button button-primary"
                                id="sign-in-submit"
                                aria-disabled=move || busy.get().to_string()
                            >
                                {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                            </button>
                        </div>
                    </div>
                </form>
                {demo_view}
            </div>
        </section>
    }
}

/// A labelled input with its error message (GOV.UK order: label, message, input).
#[component]
fn LabelledInput(
    /// The input's id.
    id: &'static str,
    /// The visible label.
    label: &'static str,
    /// `text` or `password`.
    kind: &'static str,
    /// What the browser may fill in (`username`, `current-password`).
    autocomplete: &'static str,
    /// The value typed.
    value: RwSignal<String>,
    /// The error to show, if any.
    error: Memo<Option<String>>,
) -> impl IntoView {
    let message_id = format!("{id}-messages");
    let described = {
        let message_id = message_id.clone();
        move || error.with(Option::is_some).then(|| message_id.clone())
    };
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label class="field-label" for=id>
                {label}
            </label>
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <div id=message_id.clone() class="field-messages">
                                <p class="field-message field-message-error">
                                    <span class="visually-hidden">"Error: "</span>
                                    {message}
                                </p>
                            </div>
                        }
                    })
            }}
            <input
                id=id
                name=id
                type=kind
                class="field-input"
                autocomplete=autocomplete
                autocapitalize="none"
                spellcheck="false"
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

/// One demo account's button.
fn demo_button(
    account: DemoAccount,
    sign_in: impl Fn(String, String) + Clone + 'static,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let label = format!("Sign in as {} ({})", account.name, account.role.as_str());
    let id = format!("demo-{}", account.name);
    view! {
        <li>
            <button
                type="button"
                class="button button-secondary"
                id=id
                aria-disabled=move || busy.get().to_string()
                on:click=move |_| sign_in(account.name.clone(), account.password.clone())
            >
                {label}
            </button>
        </li>
    }
}

fn problem(field: &'static str, message: &str) -> SignInProblem {
    SignInProblem {
        field,
        message: message.to_owned(),
    }
}

/// What a refused sign-in says, placed at the name (wrong name or password, too many
/// tries) or the password.
fn refusal(error: &ApiError) -> SignInProblem {
    let message = match (error.status(), error) {
        (Some(429), ApiError::Status { retry_after, .. }) => match retry_after {
            Some(seconds) => format!(
                "Too many failed sign-ins. Wait {} before you try again.",
                wait_words(*seconds)
            ),
            None => format!("Too many failed sign-ins. {}", error.message()),
        },
        (Some(401), _) => {
            let said = error.message();
            if said.starts_with("The server answered") {
                "The name or password is wrong".to_owned()
            } else {
                said
            }
        }
        _ => error.message(),
    };
    SignInProblem {
        field: SIGN_IN_NAME_ID,
        message,
    }
}

/// `45 seconds`, `1 minute`, `15 minutes`.
fn wait_words(seconds: u32) -> String {
    match seconds {
        1 => "1 second".to_owned(),
        s if s < 60 => format!("{s} seconds"),
        s => {
            let minutes = s.div_ceil(60);
            if minutes == 1 {
                "1 minute".to_owned()
            } else {
                format!("{minutes} minutes")
            }
        }
    }
}

/// Shows `list` in the summary and moves focus there.
fn show(
    problems: RwSignal<Vec<SignInProblem>>,
    summary: NodeRef<html::Div>,
    list: Vec<SignInProblem>,
) {
    problems.try_set(list);
    request_animation_frame(move || {
        // The page may be gone by then (signed in, or left).
        if let Some(Some(element)) = summary.try_get_untracked() {
            let _ = element.focus();
        }
    });
}

/// Moves focus to the element `id`.
fn focus(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        use wasm_bindgen::JsCast;
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_are_said_in_seconds_then_whole_minutes() {
        assert_eq!(wait_words(1), "1 second");
        assert_eq!(wait_words(45), "45 seconds");
        assert_eq!(wait_words(60), "1 minute");
        assert_eq!(wait_words(61), "2 minutes");
        assert_eq!(wait_words(900), "15 minutes");
    }
}
