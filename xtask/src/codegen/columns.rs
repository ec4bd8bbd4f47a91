//! The columns of a batch file: every member of an operation's input, named by its path
//! (`UserSettings.JupyterLabAppSettings.DefaultResourceSpec.InstanceType`), with how a cell
//! of that column is read. Emitted as a table into the generated module, so the model crate
//! reads files without walking the service model at run time.

use std::fmt::Write as _;

use anyhow::{Result, bail};

use super::model::Model;

/// How deep structures are followed; the inputs the panel reads nest four levels.
const MAX_DEPTH: usize = 8;

/// The cell kind (a `crate::columns::CellKind` variant) of a member of shape `shape`.
fn kind_of(model: &Model, shape: &str) -> Result<&'static str> {
    let Some(s) = model.shapes.get(shape) else {
        bail!("shape {shape} is not in the model");
    };
    Ok(match s.kind.as_str() {
        "string" | "timestamp" => "Text",
        "integer" | "long" => "Integer",
        "float" | "double" => "Number",
        "boolean" => "Boolean",
        "list" => {
            let item = s.member.as_ref().map(|m| m.shape.as_str()).unwrap_or("");
            let item_kind = model.shapes.get(item).map(|i| i.kind.as_str());
            if item_kind == Some("string") {
                "TextList"
            } else {
                "Json"
            }
        }
        _ => "Json",
    })
}

/// Appends every member path of structure `shape` below `prefix` to `out`, structures
/// before their members (a structure may be given whole as JSON).
fn walk(
    model: &Model,
    shape: &str,
    prefix: &str,
    skip: &[&str],
    depth: usize,
    out: &mut Vec<(String, &'static str)>,
) -> Result<()> {
    if depth > MAX_DEPTH {
        bail!("{prefix}: structures nest deeper than {MAX_DEPTH}");
    }
    let Some(s) = model.shapes.get(shape) else {
        bail!("shape {shape} is not in the model");
    };
    for (name, member) in &s.members {
        if depth == 0 && skip.contains(&name.as_str()) {
            continue;
        }
        if member.deprecated {
            continue;
        }
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        let child = model.shapes.get(&member.shape);
        let is_structure = child.is_some_and(|c| c.kind == "structure" && !c.document);
        out.push((path.clone(), kind_of(model, &member.shape)?));
        if is_structure {
            walk(model, &member.shape, &path, skip, depth + 1, out)?;
        }
    }
    Ok(())
}

/// The Rust source of `pub const NAME: &[crate::columns::Column]` listing the members of
/// structure `shape` (but the top-level members in `skip`).
pub fn emit(model: &Model, name: &str, shape: &str, skip: &[&str]) -> Result<String> {
    let mut columns = Vec::new();
    walk(model, shape, "", skip, 0, &mut columns)?;
    let mut code = String::new();
    writeln!(
        code,
        "/// Every member of `{shape}` a batch file may name as a column, by its path, with \
         how its cells are read (structures too, whose cells are JSON)."
    )?;
    writeln!(code, "pub const {name}: &[crate::columns::Column] = &[")?;
    for (path, kind) in &columns {
        writeln!(
            code,
            "    crate::columns::Column {{ path: {path:?}, kind: crate::columns::CellKind::{kind} }},"
        )?;
    }
    code.push_str("];\n");
    Ok(code)
}
