//! Inputs bound to the add/edit-user form's request, one kind per file; each finds the
//! form with [`super::model::use_form`] and shows the problems at its own path.

mod checklist;
mod directory;
pub mod frame;
mod instance_type;
mod number;
mod rows;
mod select;
mod text;

pub use checklist::EnumChecklist;
pub use directory::DirectoryPicker;
pub use instance_type::{INSTANCE_TYPES_LIST, InstanceTypeInput, InstanceTypeList};
pub use number::NumberInput;
pub use rows::Rows;
pub use select::{EnumSelect, switch_words};
pub use text::TextInput;
