//! Fetching a page's code before it is opened: the split loader gets a listener that,
//! when a link of the app is pointed at or focused, starts loading the module of the page
//! the link leads to, so a click finds it loaded.
//!
//! The loader memoizes each module's load (a failed one is forgotten), so the load the
//! app starts on the click finds the module already there, or waits for the same fetch.
//! The pages and their addresses come from the `lazy_pages!` table of the SPA's routes;
//! the bundle fails when that table and wasm-split's modules disagree. No code is added
//! to the main module, and builds without a split loader (trunk, the browser tests) have
//! nothing to prefetch.

use anyhow::{Context as _, Result, bail, ensure};

/// Where the SPA declares the pages loaded on first use.
pub const ROUTES: &str = "src/routes/mod.rs";

/// How each of the loader's exports begins; the page's module name follows.
const EXPORT: &str = "export const __wasm_split_load_";
/// What follows the name in such an export: the memoized load the app's calls go through.
const MEMOIZED: &str = " = wrapAsyncCb(makeLoad(";

/// How the name of a page's module ends (`lazy_pages!`'s entries); the names of other
/// split-off modules do not.
const PAGE_SUFFIX: &str = "_page";

/// A page loaded on first use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Its split-off module (`add_user_page`).
    pub module: String,
    /// Its address, in `leptos_router::path!`'s syntax (`/domains/:domain/add-user`).
    pub address: String,
}

/// The pages of the `lazy_pages! { Route => Page, module, "address"; ... }` table in
/// `source`, in order.
pub fn read_pages(source: &str) -> Result<Vec<Page>> {
    let start = source
        .find("lazy_pages! {")
        .context("no `lazy_pages! { ... }` table")?;
    let body = &source[start + "lazy_pages! {".len()..];
    let body = &body[..body
        .find('}')
        .context("the `lazy_pages!` table does not end")?];
    let mut pages = Vec::new();
    for entry in body.split(';') {
        let entry = entry.trim();
        if entry.is_empty() {
            continue;
        }
        let fields = entry
            .split_once("=>")
            .map(|(_, fields)| fields.split(',').map(str::trim).collect::<Vec<_>>());
        let Some([_page, module, address]) = fields.as_deref() else {
            bail!("a `lazy_pages!` entry is not `Route => Page, module, \"address\"`: {entry}");
        };
        let address = address
            .strip_prefix('"')
            .and_then(|a| a.strip_suffix('"'))
            .with_context(|| format!("the address of {module} is not a string: {address}"))?;
        // The listener reads an address as a pattern where only `:name` is special.
        ensure!(
            address.starts_with('/')
                && address
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | ':' | '-' | '_')),
            "the address of {module} is not `/` and segments of letters, digits, - and _ \
             (or `:name`): {address}"
        );
        pages.push(Page {
            module: (*module).to_owned(),
            address: address.to_owned(),
        });
    }
    ensure!(!pages.is_empty(), "the `lazy_pages!` table is empty");
    Ok(pages)
}

/// `loader` (wasm-split's `__wasm_split.js`) with every page's memoized load kept beside
/// its address, and the listener that starts one when a link to its page is approached.
/// Every page must be a module of the loader, and every module named `..._page` (as
/// `lazy_pages!` names them) a page of the table. Other modules are parts of a page
/// that the page loads itself when they are first wanted (the profile list's tags
/// reader): they keep their plain memoized load and are not prefetched.
pub fn add_to_loader(loader: &str, pages: &[Page]) -> Result<String> {
    let mut loader = loader.to_owned();
    for (index, page) in pages.iter().enumerate() {
        let export = format!("{EXPORT}{}{MEMOIZED}", page.module);
        ensure!(
            loader.matches(&export).count() == 1,
            "the split loader does not load the page module {} (`{export}`)",
            page.module
        );
        loader = loader.replace(
            &export,
            &format!(
                "{EXPORT}{} = wrapAsyncCb(__pages[{index}][1] = makeLoad(",
                page.module
            ),
        );
    }
    let mut rest = loader.as_str();
    while let Some(at) = rest.find(MEMOIZED) {
        let name_start = rest[..at].rfind(EXPORT).map_or(0, |i| i + EXPORT.len());
        let module = &rest[name_start..at];
        if module.ends_with(PAGE_SUFFIX) {
            bail!(
                "the split loader loads {module}, which is not in the `lazy_pages!` table of {ROUTES}"
            );
        }
        rest = &rest[at + MEMOIZED.len()..];
    }
    let addresses = pages
        .iter()
        .map(|page| format!("[{:?}]", page.address))
        .collect::<Vec<_>>()
        .join(", ");
    Ok(format!(
        "// The pages' addresses, in the order of the routes table; each gets its memoized load
// as the exports below are made.
const __pages = [{addresses}];
{loader}
// A page's code is fetched as soon as a link to it is pointed at or focused (see
// xtask/src/bundle/prefetch.rs). In an address `:name` stands for one segment, as in the
// router; the first address that matches wins. A failed load is forgotten by the loader
// (which also handles its rejection): the click tries again, and says so if that fails.
const __prefetchLinked = (event) => {{
  const link = event.target.closest?.(\"a[href]\");
  if (link?.origin !== location.origin) return;
  __pages
    .find(([address]) => RegExp(\"^\" + address.replace(/:\\w+/g, \"[^/]+\") + \"/?$\").test(link.pathname))
    ?.[1]();
}};
addEventListener(\"pointerover\", __prefetchLinked);
addEventListener(\"focusin\", __prefetchLinked);
"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(module: &str, address: &str) -> Page {
        Page {
            module: module.to_owned(),
            address: address.to_owned(),
        }
    }

    fn loader(modules: &[&str]) -> String {
        let mut text = "import { initSync } from \"./app.js\";\n".to_owned();
        for module in modules {
            text.push_str(&format!(
                "{EXPORT}{module}{MEMOIZED}() => {{ fetch(\"./split_{module}.wasm\"); }}, [__chunk_1]));\n"
            ));
        }
        text
    }

    #[test]
    fn the_routes_table_gives_every_page_with_its_address_in_order() {
        let source = "use x;\nlazy_pages! {\n    AddUserRoute => AddUserPage, add_user_page, \"/domains/:domain/add-user\";\n    MyRequestsRoute => MyRequestsPage, my_requests_page, \"/requests/mine\";\n    RequestDetailRoute => RequestDetailPage, request_detail_page, \"/requests/:id\";\n}\n\nfn f() {}\n";
        assert_eq!(
            read_pages(source).unwrap(),
            [
                page("add_user_page", "/domains/:domain/add-user"),
                page("my_requests_page", "/requests/mine"),
                page("request_detail_page", "/requests/:id"),
            ]
        );
    }

    #[test]
    fn the_spa_routes_table_is_read_whole() {
        let source = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join(ROUTES),
        )
        .unwrap();
        let pages = read_pages(&source).unwrap();
        let table = &source[source.find("lazy_pages! {").unwrap()..];
        let entries = table[..table.find('}').unwrap()].matches("=>").count();
        assert_eq!(pages.len(), entries);
        assert!(pages.contains(&page("add_user_page", "/domains/:domain/add-user")));
    }

    #[test]
    fn an_address_the_listener_would_read_otherwise_is_an_error() {
        for address in ["/files/*path", "/a.b", "requests"] {
            let source = format!("lazy_pages! {{\n    R => P, p, \"{address}\";\n}}\n");
            let message = read_pages(&source).unwrap_err().to_string();
            assert!(message.contains(address), "{message}");
        }
    }

    #[test]
    fn an_entry_in_another_shape_is_an_error() {
        let message = read_pages("lazy_pages! {\n    AddUserRoute => AddUserPage, \"/a\";\n}\n")
            .unwrap_err()
            .to_string();
        assert!(message.contains("AddUserRoute"), "{message}");
    }

    #[test]
    fn every_page_load_is_kept_beside_its_address_in_the_table_order() {
        let pages = [
            page("audit_log_page", "/audit"),
            page("add_user_page", "/domains/:domain/add-user"),
        ];
        let out = add_to_loader(&loader(&["add_user_page", "audit_log_page"]), &pages).unwrap();
        for (index, module) in [(0, "audit_log_page"), (1, "add_user_page")] {
            assert!(
                out.contains(&format!(
                    "{EXPORT}{module} = wrapAsyncCb(__pages[{index}][1] = makeLoad(() => {{ fetch(\"./split_{module}.wasm\"); }}, [__chunk_1]));"
                )),
                "{out}"
            );
        }
        assert!(
            out.contains("const __pages = [[\"/audit\"], [\"/domains/:domain/add-user\"]];"),
            "{out}"
        );
        assert!(
            out.find("const __pages").unwrap() < out.find(EXPORT).unwrap(),
            "declared before the exports fill it: {out}"
        );
        assert!(out.contains("addEventListener(\"pointerover\", __prefetchLinked);"));
        assert!(out.contains("addEventListener(\"focusin\", __prefetchLinked);"));
    }

    #[test]
    fn a_module_the_table_does_not_know_is_an_error() {
        let message = add_to_loader(
            &loader(&["add_user_page", "new_page"]),
            &[page("add_user_page", "/domains/:domain/add-user")],
        )
        .unwrap_err()
        .to_string();
        assert!(message.contains("new_page"), "{message}");
    }

    #[test]
    fn a_part_of_a_page_keeps_its_plain_load_and_is_not_prefetched() {
        let out = add_to_loader(
            &loader(&["add_user_page", "list_tags"]),
            &[page("add_user_page", "/domains/:domain/add-user")],
        )
        .unwrap();
        assert!(
            out.contains(&format!("{EXPORT}list_tags{MEMOIZED}")),
            "{out}"
        );
        assert!(
            out.contains("const __pages = [[\"/domains/:domain/add-user\"]];"),
            "{out}"
        );
    }

    #[test]
    fn a_page_the_loader_does_not_load_is_an_error() {
        let message = add_to_loader(
            &loader(&["add_user_page"]),
            &[
                page("add_user_page", "/domains/:domain/add-user"),
                page("audit_log_page", "/audit"),
            ],
        )
        .unwrap_err()
        .to_string();
        assert!(message.contains("audit_log_page"), "{message}");
    }
}
