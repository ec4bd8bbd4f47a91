//! Columns of a batch file: a member of a request named by its path, and how the text of
//! one of its cells becomes that member's JSON value. The tables of columns are generated
//! from the service model (`CREATE_USER_PROFILE_COLUMNS`); [`crate::table`] reads files
//! with them.

use serde_json::Value;

/// How a cell's text is read: by the shape of the member its column names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// A string (or an enum's value, or a timestamp as text): the cell as written.
    Text,
    /// A list of strings: items separated by `;` (`sg-1;sg-2`).
    TextList,
    /// A whole number.
    Integer,
    /// A number with a fraction.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A structure, a map or a list of structures: JSON (`{...}` or `[...]`).
    Json,
}

/// One column a batch file may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The member's path in the request, as AWS names it (`UserSettings.ExecutionRole`).
    pub path: &'static str,
    /// How its cells are read.
    pub kind: CellKind,
}

impl CellKind {
    /// The member's value for a cell: `Ok(None)` for an empty cell (not set), an error
    /// message for a cell that cannot be read as this kind. A cell starting with `[` or `{`
    /// is JSON whatever the kind, so any member can be given whole.
    pub fn value(self, cell: &str) -> Result<Option<Value>, String> {
        let cell = cell.trim();
        if cell.is_empty() {
            return Ok(None);
        }
        if cell.starts_with('[') || cell.starts_with('{') {
            return serde_json::from_str(cell)
                .map(Some)
                .map_err(|e| format!("not valid JSON: {e}"));
        }
        match self {
            Self::Text => Ok(Some(Value::String(cell.to_owned()))),
            Self::TextList => Ok(Some(Value::Array(
                cell.split(';')
                    .map(str::trim)
                    .filter(|item| !item.is_empty())
                    .map(|item| Value::String(item.to_owned()))
                    .collect(),
            ))),
            Self::Integer => cell
                .parse::<i64>()
                .map(|n| Some(Value::from(n)))
                .map_err(|_| format!("{cell:?} is not a whole number")),
            Self::Number => cell
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(|n| Some(Value::Number(n)))
                .ok_or_else(|| format!("{cell:?} is not a number")),
            Self::Boolean => match cell.to_ascii_lowercase().as_str() {
                "true" => Ok(Some(Value::Bool(true))),
                "false" => Ok(Some(Value::Bool(false))),
                _ => Err(format!("{cell:?} is neither true nor false")),
            },
            Self::Json => Err(format!(
                "this member is a structure or a list of them: write it as JSON ({{...}} or [...]), not {cell:?}"
            )),
        }
    }

    /// A cell's text for a member's value (the inverse of [`CellKind::value`]), for
    /// templates and results.
    pub fn cell(self, value: &Value) -> String {
        match (self, value) {
            (_, Value::Null) => String::new(),
            (_, Value::String(s)) => s.clone(),
            (Self::TextList, Value::Array(items))
                if items
                    .iter()
                    .all(|i| i.as_str().is_some_and(|s| !s.contains(';'))) =>
            {
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(";")
            }
            (_, other) => other.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::CellKind;

    #[test]
    fn cells_become_values_of_their_kind() {
        assert_eq!(
            CellKind::Text.value(" ml.t3.medium "),
            Ok(Some(json!("ml.t3.medium")))
        );
        assert_eq!(
            CellKind::TextList.value("sg-1; sg-2;"),
            Ok(Some(json!(["sg-1", "sg-2"])))
        );
        assert_eq!(CellKind::Integer.value("120"), Ok(Some(json!(120))));
        assert_eq!(CellKind::Boolean.value("TRUE"), Ok(Some(json!(true))));
        assert_eq!(
            CellKind::Json.value(r#"[{"ImageName": "a"}]"#),
            Ok(Some(json!([{"ImageName": "a"}])))
        );
        assert_eq!(CellKind::Text.value("   "), Ok(None));
    }

    #[test]
    fn unreadable_cells_say_why() {
        assert!(
            CellKind::Integer
                .value("ten")
                .unwrap_err()
                .contains("whole number")
        );
        assert!(
            CellKind::Boolean
                .value("yes")
                .unwrap_err()
                .contains("true nor false")
        );
        assert!(CellKind::Json.value("abc").unwrap_err().contains("JSON"));
        assert!(
            CellKind::TextList
                .value("[1,")
                .unwrap_err()
                .contains("not valid JSON")
        );
    }

    #[test]
    fn values_write_back_as_cells() {
        for (kind, cell) in [
            (CellKind::Text, "ml.t3.medium"),
            (CellKind::TextList, "sg-1;sg-2"),
            (CellKind::Integer, "120"),
            (CellKind::Boolean, "false"),
            (CellKind::Json, r#"[{"ImageName":"a"}]"#),
        ] {
            let value = kind.value(cell).unwrap().unwrap();
            assert_eq!(kind.cell(&value), cell);
        }
    }
}
