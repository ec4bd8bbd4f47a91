//! The bottom line: product and version.

use leptos::prelude::*;

use crate::{PRODUCT_NAME, VERSION};

/// The app's footer, naming the build so a bug report or screenshot says which one it was.
#[component]
pub fn AppFooter() -> impl IntoView {
    view! {
        <footer class="app-footer">
            <span>{PRODUCT_NAME}</span>
            <span class="app-footer-version">"Version " {VERSION}</span>
        </footer>
    }
}
