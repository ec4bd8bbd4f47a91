//! From a SageMaker path (`UserSettings.SecurityGroups[1]`) to the input that edits it:
//! ids for inputs and for their messages, and moving focus to the input a problem is
//! about (GOV.UK error summary: a link focuses the field).

use wasm_bindgen::JsCast;

/// The id of the input (or group of inputs) that edits `path`: letters and digits of the
/// path, each run of other characters a single `-` (`f-UserSettings-SecurityGroups-1`).
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f");
    let mut separated = false;
    for c in path.chars() {
        if c.is_ascii_alphanumeric() {
            if !separated {
                id.push('-');
                separated = true;
            }
            id.push(c);
        } else {
            separated = false;
        }
    }
    id
}

/// The id of the form section that starts with `path` (`f-Tags-section`): a problem
/// about a structure as a whole leads there when no input edits exactly that path.
pub fn section_id(path: &str) -> String {
    format!("{}-section", field_id(path))
}

/// The id of the row of the list item at `path` (`f-Tags-0-row`).
pub fn row_id(path: &str) -> String {
    format!("{}-row", field_id(path))
}

/// The path one level up (`Tags[3].Key` -> `Tags[3]` -> `Tags`), `None` at the top.
pub fn parent(path: &str) -> Option<&str> {
    let cut = path.rfind(['.', '['])?;
    Some(&path[..cut])
}

/// The part of the form a path belongs to: its first two members (`UserSettings.X`), or
/// its first for members outside UserSettings (`Tags`, `UserProfileName`). Problems that
/// are not about a missing value show as soon as anything in their section was edited.
pub fn section(path: &str) -> &str {
    let first = path.find(['.', '[']).unwrap_or(path.len());
    if &path[..first] != "UserSettings" || first == path.len() {
        return &path[..first];
    }
    let rest = &path[first + 1..];
    let second = rest.find(['.', '[']).unwrap_or(rest.len());
    &path[..first + 1 + second]
}

/// Whether `path` is `ancestor` or lies inside it.
pub fn is_within(path: &str, ancestor: &str) -> bool {
    path == ancestor
        || path
            .strip_prefix(ancestor)
            .is_some_and(|rest| rest.starts_with(['.', '[']))
}

/// Moves keyboard focus to the input for `path`, or, when the form shows no input at
/// exactly that path, to the nearest enclosing one. Collapsed sections on the way are
/// opened. Returns whether something took focus.
pub fn focus_path(path: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let mut current = Some(path);
    while let Some(p) = current {
        let element = document
            .get_element_by_id(&field_id(p))
            .or_else(|| document.get_element_by_id(&row_id(p)))
            .or_else(|| document.get_element_by_id(&section_id(p)));
        if let Some(element) = element {
            open_enclosing_sections(&element);
            let target = focusable_within(&element).unwrap_or(element);
            if let Some(html) = target.dyn_ref::<web_sys::HtmlElement>() {
                if html.get_attribute("tabindex").is_none() && !is_focusable(html) {
                    let _ = html.set_attribute("tabindex", "-1");
                }
                let _ = html.focus();
                html.scroll_into_view_with_bool(true);
                return true;
            }
        }
        current = parent(p);
    }
    false
}

fn is_focusable(element: &web_sys::HtmlElement) -> bool {
    matches!(
        element.tag_name().as_str(),
        "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON" | "A"
    )
}

/// The first control inside a group (a fieldset of checkboxes, a list of rows).
fn focusable_within(element: &web_sys::Element) -> Option<web_sys::Element> {
    if matches!(
        element.tag_name().as_str(),
        "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON"
    ) {
        return None;
    }
    element
        .query_selector("input, select, textarea, button")
        .ok()
        .flatten()
}

/// Opens every `<details>` around `element`, so the field is visible before it is focused.
fn open_enclosing_sections(element: &web_sys::Element) {
    let mut node = element.parent_element();
    while let Some(current) = node {
        if current.tag_name() == "DETAILS" {
            let _ = current.set_attribute("open", "");
        }
        node = current.parent_element();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_the_paths_words_and_indexes() {
        assert_eq!(field_id("UserProfileName"), "f-UserProfileName");
        assert_eq!(field_id("Tags[3].Key"), "f-Tags-3-Key");
        assert_eq!(
            field_id("UserSettings.SecurityGroups[1]"),
            "f-UserSettings-SecurityGroups-1"
        );
    }

    #[test]
    fn parents_walk_up_members_and_items() {
        assert_eq!(parent("Tags[3].Key"), Some("Tags[3]"));
        assert_eq!(parent("Tags[3]"), Some("Tags"));
        assert_eq!(parent("Tags"), None);
    }

    #[test]
    fn sections_are_the_first_member_or_the_user_settings_member() {
        assert_eq!(section("Tags[3].Key"), "Tags");
        assert_eq!(section("UserProfileName"), "UserProfileName");
        assert_eq!(
            section("UserSettings.JupyterServerAppSettings.DefaultResourceSpec"),
            "UserSettings.JupyterServerAppSettings"
        );
        assert_eq!(
            section("UserSettings.SecurityGroups[0]"),
            "UserSettings.SecurityGroups"
        );
        assert_eq!(section("UserSettings"), "UserSettings");
    }

    #[test]
    fn within_means_the_path_or_below_it() {
        assert!(is_within("Tags[1].Key", "Tags"));
        assert!(is_within("Tags", "Tags"));
        assert!(!is_within("TagsX", "Tags"));
    }
}
