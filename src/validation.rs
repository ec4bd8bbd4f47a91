//! What the model crate says about the form's values: the same validation the proxy runs
//! again before it signs a request, here for instant feedback.

use studio_admin_model::{CreateUserProfileRequest, Problem, validate};

/// The profile name's path in SageMaker member names, as problems report it.
pub const USER_PROFILE_NAME_PATH: &str = "UserProfileName";

/// Every problem the model finds with `name` as a new profile's `UserProfileName`.
///
/// An empty field means the member is absent (the form does not send an empty name), so
/// the model reports it as required rather than as a pattern mismatch. The name is checked
/// inside a `CreateUserProfileRequest`, so rules about the name beyond its shape apply too.
pub fn user_profile_name_problems(name: &str) -> Vec<Problem> {
    let request = CreateUserProfileRequest {
        user_profile_name: (!name.is_empty()).then(|| name.to_owned()),
        ..CreateUserProfileRequest::default()
    };
    validate(&request, None)
        .at(USER_PROFILE_NAME_PATH)
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use studio_admin_model::{ProblemKind, Severity};

    use super::*;

    fn kinds(name: &str) -> Vec<ProblemKind> {
        user_profile_name_problems(name)
            .iter()
            .map(|p| p.kind)
            .collect()
    }

    #[test]
    fn an_empty_name_is_reported_as_required() {
        let problems = user_profile_name_problems("");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind, ProblemKind::Required);
        assert_eq!(problems[0].message, "UserProfileName is required.");
    }

    #[test]
    fn a_name_starting_with_a_hyphen_or_holding_a_space_breaks_the_pattern() {
        assert_eq!(kinds("-bad name"), vec![ProblemKind::Pattern]);
        assert_eq!(kinds("bad name"), vec![ProblemKind::Pattern]);
        assert_eq!(kinds("bad-"), vec![ProblemKind::Pattern]);
    }

    #[test]
    fn a_name_of_letters_digits_and_inner_hyphens_has_no_problems() {
        assert_eq!(kinds("alice-01"), vec![]);
        assert_eq!(kinds("a"), vec![]);
        assert_eq!(kinds("a--b"), vec![]);
    }

    #[test]
    fn a_name_longer_than_63_characters_is_too_long() {
        assert_eq!(kinds(&"a".repeat(63)), vec![]);
        let problems = user_profile_name_problems(&"a".repeat(64));
        assert!(
            problems
                .iter()
                .any(|p| p.kind == ProblemKind::Length && p.severity == Severity::Error),
            "{problems:?}"
        );
    }

    #[test]
    fn problems_elsewhere_in_the_request_are_not_the_names() {
        // The request lacks a DomainId, which the model requires; that is not the name's
        // problem and must not show up next to the name field.
        assert!(
            user_profile_name_problems("alice")
                .iter()
                .all(|p| p.path == USER_PROFILE_NAME_PATH)
        );
    }
}
