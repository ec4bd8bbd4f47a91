//! `cargo xtask codegen`: turns the vendored SageMaker service model
//! (`crates/model/vendor/sagemaker-api-shapes.json`) into `crates/model/src/generated.rs`
//! and one precompiled automaton per distinct pattern under
//! `crates/model/src/generated/patterns/` (see `codegen/automata.rs`).
//!
//! Generating the wire types keeps them from drifting from the model: every member,
//! enum value, length, range and pattern comes from the model file, never from memory.
//! Precompiling the patterns keeps a regex compiler out of the browser bundle.
//! `--check` regenerates in memory and fails when a committed file differs, so CI
//! catches a hand edit or a model update that was not regenerated.

mod automata;
mod separated_groups;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

/// Where the vendored model lives, relative to the workspace root.
pub const MODEL_PATH: &str = "crates/model/vendor/sagemaker-api-shapes.json";
/// Where the generated module is written, relative to the workspace root.
pub const OUTPUT_PATH: &str = "crates/model/src/generated.rs";
/// Where the precompiled automata are written, relative to the workspace root.
pub const AUTOMATA_DIR: &str = "crates/model/src/generated/patterns";
/// The same directory as `generated.rs` names it in `include_bytes!`.
const AUTOMATA_INCLUDE_DIR: &str = "generated/patterns";
/// File extension of a precompiled automaton.
const AUTOMATON_EXT: &str = "dfa";

#[derive(Deserialize)]
struct Model {
    operations: BTreeMap<String, Operation>,
    shapes: BTreeMap<String, Shape>,
}

#[derive(Deserialize)]
struct Operation {
    input: Option<ShapeRef>,
    output: Option<ShapeRef>,
}

#[derive(Deserialize)]
struct ShapeRef {
    shape: String,
}

#[derive(Deserialize)]
struct Member {
    shape: String,
    #[serde(default)]
    deprecated: bool,
}

#[derive(Deserialize)]
struct Shape {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    members: BTreeMap<String, Member>,
    #[serde(default)]
    required: Vec<String>,
    member: Option<ShapeRef>,
    #[serde(rename = "enum")]
    values: Option<Vec<String>>,
    min: Option<i64>,
    max: Option<i64>,
    pattern: Option<String>,
    #[serde(default)]
    union: bool,
    #[serde(default)]
    exception: bool,
}

/// Runs the generator; with `check`, compares instead of writing.
pub fn run(root: &Path, check: bool) -> Result<()> {
    let model_text = std::fs::read_to_string(root.join(MODEL_PATH))
        .with_context(|| format!("reading {MODEL_PATH}"))?;
    let model: Model = serde_json::from_str(&model_text).context("parsing the service model")?;
    let automata = precompile(&model)?;
    let code = rustfmt(&generate(&model, &automata)?)?;
    let out = root.join(OUTPUT_PATH);
    let dir = root.join(AUTOMATA_DIR);
    let files: BTreeMap<String, &[u8]> = automata
        .values()
        .map(|automaton| (automaton.file.clone(), automaton.bytes.as_slice()))
        .collect();
    let stale = stale_files(&dir, &files)?;
    if check {
        let mut outdated = Vec::new();
        if std::fs::read_to_string(&out).unwrap_or_default() != code {
            outdated.push(OUTPUT_PATH.to_string());
        }
        for (file, bytes) in &files {
            if std::fs::read(dir.join(file)).ok().as_deref() != Some(*bytes) {
                outdated.push(format!("{AUTOMATA_DIR}/{file}"));
            }
        }
        outdated.extend(
            stale
                .iter()
                .map(|file| format!("{AUTOMATA_DIR}/{file} (stale)")),
        );
        if !outdated.is_empty() {
            bail!(
                "out of date with {MODEL_PATH}: {}; run `cargo xtask codegen`",
                outdated.join(", ")
            );
        }
        println!(
            "codegen: {OUTPUT_PATH} and {} automata in {AUTOMATA_DIR} are up to date",
            files.len()
        );
    } else {
        std::fs::write(&out, code).with_context(|| format!("writing {OUTPUT_PATH}"))?;
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {AUTOMATA_DIR}"))?;
        for (file, bytes) in &files {
            std::fs::write(dir.join(file), bytes)
                .with_context(|| format!("writing {AUTOMATA_DIR}/{file}"))?;
        }
        for file in &stale {
            std::fs::remove_file(dir.join(file))
                .with_context(|| format!("removing {AUTOMATA_DIR}/{file}"))?;
        }
        let total: usize = files.values().map(|bytes| bytes.len()).sum();
        println!(
            "codegen: wrote {OUTPUT_PATH} and {} automata ({total} bytes) in {AUTOMATA_DIR}",
            files.len()
        );
    }
    Ok(())
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
    /// Its file in [`AUTOMATA_DIR`], named after the first shape (by name) with the pattern.
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

/// Translates a pattern from the model (Java regular-expression syntax, matched against the
/// whole value) into the `regex` crate's syntax with the same meaning:
/// - `\d`, `\w`, `\s` are ASCII-only in Java; in `regex` they are Unicode-wide.
/// - `.` in Java stops at every line terminator (`\n`, `\r`, U+0085, U+2028, U+2029).
/// - `regex` has no look-around; the model's one such pattern is written out by hand.
pub fn translate_pattern(java: &str) -> Result<String> {
    // (?!\s*$).+ : one or more characters on one line, not all of them white space.
    if java == r"(?!\s*$).+" {
        return Ok(format!(
            "{DOT}*[^ \\t\\n\\x0B\\x0C\\r\\x{{85}}\\x{{2028}}\\x{{2029}}]{DOT}*"
        ));
    }
    if java.contains("(?=") || java.contains("(?!") || java.contains("(?<") {
        bail!("pattern {java:?} uses look-around; add a hand translation to translate_pattern");
    }
    let chars: Vec<char> = java.chars().collect();
    let mut out = String::new();
    let mut in_class = false;
    // Inside a class: whether the last atom closed a range (`a-z`), and whether a range
    // dash is waiting for its upper bound. A '-' right after a completed range, or at
    // either edge of the class, is a literal in Java; it is escaped so `regex` agrees.
    let mut range_closed = false;
    let mut range_open = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mut atom = true;
        match c {
            '\\' => {
                let Some(&e) = chars.get(i + 1) else {
                    bail!("pattern {java:?} ends in a backslash");
                };
                i += 1;
                let class_body = match e {
                    'd' => Some("0-9"),
                    'w' => Some("a-zA-Z_0-9"),
                    's' => Some(" \\t\\n\\x0B\\x0C\\r"),
                    _ => None,
                };
                match (e, class_body, in_class) {
                    (_, Some(body), true) => out.push_str(body),
                    (_, Some(body), false) => write!(out, "[{body}]")?,
                    ('S', _, false) => out.push_str("[^ \\t\\n\\x0B\\x0C\\r]"),
                    ('D' | 'W' | 'S', _, true) => {
                        bail!("pattern {java:?}: negated class escape inside a class")
                    }
                    ('/', _, _) => out.push('/'),
                    _ => {
                        out.push('\\');
                        out.push(e);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                atom = false;
                range_closed = false;
                range_open = false;
                out.push('[');
                if chars.get(i + 1) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
            }
            ']' if in_class => {
                in_class = false;
                atom = false;
                out.push(']');
            }
            '-' if in_class => {
                let at_edge =
                    chars.get(i + 1) == Some(&']') || out.ends_with('[') || out.ends_with("[^");
                if at_edge || range_closed || range_open {
                    out.push_str("\\-");
                } else {
                    out.push('-');
                    range_open = true;
                    atom = false;
                }
            }
            '.' if !in_class => out.push_str(DOT),
            _ => out.push(c),
        }
        if in_class && atom {
            range_closed = range_open;
            range_open = false;
        }
        i += 1;
    }
    Ok(out)
}

/// Java's `.`: any character except a line terminator.
const DOT: &str = "[^\\n\\r\\x{85}\\x{2028}\\x{2029}]";

fn doc(s: &str) -> String {
    format!("/// {s}\n")
}

struct Gen<'a> {
    model: &'a Model,
    automata: &'a Automata,
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
                     include_bytes!(\"{AUTOMATA_INCLUDE_DIR}/{file}\"));",
                    translate_pattern(p)?,
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
            let opt = |v: Option<i64>| v.map_or("None".to_string(), |v| format!("Some({v})"));
            match s.kind.as_str() {
                "string" if Self::has_string_rule(s) => {
                    strings.push(format!("&{cname}"));
                    let pattern = match &s.pattern {
                        Some(p) => format!("Some(&{})", patterns[p.as_str()]),
                        None => "None".into(),
                    };
                    out.push_str(&doc(&format!("Shape `{name}`.")));
                    writeln!(
                        out,
                        "pub static {cname}: StringRule = StringRule {{ shape: {name:?}, min: {}, max: {}, pattern: {pattern} }};",
                        opt(s.min),
                        opt(s.max)
                    )?;
                }
                "list" if s.min.is_some() || s.max.is_some() => {
                    lists.push(format!("&{cname}"));
                    out.push_str(&doc(&format!("Shape `{name}`.")));
                    writeln!(
                        out,
                        "pub static {cname}: ListRule = ListRule {{ shape: {name:?}, min: {}, max: {} }};",
                        opt(s.min),
                        opt(s.max)
                    )?;
                }
                "integer" | "long" if s.min.is_some() || s.max.is_some() => {
                    ints.push(format!("&{cname}"));
                    out.push_str(&doc(&format!("Shape `{name}`.")));
                    writeln!(
                        out,
                        "pub static {cname}: IntRule = IntRule {{ shape: {name:?}, min: {}, max: {} }};",
                        opt(s.min),
                        opt(s.max)
                    )?;
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
                "Every list shape with a size constraint, by shape name.",
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
                format!("v.string({value}, &rules::{})", const_name(shape_name))
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
            "structure" => format!("{value}.validate_into(v)"),
            "list" => {
                let member = &s.member.as_ref().context("list without member")?.shape;
                let item = self.check_expr(member, "item")?;
                let len = if s.min.is_some() || s.max.is_some() {
                    format!(
                        "v.list_len({value}.len(), &rules::{});",
                        const_name(shape_name)
                    )
                } else {
                    String::new()
                };
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
            let field = snake_case(member);
            let ty = self.rust_type(&m.shape)?;
            let required = s.required.contains(member);
            let target = self.shape(&m.shape)?;
            let what = match target.kind.as_str() {
                "list" => "list",
                "structure" => "structure",
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
                .map(|m| format!("usize::from(self.{}.is_some())", snake_case(m)))
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
        writeln!(
            self.out,
            "/// The operations of the model, with their input and output structures."
        )?;
        for (op, o) in &self.model.operations {
            let input = &o.input.as_ref().context("operation without input")?.shape;
            let output = o.output.as_ref().map_or("Empty", |r| r.shape.as_str());
            writeln!(
                self.out,
                "impl Operation for {input} {{ const NAME: &'static str = {op:?}; type Output = {output}; }}"
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
}

fn generate(model: &Model, automata: &Automata) -> Result<String> {
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
        out: String::new(),
    };
    g.out.push_str(
        "// @generated by `cargo xtask codegen` from vendor/sagemaker-api-shapes.json.\n\
         // Do not edit by hand: change the generator (xtask/src/codegen.rs) or the model.\n\n\
         use serde::{Deserialize, Serialize};\n\
         use crate::operation::{Empty, Operation};\n\
         use crate::timestamp::EpochSeconds;\n\
         use crate::validate::{Validate, Validator};\n\
         use crate::wire_enum;\n\n\
         // The automata under generated/patterns are serialized little-endian.\n\
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
        if s.kind == "structure" {
            let _ = s.exception;
            g.emit_struct(name, s, &roles)?;
        }
    }
    g.emit_operations()?;
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
    fn enum_values_become_variant_names() {
        assert_eq!(variant_name("ml.g4dn.xlarge"), "MlG4dnXlarge");
        assert_eq!(variant_name("Update_Failed"), "UpdateFailed");
        assert_eq!(variant_name("USER_PROFILE_NAME"), "UserProfileName");
        assert_eq!(variant_name("R_STUDIO_ADMIN"), "RStudioAdmin");
        assert_eq!(variant_name("system"), "System");
    }

    #[test]
    fn java_shorthand_classes_become_ascii_classes() {
        assert_eq!(translate_pattern(r"\d+").unwrap(), "[0-9]+");
        assert_eq!(translate_pattern(r"[\w]").unwrap(), "[a-zA-Z_0-9]");
        assert_eq!(
            translate_pattern(r"\/\S*").unwrap(),
            "/[^ \\t\\n\\x0B\\x0C\\r]*"
        );
    }

    #[test]
    fn a_dash_after_a_range_is_kept_literal() {
        assert_eq!(translate_pattern("[a-z0-9-_:/]").unwrap(), "[a-z0-9\\-_:/]");
        assert_eq!(translate_pattern("[-.a-z]").unwrap(), "[\\-.a-z]");
        assert_eq!(translate_pattern("[-0-9a-z]").unwrap(), "[\\-0-9a-z]");
    }

    #[test]
    fn unknown_look_around_is_refused() {
        assert!(translate_pattern("(?=a)b").is_err());
    }
}
