//! The words of constraint messages, kept in one place so they read alike.

/// How many enum values a message lists before it summarises.
const ENUM_VALUES_SHOWN: usize = 12;

pub(super) fn required(member: &str) -> String {
    format!("{member} is required.")
}

pub(super) fn too_short(min: i64, len: i64) -> String {
    if min == 1 {
        "Must not be empty.".to_owned()
    } else {
        format!("Must be at least {min} characters long (it is {len}).")
    }
}

pub(super) fn too_long(max: i64, len: i64) -> String {
    format!("Must be at most {max} characters long (it is {len}).")
}

pub(super) fn pattern(shape: &str, source: &str) -> String {
    match super::rules::pattern_hint(shape) {
        Some(hint) => format!("{hint} (pattern {source})."),
        None => format!("Must match the pattern {source}."),
    }
}

pub(super) fn bare_pattern(_shape: &str, source: &str) -> String {
    format!("Must match the pattern {source}.")
}

pub(super) fn range(min: Option<i64>, max: Option<i64>, value: i64) -> String {
    match (min, max) {
        (Some(lo), Some(hi)) => format!("Must be between {lo} and {hi} (it is {value})."),
        (Some(lo), None) => format!("Must be at least {lo} (it is {value})."),
        (None, Some(hi)) => format!("Must be at most {hi} (it is {value})."),
        (None, None) => format!("{value} is out of range."),
    }
}

pub(super) fn too_many(max: i64, len: i64) -> String {
    format!("At most {max} items are allowed (there are {len}).")
}

pub(super) fn too_few(min: i64, len: i64) -> String {
    format!("At least {min} items are required (there are {len}).")
}

pub(super) fn not_in_enum(value: &str, shape: &str, values: &[&str]) -> String {
    let shown: Vec<&str> = values.iter().take(ENUM_VALUES_SHOWN).copied().collect();
    let more = values.len().saturating_sub(ENUM_VALUES_SHOWN);
    let tail = if more > 0 {
        format!(", … ({more} more)")
    } else {
        String::new()
    };
    format!(
        "'{value}' is not a valid {shape}; use one of: {}{tail}.",
        shown.join(", ")
    )
}

pub(super) fn union(set: usize, members: &[&str]) -> String {
    if set == 0 {
        format!("Set exactly one of {}.", members.join(", "))
    } else {
        format!("Set only one of {} ({set} are set).", members.join(", "))
    }
}
