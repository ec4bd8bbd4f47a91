//! `GET/PUT /api/domains/{domain}/profiles/{name}/tags`: a profile's tags.

use serde::{Deserialize, Serialize};
use studio_admin_model::Tag;

/// A profile's tags: what `GET` answers (every page of ListTags on the profile's ARN, in
/// AWS's order) and what `PUT` takes (the whole set the profile should hold; the proxy
/// adds and deletes only the difference, and AWS's own `aws:` tags stay as they are).
/// The member keeps AWS's name, as in the AddTags request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileTags {
    /// The tags, `{"Key", "Value"}` each.
    #[serde(rename = "Tags")]
    pub tags: Vec<Tag>,
}
