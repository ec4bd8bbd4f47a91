//! Reading and writing the request's JSON by SageMaker path (`UserSettings.SecurityGroups[1]`,
//! `Tags[0].Key`): the form's inputs name the member they edit by its path, the same path
//! validation reports problems at.
//!
//! Writing creates the structures on the way; removing a member removes the structures it
//! leaves empty, so the request holds exactly what the person gave. List items stay until
//! their row is removed, even when empty (a row of a file system holds the empty
//! structure that says which kind it is).

use serde_json::{Map, Value};

/// One step of a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step<'a> {
    /// A member of a structure.
    Member(&'a str),
    /// An item of a list.
    Item(usize),
}

/// The steps of `path`; `None` when it is not a path (an index that is not a number).
fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (member, mut rest) = match part.find('[') {
            Some(at) => (&part[..at], &part[at..]),
            None => (part, ""),
        };
        if member.is_empty() {
            return None;
        }
        out.push(Step::Member(member));
        while let Some(inner) = rest.strip_prefix('[') {
            let end = inner.find(']')?;
            out.push(Step::Item(inner[..end].parse().ok()?));
            rest = &inner[end + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(out)
}

/// The value at `path`, if present.
pub fn get<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    steps(path)?
        .into_iter()
        .try_fold(root, |value, step| match step {
            Step::Member(name) => value.get(name),
            Step::Item(index) => value.get(index),
        })
}

/// Sets the value at `path` (`None` removes it), creating the structures on the way (a
/// list item must exist already). Answers whether anything changed.
pub fn set(root: &mut Value, path: &str, value: Option<Value>) -> bool {
    let Some(steps) = steps(path) else {
        return false;
    };
    let changed = match value {
        Some(value) => put(root, &steps, value),
        None => remove(root, &steps),
    };
    if changed {
        prune(root);
    }
    changed
}

fn put(node: &mut Value, steps: &[Step<'_>], value: Value) -> bool {
    let Some((first, rest)) = steps.split_first() else {
        let changed = *node != value;
        *node = value;
        return changed;
    };
    match first {
        Step::Member(name) => {
            if !node.is_object() {
                *node = Value::Object(Map::new());
            }
            let Some(members) = node.as_object_mut() else {
                return false;
            };
            let child = members
                .entry((*name).to_owned())
                .or_insert_with(|| match rest.first() {
                    Some(Step::Item(_)) => Value::Array(Vec::new()),
                    _ => Value::Object(Map::new()),
                });
            put(child, rest, value)
        }
        Step::Item(index) => match node.get_mut(*index) {
            Some(child) => put(child, rest, value),
            None => false,
        },
    }
}

fn remove(node: &mut Value, steps: &[Step<'_>]) -> bool {
    match steps {
        [] => false,
        [Step::Member(name)] => node
            .as_object_mut()
            .is_some_and(|members| members.remove(*name).is_some()),
        // An item is removed with its row (`remove_item`), not by emptying it.
        [Step::Item(_)] => false,
        [Step::Member(name), rest @ ..] => {
            node.get_mut(*name).is_some_and(|child| remove(child, rest))
        }
        [Step::Item(index), rest @ ..] => node
            .get_mut(*index)
            .is_some_and(|child| remove(child, rest)),
    }
}

/// Appends `item` to the list at `path` (creating the list).
pub fn push(root: &mut Value, path: &str, item: Value) -> bool {
    let Some(steps) = steps(path) else {
        return false;
    };
    if get(root, path).and_then(Value::as_array).is_none() {
        return set(root, path, Some(Value::Array(vec![item])));
    }
    with_list(root, &steps, |list| list.push(item))
}

/// Removes item `index` of the list at `path`; an emptied list is removed when
/// `drop_empty` (on create, an empty list says nothing; on update it clears the member).
pub fn remove_item(root: &mut Value, path: &str, index: usize, drop_empty: bool) -> bool {
    let Some(steps) = steps(path) else {
        return false;
    };
    let mut emptied = false;
    let changed = with_list(root, &steps, |list| {
        if index < list.len() {
            list.remove(index);
        }
        emptied = list.is_empty();
    });
    if emptied && drop_empty {
        set(root, path, None);
    }
    changed
}

fn with_list(node: &mut Value, steps: &[Step<'_>], change: impl FnOnce(&mut Vec<Value>)) -> bool {
    let mut node = node;
    for step in steps {
        let next = match step {
            Step::Member(name) => node.get_mut(*name),
            Step::Item(index) => node.get_mut(*index),
        };
        match next {
            Some(child) => node = child,
            None => return false,
        }
    }
    match node.as_array_mut() {
        Some(list) => {
            change(list);
            true
        }
        None => false,
    }
}

/// Removes members whose value is a structure without members, from the top down to the
/// first list (items and what is inside them stay as the person left them).
pub fn prune(root: &mut Value) {
    if let Value::Object(members) = root {
        prune_members(members);
    }
}

fn prune_members(members: &mut Map<String, Value>) {
    members.retain(|_, value| {
        if let Value::Object(inner) = value {
            prune_members(inner);
            !inner.is_empty()
        } else {
            true
        }
    });
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn writing_a_deep_member_creates_its_parents_and_reading_finds_it() {
        let mut root = json!({});
        let path = "UserSettings.JupyterLabAppSettings.DefaultResourceSpec.InstanceType";
        assert!(set(&mut root, path, Some(json!("ml.t3.medium"))));
        assert_eq!(get(&root, path), Some(&json!("ml.t3.medium")));
        assert_eq!(
            root,
            json!({"UserSettings": {"JupyterLabAppSettings": {"DefaultResourceSpec": {"InstanceType": "ml.t3.medium"}}}})
        );
    }

    #[test]
    fn removing_the_last_member_removes_the_structures_left_empty_but_not_rows() {
        let mut root = json!({"UserSettings": {"ExecutionRole": "r", "SharingSettings": {"S3OutputPath": "s3://b/"}}, "Tags": [{"Key": "a"}]});
        set(&mut root, "UserSettings.SharingSettings.S3OutputPath", None);
        assert_eq!(
            root,
            json!({"UserSettings": {"ExecutionRole": "r"}, "Tags": [{"Key": "a"}]})
        );
        set(&mut root, "Tags[0].Key", None);
        assert_eq!(root["Tags"], json!([{}]), "the row stays");
        set(&mut root, "UserSettings.ExecutionRole", None);
        assert_eq!(root, json!({"Tags": [{}]}));
    }

    #[test]
    fn rows_are_pushed_and_removed_and_missing_items_are_not_created() {
        let mut root = json!({});
        push(&mut root, "UserSettings.SecurityGroups", json!("sg-1"));
        push(&mut root, "UserSettings.SecurityGroups", json!("sg-2"));
        assert_eq!(
            get(&root, "UserSettings.SecurityGroups[1]"),
            Some(&json!("sg-2"))
        );
        assert!(!set(
            &mut root,
            "UserSettings.SecurityGroups[5]",
            Some(json!("x"))
        ));
        remove_item(&mut root, "UserSettings.SecurityGroups", 0, true);
        assert_eq!(root, json!({"UserSettings": {"SecurityGroups": ["sg-2"]}}));
        remove_item(&mut root, "UserSettings.SecurityGroups", 0, false);
        assert_eq!(
            root,
            json!({"UserSettings": {"SecurityGroups": []}}),
            "kept when asked"
        );
        push(&mut root, "Tags", json!({}));
        remove_item(&mut root, "Tags", 0, true);
        assert_eq!(
            root,
            json!({"UserSettings": {"SecurityGroups": []}}),
            "no rows, no Tags"
        );
    }

    #[test]
    fn nested_rows_are_addressed_by_every_index() {
        let mut root = json!({});
        let list = "UserSettings.StudioWebPortalSettings.HiddenSageMakerImageVersionAliases";
        push(&mut root, list, json!({}));
        push(
            &mut root,
            &format!("{list}[0].VersionAliases"),
            json!("1.9"),
        );
        assert_eq!(
            get(&root, &format!("{list}[0].VersionAliases[0]")),
            Some(&json!("1.9"))
        );
        assert!(steps("a[x]").is_none());
        assert!(steps("a..b").is_none());
    }
}
