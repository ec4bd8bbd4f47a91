//! The audit log: one entry for every sign-in, sign-out, refused identity header and
//! change made through the API, with who, when, what and the outcome, also when refused.
//!
//! | file | job |
//! |---|---|
//! | `note.rs` | [`Note`]: what a handler or the auth layer tells the log about its request |
//! | `layer.rs` | the middleware that writes the entry once the answer is known |
//! | `actions.rs` | the changes the routes declared, and the middleware naming a request's |
//! | `csv.rs` | the CSV export (RFC 4180, formula cells neutralized) |
//! | `retention.rs` | the daily deletion of entries older than the retention |
//!
//! Passwords, cookies, CSRF tokens and presigned URLs are never written: entries are
//! built from the path, the status and what handlers put in the [`Note`], never from
//! headers or whole bodies.

mod actions;
pub mod csv;
mod layer;
mod note;
pub mod retention;

pub use actions::{Changes, name_change};
pub use layer::record;
pub use note::{Note, NoteFields};
