//! Values as people read them: times, SageMaker member names, statuses; and text folded
//! for searches that ignore case.

use studio_admin_api::EpochMillis;
use studio_admin_model::EpochSeconds;

/// `text` in lower case, for searches that ignore case (names, tags, people).
///
/// In the browser this is the browser's own Unicode mapping (`toLowerCase`): Rust's
/// `str::to_lowercase` would bring its 12 KB case table into the first download. Code
/// that only ever folds ASCII (profile names, the model's member names) uses
/// `to_ascii_lowercase` instead, so no part of the app links the table. Native builds
/// (the unit tests) use Rust's mapping, which agrees with the browser's.
pub fn fold_case(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::JsString::from(text).to_lower_case().into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.to_lowercase()
    }
}

/// `2026-11-21 13:04` in the browser's time zone (empty when unknown).
pub fn date_time(time: Option<EpochSeconds>) -> String {
    let Some(date) = js_date(time) else {
        return String::new();
    };
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// A time of the proxy's own API, as [`date_time`] writes it.
pub fn date_time_ms(time: impl Into<Option<EpochMillis>>) -> String {
    date_time(time.into().map(|t| EpochSeconds(t.as_secs_f64())))
}

/// A time of the proxy's own API, as [`iso_time`] writes it.
pub fn iso_time_ms(time: impl Into<Option<EpochMillis>>) -> String {
    iso_time(time.into().map(|t| EpochSeconds(t.as_secs_f64())))
}

/// The moment of a `datetime-local` input's value (`2026-11-29T10:30`, in the browser's
/// time zone); `None` when empty or not a time.
pub fn local_input_ms(value: &str) -> Option<EpochMillis> {
    if value.trim().is_empty() {
        return None;
    }
    let ms = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(value.trim())).get_time();
    (!ms.is_nan()).then_some(EpochMillis(ms as i64))
}

/// The same moment in UTC, to the second (for tooltips and `datetime` attributes).
pub fn iso_time(time: Option<EpochSeconds>) -> String {
    js_date(time).map_or_else(String::new, |date| String::from(date.to_iso_string()))
}

/// `time` as the browser's date (`None` when unknown or not a time).
fn js_date(time: Option<EpochSeconds>) -> Option<js_sys::Date> {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(time?.0 * 1000.0));
    (!date.get_time().is_nan()).then_some(date)
}

/// Names that keep their own spelling inside a member name.
const NAMES: &[(&str, &str)] = &[
    ("RStudioServerPro", "RStudio Server Pro"),
    ("JupyterServer", "Jupyter Server"),
    ("JupyterLab", "JupyterLab"),
    ("KernelGateway", "KernelGateway"),
    ("CodeEditor", "Code Editor"),
    ("TensorBoard", "TensorBoard"),
    ("RSession", "RSession"),
    ("SageMaker", "SageMaker"),
    ("FSxLustre", "FSx for Lustre"),
    ("AutoMountHomeEFS", "Auto-mount home EFS"),
    ("AmazonQ", "Amazon Q"),
    ("OAuth", "OAuth"),
    ("EFS", "EFS"),
    ("S3", "S3"),
];

/// Words spelled in capitals.
const ACRONYMS: &[(&str, &str)] = &[
    ("Arn", "ARN"),
    ("Arns", "ARNs"),
    ("Efs", "EFS"),
    ("Ebs", "EBS"),
    ("Emr", "EMR"),
    ("Gb", "GB"),
    ("Gid", "GID"),
    ("Id", "ID"),
    ("Ids", "IDs"),
    ("Kms", "KMS"),
    ("Ml", "ML"),
    ("Posix", "POSIX"),
    ("Sso", "SSO"),
    ("Uid", "UID"),
    ("Uri", "URI"),
    ("Url", "URL"),
    ("Vpc", "VPC"),
];

/// A SageMaker member name as words: `DefaultResourceSpec` -> `Default resource spec`,
/// `HomeEfsFileSystemUid` -> `Home EFS file system UID`.
pub fn humanize(member: &str) -> String {
    let mut words: Vec<(String, bool)> = Vec::new();
    let mut rest = member;
    while !rest.is_empty() {
        if let Some((name, spelled)) = NAMES.iter().find(|(name, _)| rest.starts_with(name)) {
            words.push(((*spelled).to_owned(), true));
            rest = &rest[name.len()..];
            continue;
        }
        let end = word_end(rest);
        let word = &rest[..end];
        match ACRONYMS.iter().find(|(w, _)| *w == word) {
            Some((_, spelled)) => words.push(((*spelled).to_owned(), true)),
            None => words.push((word.to_owned(), false)),
        }
        rest = &rest[end..];
    }
    let mut out = String::new();
    for (i, (word, keep)) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let as_is = *keep
            || i == 0
            || word
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if as_is {
            out.push_str(word);
        } else {
            out.push_str(&word.to_ascii_lowercase());
        }
    }
    out
}

/// Where the first word of a PascalCase name ends: a capital with the small letters and
/// digits after it, or a run of capitals (an acronym) up to the next word.
fn word_end(text: &str) -> usize {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let Some(&(_, first)) = chars.first() else {
        return 0;
    };
    if first.is_ascii_uppercase() && chars.get(1).is_some_and(|(_, c)| c.is_ascii_uppercase()) {
        // An acronym: up to the capital that starts the next word (`EFSFile` -> `EFS`).
        let mut i = 1;
        while i < chars.len() && chars[i].1.is_ascii_uppercase() {
            i += 1;
        }
        if i < chars.len() && chars[i].1.is_ascii_lowercase() {
            i -= 1;
        }
        return chars.get(i).map_or(text.len(), |(at, _)| *at);
    }
    chars
        .iter()
        .skip(1)
        .find(|(_, c)| c.is_ascii_uppercase())
        .map_or(text.len(), |(at, _)| *at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_read_as_words_with_acronyms_and_product_names_kept() {
        assert_eq!(humanize("DefaultResourceSpec"), "Default resource spec");
        assert_eq!(humanize("HomeEfsFileSystemUid"), "Home EFS file system UID");
        assert_eq!(humanize("JupyterLabAppSettings"), "JupyterLab app settings");
        assert_eq!(humanize("EFSFileSystemConfig"), "EFS file system config");
        assert_eq!(
            humanize("FSxLustreFileSystemConfig"),
            "FSx for Lustre file system config"
        );
        assert_eq!(humanize("S3OutputPath"), "S3 output path");
        assert_eq!(humanize("ExecutionRole"), "Execution role");
        assert_eq!(humanize("LifecycleConfigArns"), "Lifecycle config ARNs");
    }
}
