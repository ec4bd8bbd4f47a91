//! Pages loaded on first use (code splitting).
//!
//! [`lazy_page!`] makes a route view for a page. In the release bundle (`cargo xtask
//! bundle` builds with `--cfg wasm_split`) the page's code is a split point: wasm-split
//! cuts it, and everything only it uses, out of the main module into files the browser
//! fetches when the page is first opened. That keeps what a visit downloads before the
//! first page within the bundle budget. Every other build (`trunk serve`, the browser
//! tests) has no splitter after the compiler, so the same route simply renders the page:
//! a split function there would import from a module that does not exist.
//!
//! [`lazy_pages!`] declares the pages with their addresses in one table, which `cargo
//! xtask bundle` also reads: the bundle's module loader fetches a page's code as soon as
//! a link to the page is pointed at or focused, so the click usually finds it loaded.
//! That costs the main module nothing (the loader is JavaScript the bundle writes).
//!
//! The split point is declared `fallible`: when the page's code cannot be fetched (the
//! connection dropped, or the panel was updated and the tab asks for files the new
//! release no longer has) the page says so and offers a reload, instead of the module
//! panicking and taking the whole app down. Leptos's own `#[lazy_route]` does not offer
//! that in the released 0.8 macros.

use leptos::prelude::*;

use crate::components::LoadError;

/// Declares the pages loaded on first use, each as `$route => $page, $module, "$path";`.
/// `$route` is a [`leptos_router::LazyRoute`] that renders `$page` at the address
/// `$route::path()` (`$path`, a [`Pattern`](super::Pattern)) and `$module` names
/// the page's split-off module. `cargo xtask bundle` reads this table in `routes/mod.rs`
/// (keep the entries in this shape, the addresses of plain segments and `:name`) to
/// fetch a page's module when a link to `$path` is pointed at; where two addresses match
/// a link the first declared is fetched, so `/requests/mine` comes before `/requests/:id`.
macro_rules! lazy_pages {
    ($($route:ident => $page:ident, $module:ident, $path:tt;)*) => {
        $($crate::routes::lazy::lazy_page!($route, $page, $module, $path);)*
    };
}

pub(crate) use lazy_pages;

/// Declares `$route` (see [`lazy_pages!`]).
macro_rules! lazy_page {
    ($route:ident, $page:ident, $module:ident, $path:tt) => {
        #[doc = concat!("The route view of [`", stringify!($page), "`] (`", $path, "`), loaded on first use.")]
        #[derive(Debug)]
        pub struct $route;

        impl $route {
            #[doc = concat!("`", $path, "`.")]
            pub fn path() -> $crate::routes::Pattern {
                $crate::routes::Pattern($path)
            }
        }

        #[cfg(wasm_split)]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_this: Self) -> leptos::prelude::AnyView {
                use leptos::wasm_split::wasm_split;
                #[wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
                fn $module() -> $crate::routes::lazy::SplitView {
                    Ok(leptos::prelude::IntoAny::into_any(
                        leptos::view! { <$page /> },
                    ))
                }
                match $module().await {
                    Ok(view) => view,
                    Err(_) => $crate::routes::lazy::page_not_loaded(),
                }
            }
        }

        #[cfg(not(wasm_split))]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_this: Self) -> leptos::prelude::AnyView {
                leptos::prelude::IntoAny::into_any(leptos::view! { <$page /> })
            }
        }
    };
}

pub(crate) use lazy_page;

/// What a split-off page's function answers: its view, or why its code did not arrive.
pub type SplitView = Result<AnyView, leptos::wasm_split::SplitLoaderError>;

/// What a page shows when its code could not be fetched. Trying again reloads the
/// panel: after an update, only the new release's page names the files that exist.
pub fn page_not_loaded() -> AnyView {
    let reload = Callback::new(|()| {
        if let Some(window) = web_sys::window() {
            // Nothing else to do when even a reload is refused; the message stays.
            let _ = window.location().reload();
        }
    });
    view! {
        <section class="page">
            <LoadError
                what="This page could not be loaded."
                reason="Its code did not arrive: the connection dropped, or the panel was updated since this tab opened it. Try again reloads the panel."
                on_retry=reload
            />
        </section>
    }
    .into_any()
}
