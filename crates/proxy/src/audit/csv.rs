//! The audit log as CSV (RFC 4180): a header row, CRLF line ends, fields quoted when they
//! hold a comma, quote or line break; the summary as JSON text in one column.

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

/// `entries` as one CSV document.
pub fn render(entries: &[AuditEntry]) -> String {
    let mut out = String::new();
    push_row(&mut out, HEADER.iter().map(|h| (*h).to_owned()));
    for e in entries {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        push_row(
            &mut out,
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
            ],
        );
    }
    out
}

fn push_row(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&quote(&field));
    }
    out.push_str("\r\n");
}

/// A field as RFC 4180 writes it. Fields starting with `=`, `+`, `-` or `@` are left as
/// they are: the export is data, and changing it would falsify the log.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_quotes_and_line_breaks_are_quoted() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
    }
}
