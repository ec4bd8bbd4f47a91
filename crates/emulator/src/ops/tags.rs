//! AddTags, DeleteTags, ListTags on the ARN of a domain, user profile, space or app, and
//! the tag rules the create operations share.
//!
//! AWS's rules: keys are unique on a resource (compared case-sensitively), a resource
//! holds at most 50 tags, keys starting with `aws:` (any case) are AWS's own and cannot be
//! added or removed; AddTags with a key the resource has replaces its value; DeleteTags of
//! a key the resource lacks does nothing. A resource that does not exist (or an app that
//! is `Deleted`) is a `ValidationException`, as SageMaker answers it.

use std::time::Duration;

use studio_admin_model::{
    AddTagsInput, AddTagsOutput, AppStatus, DeleteTagsInput, DeleteTagsOutput, ListTagsInput,
    ListTagsOutput, Operation, Tag,
};

use super::required;
use crate::emulator::Emulator;
use crate::error::ApiError;
use crate::paging::{self, Cursor, PageRequest};
use crate::store::Store;

/// Most tags one resource may hold.
const MAX_TAGS: usize = 50;
/// ListTags answers this many tags when the request gives no MaxResults (the least the
/// model allows, which is also the most a resource holds).
const DEFAULT_LIST_TAGS: i32 = 50;
/// The prefix of the keys AWS reserves for itself.
const RESERVED_PREFIX: &str = "aws:";

fn reserved(key: &str) -> bool {
    key.get(..RESERVED_PREFIX.len())
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case(RESERVED_PREFIX))
}

fn reserved_error() -> ApiError {
    ApiError::validation(
        "Tag keys starting with 'aws:' are reserved for AWS use and cannot be added, changed or removed.",
    )
}

/// The tags a create request gives, checked as AWS checks them: no `aws:` keys, no key
/// twice, at most 50.
pub(crate) fn initial_tags(tags: Option<Vec<Tag>>) -> Result<Vec<Tag>, ApiError> {
    let mut out: Vec<Tag> = Vec::new();
    for tag in tags.unwrap_or_default() {
        let key = tag.key.as_deref().unwrap_or_default();
        if reserved(key) {
            return Err(reserved_error());
        }
        if out.iter().any(|t| t.key.as_deref() == Some(key)) {
            return Err(duplicate(key));
        }
        out.push(tag);
    }
    if out.len() > MAX_TAGS {
        return Err(too_many(out.len()));
    }
    Ok(out)
}

fn duplicate(key: &str) -> ApiError {
    ApiError::validation(format!(
        "Duplicate tag key '{key}': tag keys must be unique per resource."
    ))
}

fn too_many(count: usize) -> ApiError {
    ApiError::validation(format!(
        "A resource can have at most {MAX_TAGS} tags; this request would leave it with {count}."
    ))
}

fn not_found(arn: &str) -> ApiError {
    ApiError::validation(format!("Could not find resource with ARN {arn}."))
}

/// Where a taggable resource is kept in the store.
#[derive(Debug, Clone, Copy)]
enum Tagged {
    Domain(usize),
    Profile(usize),
    Space(usize),
    App(usize),
}

impl Store {
    /// The resource with this ARN (compared ignoring case), unless it is gone; an app
    /// counts only while it is not `Deleted`.
    fn find_tagged(&self, arn: &str, now: Duration) -> Option<Tagged> {
        let same = |other: &str| other.eq_ignore_ascii_case(arn);
        let domains = self
            .domains
            .iter()
            .position(|d| same(&d.arn) && !d.timeline.is_gone(now));
        let profiles = || {
            self.profiles
                .iter()
                .position(|p| same(&p.arn) && !p.timeline.is_gone(now))
        };
        let spaces = || {
            self.spaces
                .iter()
                .position(|s| same(&s.arn) && !s.timeline.is_gone(now))
        };
        let apps = || {
            self.apps.iter().position(|a| {
                same(&a.arn)
                    && a.timeline
                        .status(now)
                        .is_some_and(|s| *s != AppStatus::Deleted)
            })
        };
        domains
            .map(Tagged::Domain)
            .or_else(|| profiles().map(Tagged::Profile))
            .or_else(|| spaces().map(Tagged::Space))
            .or_else(|| apps().map(Tagged::App))
    }

    fn tags(&self, at: Tagged) -> &Vec<Tag> {
        match at {
            Tagged::Domain(i) => &self.domains[i].tags,
            Tagged::Profile(i) => &self.profiles[i].tags,
            Tagged::Space(i) => &self.spaces[i].tags,
            Tagged::App(i) => &self.apps[i].tags,
        }
    }

    fn tags_mut(&mut self, at: Tagged) -> &mut Vec<Tag> {
        match at {
            Tagged::Domain(i) => &mut self.domains[i].tags,
            Tagged::Profile(i) => &mut self.profiles[i].tags,
            Tagged::Space(i) => &mut self.spaces[i].tags,
            Tagged::App(i) => &mut self.apps[i].tags,
        }
    }
}

impl Emulator {
    /// AddTags: adds the tags, replacing the values of keys the resource has; answers
    /// the tags given.
    pub(crate) fn add_tags(&self, request: AddTagsInput) -> Result<AddTagsOutput, ApiError> {
        let arn = required(&request.resource_arn, "ResourceArn")?.to_owned();
        let given = request.tags.unwrap_or_default();
        let mut seen: Vec<&str> = Vec::new();
        for tag in &given {
            let key = tag.key.as_deref().unwrap_or_default();
            if reserved(key) {
                return Err(reserved_error());
            }
            if seen.contains(&key) {
                return Err(duplicate(key));
            }
            seen.push(key);
        }
        let (mut store, now) = self.write();
        let at = store
            .find_tagged(&arn, now)
            .ok_or_else(|| not_found(&arn))?;
        let tags = store.tags_mut(at);
        let added = given
            .iter()
            .filter(|g| !tags.iter().any(|t| t.key == g.key))
            .count();
        if tags.len() + added > MAX_TAGS {
            return Err(too_many(tags.len() + added));
        }
        for tag in &given {
            match tags.iter_mut().find(|t| t.key == tag.key) {
                Some(existing) => existing.value = tag.value.clone(),
                None => tags.push(tag.clone()),
            }
        }
        Ok(AddTagsOutput { tags: Some(given) })
    }

    /// DeleteTags: removes the keys the resource has; keys it lacks are ignored.
    pub(crate) fn delete_tags(
        &self,
        request: &DeleteTagsInput,
    ) -> Result<DeleteTagsOutput, ApiError> {
        let arn = required(&request.resource_arn, "ResourceArn")?;
        let keys = request.tag_keys.as_deref().unwrap_or_default();
        if keys.iter().any(|k| reserved(k)) {
            return Err(reserved_error());
        }
        let (mut store, now) = self.write();
        let at = store.find_tagged(arn, now).ok_or_else(|| not_found(arn))?;
        store
            .tags_mut(at)
            .retain(|t| !keys.iter().any(|k| t.key.as_deref() == Some(k.as_str())));
        Ok(DeleteTagsOutput {})
    }

    /// ListTags: the resource's tags in the order they were added, in pages.
    pub(crate) fn list_tags(&self, request: &ListTagsInput) -> Result<ListTagsOutput, ApiError> {
        let arn = required(&request.resource_arn, "ResourceArn")?;
        let (store, now) = self.read_now();
        let at = store.find_tagged(arn, now).ok_or_else(|| not_found(arn))?;
        let items = store
            .tags(at)
            .iter()
            .enumerate()
            .map(|(i, tag)| {
                let cursor = Cursor {
                    key: i64::try_from(i).unwrap_or(i64::MAX),
                    id: tag.key.clone().unwrap_or_default(),
                };
                (cursor, tag.clone())
            })
            .collect();
        let page = PageRequest {
            max_results: Some(request.max_results.unwrap_or(DEFAULT_LIST_TAGS)),
            next_token: request.next_token.as_deref(),
            descending: false,
            fingerprint: paging::fingerprint(&[ListTagsInput::NAME, &arn.to_ascii_lowercase()]),
        };
        let (tags, next_token) = paging::page(self.token_key(), items, &page)?;
        Ok(ListTagsOutput {
            next_token,
            tags: Some(tags),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(key: &str) -> Tag {
        Tag::new(key, "")
    }

    #[test]
    fn the_aws_prefix_is_reserved_in_any_letter_case() {
        assert!(reserved("aws:createdBy"));
        assert!(reserved("AWS:x"));
        assert!(!reserved("awsome"));
        assert!(!reserved("team:aws:x"));
    }

    #[test]
    fn a_create_request_may_not_repeat_a_key_but_may_vary_its_case() {
        assert!(initial_tags(Some(vec![tag("Team"), tag("team")])).is_ok());
        let error = initial_tags(Some(vec![tag("Team"), tag("Team")])).unwrap_err();
        assert!(
            error.message.contains("Duplicate tag key 'Team'"),
            "{error}"
        );
    }
}
