//! One module per page of the panel.

mod add_user;

pub use add_user::AddUserPage;
