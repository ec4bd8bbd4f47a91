//! The form's sections, grouped as a person thinks of them; each one reads and writes the
//! request through the form's state ([`super::model::use_form`]).
//!
//! | file | sections |
//! |---|---|
//! | `general.rs` | name, execution role, tags; IAM Identity Center sign-in (SSO domains) |
//! | `apps.rs` | one section per app kind (JupyterLab, Code Editor, ...) |
//! | `canvas.rs` | SageMaker Canvas and all its settings |
//! | `storage.rs` | space storage, file systems, POSIX user, home directory |
//! | `portal.rs` | Studio web portal, landing page |
//! | `access.rs` | sharing, security groups |
//! | `preview.rs` | the JSON preview, AWS CLI and boto3 |
//! | `section.rs` | the collapsible frame of a section |

pub mod access;
pub mod apps;
pub mod canvas;
pub mod general;
pub mod portal;
pub mod preview;
mod section;
pub mod storage;

pub use section::{FormSection, range_hint, subgroup};
