//! IAM Identity Center for SSO-mode domains: where a domain's people are, who they are,
//! and whether they get into Studio.
//!
//! | file | job |
//! |---|---|
//! | `directory.rs` | a domain's directory (application, instance, identity store, whether assignment is required), found once and cached per domain for a short time |
//! | `people.rs` | searching the directory, and the user id of a user name |
//! | `groups.rs` | the directory's groups, and a group's members as a team file |
//! | `access.rs` | how a person reaches Studio (directly, through a group, not required, not at all); granting and removing a direct assignment |
//!
//! Every call goes through the proxy's signed client ([`crate::sagemaker`]), whose
//! allow-list holds exactly the Identity Store and SSO Admin operations used here.

mod access;
mod directory;
mod groups;
mod people;

pub use access::{Reach, grant, reach, remove_direct};
pub use directory::{DIRECTORY_TTL_MS, Directories, Directory, IdentityError, discover};
pub use groups::{group_file, groups};
pub use people::{search, user_id};
