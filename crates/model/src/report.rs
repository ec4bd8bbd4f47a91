//! What validation finds: every problem at once, each with a path in SageMaker member
//! names, a message a person can act on, and a severity.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Whether AWS would refuse the request, or accept it while it hurts the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// AWS (or a rule AWS documents) rejects the request.
    Error,
    /// AWS accepts the request, but the result will not be what the user wants.
    Warning,
}

/// Which kind of rule a problem comes from; lets tests and the UI tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// A required member is missing.
    Required,
    /// A string is shorter or longer than the model allows.
    Length,
    /// A string does not match the model's pattern.
    Pattern,
    /// A value is not one the model's enum lists.
    Enum,
    /// A number is outside the model's range.
    Range,
    /// A list has fewer or more items than the model allows.
    ListLength,
    /// A union has no member or more than one.
    Union,
    /// A rule the AWS documentation states in prose (SSO fields, tag keys, ...).
    Rule,
}

/// One finding of validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Where: SageMaker member names, dots between members, `[i]` for list items
    /// (`UserSettings.SecurityGroups[1]`, `Tags[3].Key`).
    pub path: String,
    /// What is wrong and what to do about it, in words for a person.
    pub message: String,
    /// Error (AWS refuses) or warning (accepted, but harmful).
    pub severity: Severity,
    /// The kind of rule.
    pub kind: ProblemKind,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}: {}: {}", self.path, self.message)
    }
}

/// Every problem validation found: first the model's constraints in the order of the
/// request's members, then the documented rules in the order of the request's members.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The findings, errors and warnings mixed (see the type's documentation for order).
    pub problems: Vec<Problem>,
}

impl Report {
    /// Whether AWS would accept the request (warnings allowed).
    pub fn is_ok(&self) -> bool {
        !self.has_errors()
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
    }

    /// The problems at exactly this path.
    pub fn at<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Problem> + 'a {
        self.problems.iter().filter(move |p| p.path == path)
    }
}
