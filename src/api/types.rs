//! The JSON the proxy answers with, beyond the SageMaker shapes themselves (which come
//! from the model crate): the API contract's types (`studio-admin-api`), the very ones the
//! proxy serializes.

pub use studio_admin_api::*;
