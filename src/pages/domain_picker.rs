//! `/domains`: every Studio domain of the account, how its people sign in and how its
//! apps reach the network; choosing one opens its profiles (and is remembered).

use crate::api::types::Domain;
use leptos::prelude::*;

use crate::components::{
    LoadWords, Loading, Page, column_heads, empty_state, loaded, status_badge,
};
use crate::routes::profiles_href;
use crate::state::{Domains, auth_mode_label, domain_label, network_label};

/// What the picker says while the domains load and when they cannot.
const WORDS: LoadWords = LoadWords {
    loading: "Loading domains…",
    failed: "The domains could not be loaded.",
};

/// The domain picker.
#[component]
pub fn DomainPickerPage() -> impl IntoView {
    let body = move || {
        match Domains::get() {
        Some(domains) => loaded(domains.list, WORDS, move |list| {
            if list.is_empty() {
                empty_state(
                    "This account has no SageMaker Studio domains in this region.",
                    "Create a domain in the SageMaker console, or check the region studio-admin uses.",
                )
            } else {
                domain_table(domains, list).into_any()
            }
        })
        .into_any(),
        None => view! { <Loading label=WORDS.loading /> }.into_any(),
    }
    };
    view! {
        <Page
            title_id="domains-title"
            title="Domains"
            description=|| "Choose the Studio domain whose user profiles you manage. The choice is remembered on this browser."
        >
            {body}
        </Page>
    }
}

fn domain_table(domains: Domains, list: Vec<Domain>) -> impl IntoView {
    let rows = list
        .into_iter()
        .map(|domain| {
            let id = domain.domain_id.clone().unwrap_or_default();
            let name = domain_label(&domain);
            let href = profiles_href(&id);
            let status = domain.status.clone().unwrap_or_default();
            let auth = auth_mode_label(domain.auth_mode.as_ref());
            let network = network_label(domain.app_network_access_type.as_ref());
            let role = domain
                .default_execution_role()
                .unwrap_or_else(|| "—".to_owned());
            let is_chosen = {
                let id = id.clone();
                move || domains.chosen.get().as_deref() == Some(id.as_str())
            };
            let choose = {
                let id = id.clone();
                move |_| domains.choose(&id)
            };
            let badge = is_chosen.clone();
            view! {
                <tr class:row-current=is_chosen>
                    <th scope="row">
                        <a href=href class="domain-link" on:click=choose>
                            {name}
                        </a>
                        {move || badge().then(|| view! { <span class="tag">"current"</span> })}
                    </th>
                    <td class="mono">{id}</td>
                    <td>
                        {status_badge(&status)}
                    </td>
                    <td>{auth}</td>
                    <td>{network}</td>
                    <td class="mono cell-wrap">{role}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="panel table-panel">
            <table class="table">
                <caption class="visually-hidden">"Studio domains"</caption>
                {column_heads(&["Name", "Domain ID", "Status", "Sign-in (auth mode)", "Network", "Default execution role"])}
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
