//! Rules AWS documents in prose, beyond the model's constraints, and human descriptions of
//! the model's patterns.

use super::Validator;
use crate::domain::DomainContext;
use crate::{CreateUserProfileRequest, UpdateUserProfileRequest};

/// A sentence describing what a shape's pattern allows, for messages.
pub(crate) fn pattern_hint(shape: &str) -> Option<&'static str> {
    let _ = shape;
    None
}

/// Documented rules for CreateUserProfile.
pub(crate) fn create_user_profile(
    request: &CreateUserProfileRequest,
    v: &mut Validator,
    domain: Option<&DomainContext>,
) {
    let _ = (request, v, domain);
}

/// Documented rules for UpdateUserProfile.
pub(crate) fn update_user_profile(
    request: &UpdateUserProfileRequest,
    v: &mut Validator,
    domain: Option<&DomainContext>,
) {
    let _ = (request, v, domain);
}
