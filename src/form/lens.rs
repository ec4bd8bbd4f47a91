//! Lenses into the request: how one input reads and writes one member, deep inside
//! `CreateUserProfileRequest`, and which SageMaker path it is (the path validation
//! reports problems at, and the input's id is made from).
//!
//! Writing a member creates its parents as needed (`UserSettings`, then
//! `JupyterLabAppSettings`, ...); removing one removes the parents it leaves empty, so
//! the request (and its JSON preview) holds exactly what the person gave. Rows of lists
//! stay until removed, even when empty.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;
use studio_admin_model::CreateUserProfileRequest;

/// The request every lens starts from.
pub type Request = CreateUserProfileRequest;

type Getter<T> = Arc<dyn for<'a> Fn(&'a Request) -> Option<&'a T> + Send + Sync>;
type Modifier<T> = Arc<dyn Fn(&mut Request, &mut dyn FnMut(&mut T)) + Send + Sync>;
type Setter<T> = Arc<dyn Fn(&mut Request, Option<T>) + Send + Sync>;
type Pruner = Arc<dyn Fn(&mut Request) + Send + Sync>;

/// Whether `value` serializes to an object without members (a structure with nothing
/// given), which the request should rather leave out.
fn is_empty_structure<T: Serialize>(value: &T) -> bool {
    serde_json::to_string(value).is_ok_and(|json| json == "{}")
}

/// Reads and writes one member (or list item) of the request.
pub struct Lens<T> {
    path: Arc<str>,
    get: Getter<T>,
    modify: Modifier<T>,
    set: Setter<T>,
    /// Removes this member if it holds nothing, then lets its parent do the same.
    prune: Pruner,
}

impl<T> Clone for Lens<T> {
    fn clone(&self) -> Self {
        Self {
            path: self.path.clone(),
            get: self.get.clone(),
            modify: self.modify.clone(),
            set: self.set.clone(),
            prune: self.prune.clone(),
        }
    }
}

impl<T> fmt::Debug for Lens<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Lens").field(&self.path).finish()
    }
}

/// A top-level member of the request.
pub fn member<U: Default + Serialize + Send + Sync + 'static>(
    name: &str,
    get: fn(&Request) -> &Option<U>,
    get_mut: fn(&mut Request) -> &mut Option<U>,
) -> Lens<U> {
    Lens {
        path: Arc::from(name),
        get: Arc::new(move |r| get(r).as_ref()),
        modify: Arc::new(move |r, f| f(get_mut(r).get_or_insert_with(U::default))),
        set: Arc::new(move |r, v| *get_mut(r) = v),
        prune: Arc::new(move |r| {
            if get(r).as_ref().is_some_and(is_empty_structure) {
                *get_mut(r) = None;
            }
        }),
    }
}

impl<T: 'static> Lens<T> {
    /// The SageMaker path (`UserSettings.SecurityGroups[1]`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The member's value in `request`, if present.
    pub fn get<'a>(&self, request: &'a Request) -> Option<&'a T> {
        (self.get)(request)
    }

    /// Sets (or, with `None`, removes) the member, creating its parents as needed.
    pub fn set(&self, request: &mut Request, value: Option<T>) {
        (self.set)(request, value);
    }

    /// Changes the member in place, creating it (and its parents) as needed.
    pub fn modify(&self, request: &mut Request, mut change: impl FnMut(&mut T)) {
        (self.modify)(request, &mut change);
    }

    /// The lens of a member of this structure.
    pub fn member<U: Default + Serialize + Send + Sync + 'static>(
        &self,
        name: &str,
        get: fn(&T) -> &Option<U>,
        get_mut: fn(&mut T) -> &mut Option<U>,
    ) -> Lens<U>
    where
        T: Default,
    {
        let mut lens = self.leaf(name, get, get_mut);
        let parent_modify = self.modify.clone();
        lens.modify = Arc::new(move |r, f| {
            parent_modify(r, &mut |p: &mut T| {
                f(get_mut(p).get_or_insert_with(U::default));
            });
        });
        let (parent_get, parent_set, parent_prune) =
            (self.get.clone(), self.modify.clone(), self.prune.clone());
        lens.prune = Arc::new(move |r| {
            let empty = parent_get(r)
                .and_then(|p| get(p).as_ref())
                .is_some_and(is_empty_structure);
            if empty {
                parent_set(r, &mut |p: &mut T| *get_mut(p) = None);
                parent_prune(r);
            }
        });
        lens
    }

    /// The lens of a member that has no empty value of its own (an enum): writing creates
    /// its parents, changing it in place needs it present.
    pub fn leaf<U: Send + Sync + 'static>(
        &self,
        name: &str,
        get: fn(&T) -> &Option<U>,
        get_mut: fn(&mut T) -> &mut Option<U>,
    ) -> Lens<U>
    where
        T: Default,
    {
        let (parent_get, parent_modify) = (self.get.clone(), self.modify.clone());
        let (parent_set, parent_prune) = (self.modify.clone(), self.prune.clone());
        Lens {
            path: Arc::from(format!("{}.{name}", self.path)),
            get: Arc::new(move |r| parent_get(r).and_then(|p| get(p).as_ref())),
            modify: Arc::new(move |r, f| {
                parent_modify(r, &mut |p: &mut T| {
                    if let Some(value) = get_mut(p) {
                        f(value);
                    }
                });
            }),
            set: Arc::new(move |r, value| {
                let removed = value.is_none();
                let mut value = Some(value);
                parent_set(r, &mut |p: &mut T| {
                    if let Some(value) = value.take() {
                        *get_mut(p) = value;
                    }
                });
                if removed {
                    parent_prune(r);
                }
            }),
            // A value without an empty form is never an empty structure.
            prune: Arc::new(|_| {}),
        }
    }

    /// Whether this lens is a list item (`...[3]`): items cannot be absent, only removed.
    pub fn is_item(&self) -> bool {
        self.path.ends_with(']')
    }
}

impl<T: Send + Sync + 'static> Lens<Vec<T>> {
    /// The lens of item `index` of this list (absent items read as `None` and are not
    /// created by writes; writing `None` leaves the item as it is: remove rows instead).
    pub fn item(&self, index: usize) -> Lens<T> {
        let (parent_get, parent_modify) = (self.get.clone(), self.modify.clone());
        let parent_set = self.modify.clone();
        Lens {
            path: Arc::from(format!("{}[{index}]", self.path)),
            get: Arc::new(move |r| parent_get(r).and_then(|list| list.get(index))),
            modify: Arc::new(move |r, f| {
                parent_modify(r, &mut |list: &mut Vec<T>| {
                    if let Some(item) = list.get_mut(index) {
                        f(item);
                    }
                });
            }),
            set: Arc::new(move |r, value| {
                let mut value = value;
                parent_set(r, &mut |list: &mut Vec<T>| {
                    if let (Some(item), Some(value)) = (list.get_mut(index), value.take()) {
                        *item = value;
                    }
                });
            }),
            // Rows stay until they are removed, even when empty.
            prune: Arc::new(|_| {}),
        }
    }

    /// How many items the list has in `request`.
    pub fn len(&self, request: &Request) -> usize {
        self.get(request).map_or(0, Vec::len)
    }
}

/// `lens.member("Name", |s| &s.name, |s| &mut s.name)` without the repetition:
/// `field!(lens, Name => name)`; `field!(Name => name)` for a top-level member.
#[macro_export]
macro_rules! field {
    ($wire:ident => $rust:ident) => {
        $crate::form::lens::member(stringify!($wire), |r| &r.$rust, |r| &mut r.$rust)
    };
    ($lens:expr, $wire:ident => $rust:ident) => {
        $lens.member(stringify!($wire), |s| &s.$rust, |s| &mut s.$rust)
    };
}

/// [`field!`] for members without an empty value (enums): `leaf!(lens, Status => status)`.
#[macro_export]
macro_rules! leaf {
    ($lens:expr, $wire:ident => $rust:ident) => {
        $lens.leaf(stringify!($wire), |s| &s.$rust, |s| &mut s.$rust)
    };
}

#[cfg(test)]
mod tests {
    use studio_admin_model::{AppInstanceType, Tag};

    use super::*;

    #[test]
    fn removing_the_last_value_of_a_structure_removes_the_structures_left_empty() {
        let settings = field!(UserSettings => user_settings);
        let lab = field!(settings, JupyterLabAppSettings => jupyter_lab_app_settings);
        let spec = field!(lab, DefaultResourceSpec => default_resource_spec);
        let instance = leaf!(spec, InstanceType => instance_type);
        let alias = field!(spec, SageMakerImageVersionAlias => sage_maker_image_version_alias);
        let role = field!(settings, ExecutionRole => execution_role);
        let mut request = Request::default();
        instance.set(&mut request, Some(AppInstanceType::MlT3Medium));
        alias.set(&mut request, Some("2.1".into()));
        role.set(
            &mut request,
            Some("arn:aws:iam::123456789012:role/r".into()),
        );

        instance.set(&mut request, None);
        assert!(spec.get(&request).is_some(), "the alias is still there");
        alias.set(&mut request, None);
        let json = serde_json::to_string(&request).expect("serializes");
        assert_eq!(
            json,
            r#"{"UserSettings":{"ExecutionRole":"arn:aws:iam::123456789012:role/r"}}"#
        );
        role.set(&mut request, None);
        assert_eq!(serde_json::to_string(&request).expect("serializes"), "{}");
    }

    #[test]
    fn empty_rows_stay_until_removed() {
        let tags = field!(Tags => tags);
        let mut request = Request::default();
        tags.modify(&mut request, |list| list.push(Tag::default()));
        let key = field!(tags.item(0), Key => key);
        key.set(&mut request, Some("a".into()));
        key.set(&mut request, None);
        assert_eq!(
            serde_json::to_string(&request).expect("serializes"),
            r#"{"Tags":[{}]}"#
        );
    }

    #[test]
    fn writing_a_deep_member_creates_its_parents_and_reading_finds_it() {
        let settings = field!(UserSettings => user_settings);
        let spec = field!(
            field!(settings, JupyterLabAppSettings => jupyter_lab_app_settings),
            DefaultResourceSpec => default_resource_spec
        );
        let instance = leaf!(spec, InstanceType => instance_type);
        assert_eq!(
            instance.path(),
            "UserSettings.JupyterLabAppSettings.DefaultResourceSpec.InstanceType"
        );
        let mut request = Request::default();
        assert_eq!(instance.get(&request), None);
        instance.set(&mut request, Some(AppInstanceType::MlT3Medium));
        assert_eq!(instance.get(&request), Some(&AppInstanceType::MlT3Medium));
        let json = serde_json::to_value(&request).expect("serializes");
        assert_eq!(
            json["UserSettings"]["JupyterLabAppSettings"]["DefaultResourceSpec"]["InstanceType"],
            "ml.t3.medium"
        );
    }

    #[test]
    fn list_items_are_addressed_by_index_and_missing_items_are_not_created() {
        let tags = field!(Tags => tags);
        let mut request = Request::default();
        tags.set(&mut request, Some(vec![Tag::default(), Tag::default()]));
        assert_eq!(tags.len(&request), 2);
        let second_key = field!(tags.item(1), Key => key);
        assert_eq!(second_key.path(), "Tags[1].Key");
        second_key.set(&mut request, Some("team".into()));
        assert_eq!(
            request.tags.as_ref().map(|t| t[1].key.clone()),
            Some(Some("team".into()))
        );
        let missing = field!(tags.item(5), Key => key);
        missing.set(&mut request, Some("nope".into()));
        assert_eq!(tags.len(&request), 2);
    }
}
