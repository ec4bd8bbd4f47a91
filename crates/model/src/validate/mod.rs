//! Validation: the model's constraints (generated, see `generated.rs`) plus the rules AWS
//! documents in prose (`rules.rs`), reported all at once.
//!
//! The walk is driven by generated `Validate` impls, one per structure; this module holds
//! the primitive checks they call and the path bookkeeping.

mod messages;
pub mod rules;
mod tag_set;

use crate::domain::DomainContext;
use crate::pattern::Pattern;
use crate::report::{Problem, ProblemKind, Report, Severity};
use crate::wire_enum::WireEnum;
use crate::{CreateUserProfileRequest, UpdateUserProfileRequest};

pub use tag_set::{is_reserved_tag_key, validate_tag_set};

/// Length and pattern constraints of a string shape.
#[derive(Debug)]
pub struct StringRule {
    /// The shape's name in the model.
    pub shape: &'static str,
    /// Fewest characters (Unicode scalar values) allowed.
    pub min: Option<i64>,
    /// Most characters allowed.
    pub max: Option<i64>,
    /// Pattern the whole value must match.
    pub pattern: Option<&'static Pattern>,
}

/// Size constraints of a list shape (or of a map shape: its number of entries).
#[derive(Debug)]
pub struct ListRule {
    /// The shape's name in the model.
    pub shape: &'static str,
    /// Fewest items (or entries) allowed.
    pub min: Option<i64>,
    /// Most items (or entries) allowed.
    pub max: Option<i64>,
}

/// Range constraints of an integer or long shape.
#[derive(Debug)]
pub struct IntRule {
    /// The shape's name in the model.
    pub shape: &'static str,
    /// Smallest value allowed.
    pub min: Option<i64>,
    /// Largest value allowed.
    pub max: Option<i64>,
}

/// A structure that can check itself against the model's constraints.
pub trait Validate {
    /// Adds every constraint violation of `self` (and its members) to `v`.
    fn validate_into(&self, v: &mut Validator);

    /// Checks `self` alone against the model's constraints (no prose rules).
    fn check_model(&self) -> Report {
        let mut v = Validator::default();
        self.validate_into(&mut v);
        v.finish()
    }
}

#[derive(Debug, Clone, Copy)]
enum Segment {
    Member(&'static str),
    Index(usize),
}

/// Walks a request, tracking the path, and collects problems.
#[derive(Debug, Default)]
pub struct Validator {
    path: Vec<Segment>,
    problems: Vec<Problem>,
}

impl Validator {
    /// The current path in SageMaker member names (`UserSettings.SecurityGroups[1]`).
    pub fn path(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            match seg {
                Segment::Member(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }

    fn current_member(&self) -> &'static str {
        self.path
            .iter()
            .rev()
            .find_map(|s| match s {
                Segment::Member(m) => Some(*m),
                Segment::Index(_) => None,
            })
            .unwrap_or("value")
    }

    /// Runs `f` with `name` appended to the path.
    #[inline]
    pub fn member(&mut self, name: &'static str, f: impl FnOnce(&mut Self)) {
        self.path.push(Segment::Member(name));
        f(self);
        self.path.pop();
    }

    /// Runs `f` with `[index]` appended to the path.
    #[inline]
    pub fn at_index(&mut self, index: usize, f: impl FnOnce(&mut Self)) {
        self.path.push(Segment::Index(index));
        f(self);
        self.path.pop();
    }

    /// Runs `f` for the entry `key` of a map: its problems get `["key"]` after the map's
    /// path (`Extensions["aws:identitystore:enterprise"]`).
    pub fn at_key(&mut self, key: &str, f: impl FnOnce(&mut Self)) {
        // The key is spliced into the paths of the entry's problems afterwards, so that
        // paths of lists and members (all the browser ever validates) stay as they are.
        let map_path = self.path().len();
        let before = self.problems.len();
        f(self);
        let segment = format!("[{key:?}]");
        for problem in &mut self.problems[before..] {
            problem.path.insert_str(map_path, &segment);
        }
    }

    /// Records a problem at the current path.
    pub fn report(&mut self, severity: Severity, kind: ProblemKind, message: String) {
        let path = self.path();
        self.problems.push(Problem {
            path,
            message,
            severity,
            kind,
        });
    }

    /// Records an error at the current path.
    pub fn error(&mut self, kind: ProblemKind, message: String) {
        self.report(Severity::Error, kind, message);
    }

    /// Records a warning at the current path (a [`ProblemKind::Rule`]).
    pub fn warning(&mut self, message: String) {
        self.report(Severity::Warning, ProblemKind::Rule, message);
    }

    /// Reports a missing required member.
    #[inline]
    pub fn required(&mut self, present: bool) {
        if !present {
            let message = messages::required(self.current_member());
            self.error(ProblemKind::Required, message);
        }
    }

    /// Checks a string against its shape's length and pattern; a pattern problem says
    /// what the pattern asks for in words (the hints of `rules.rs`, SageMaker's shapes).
    pub fn string(&mut self, value: &str, rule: &StringRule) {
        self.check_string(value, rule, messages::pattern);
    }

    /// The same check for the shapes of the other services, whose names may be those of
    /// SageMaker shapes with other patterns: a pattern problem shows the pattern only.
    pub fn string_without_hint(&mut self, value: &str, rule: &StringRule) {
        self.check_string(value, rule, messages::bare_pattern);
    }

    #[inline(always)]
    fn check_string(
        &mut self,
        value: &str,
        rule: &StringRule,
        pattern_message: fn(&str, &str) -> String,
    ) {
        // A character takes one to four bytes, so the byte length settles most bounds
        // without counting characters (the common case: an ASCII value well within):
        // there are at least ⌈bytes / 4⌉ and at most `bytes` characters.
        let bytes = value.len() as i64;
        let surely_long_enough = rule.min.is_none_or(|m| (bytes + 3) / 4 >= m);
        let surely_short_enough = rule.max.is_none_or(|m| bytes <= m);
        if !(surely_long_enough && surely_short_enough) {
            let len = value.chars().count() as i64;
            if let Some(min) = rule.min.filter(|&m| len < m) {
                self.error(ProblemKind::Length, messages::too_short(min, len));
            }
            if let Some(max) = rule.max.filter(|&m| len > m) {
                self.error(ProblemKind::Length, messages::too_long(max, len));
            }
        }
        if let Some(pattern) = rule.pattern
            && !pattern.matches(value)
        {
            self.error(
                ProblemKind::Pattern,
                pattern_message(rule.shape, pattern.source()),
            );
        }
    }

    /// Checks a number against its shape's range.
    #[inline]
    pub fn int(&mut self, value: i64, rule: &IntRule) {
        let below = rule.min.is_some_and(|m| value < m);
        let above = rule.max.is_some_and(|m| value > m);
        if below || above {
            self.error(
                ProblemKind::Range,
                messages::range(rule.min, rule.max, value),
            );
        }
    }

    /// Checks a list's size against its shape.
    #[inline]
    pub fn list_len(&mut self, len: usize, rule: &ListRule) {
        let n = len as i64;
        if let Some(max) = rule.max.filter(|&m| n > m) {
            self.error(ProblemKind::ListLength, messages::too_many(max, n));
        }
        if let Some(min) = rule.min.filter(|&m| n < m) {
            self.error(ProblemKind::ListLength, messages::too_few(min, n));
        }
    }

    /// Checks that an enum value is one the model lists.
    #[inline]
    pub fn enum_value<E: WireEnum>(&mut self, value: &E) {
        if value.is_unknown() {
            self.error(
                ProblemKind::Enum,
                messages::not_in_enum(value.as_str(), E::SHAPE, E::VALUES),
            );
        }
    }

    /// Checks that exactly one member of a union is set.
    pub fn union_members(&mut self, set: usize, members: &[&str]) {
        if set != 1 {
            self.error(ProblemKind::Union, messages::union(set, members));
        }
    }

    /// The problems found so far.
    pub fn finish(self) -> Report {
        Report {
            problems: self.problems,
        }
    }
}

/// A request that validation knows: its model constraints plus its prose rules.
pub trait ValidateRequest: Validate {
    /// Adds the documented rules (beyond the model's constraints) for this request.
    fn validate_rules(&self, v: &mut Validator, domain: Option<&DomainContext>);
}

/// Validates a request: every model constraint and every documented rule, all at once.
///
/// `domain` is what DescribeDomain says about the target domain; without it, the rules
/// that depend on the domain (SSO fields, VPC security groups) are skipped.
pub fn validate<R: ValidateRequest>(request: &R, domain: Option<&DomainContext>) -> Report {
    let mut v = Validator::default();
    request.validate_into(&mut v);
    request.validate_rules(&mut v, domain);
    v.finish()
}

impl ValidateRequest for CreateUserProfileRequest {
    fn validate_rules(&self, v: &mut Validator, domain: Option<&DomainContext>) {
        rules::create_user_profile(self, v, domain);
    }
}

impl ValidateRequest for UpdateUserProfileRequest {
    fn validate_rules(&self, v: &mut Validator, domain: Option<&DomainContext>) {
        rules::update_user_profile(self, v, domain);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    fn lengths(value: &str, rule: &StringRule) -> Vec<String> {
        let mut v = Validator::default();
        v.string(value, rule);
        v.finish()
            .problems
            .into_iter()
            .filter(|p| p.kind == ProblemKind::Length)
            .map(|p| p.message)
            .collect()
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // 256 four-byte characters are 1,024 bytes but within a 256-character limit.
        assert!(lengths(&"😀".repeat(256), &rules::STRING256).is_empty());
        assert_eq!(
            lengths(&"😀".repeat(257), &rules::STRING256),
            ["Must be at most 256 characters long (it is 257)."]
        );
        assert!(lengths("é", &rules::TAG_KEY).is_empty());
        assert_eq!(lengths("", &rules::TAG_KEY), ["Must not be empty."]);
        assert_eq!(
            lengths("arn:aws:iam::1", &rules::ROLE_ARN),
            ["Must be at least 20 characters long (it is 14)."]
        );
    }

    #[test]
    fn a_path_names_members_and_list_items_like_sagemaker_does() {
        let mut v = Validator::default();
        v.member("UserSettings", |v| {
            v.member("SecurityGroups", |v| {
                v.at_index(1, |v| v.warning("x".into()));
            });
        });
        v.member("Tags", |v| {
            v.at_index(3, |v| v.member("Key", |v| v.required(false)));
        });
        let report = v.finish();
        let paths: Vec<&str> = report.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["UserSettings.SecurityGroups[1]", "Tags[3].Key"]);
        assert_eq!(report.problems[1].message, "Key is required.");
    }

    #[test]
    fn a_problem_in_a_map_entry_names_the_key_after_the_map() {
        let mut v = Validator::default();
        v.member("Extensions", |v| {
            v.at_key("aws:x", |v| v.warning("first".into()));
            v.at_key("b", |v| v.member("Value", |v| v.required(false)));
        });
        v.member("Name", |v| v.warning("after".into()));
        let report = v.finish();
        let paths: Vec<&str> = report.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["Extensions[\"aws:x\"]", "Extensions[\"b\"].Value", "Name"]
        );
    }
}
