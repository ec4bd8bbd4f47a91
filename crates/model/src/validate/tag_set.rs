//! A whole set of tags, as a resource should hold it after a change (the panel's tag
//! editor and `PUT .../tags`): the model's constraints on the list and on each tag, and
//! the documented rules on keys (unique, not in AWS's `aws:` namespace).

use super::Validator;
use super::rules::{RESERVED_TAG_PREFIX, tag_keys};
use crate::generated::rules::TAG_LIST;
use crate::report::Report;
use crate::{Tag, Validate};

/// Validates the tags a resource should end up with: at most 50 (`TagList`), each key
/// 1 to 128 characters and each value up to 256 of the model's `TagKey`/`TagValue`
/// pattern (letters, digits, spaces and `_ . : / = + - @`), both required, no key twice
/// (compared case-sensitively, as AWS does) and none starting with `aws:`. Problems are
/// reported at `Tags`, `Tags[i].Key` and `Tags[i].Value`.
pub fn validate_tag_set(tags: &[Tag]) -> Report {
    let mut v = Validator::default();
    v.member("Tags", |v| {
        v.list_len(tags.len(), &TAG_LIST);
        for (i, tag) in tags.iter().enumerate() {
            v.at_index(i, |v| tag.validate_into(v));
        }
        tag_keys(tags, v);
    });
    v.finish()
}

impl Tag {
    /// A tag with both members, as every tag a resource holds has them.
    pub fn new(key: &str, value: &str) -> Self {
        Self {
            key: Some(key.to_owned()),
            value: Some(value.to_owned()),
        }
    }
}

/// Whether `key` is one of AWS's own (`aws:` in any letter case): such tags are shown but
/// can be neither added, changed nor removed.
pub fn is_reserved_tag_key(key: &str) -> bool {
    key.get(..RESERVED_TAG_PREFIX.len())
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case(RESERVED_TAG_PREFIX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(report: &Report) -> Vec<&str> {
        report.problems.iter().map(|p| p.path.as_str()).collect()
    }

    #[test]
    fn a_set_of_distinct_well_formed_tags_is_valid() {
        let report = validate_tag_set(&[
            Tag::new("Team", "ml"),
            Tag::new("team", ""),
            Tag::new("a:b/c", "x=y"),
        ]);
        assert!(report.problems.is_empty(), "{report:?}");
    }

    #[test]
    fn each_broken_rule_is_reported_at_its_tag() {
        let report = validate_tag_set(&[
            Tag::new("Team", "ml"),
            Tag::new("", "empty key"),
            Tag::new("Team", "again"),
            Tag::new("AWS:owner", "x"),
            Tag::new("bad#key", &"v".repeat(257)),
            Tag {
                key: Some("no-value".to_owned()),
                value: None,
            },
        ]);
        let mut found = paths(&report);
        found.sort_unstable();
        assert_eq!(
            found,
            [
                "Tags[1].Key",
                "Tags[2].Key",
                "Tags[3].Key",
                "Tags[4].Key",
                "Tags[4].Value",
                "Tags[5].Value",
            ]
        );
    }

    #[test]
    fn fifty_tags_are_allowed_and_fifty_one_are_not() {
        let fifty: Vec<Tag> = (0..50).map(|i| Tag::new(&format!("k{i}"), "")).collect();
        assert!(validate_tag_set(&fifty).problems.is_empty());
        let mut more = fifty;
        more.push(Tag::new("one-more", ""));
        let report = validate_tag_set(&more);
        assert_eq!(paths(&report), ["Tags"]);
        assert!(report.problems[0].message.contains("50"), "{report:?}");
    }

    #[test]
    fn only_the_aws_prefix_in_any_case_is_reserved() {
        assert!(is_reserved_tag_key("aws:cloudformation:stack-name"));
        assert!(is_reserved_tag_key("Aws:x"));
        assert!(!is_reserved_tag_key("awsome"));
        assert!(!is_reserved_tag_key("team:aws:x"));
    }
}
