//! Pages loaded on first use (code splitting).
//!
//! [`lazy_page!`] makes a route view for a page. In the release bundle (`cargo xtask
//! bundle` builds with `--cfg wasm_split`) the page's code is a `#[lazy_route]`: wasm-split
//! cuts it, and everything only it uses, out of the main module into files the browser
//! fetches when the page is first opened. That keeps what a visit downloads before the
//! first page within the bundle budget. Every other build (`trunk serve`, the browser
//! tests) has no splitter after the compiler, so the same route simply renders the page:
//! a split function there would import from a module that does not exist.

/// Declares `$route`, a [`leptos_router::LazyRoute`] that renders `$page`.
macro_rules! lazy_page {
    ($route:ident, $page:ident) => {
        #[doc = concat!("The route view of [`", stringify!($page), "`], loaded on first use.")]
        #[derive(Debug)]
        pub struct $route;

        #[cfg(wasm_split)]
        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> leptos::prelude::AnyView {
                leptos::prelude::IntoAny::into_any(leptos::view! { <$page /> })
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
