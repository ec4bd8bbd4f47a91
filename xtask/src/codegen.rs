//! `cargo xtask codegen`: turns the vendored service models (`crates/model/vendor/`) into
//! Rust: one module per service (SageMaker in `crates/model/src/generated.rs`, Identity
//! Store and SSO Admin under `crates/model/src/generated/`), and one precompiled automaton
//! per distinct pattern of each (see `codegen/automata.rs`).
//!
//! Generating the wire types keeps them from drifting from the models: every member,
//! enum value, length, range and pattern comes from a model file, never from memory.
//! Precompiling the patterns keeps a regex compiler out of the browser bundle.
//! `--check` regenerates in memory and fails when a committed file differs, so CI
//! catches a hand edit or a model update that was not regenerated.

mod automata;
mod columns;
mod model;
mod separated_groups;
mod translate;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result, bail};

use model::{Model, Shape};
pub use translate::translate_pattern;

/// One generated module: the model files it comes from and where its code and automata go
/// (paths relative to the workspace root).
struct Target {
    /// The vendored model files; the first one's operations and shapes, plus the others'.
    models: &'static [&'static str],
    /// The generated module.
    output: &'static str,
    /// Its precompiled automata.
    automata_dir: &'static str,
    /// The same directory as the module names it in `include_bytes!` (relative to it).
    automata_include_dir: &'static str,
    /// Whether pattern problems are worded with the hints of the model crate's
    /// `validate/rules.rs` (written for SageMaker's shapes, by shape name).
    hints: bool,
    /// Column tables for batch files: (constant name, input structure, top-level members
    /// left out).
    columns: &'static [(&'static str, &'static str, &'static [&'static str])],
}

/// Every generated module.
const TARGETS: &[Target] = &[
    Target {
        models: &[
            "crates/model/vendor/sagemaker-api-shapes.json",
            "crates/model/vendor/sagemaker-tags-api-shapes.json",
        ],
        output: "crates/model/src/generated.rs",
        automata_dir: "crates/model/src/generated/patterns",
        automata_include_dir: "generated/patterns",
        hints: true,
        // The domain comes from the batch, tags from `Tags.KEY` columns.
        columns: &[(
            "CREATE_USER_PROFILE_COLUMNS",
            "CreateUserProfileRequest",
            &["DomainId", "Tags"],
        )],
    },
    Target {
        models: &["crates/model/vendor/identitystore-api-shapes.json"],
        output: "crates/model/src/generated/identitystore.rs",
        automata_dir: "crates/model/src/generated/identitystore/patterns",
        automata_include_dir: "identitystore/patterns",
        hints: false,
        columns: &[],
    },
    Target {
        models: &["crates/model/vendor/sso-admin-api-shapes.json"],
        output: "crates/model/src/generated/sso_admin.rs",
        automata_dir: "crates/model/src/generated/sso_admin/patterns",
        automata_include_dir: "sso_admin/patterns",
        hints: false,
        columns: &[],
    },
];

/// File extension of a precompiled automaton.
const AUTOMATON_EXT: &str = "dfa";

/// Runs the generator; with `check`, compares instead of writing.
pub fn run(root: &Path, check: bool) -> Result<()> {
    let mut outdated = Vec::new();
    for target in TARGETS {
        outdated.extend(run_target(root, target, check)?);
    }
    if !outdated.is_empty() {
        bail!(
            "out of date with the vendored models: {}; run `cargo xtask codegen`",
            outdated.join(", ")
        );
    }
    Ok(())
}

/// Generates one module; with `check`, answers the files that are out of date instead.
fn run_target(root: &Path, target: &Target, check: bool) -> Result<Vec<String>> {
    let model = model::load(root, target.models)?;
    let automata = precompile(&model)?;
    let code = rustfmt(&generate(&model, &automata, target)?)?;
    let out = root.join(target.output);
    let dir = root.join(target.automata_dir);
    let automata_dir = target.automata_dir;
    let files: BTreeMap<String, &[u8]> = automata
        .values()
        .map(|automaton| (automaton.file.clone(), automaton.bytes.as_slice()))
        .collect();
    let stale = stale_files(&dir, &files)?;
    let mut outdated = Vec::new();
    if check {
        if std::fs::read_to_string(&out).unwrap_or_default() != code {
            outdated.push(target.output.to_string());
        }
        for (file, bytes) in &files {
            if std::fs::read(dir.join(file)).ok().as_deref() != Some(*bytes) {
                outdated.push(format!("{automata_dir}/{file}"));
            }
        }
        outdated.extend(
            stale
                .iter()
                .map(|file| format!("{automata_dir}/{file} (stale)")),
        );
        if outdated.is_empty() {
            println!(
                "codegen: {} and {} automata in {automata_dir} are up to date",
                target.output,
                files.len()
            );
        }
    } else {
        if let Some(parent) = out.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&out, code).with_context(|| format!("writing {}", target.output))?;
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {automata_dir}"))?;
        for (file, bytes) in &files {
            std::fs::write(dir.join(file), bytes)
                .with_context(|| format!("writing {automata_dir}/{file}"))?;
        }
        for file in &stale {
            std::fs::remove_file(dir.join(file))
                .with_context(|| format!("removing {automata_dir}/{file}"))?;
        }
        let total: usize = files.values().map(|bytes| bytes.len()).sum();
        println!(
            "codegen: wrote {} and {} automata ({total} bytes) in {automata_dir}",
            target.output,
            files.len()
        );
    }
    Ok(outdated)
}

/// Automaton files in `dir` the generator no longer produces (from a removed pattern).
fn stale_files(dir: &Path, files: &BTreeMap<String, &[u8]>) -> Result<Vec<String>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut stale = Vec::new();
    for entry in entries {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let ours = Path::new(&name)
            .extension()
            .is_some_and(|ext| ext == AUTOMATON_EXT);
        if ours && !files.contains_key(&name) {
            stale.push(name);
        }
    }
    stale.sort();
    Ok(stale)
}

/// The precompiled automaton of one distinct pattern of the model.
struct Precompiled {
    /// Its file in the target's automata directory, named after the first shape (by name) with the pattern.
    file: String,
    /// The serialized automaton.
    bytes: Vec<u8>,
}

/// Every distinct pattern's automaton, by pattern text.
type Automata = BTreeMap<String, Precompiled>;

/// Builds the automaton of every distinct pattern, spread over the machine's cores (the
/// largest take most of the generator's time).
fn precompile(model: &Model) -> Result<Automata> {
    let mut jobs: BTreeMap<&str, &str> = BTreeMap::new();
    for (name, s) in &model.shapes {
        if let Some(p) = &s.pattern {
            jobs.entry(p.as_str()).or_insert(name.as_str());
        }
    }
    let jobs: Vec<(&str, &str)> = jobs.into_iter().collect();
    let build = |&(pattern, shape): &(&str, &str)| -> Result<(String, Precompiled)> {
        let bytes = automata::build(&translate_pattern(pattern)?)
            .with_context(|| format!("pattern of shape {shape}"))?;
        let file = format!("{}.{AUTOMATON_EXT}", snake_case(shape));
        Ok((pattern.to_string(), Precompiled { file, bytes }))
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let jobs = &jobs;
                scope.spawn(move || {
                    jobs.iter()
                        .skip(t)
                        .step_by(threads)
                        .map(build)
                        .collect::<Result<Vec<_>>>()
                })
            })
            .collect();
        let mut automata = Automata::new();
        for worker in workers {
            let built = worker
                .join()
                .map_err(|_| anyhow::anyhow!("a codegen thread panicked"))??;
            automata.extend(built);
        }
        Ok(automata)
    })
}

fn rustfmt(code: &str) -> Result<String> {
    use std::io::Write as _;
    let mut child = std::process::Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .context("starting rustfmt")?;
    child
        .stdin
        .take()
        .context("rustfmt stdin")?
        .write_all(code.as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!("rustfmt failed on the generated code");
    }
    Ok(String::from_utf8(out.stdout)?)
}

/// Converts a model member name to a Rust field name (`EFSFileSystemConfig` ->
/// `efs_file_system_config`).
pub fn snake_case(name: &str) -> String {
    // "FSx" is a product name, not an acronym followed by a word.
    let name = name.replace("FSx", "Fsx");
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower)
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The Rust field of a member: its snake-case name, as a raw identifier when that is a
/// keyword (`Type` -> `r#type`).
fn field_name(member: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else",
        "enum", "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match",
        "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait", "true", "try",
        "type", "unsafe", "use", "where", "while", "yield",
    ];
    let name = snake_case(member);
    if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Converts an enum value from the model to a Rust variant name
/// (`ml.g4dn.xlarge` -> `MlG4dnXlarge`, `Update_Failed` -> `UpdateFailed`).
pub fn variant_name(value: &str) -> String {
    let all_caps = value.chars().all(|c| !c.is_ascii_lowercase());
    let mut out = String::new();
    for word in value.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            let rest: String = chars.collect();
            if all_caps {
                out.push_str(&rest.to_ascii_lowercase());
            } else {
                out.push_str(&rest);
            }
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

/// Screaming-case constant name for a shape's rule (`UserProfileName` -> `USER_PROFILE_NAME`).
fn const_name(shape: &str) -> String {
    snake_case(shape).to_ascii_uppercase()
}

/// The statement checking a list's or map's length against its shape's bounds (none
/// when the shape has no bounds).
fn length_check(s: &Shape, shape_name: &str, value: &str) -> String {
    if s.min.is_some() || s.max.is_some() {
        format!(
            "v.list_len({value}.len(), &rules::{});",
            const_name(shape_name)
        )
    } else {
        String::new()
    }
}

fn doc(s: &str) -> String {
    format!("/// {s}\n")
}

struct Gen<'a> {
    model: &'a Model,
    automata: &'a Automata,
    target: &'a Target,
    out: String,
}

impl Gen<'_> {
    fn shape(&self, name: &str) -> Result<&Shape> {
        self.model
            .shapes
            .get(name)
            .with_context(|| format!("shape {name} is referenced but not defined"))
    }

    fn is_enum(&self, name: &str) -> bool {
        self.model
            .shapes
            .get(name)
            .is_some_and(|s| s.kind == "string" && s.values.is_some())
    }

    /// The Rust type of a member of shape `name` (without the outer `Option`).
    fn rust_type(&self, name: &str) -> Result<String> {
        let s = self.shape(name)?;
        Ok(match s.kind.as_str() {
            "string" if s.values.is_some() => name.to_string(),
            "string" => "String".into(),
            "integer" => "i32".into(),
            "long" => "i64".into(),
            "boolean" => "bool".into(),
            "timestamp" => "EpochSeconds".into(),
            "structure" => name.to_string(),
            "list" => {
                let member = s.member.as_ref().context("list without member")?;
                format!("Vec<{}>", self.rust_type(&member.shape)?)
            }
            "map" => {
                let key = &s.key.as_ref().context("map without key")?.shape;
                let value = &s.value.as_ref().context("map without value")?.shape;
                if self.shape(key)?.kind != "string" {
                    bail!("map {name} has keys of shape {key}, not strings");
                }
                // Keys in order, so a map serializes the same every time.
                format!(
                    "std::collections::BTreeMap<{}, {}>",
                    self.rust_type(key)?,
                    self.rust_type(value)?
                )
            }
            other => bail!("shape {name} has unsupported type {other}"),
        })
    }

    fn has_string_rule(s: &Shape) -> bool {
        s.kind == "string"
            && s.values.is_none()
            && (s.min.is_some() || s.max.is_some() || s.pattern.is_some())
    }

    fn emit_rules(&mut self) -> Result<()> {
        let mut out = String::new();
        writeln!(
            out,
            "/// Constraints of the model's string, list and number shapes, one constant a shape."
        )?;
        writeln!(out, "pub mod rules {{")?;
        writeln!(
            out,
            "use crate::validate::{{IntRule, ListRule, StringRule}};"
        )?;
        writeln!(out, "use crate::pattern::Pattern;")?;
        // One static per distinct pattern, so shapes sharing a pattern share its automaton.
        let mut patterns: BTreeMap<&str, String> = BTreeMap::new();
        for (name, s) in &self.model.shapes {
            if let Some(p) = &s.pattern
                && !patterns.contains_key(p.as_str())
            {
                let pname = format!("PATTERN_{}", const_name(name));
                let file = &self
                    .automata
                    .get(p.as_str())
                    .with_context(|| format!("no automaton for the pattern of {name}"))?
                    .file;
                out.push_str(&doc(&format!(
                    "Pattern of shape `{name}` (and any shape sharing it)."
                )));
                writeln!(
                    out,
                    "pub static {pname}: Pattern = Pattern::new({p:?}, {:?}, \
                     include_bytes!(\"{}/{file}\"));",
                    translate_pattern(p)?,
                    self.target.automata_include_dir,
                )?;
                patterns.insert(p, pname);
            }
        }
        // Lists of every rule, so tests can check each one against the model (every
        // pattern compiles, every pattern has samples, every bound is the model's).
        let mut strings = Vec::new();
        let mut lists = Vec::new();
        let mut ints = Vec::new();
        for (name, s) in &self.model.shapes {
            let cname = const_name(name);
            // One static of `kind` with the shape's bounds, listed in `all`.
            let mut rule = |all: &mut Vec<String>, kind: &str, more: &str| {
                all.push(format!("&{cname}"));
                out.push_str(&doc(&format!("Shape `{name}`.")));
                let opt = |v: Option<i64>| v.map_or("None".to_string(), |v| format!("Some({v})"));
                writeln!(
                    out,
                    "pub static {cname}: {kind} = {kind} {{ shape: {name:?}, min: {}, max: {}{more} }};",
                    opt(s.min),
                    opt(s.max)
                )
            };
            match s.kind.as_str() {
                "string" if Self::has_string_rule(s) => {
                    let pattern = match &s.pattern {
                        Some(p) => format!("Some(&{})", patterns[p.as_str()]),
                        None => "None".into(),
                    };
                    rule(&mut strings, "StringRule", &format!(", pattern: {pattern}"))?;
                }
                "list" | "map" if s.min.is_some() || s.max.is_some() => {
                    rule(&mut lists, "ListRule", "")?;
                }
                "integer" | "long" if s.min.is_some() || s.max.is_some() => {
                    rule(&mut ints, "IntRule", "")?;
                }
                _ => {}
            }
        }
        let all_patterns: Vec<String> = patterns.values().map(|p| format!("&{p}")).collect();
        let lists_of = [
            (
                "ALL_PATTERNS",
                "Pattern",
                "Every distinct pattern of the model, in the order of the pattern text.",
                all_patterns,
            ),
            (
                "ALL_STRING_RULES",
                "StringRule",
                "Every string shape with a length or pattern constraint, by shape name.",
                strings,
            ),
            (
                "ALL_LIST_RULES",
                "ListRule",
                "Every list or map shape with a size constraint, by shape name.",
                lists,
            ),
            (
                "ALL_INT_RULES",
                "IntRule",
                "Every integer or long shape with a range, by shape name.",
                ints,
            ),
        ];
        for (name, ty, what, items) in lists_of {
            out.push_str(&doc(what));
            writeln!(
                out,
                "pub static {name}: &[&{ty}] = &[{}];",
                items.join(", ")
            )?;
        }
        writeln!(out, "}}")?;
        self.out.push_str(&out);
        Ok(())
    }

    fn emit_enum(&mut self, name: &str, values: &[String]) -> Result<()> {
        let mut seen = BTreeMap::new();
        let mut body = String::new();
        for v in values {
            let variant = variant_name(v);
            if let Some(other) = seen.insert(variant.clone(), v) {
                bail!("enum {name}: values {other:?} and {v:?} both map to variant {variant}");
            }
            writeln!(body, "        {variant} => {v:?},")?;
        }
        writeln!(self.out, "wire_enum! {{")?;
        writeln!(
            self.out,
            "    /// Enum shape `{name}` of the service model."
        )?;
        writeln!(self.out, "    {name} {{\n{body}    }}")?;
        writeln!(self.out, "}}")?;
        Ok(())
    }

    /// The validation statement for one member (or list item) of shape `shape`.
    /// `expr` is an expression of type `Option<&T>`.
    fn check_expr(&self, shape_name: &str, value: &str) -> Result<String> {
        let s = self.shape(shape_name)?;
        Ok(match s.kind.as_str() {
            "string" if s.values.is_some() => format!("v.enum_value({value})"),
            "string" if Self::has_string_rule(s) => {
                let check = if self.target.hints {
                    "string"
                } else {
                    "string_without_hint"
                };
                format!("v.{check}({value}, &rules::{})", const_name(shape_name))
            }
            "integer" if s.min.is_some() || s.max.is_some() => {
                format!(
                    "v.int(i64::from(*{value}), &rules::{})",
                    const_name(shape_name)
                )
            }
            "long" if s.min.is_some() || s.max.is_some() => {
                format!("v.int(*{value}, &rules::{})", const_name(shape_name))
            }
            "structure" if s.document => String::new(),
            "structure" => format!("{value}.validate_into(v)"),
            "map" => {
                let key = &s.key.as_ref().context("map without key")?.shape;
                let item = &s.value.as_ref().context("map without value")?.shape;
                let key_check = self.check_expr(key, "key")?;
                let item_check = self.check_expr(item, "item")?;
                let len = length_check(s, shape_name, value);
                if key_check.is_empty() && item_check.is_empty() {
                    len
                } else if item_check.is_empty() {
                    format!(
                        "{{ {len} for key in {value}.keys() {{ v.at_key(key, |v| {{ {key_check}; }}); }} }}"
                    )
                } else {
                    format!(
                        "{{ {len} for (key, item) in {value} {{ v.at_key(key, |v| {{ {key_check}; {item_check}; }}); }} }}"
                    )
                }
            }
            "list" => {
                let member = &s.member.as_ref().context("list without member")?.shape;
                let item = self.check_expr(member, "item")?;
                let len = length_check(s, shape_name, value);
                if item.is_empty() {
                    len
                } else {
                    format!(
                        "{{ {len} for (i, item) in {value}.iter().enumerate() {{ v.at_index(i, |v| {{ {item}; }}); }} }}"
                    )
                }
            }
            _ => String::new(),
        })
    }

    fn emit_struct(
        &mut self,
        name: &str,
        s: &Shape,
        roles: &BTreeMap<String, String>,
    ) -> Result<()> {
        let mut fields = String::new();
        let mut checks = String::new();
        for (member, m) in &s.members {
            let field = field_name(member);
            let ty = self.rust_type(&m.shape)?;
            let required = s.required.contains(member);
            let target = self.shape(&m.shape)?;
            let what = match target.kind.as_str() {
                "structure" if target.document => "document",
                "list" | "map" | "structure" => target.kind.as_str(),
                _ if self.is_enum(&m.shape) => "enum",
                _ => target.kind.as_str(),
            };
            let mut d = format!("`{member}`: {what} shape `{}`", m.shape);
            if required {
                d.push_str("; required by the model");
            }
            if m.deprecated {
                d.push_str("; deprecated by the service");
            }
            if target.sensitive {
                d.push_str("; sensitive (keep it out of logs)");
            }
            fields.push_str(&doc(&format!("{d}.")));
            writeln!(
                fields,
                "#[serde(rename = {member:?}, default, skip_serializing_if = \"Option::is_none\")]"
            )?;
            writeln!(fields, "pub {field}: Option<{ty}>,")?;

            let check = self.check_expr(&m.shape, "value")?;
            if required {
                let body = if check.is_empty() {
                    String::new()
                } else {
                    format!("if let Some(value) = &self.{field} {{ {check}; }}")
                };
                writeln!(
                    checks,
                    "v.member({member:?}, |v| {{ v.required(self.{field}.is_some()); {body} }});"
                )?;
            } else if !check.is_empty() {
                // Absent optional members cost nothing: the path only grows for a value.
                writeln!(
                    checks,
                    "if let Some(value) = &self.{field} {{ v.member({member:?}, |v| {{ {check}; }}); }}"
                )?;
            }
        }
        if s.union {
            let present: Vec<String> = s
                .members
                .keys()
                .map(|m| format!("usize::from(self.{}.is_some())", field_name(m)))
                .collect();
            let names: Vec<String> = s.members.keys().map(|m| format!("{m:?}")).collect();
            writeln!(
                checks,
                "v.union_members({}, &[{}]);",
                present.join(" + "),
                names.join(", ")
            )?;
        }
        let mut d = format!("Structure `{name}` of the service model");
        if let Some(role) = roles.get(name) {
            write!(d, " ({role})")?;
        }
        if s.union {
            d.push_str("; a union: exactly one member must be set");
        }
        self.out.push_str(&doc(&format!("{d}.")));
        writeln!(
            self.out,
            "#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]"
        )?;
        writeln!(self.out, "pub struct {name} {{ {fields} }}")?;
        let v_name = if checks.is_empty() { "_v" } else { "v" };
        writeln!(
            self.out,
            "impl Validate for {name} {{ fn validate_into(&self, {v_name}: &mut Validator) {{ {checks} }} }}"
        )?;
        Ok(())
    }

    fn emit_operations(&mut self) -> Result<()> {
        let m = &self.model.metadata;
        self.out.push_str(&doc(&format!(
            "The service this module's operations belong to ({}, API version {}).",
            m.service_id, m.api_version
        )));
        writeln!(
            self.out,
            "pub const SERVICE: ServiceMetadata = ServiceMetadata {{ service_id: {:?}, api_version: {:?}, target_prefix: {:?}, signing_name: {:?}, endpoint_prefix: {:?}, json_version: {:?} }};",
            m.service_id,
            m.api_version,
            m.target_prefix,
            m.signing_name,
            m.endpoint_prefix,
            m.json_version
        )?;
        writeln!(
            self.out,
            "/// The operations of the model, with their input and output structures."
        )?;
        for (op, o) in &self.model.operations {
            let input = &o.input.as_ref().context("operation without input")?.shape;
            let output = o.output.as_ref().map_or("Empty", |r| r.shape.as_str());
            let target = format!("{}.{op}", m.target_prefix);
            writeln!(
                self.out,
                "impl Operation for {input} {{ const NAME: &'static str = {op:?}; \
                 const TARGET: &'static str = {target:?}; \
                 const SERVICE: &'static ServiceMetadata = &SERVICE; type Output = {output}; }}"
            )?;
        }
        let names: Vec<String> = self
            .model
            .operations
            .keys()
            .map(|k| format!("{k:?}"))
            .collect();
        self.out
            .push_str(&doc("Names of every operation in the vendored model."));
        writeln!(
            self.out,
            "pub const OPERATIONS: &[&str] = &[{}];",
            names.join(", ")
        )?;
        Ok(())
    }

    /// A document shape: any JSON value.
    fn emit_document(&mut self, name: &str) -> Result<()> {
        self.out.push_str(&doc(&format!(
            "Document shape `{name}` of the service model: any JSON value."
        )));
        writeln!(self.out, "pub type {name} = serde_json::Value;")?;
        Ok(())
    }
}

fn generate(model: &Model, automata: &Automata, target: &Target) -> Result<String> {
    let mut roles = BTreeMap::new();
    for (op, o) in &model.operations {
        if let Some(i) = &o.input {
            roles.insert(i.shape.clone(), format!("input of `{op}`"));
        }
        if let Some(out) = &o.output {
            roles.insert(out.shape.clone(), format!("output of `{op}`"));
        }
    }
    let mut g = Gen {
        model,
        automata,
        target,
        out: String::new(),
    };
    let sources: Vec<&str> = target
        .models
        .iter()
        .map(|m| m.trim_start_matches("crates/model/"))
        .collect();
    let has_enums = model
        .shapes
        .values()
        .any(|s| s.kind == "string" && s.values.is_some());
    let has_empty_output = model.operations.values().any(|o| o.output.is_none());
    let has_timestamps = model.shapes.values().any(|s| s.kind == "timestamp");
    writeln!(
        g.out,
        "// @generated by `cargo xtask codegen` from {}.\n\
         // Do not edit by hand: change the generator (xtask/src/codegen.rs) or the model.\n",
        sources.join(" and ")
    )?;
    g.out.push_str("use serde::{Deserialize, Serialize};\n");
    let operation_items = if has_empty_output {
        "Empty, Operation, ServiceMetadata"
    } else {
        "Operation, ServiceMetadata"
    };
    writeln!(g.out, "use crate::operation::{{{operation_items}}};")?;
    g.out
        .push_str("use crate::validate::{Validate, Validator};\n");
    if has_timestamps {
        g.out.push_str("use crate::timestamp::EpochSeconds;\n");
    }
    if has_enums {
        g.out.push_str("use crate::wire_enum;\n");
    }
    g.out.push_str(
        "\n// The automata of the patterns are serialized little-endian.\n\
         #[cfg(target_endian = \"big\")]\n\
         compile_error!(\"the precompiled pattern automata are little-endian: \
         generate big-endian ones (`to_bytes_big_endian`) for this target\");\n\n",
    );
    g.emit_rules()?;
    for (name, s) in &model.shapes {
        if let (Some(values), "string") = (&s.values, s.kind.as_str()) {
            g.emit_enum(name, values)?;
        }
    }
    for (name, s) in &model.shapes {
        match s.kind.as_str() {
            "structure" if s.document => g.emit_document(name)?,
            "structure" => g.emit_struct(name, s, &roles)?,
            _ => {}
        }
    }
    g.emit_operations()?;
    for (name, shape, skip) in target.columns {
        g.out.push('\n');
        g.out.push_str(&columns::emit(model, name, shape, skip)?);
    }
    Ok(g.out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_become_readable_snake_case() {
        assert_eq!(snake_case("EFSFileSystemConfig"), "efs_file_system_config");
        assert_eq!(snake_case("AutoMountHomeEFS"), "auto_mount_home_efs");
        assert_eq!(snake_case("FSxLustreFileSystem"), "fsx_lustre_file_system");
        assert_eq!(snake_case("S3KmsKeyId"), "s3_kms_key_id");
        assert_eq!(
            snake_case("RStudioServerProAppSettings"),
            "r_studio_server_pro_app_settings"
        );
    }

    #[test]
    fn a_member_named_like_a_keyword_becomes_a_raw_identifier() {
        assert_eq!(field_name("Type"), "r#type");
        assert_eq!(field_name("UserType"), "user_type");
    }

    #[test]
    fn enum_values_become_variant_names() {
        assert_eq!(variant_name("ml.g4dn.xlarge"), "MlG4dnXlarge");
        assert_eq!(variant_name("Update_Failed"), "UpdateFailed");
        assert_eq!(variant_name("USER_PROFILE_NAME"), "UserProfileName");
        assert_eq!(variant_name("R_STUDIO_ADMIN"), "RStudioAdmin");
        assert_eq!(variant_name("system"), "System");
    }
}
