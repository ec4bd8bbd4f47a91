//! The link between an operation's input and output types, so one generic client call
//! (`call::<CreateUserProfileRequest>`) knows the `X-Amz-Target` and the response type.

use serde::{Deserialize, Serialize, de::DeserializeOwned};

/// An input structure of a SageMaker operation.
pub trait Operation: Serialize + DeserializeOwned {
    /// The operation name, as in `X-Amz-Target: SageMaker.<NAME>`.
    const NAME: &'static str;
    /// The output structure (`Empty` for operations that return nothing).
    type Output: Serialize + DeserializeOwned;
}

/// The output of operations that return no members (the wire body is `{}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Empty {}
