//! The audit log as CSV (RFC 4180, by the `csv` crate): a header row, CRLF line ends,
//! fields quoted when they hold a comma, quote or line break; the summary as JSON text in
//! one column.
//!
//! A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with
//! `'`, as OWASP recommends against CSV injection: a spreadsheet would otherwise run
//! `=HYPERLINK(...)` typed into a profile name by whoever was refused. The JSON export
//! stays exact.

use studio_admin_api::AuditEntry;

/// The columns, in order.
const HEADER: [&str; 14] = [
    "id",
    "at",
    "actor",
    "role",
    "source_ip",
    "action",
    "domain_id",
    "target",
    "arn",
    "summary",
    "outcome",
    "status",
    "message",
    "request_id",
];

/// The header row.
pub fn header() -> Vec<u8> {
    write(std::iter::once(HEADER.map(str::to_owned)))
}

/// The rows of `entries`, one per entry.
pub fn rows(entries: &[AuditEntry]) -> Vec<u8> {
    write(entries.iter().map(|e| {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        [
            e.id.to_string(),
            e.at.0.to_string(),
            e.actor.clone(),
            e.role.map(|r| r.as_str().to_owned()).unwrap_or_default(),
            text(&e.source_ip),
            e.action.as_str().to_owned(),
            text(&e.domain_id),
            text(&e.target),
            text(&e.arn),
            e.summary
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            e.outcome.as_str().to_owned(),
            e.status.to_string(),
            text(&e.message),
            text(&e.request_id),
        ]
    }))
}

fn write<R: IntoIterator<Item = String>>(rows: impl Iterator<Item = R>) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        // Writing to memory cannot fail.
        let _ = writer.write_record(row.into_iter().map(neutralize));
    }
    writer.into_inner().unwrap_or_default()
}

/// The cell a spreadsheet shows as text, never runs as a formula.
fn neutralize(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One cell as written in a row of its own, without the line end.
    fn cell(field: &str) -> String {
        let row = String::from_utf8(write(std::iter::once([field.to_owned()]))).unwrap();
        row.strip_suffix("\r\n").unwrap().to_owned()
    }

    #[test]
    fn fields_with_commas_quotes_and_line_breaks_are_quoted() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_neutralized() {
        assert_eq!(
            cell("=HYPERLINK(\"http://evil.test\")"),
            "\"'=HYPERLINK(\"\"http://evil.test\"\")\""
        );
        assert_eq!(cell("=2+5"), "'=2+5");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("a=b"), "a=b", "only a leading sign is dangerous");
    }
}
