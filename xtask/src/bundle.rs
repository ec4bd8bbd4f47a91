//! `cargo xtask bundle`: the SPA's release build, written to `dist/` (what the proxy
//! serves). The pages are code-split: the main module holds the frame, the router, the
//! sign-in page and the pages visits start on (domain picker, profile list); every other
//! page arrives as its own WebAssembly module when it is first opened (see
//! `src/routes/lazy.rs`). trunk cannot split a module, so this task runs the
//! steps itself; `trunk serve` remains the unsplit development server.
//!
//! 1. cargo builds the wasm-release profile with `--cfg wasm_split` (the pages become
//!    split points) and with the linker's relocations kept, so the splitter can follow
//!    every call and data reference.
//! 2. wasm-split cuts the module into the main module, one module per page, modules of
//!    code several pages share, and `__wasm_split.js`, the loader that fetches them. The
//!    loader also gets to fetch a page's modules when a link to it is pointed at or
//!    focused (see [`prefetch`]).
//! 3. wasm-bindgen generates the main module's JS. `--keep-lld-exports` keeps the function
//!    table and memory exported: the page modules link against them.
//! 4. wasm-opt `-Oz` shrinks every module; esbuild minifies the JS and the stylesheet.
//! 5. Every file gets a content hash in its name (the proxy lets browsers keep those for
//!    good), and `index.html` is written from the template with the tags that load them.
//! 6. Every file gets a brotli (quality 11) and a gzip copy beside it, `NAME.br` and
//!    `NAME.gz`: the proxy sends the one the browser accepts as it is (see
//!    [`precompress`]).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail, ensure};
use sha2::{Digest, Sha256};

use crate::bootstrap;
use crate::cmd::{command, run, step};

mod precompress;
mod prefetch;

/// The SPA's binary and the stem of its output files.
const APP: &str = "studio-admin-web";
/// Flags for the split build. They replace `.cargo/config.toml`'s wasm32 `rustflags`
/// (an environment RUSTFLAGS wins over them), so Leptos's `erase_components` is repeated.
const RUSTFLAGS: &str = "--cfg erase_components --cfg wasm_split -C link-arg=--emit-relocs";
/// Stands for the build's hash in names until it is known.
const BUILD: &str = "@BUILD@";
/// The loader's module path as the main module imports it (wasm-split's default).
const LOADER_LINK: &str = "./__wasm_split.js";
/// wasm-opt's settings: size first. By default it inlines every function that has one
/// caller, whatever its size; capping that at 40 leaves the module about 2.3 KB
/// (gzipped) smaller, measured on this app (its modules compress better with the big
/// single-use functions kept apart).
const WASM_OPT: &[&str] = &[
    "-Oz",
    "--one-caller-inline-max-function-size=40",
    "--strip-debug",
    "--strip-producers",
];
/// What rustc's wasm32 target emits; wasm-opt must accept and may keep using them.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
    "--enable-multivalue",
];

/// `cargo xtask bundle`: installs what the build needs, then builds.
pub fn run_bundle(root: &Path) -> Result<()> {
    bootstrap::ensure(
        root,
        bootstrap::Needs {
            web_build: true,
            ..bootstrap::Needs::NONE
        },
    )?;
    build(root)
}

/// Builds the split release bundle into `root/dist` (the tools must be installed).
pub fn build(root: &Path) -> Result<()> {
    let work = root.join("target").join("bundle");
    let raw = compile(root)?;

    step("Splitting the pages out of the main module (wasm-split)");
    let split_dir = fresh_dir(&work.join("split"))?;
    let main_split = split_dir.join("main.wasm");
    let split_off = split(&raw, &split_dir, &main_split)?;

    step("Generating the main module's JS (wasm-bindgen)");
    let bindgen_dir = fresh_dir(&work.join("bindgen"))?;
    run(command(root, "wasm-bindgen")
        .args([
            "--target",
            "web",
            "--keep-lld-exports",
            "--no-typescript",
            "--out-name",
            APP,
            "--out-dir",
        ])
        .arg(&bindgen_dir)
        .arg(&main_split))?;

    step("Shrinking every module (wasm-opt -Oz)");
    let opt_dir = fresh_dir(&work.join("opt"))?;
    let main_wasm = opt_dir.join(format!("{APP}_bg.wasm"));
    wasm_opt(
        root,
        &bindgen_dir.join(format!("{APP}_bg.wasm")),
        &main_wasm,
    )?;
    let mut chunks = BTreeMap::new();
    for path in split_off {
        let name = file_name(&path)?;
        let out = opt_dir.join(&name);
        wasm_opt(root, &path, &out)?;
        chunks.insert(name, fs::read(&out)?);
    }

    step("Writing dist/ (content-hashed names, index.html)");
    let main_js = fs::read_to_string(bindgen_dir.join(format!("{APP}.js")))?;
    let loader = fs::read_to_string(split_dir.join(LOADER_LINK.trim_start_matches("./")))?;
    let routes = fs::read_to_string(root.join(prefetch::ROUTES))
        .with_context(|| format!("reading {}", prefetch::ROUTES))?;
    let loader = prefetch::add_to_loader(&loader, &prefetch::read_pages(&routes)?)?;
    let css = fs::read_to_string(root.join("style").join("main.css"))
        .context("reading style/main.css")?;
    let files = name_files(
        Unnamed {
            main_js,
            main_wasm: fs::read(&main_wasm)?,
            loader,
            chunks,
            css,
        },
        |text, kind| minify(root, text, kind),
    )?;
    let template = fs::read_to_string(root.join("index.html")).context("reading index.html")?;
    let index = index_html(&template, &files)?;
    let boot =
        fs::read_to_string(root.join("src").join("boot.js")).context("reading src/boot.js")?;
    let boot = minify(root, &boot, Kind::Js)?;

    let dist = root.join("dist");
    if dist.exists() {
        fs::remove_dir_all(&dist).with_context(|| format!("clearing {}", dist.display()))?;
    }
    fs::create_dir_all(&dist)?;
    let mut served: Vec<(&str, &[u8])> = vec![
        ("index.html", index.as_bytes()),
        ("boot.js", boot.as_bytes()),
    ];
    served.extend(
        files
            .main()
            .into_iter()
            .chain(&files.lazy)
            .map(|file| (file.name.as_str(), file.bytes.as_slice())),
    );
    for (name, bytes) in &served {
        fs::write(dist.join(name), bytes)?;
    }
    println!(
        "    dist/: {} files loaded up front, {} modules loaded when a page needs them",
        files.main().len() + 2,
        files.lazy.len()
    );

    step("Compressing every file once (brotli quality 11, gzip -9)");
    let brotli = precompress::write_all(&dist, &served)?;
    let plain: usize = served.iter().map(|(_, bytes)| bytes.len()).sum();
    println!(
        "    {} KB as built, {} KB as brotli copies",
        plain / 1024,
        brotli / 1024
    );
    Ok(())
}

/// Compiles the SPA for splitting; returns the linked module.
fn compile(root: &Path) -> Result<PathBuf> {
    step("Compiling the SPA for the browser (wasm-release profile, split build)");
    run(command(root, "cargo")
        .args([
            "build",
            "--profile",
            "wasm-release",
            "--target",
            "wasm32-unknown-unknown",
            "--bin",
            APP,
        ])
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env("RUSTFLAGS", format!("{RUSTFLAGS}{}", remap_sources(root))))?;
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let wasm = target
        .join("wasm32-unknown-unknown")
        .join("wasm-release")
        .join(format!("{APP}.wasm"));
    ensure!(wasm.is_file(), "cargo built no {}", wasm.display());
    Ok(wasm)
}

/// `--remap-path-prefix` flags that shorten the source paths the module carries (a
/// panic's location names its file) to the path inside the crate or the project: the
/// machine's directories are nobody's business, and each path was about 60 bytes longer.
/// A directory whose name has a space is left as it is (RUSTFLAGS splits at spaces).
fn remap_sources(root: &Path) -> String {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")));
    let registries = cargo_home
        .and_then(|home| fs::read_dir(home.join("registry").join("src")).ok())
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok().map(|entry| entry.path()));
    let mut flags = String::new();
    for dir in registries.chain([root.to_path_buf()]) {
        let dir = dir.display().to_string();
        if !dir.contains(' ') {
            flags.push_str(&format!(" --remap-path-prefix={dir}/="));
        }
    }
    flags
}

/// Runs wasm-split on `raw`: the main module to `main_out`, the rest into `dir`. Answers
/// the modules split off.
fn split(raw: &Path, dir: &Path, main_out: &Path) -> Result<Vec<PathBuf>> {
    let input = fs::read(raw).with_context(|| format!("reading {}", raw.display()))?;
    let main_module = format!("./{APP}.js");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = dir;
    options.main_out_path = main_out;
    options.link_name = LOADER_LINK;
    options.main_module = &main_module;
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| anyhow!("wasm-split failed: {e:#}"))?;
    ensure!(
        !split.split_modules.is_empty(),
        "wasm-split found no split points: was the SPA built with --cfg wasm_split?"
    );
    println!("    {} modules split off", split.split_modules.len());
    Ok(split.split_modules)
}

fn wasm_opt(root: &Path, input: &Path, output: &Path) -> Result<()> {
    let wasm_opt = bootstrap::binaryen_bin(root).join("wasm-opt");
    // Quiet unless it fails: wasm-split's modules carry name subsections binaryen 132
    // does not know, and it warns about each (they are stripped anyway).
    let out = command(root, &wasm_opt)
        .args(WASM_OPT)
        .args(WASM_FEATURES)
        .arg("-o")
        .arg(output)
        .arg(input)
        .output()
        .with_context(|| format!("could not start {}", wasm_opt.display()))?;
    ensure!(
        out.status.success(),
        "wasm-opt failed on {}: {}",
        input.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(())
}

/// The build's outputs before they are named.
struct Unnamed {
    main_js: String,
    main_wasm: Vec<u8>,
    loader: String,
    /// wasm-split's file name → optimized module.
    chunks: BTreeMap<String, Vec<u8>>,
    css: String,
}

/// What a text file is, for the minifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An ES module.
    Js,
    /// A stylesheet.
    Css,
}

/// Minifies `text` with esbuild (installed by the bootstrap under target/tools).
fn minify(root: &Path, text: &str, kind: Kind) -> Result<String> {
    use std::io::Write as _;
    let loader = match kind {
        Kind::Js => "--loader=js",
        Kind::Css => "--loader=css",
    };
    let esbuild = bootstrap::esbuild(root);
    let mut child = command(root, &esbuild)
        // wasm-bindgen's imports object names the split loader once per import (each an
        // alias of the same module), which esbuild would warn about on every build. A
        // stylesheet esbuild cannot parse fails the build: a lost `}` once nested the
        // rules after it inside another rule, and the build only warned.
        .args([
            "--minify",
            "--log-level=warning",
            "--log-override:duplicate-object-key=silent",
            "--log-override:css-syntax-error=error",
            loader,
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .with_context(|| format!("could not start {}", esbuild.display()))?;
    let mut stdin = child.stdin.take().context("esbuild's stdin")?;
    // Written from a thread: esbuild may start answering before it has read everything.
    let input = text.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output()?;
    writer
        .join()
        .map_err(|_| anyhow!("writing to esbuild panicked"))??;
    ensure!(out.status.success(), "esbuild failed to minify ({kind:?})");
    String::from_utf8(out.stdout).context("esbuild wrote something other than UTF-8")
}

/// One output file under its final name.
struct File {
    name: String,
    bytes: Vec<u8>,
}

/// The build's outputs under their final names.
struct Named {
    /// The main module's JS.
    js: File,
    /// The main module.
    wasm: File,
    /// The loader of the split-off modules.
    loader: File,
    /// The stylesheet.
    css: File,
    /// The split-off modules.
    lazy: Vec<File>,
}

impl Named {
    /// The files every visit loads up front.
    fn main(&self) -> [&File; 4] {
        [&self.js, &self.wasm, &self.loader, &self.css]
    }
}

/// Gives every file a content-hashed name and rewrites the references between them.
///
/// The chunks are named by their own content. The main JS and the loader import each
/// other, so neither can carry a hash of itself: they, and the main module, share one
/// hash of everything the build produced.
fn name_files(unnamed: Unnamed, minify: impl Fn(&str, Kind) -> Result<String>) -> Result<Named> {
    let Unnamed {
        main_js,
        main_wasm,
        mut loader,
        chunks,
        css,
    } = unnamed;
    let mut lazy = Vec::new();
    for (old, bytes) in chunks {
        let stem = old.strip_suffix(".wasm").unwrap_or(&old);
        let new = format!("{}-{}.wasm", kebab(stem), short_hash(&[&bytes]));
        let reference = format!("\"./{old}\"");
        ensure!(
            loader.contains(&reference),
            "the split loader does not name {old}"
        );
        loader = loader.replace(&reference, &format!("\"./{new}\""));
        lazy.push(File { name: new, bytes });
    }
    // The main JS and the loader name each other: both are written with a placeholder
    // for the build's hash, the hash is taken over the texts as written (so it changes
    // whenever either does), then filled in.
    ensure!(
        !main_js.contains(BUILD) && !loader.contains(BUILD),
        "the generated JS already contains {BUILD}"
    );
    let main_import = format!("\"./{APP}.js\"");
    ensure!(
        loader.contains(&main_import),
        "the split loader does not import {main_import}"
    );
    let loader = loader.replace(&main_import, &format!("\"./{APP}-{BUILD}.js\""));
    // Only the `import ... from` statements change: the imports object keeps the module
    // name the wasm itself asks for (`"./__wasm_split.js": import1`).
    let loader_import = format!("from \"{LOADER_LINK}\"");
    ensure!(
        main_js.contains(&loader_import),
        "the main module's JS does not import the split loader"
    );
    let main_js = main_js.replace(
        &loader_import,
        &format!("from \"./split-loader-{BUILD}.js\""),
    );
    let main_js = minify(&main_js, Kind::Js)?;
    let loader = minify(&loader, Kind::Js)?;
    let css = minify(&css, Kind::Css)?.into_bytes();
    let mut everything: Vec<&[u8]> = vec![main_js.as_bytes(), &main_wasm, loader.as_bytes()];
    everything.extend(lazy.iter().map(|file| file.bytes.as_slice()));
    let build = short_hash(&everything);
    let main_js = main_js.replace(BUILD, &build);
    let loader = loader.replace(BUILD, &build);

    Ok(Named {
        js: File {
            name: format!("{APP}-{build}.js"),
            bytes: main_js.into_bytes(),
        },
        wasm: File {
            name: format!("{APP}-{build}_bg.wasm"),
            bytes: main_wasm,
        },
        loader: File {
            name: format!("split-loader-{build}.js"),
            bytes: loader.into_bytes(),
        },
        css: File {
            name: format!("main-{}.css", short_hash(&[&css])),
            bytes: css,
        },
        lazy,
    })
}

/// `index.html` for the bundle: the template without its trunk directives, and the tags
/// that start the app (through `boot.js`, which the Content-Security-Policy allows) and
/// let the browser fetch the main files at once.
fn index_html(template: &str, files: &Named) -> Result<String> {
    let mut html = without_trunk_links(template)?;
    let [js, wasm, loader, css] = files.main().map(|file| &file.name);
    let tags = format!(
        "    <script type=\"module\" src=\"/boot.js\" data-app-js=\"/{js}\" data-app-wasm=\"/{wasm}\"></script>\n    \
         <link rel=\"stylesheet\" href=\"/{css}\" />\n    \
         <link rel=\"modulepreload\" href=\"/{js}\" />\n    \
         <link rel=\"modulepreload\" href=\"/{loader}\" />\n    \
         <link rel=\"preload\" href=\"/{wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin />\n"
    );
    let head_end = html
        .find("</head>")
        .ok_or_else(|| anyhow!("index.html has no </head>"))?;
    // At the start of the `</head>` line, so the tags keep the head's indentation.
    let line_start = html[..head_end].rfind('\n').map_or(0, |i| i + 1);
    html.insert_str(line_start, &tags);
    Ok(html)
}

/// The template with every `<link data-trunk ... />` element (and its line) removed.
fn without_trunk_links(template: &str) -> Result<String> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("<link") {
        let len = rest[start..]
            .find('>')
            .ok_or_else(|| anyhow!("index.html: a <link> element does not end"))?;
        let element = &rest[start..=start + len];
        if element.contains("data-trunk") {
            // Drop the element with the indentation before it and the line break after it.
            let line_start = rest[..start].trim_end_matches([' ', '\t']).len();
            out.push_str(&rest[..line_start]);
            rest = rest[start + len + 1..].trim_start_matches([' ', '\t']);
            rest = rest.strip_prefix('\n').unwrap_or(rest);
        } else {
            out.push_str(&rest[..=start + len]);
            rest = &rest[start + len + 1..];
        }
    }
    out.push_str(rest);
    if out.contains("data-trunk") {
        bail!("index.html: a data-trunk directive is not a <link> element");
    }
    Ok(out)
}

/// `chunk_12` → `chunk-12`: the proxy reads a name's hash after its last `-`, before the
/// first `_` or `.`.
fn kebab(stem: &str) -> String {
    stem.split(['_', '-'])
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The first 12 hex digits (48 bits) of the SHA-256 of `parts`, in order. The split
/// loader names every module, so each digit costs the first visit about 70 bytes
/// (compressed); 48 bits leave no real chance that a changed file keeps its name.
fn short_hash(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize()[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn fresh_dir(dir: &Path) -> Result<PathBuf> {
    if dir.exists() {
        fs::remove_dir_all(dir).with_context(|| format!("clearing {}", dir.display()))?;
    }
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir.to_path_buf())
}

fn file_name(path: &Path) -> Result<String> {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("odd file name: {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "<!DOCTYPE html>\n<html>\n  <head>\n    <title>t</title>\n    <link\n      data-trunk\n      rel=\"rust\"\n    />\n    <link data-trunk rel=\"css\" href=\"style/main.css\" />\n    <link rel=\"icon\" href=\"/icon.svg\" />\n  </head>\n  <body></body>\n</html>\n";

    fn named() -> Named {
        let file = |name: &str| File {
            name: name.to_owned(),
            bytes: Vec::new(),
        };
        Named {
            js: file("app-0123456789abcdef.js"),
            wasm: file("app-0123456789abcdef_bg.wasm"),
            loader: file("split-loader-0123456789abcdef.js"),
            css: file("main-fedcba9876543210.css"),
            lazy: Vec::new(),
        }
    }

    /// The minifier's stand-in: the text as it is.
    fn unchanged(text: &str, _: Kind) -> Result<String> {
        Ok(text.to_owned())
    }

    #[test]
    fn the_page_loses_its_trunk_directives_and_keeps_every_other_tag() {
        let html = without_trunk_links(TEMPLATE).unwrap();
        assert!(!html.contains("data-trunk"), "{html}");
        assert!(
            html.contains(
                "    <title>t</title>\n    <link rel=\"icon\" href=\"/icon.svg\" />\n  </head>"
            ),
            "{html}"
        );
    }

    #[test]
    fn the_page_starts_the_app_through_boot_js_with_the_hashed_files() {
        let html = index_html(TEMPLATE, &named()).unwrap();
        assert!(html.contains("<script type=\"module\" src=\"/boot.js\" data-app-js=\"/app-0123456789abcdef.js\" data-app-wasm=\"/app-0123456789abcdef_bg.wasm\"></script>"), "{html}");
        assert!(
            html.contains("<link rel=\"stylesheet\" href=\"/main-fedcba9876543210.css\" />"),
            "{html}"
        );
        assert!(
            html.contains(
                "<link rel=\"modulepreload\" href=\"/split-loader-0123456789abcdef.js\" />"
            ),
            "{html}"
        );
        let head_end = html.find("</head>").unwrap();
        assert!(html.find("boot.js").unwrap() < head_end);
    }

    #[test]
    fn every_file_is_renamed_and_every_reference_follows_it() {
        let named = name_files(Unnamed {
            main_js: format!(
                "import * as i1 from \"{LOADER_LINK}\"\nimport * as i2 from \"{LOADER_LINK}\"\nconst imports = {{ \"{LOADER_LINK}\": i1 }};\n"
            ),
            main_wasm: b"main".to_vec(),
            loader: format!(
                "import {{ initSync }} from \"./{APP}.js\";\nfetch(new URL(\"./chunk_1.wasm\", import.meta.url));\nfetch(new URL(\"./split___page_view_7.wasm\", import.meta.url));\n"
            ),
            chunks: BTreeMap::from([
                ("chunk_1.wasm".to_owned(), b"one".to_vec()),
                ("split___page_view_7.wasm".to_owned(), b"page".to_vec()),
            ]),
            css: "body {}".to_owned(),
        }, unchanged)
        .unwrap();
        let text = |file: &File| String::from_utf8(file.bytes.clone()).unwrap();
        let main_js = text(&named.js);
        assert_eq!(
            main_js
                .matches(&format!("from \"./{}\"", named.loader.name))
                .count(),
            2
        );
        assert!(
            main_js.contains(&format!("{{ \"{LOADER_LINK}\": i1 }}")),
            "the wasm's own import name stays: {main_js}"
        );
        let loader = text(&named.loader);
        assert!(
            loader.contains(&format!("from \"./{}\"", named.js.name)),
            "{loader}"
        );
        let lazy: Vec<&str> = named.lazy.iter().map(|file| file.name.as_str()).collect();
        assert_eq!(lazy.len(), 2);
        assert!(
            lazy[0].starts_with("chunk-1-") && lazy[1].starts_with("split-page-view-7-"),
            "{lazy:?}"
        );
        for name in lazy {
            assert!(
                loader.contains(&format!("\"./{name}\"")),
                "{name} not in {loader}"
            );
        }
        assert!(!loader.contains("chunk_1.wasm"), "{loader}");
    }

    #[test]
    fn a_chunk_the_loader_does_not_name_is_an_error_not_a_broken_page() {
        let result = name_files(
            Unnamed {
                main_js: format!("import * as i1 from \"{LOADER_LINK}\"\n"),
                main_wasm: Vec::new(),
                loader: format!("import {{ initSync }} from \"./{APP}.js\";\n"),
                chunks: BTreeMap::from([("chunk_9.wasm".to_owned(), Vec::new())]),
                css: String::new(),
            },
            unchanged,
        );
        let message = result.err().expect("an error").to_string();
        assert!(message.contains("chunk_9.wasm"), "{message}");
    }

    #[test]
    fn hashed_names_change_with_the_content() {
        assert_eq!(short_hash(&[b"a"]), short_hash(&[b"a"]));
        assert_ne!(short_hash(&[b"a"]), short_hash(&[b"b"]));
        assert_ne!(short_hash(&[b"ab", b""]), short_hash(&[b"a", b"b"]));
        assert_eq!(short_hash(&[b"a"]).len(), 12);
    }
}
