//! Strict parsing of request bodies: unknown members are refused, with their path.
//!
//! The wire types themselves ignore unknown members, because AWS adds members to its
//! responses and a response must still parse. Requests come from people and scripts, where
//! an unknown member is almost always a typo (`JupyterServerAppSetings`) that AWS would
//! refuse; this module catches those before anything is sent.

use serde::de::DeserializeOwned;

/// Why a JSON request body was refused before validation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JsonError {
    /// The text is not JSON, or a member has the wrong JSON type.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// A member the service model does not define.
    #[error("unknown member {path}: the service model has no such member")]
    UnknownMember {
        /// Where, in SageMaker member names (`UserSettings.JupyterServerAppSetings`).
        path: String,
    },
}

/// Parses a request body, refusing members the model does not define.
pub fn from_json_strict<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let mut unknown: Option<String> = None;
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed: Result<T, _> = serde_ignored::deserialize(&mut de, |path| {
        if unknown.is_none() {
            unknown = Some(render(&path));
        }
    });
    let value = parsed
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| JsonError::Syntax {
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        })?;
    match unknown {
        Some(path) => Err(JsonError::UnknownMember { path }),
        None => Ok(value),
    }
}

/// serde_json appends " at line L column C"; the position is reported separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

fn render(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", render(parent)),
        Path::Map { parent, key } => {
            let p = render(parent);
            if p.is_empty() {
                key.clone()
            } else {
                format!("{p}.{key}")
            }
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => render(parent),
    }
}
