//! Pieces of the interface that pages share: the frame and form fields.

mod app_footer;
mod app_header;
mod text_field;
mod user_profile_name_field;

pub use app_footer::AppFooter;
pub use app_header::AppHeader;
pub use text_field::TextField;
pub use user_profile_name_field::UserProfileNameField;
