//! A team's profiles in one file: CSV with a header row naming request members by their
//! SageMaker paths (`UserProfileName`, `UserSettings.ExecutionRole`, `Tags.KEY`, ...), or a
//! JSON array of CreateUserProfile requests. Read here into one request per row, each
//! problem at its line and column, and checked row by row with the same validation as
//! the add-user form ([`check_row`]). The browser and the proxy read files with this one
//! module.
//!
//! In CSV: an empty cell means "not set"; a list of strings is `;`-separated; a cell
//! starting with `[` or `{` is JSON for its member; `Tags.KEY` columns give tags.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::columns::{CellKind, Column};
use crate::{
    CREATE_USER_PROFILE_COLUMNS, CreateUserProfileRequest, DomainContext, JsonError, Problem,
    Severity, from_json_strict, validate,
};

/// The column every file must have.
pub const NAME_COLUMN: &str = "UserProfileName";
/// Columns named `Tags.KEY` give the tag `KEY`.
pub const TAG_PREFIX: &str = "Tags.";
/// The most rows a file may hold (AWS's own limits make bigger cohorts unusual; a file this
/// size plans in seconds).
pub const MAX_ROWS: usize = 1000;

/// A problem of the file, or of one of its cells (also as the batch plan answers it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellProblem {
    /// The file's line (1-based) where it is, when known: the header is line 1.
    pub line: Option<u64>,
    /// The row (1-based, the header not counted; JSON: the array's item), when it is a
    /// row's.
    pub row: Option<usize>,
    /// The column's header (CSV) or the member's path (JSON), when it is a cell's.
    pub column: Option<String>,
    /// What is wrong, for a person.
    pub message: String,
}

/// One row: the request it asks for (without `DomainId`, which the batch gives).
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// 1-based row number (the header not counted).
    pub row: usize,
    /// The file line the row starts on (CSV only).
    pub line: Option<u64>,
    /// The CreateUserProfile members the row sets, as JSON.
    pub request: Map<String, Value>,
    /// The tag columns of the row's `Tags` items, in order (`Tags[i]` came from
    /// `tag_columns[i]`), to point a tag's problem at its column.
    pub tag_columns: Vec<String>,
    /// Problems reading the row's cells (the row is invalid when there is any).
    pub problems: Vec<CellProblem>,
}

impl TableRow {
    /// The profile name the row asks for, as written.
    pub fn name(&self) -> Option<&str> {
        self.request.get(NAME_COLUMN).and_then(Value::as_str)
    }

    /// The column a validation problem's path points at (`UserSettings.SecurityGroups[1]`
    /// -> `UserSettings.SecurityGroups`; `Tags[0].Key` -> `Tags.team`).
    pub fn column_of(&self, path: &str) -> String {
        if let Some(rest) = path.strip_prefix("Tags[") {
            let index = rest.split(']').next().and_then(|i| i.parse::<usize>().ok());
            if let Some(column) = index.and_then(|i| self.tag_columns.get(i)) {
                return column.clone();
            }
            return "Tags".to_owned();
        }
        let end = path.find('[').unwrap_or(path.len());
        path[..end].to_owned()
    }
}

/// A file read into rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// The rows, in file order (also those with problems).
    pub rows: Vec<TableRow>,
    /// Problems of the file as a whole (an unknown column, no name column, ...): none of
    /// its rows can run while there is one.
    pub problems: Vec<CellProblem>,
}

impl Table {
    /// Reads a file: a JSON array when its first non-blank character is `[`, CSV otherwise.
    pub fn parse(text: &str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let table = if text.trim_start().starts_with('[') {
            Self::parse_json(text)
        } else {
            Self::parse_csv(text)
        };
        table.with_duplicates_marked()
    }

    /// Whether any row can run: no file problem and at least one row.
    pub fn is_readable(&self) -> bool {
        self.problems.is_empty() && !self.rows.is_empty()
    }

    fn file_problem(message: impl Into<String>) -> Self {
        Self {
            rows: Vec::new(),
            problems: vec![CellProblem {
                line: None,
                row: None,
                column: None,
                message: message.into(),
            }],
        }
    }

    /// Reads CSV with a header row.
    pub fn parse_csv(text: &str) -> Self {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(text.as_bytes());
        let headers = match reader.headers() {
            Ok(headers) => headers.clone(),
            Err(e) => return Self::file_problem(csv_message(&e)),
        };
        let mut table = Self::default();
        let columns = match header_columns(&headers) {
            Ok(columns) => columns,
            Err(problems) => {
                table.problems = problems;
                return table;
            }
        };
        for (index, record) in reader.records().enumerate() {
            let row = index + 1;
            if row > MAX_ROWS {
                table.problems.push(CellProblem {
                    line: None,
                    row: None,
                    column: None,
                    message: format!("the file has more than {MAX_ROWS} rows: split it"),
                });
                break;
            }
            let record = match record {
                Ok(record) => record,
                Err(e) => {
                    let line = e.position().map(csv::Position::line);
                    table.rows.push(TableRow {
                        row,
                        line,
                        request: Map::new(),
                        tag_columns: Vec::new(),
                        problems: vec![CellProblem {
                            line,
                            row: Some(row),
                            column: None,
                            message: csv_message(&e),
                        }],
                    });
                    continue;
                }
            };
            let line = record.position().map(csv::Position::line);
            table.rows.push(read_record(&columns, &record, row, line));
        }
        table
    }

    /// Reads a JSON array of CreateUserProfile requests.
    pub fn parse_json(text: &str) -> Self {
        let items: Vec<Value> = match serde_json::from_str(text) {
            Ok(Value::Array(items)) => items,
            Ok(_) => return Self::file_problem("a JSON file must be an array of requests"),
            Err(e) => {
                return Self::file_problem(format!(
                    "not valid JSON at line {}, column {}: {e}",
                    e.line(),
                    e.column()
                ));
            }
        };
        if items.len() > MAX_ROWS {
            return Self::file_problem(format!(
                "the file has more than {MAX_ROWS} requests: split it"
            ));
        }
        let rows = items
            .into_iter()
            .enumerate()
            .map(|(index, item)| {
                let row = index + 1;
                match item {
                    Value::Object(request) => TableRow {
                        row,
                        line: None,
                        request,
                        tag_columns: Vec::new(),
                        problems: Vec::new(),
                    },
                    _ => TableRow {
                        row,
                        line: None,
                        request: Map::new(),
                        tag_columns: Vec::new(),
                        problems: vec![CellProblem {
                            line: None,
                            row: Some(row),
                            column: None,
                            message: "each item must be a CreateUserProfile request (an object)"
                                .to_owned(),
                        }],
                    },
                }
            })
            .collect();
        Self {
            rows,
            problems: Vec::new(),
        }
    }

    /// Marks rows whose profile name another row also has: profile names are not case
    /// sensitive, so `Alice` and `alice` are one profile. Folding ASCII is enough (a valid
    /// name is ASCII) and keeps Unicode's case table out of the browser bundle.
    fn with_duplicates_marked(mut self) -> Self {
        let mut rows_of: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (index, row) in self.rows.iter().enumerate() {
            if let Some(name) = row.name() {
                rows_of
                    .entry(name.to_ascii_lowercase())
                    .or_default()
                    .push(index);
            }
        }
        for indexes in rows_of.values().filter(|rows| rows.len() > 1) {
            let numbers: Vec<String> = indexes
                .iter()
                .map(|i| self.rows[*i].row.to_string())
                .collect();
            for index in indexes {
                let row = &mut self.rows[*index];
                row.problems.push(CellProblem {
                    line: row.line,
                    row: Some(row.row),
                    column: Some(NAME_COLUMN.to_owned()),
                    message: format!(
                        "rows {} name the same profile (names are not case sensitive)",
                        numbers.join(", ")
                    ),
                });
            }
        }
        self
    }
}

/// What a header cell stands for.
#[derive(Debug, Clone)]
enum Header {
    /// A member of the request.
    Member(Column),
    /// The tag with this key.
    Tag(String),
}

/// Reads the header row; the problems of every header cell at once.
fn header_columns(headers: &csv::StringRecord) -> Result<Vec<(String, Header)>, Vec<CellProblem>> {
    let mut columns = Vec::new();
    let mut problems = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let problem = |column: &str, message: String| CellProblem {
        line: Some(1),
        row: None,
        column: Some(column.to_owned()),
        message,
    };
    for (index, name) in headers.iter().enumerate() {
        let name = name.trim();
        if let Some(first) = seen.insert(name.to_owned(), index + 1) {
            problems.push(problem(
                name,
                format!("column {} repeats column {first}", index + 1),
            ));
            continue;
        }
        if let Some(key) = name.strip_prefix(TAG_PREFIX) {
            columns.push((name.to_owned(), Header::Tag(key.to_owned())));
        } else if let Some(column) = column(name) {
            columns.push((name.to_owned(), Header::Member(*column)));
        } else if name.is_empty() {
            problems.push(problem(name, format!("column {} has no name", index + 1)));
        } else {
            problems.push(problem(
                name,
                format!(
                    "column {} ({name:?}) is not a member of CreateUserProfile: name members by \
                     their path (UserSettings.ExecutionRole), or tags as {TAG_PREFIX}KEY",
                    index + 1
                ),
            ));
        }
    }
    if !seen.contains_key(NAME_COLUMN) {
        problems.push(problem(
            NAME_COLUMN,
            format!("the header has no {NAME_COLUMN} column"),
        ));
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        Err(problems)
    }
}

/// The column of a member path, if the request has that member.
pub fn column(path: &str) -> Option<&'static Column> {
    CREATE_USER_PROFILE_COLUMNS.iter().find(|c| c.path == path)
}

/// One CSV record as a request.
fn read_record(
    columns: &[(String, Header)],
    record: &csv::StringRecord,
    row: usize,
    line: Option<u64>,
) -> TableRow {
    let mut read = TableRow {
        row,
        line,
        request: Map::new(),
        tag_columns: Vec::new(),
        problems: Vec::new(),
    };
    let mut tags = Vec::new();
    for ((header, kind), cell) in columns.iter().zip(record.iter()) {
        let problem = |message: String| CellProblem {
            line,
            row: Some(row),
            column: Some(header.clone()),
            message,
        };
        match kind {
            Header::Tag(key) => {
                if !cell.trim().is_empty() {
                    tags.push(serde_json::json!({"Key": key, "Value": cell.trim()}));
                    read.tag_columns.push(header.clone());
                }
            }
            Header::Member(column) => match column.kind.value(cell) {
                Ok(None) => {}
                Ok(Some(value)) => {
                    if let Err(message) = set(&mut read.request, column.path, value) {
                        read.problems.push(problem(message));
                    }
                }
                Err(message) => read.problems.push(problem(message)),
            },
        }
    }
    if !tags.is_empty() {
        read.request.insert("Tags".to_owned(), Value::Array(tags));
    }
    read
}

/// Sets the member at `path` (dot-separated) in `request`, making the structures on the
/// way; an error when a structure given whole as JSON and one of its members are both set.
fn set(request: &mut Map<String, Value>, path: &str, value: Value) -> Result<(), String> {
    let mut parts: Vec<&str> = path.split('.').collect();
    let last = parts.pop().unwrap_or(path);
    let mut here = request;
    for (depth, part) in parts.iter().enumerate() {
        let entry = here
            .entry((*part).to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        here = match entry {
            Value::Object(map) => map,
            _ => {
                return Err(format!(
                    "{} is given whole in another column as well",
                    parts[..=depth].join(".")
                ));
            }
        };
    }
    if here.contains_key(last) {
        return Err(format!(
            "{path} is also set by another column (a structure given whole and one of its members)"
        ));
    }
    here.insert(last.to_owned(), value);
    Ok(())
}

/// A problem of a row, as the plan shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// The column (CSV) or member path (JSON) it is at.
    pub column: String,
    /// The member path validation reported (`UserSettings.SecurityGroups[1]`).
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// Errors make the row invalid; warnings do not.
    pub severity: Severity,
}

/// A row checked: the request it sends, or why it cannot.
#[derive(Debug, Clone)]
pub struct CheckedRow {
    /// The request, when the row can be read as one (also when validation found errors).
    pub request: Option<CreateUserProfileRequest>,
    /// Every problem of the row: reading, strict parsing and validation.
    pub problems: Vec<RowProblem>,
}

impl CheckedRow {
    /// Whether the row can be sent (no error; warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.request.is_some() && !self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

/// Checks one row as the add-user form checks a request: with the batch's domain, the
/// domain's context when known, and everything the model says.
pub fn check_row(row: &TableRow, domain_id: &str, context: Option<&DomainContext>) -> CheckedRow {
    let mut problems: Vec<RowProblem> = row
        .problems
        .iter()
        .map(|p| RowProblem {
            column: p.column.clone().unwrap_or_default(),
            path: p.column.clone().unwrap_or_default(),
            message: p.message.clone(),
            severity: Severity::Error,
        })
        .collect();
    let mut request = row.request.clone();
    match request.get("DomainId") {
        Some(Value::String(given)) if given != domain_id => problems.push(RowProblem {
            column: "DomainId".to_owned(),
            path: "DomainId".to_owned(),
            message: format!("the row names domain {given}, the batch is for {domain_id}"),
            severity: Severity::Error,
        }),
        _ => {}
    }
    request.insert("DomainId".to_owned(), Value::String(domain_id.to_owned()));
    let text = Value::Object(request).to_string();
    let parsed = match from_json_strict::<CreateUserProfileRequest>(&text) {
        Ok(parsed) => Some(parsed),
        Err(JsonError::UnknownMember { path }) => {
            problems.push(RowProblem {
                column: row.column_of(&path),
                message: format!("{path} is not a member of CreateUserProfile"),
                path,
                severity: Severity::Error,
            });
            None
        }
        Err(JsonError::Syntax { message, .. }) => {
            problems.push(RowProblem {
                column: String::new(),
                path: String::new(),
                message: format!("a member has the wrong type: {message}"),
                severity: Severity::Error,
            });
            None
        }
    };
    if let Some(request) = &parsed {
        for Problem {
            path,
            message,
            severity,
            ..
        } in validate(request, context).problems
        {
            problems.push(RowProblem {
                column: row.column_of(&path),
                path,
                message,
                severity,
            });
        }
    }
    CheckedRow {
        request: parsed,
        problems,
    }
}

/// A CSV template: the header (the name, then `columns`, then a `Tags.KEY` column per tag
/// key) and one example row.
pub fn template(columns: &[(&str, &str)], tags: &[(&str, &str)]) -> String {
    let mut header = vec![NAME_COLUMN.to_owned()];
    let mut example = vec!["jane-doe".to_owned()];
    for (path, value) in columns {
        header.push((*path).to_owned());
        example.push((*value).to_owned());
    }
    for (key, value) in tags {
        header.push(format!("{TAG_PREFIX}{key}"));
        example.push((*value).to_owned());
    }
    write(&header, &[example])
}

/// A team file of `rows` under `header`, quoted as spreadsheets expect.
pub fn write(header: &[String], rows: &[Vec<String>]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A CSV error in words, with its line when known.
fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("the row has {len} cells, the header {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "the file is not UTF-8 text".to_owned(),
        _ => e.to_string(),
    }
}

/// How each cell kind reads, for the template's notes and the page's help.
pub fn kind_hint(kind: CellKind) -> &'static str {
    match kind {
        CellKind::Text => "text",
        CellKind::TextList => "a list: items separated by ;",
        CellKind::Integer => "a whole number",
        CellKind::Number => "a number",
        CellKind::Boolean => "true or false",
        CellKind::Json => "JSON",
    }
}

#[cfg(test)]
mod tests;
