//! The AWS client: SigV4-signed awsJson1.1 calls over a rustls HTTP client, with
//! retries, timeouts and clock-skew correction, and a fixed allow-list of operations of
//! SageMaker and of IAM Identity Center (Identity Store, SSO Admin).
//!
//! | file | job |
//! |---|---|
//! | `client.rs` | the one generic call path (sign, send, retry) |
//! | `operations.rs` | the typed, allow-listed SageMaker operations and their paginators |
//! | `identity_center.rs` | the typed, allow-listed Identity Store and SSO Admin operations |
//! | `signing.rs` | SigV4 with a given time |
//! | `clock.rs` | clock-skew correction |
//! | `credentials.rs` | the credential provider with a cache |
//! | `retry.rs` | how many attempts, the [`Backoff`](crate::backoff::Backoff) between them, which operations are never sent again blindly |
//! | `creates.rs` | creates that happen once: an ambiguous failure settled by looking |
//! | `pressure.rs` | throttled attempts counted for the work that made them (a batch adapts to them) |
//! | `codes.rs` | what AWS's error codes mean: throttling, clock skew, not found, in use, forbidden, transient |
//! | `error.rs` | errors and the awsJson1.1 error body |
//! | `endpoint.rs` | SageMaker's regional endpoints (Identity Center's come from the model's metadata) |

mod client;
mod clock;
pub mod codes;
pub mod creates;
mod credentials;
mod endpoint;
mod error;
mod identity_center;
mod operations;
pub mod pressure;
mod retry;
pub mod signing;

pub use client::{ClientBuildError, ClientConfig, SageMakerClient, SharedClient};
pub use clock::TimeSource;
pub use credentials::CredentialsCache;
pub use endpoint::default_endpoint;
pub use error::{SageMakerError, ServiceError};
pub(crate) use operations::Paged;
pub use retry::RetryPolicy;
