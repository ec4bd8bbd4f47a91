//! The people of a directory: a search by user name, display name or e-mail for the
//! panel's picker, and the user id behind a user name (what `SingleSignOnUserValue` must
//! be, and what assignments name).

use std::collections::HashSet;

use serde_json::Value;
use studio_admin_api::{DirectoryUser, DirectoryUsers, MAX_DIRECTORY_USERS};
use studio_admin_model::identitystore::{
    AlternateIdentifier, DescribeUserRequest, DescribeUserResponse, Email, GetUserIdRequest,
    ListUsersRequest, Name, UniqueAttribute, User,
};

use super::directory::Directory;
use crate::sagemaker::{SageMakerClient, SageMakerError};

/// People per ListUsers page (the model's most).
const PAGE_SIZE: i32 = 100;

/// Pages of ListUsers a search reads at most (10 000 people): a search of a larger
/// directory sees its first people only, and says so (`truncated`).
const MAX_PAGES: usize = 100;

/// The id of the person whose user name is `user_name` (any case); `None` when the
/// directory has nobody of that name.
pub async fn user_id(
    client: &SageMakerClient,
    directory: &Directory,
    user_name: &str,
) -> Result<Option<String>, SageMakerError> {
    let request = GetUserIdRequest {
        identity_store_id: Some(directory.identity_store_id.clone()),
        alternate_identifier: Some(AlternateIdentifier {
            unique_attribute: Some(UniqueAttribute {
                attribute_path: Some("userName".to_owned()),
                attribute_value: Some(Value::String(user_name.to_owned())),
            }),
            ..AlternateIdentifier::default()
        }),
    };
    match client.get_user_id(&request).await {
        Ok(found) => Ok(found.user_id),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Up to [`MAX_DIRECTORY_USERS`] people whose user name, display name or an e-mail
/// address contains `search` (ignoring case; everyone for an empty search), the person
/// whose user name it is exactly first.
pub async fn search(
    client: &SageMakerClient,
    directory: &Directory,
    search: &str,
) -> Result<DirectoryUsers, SageMakerError> {
    let needle = search.trim().to_lowercase();
    let mut users = Vec::new();
    let mut seen = HashSet::new();
    if !needle.is_empty()
        && let Some(id) = user_id(client, directory, search.trim()).await?
    {
        let request = DescribeUserRequest {
            identity_store_id: Some(directory.identity_store_id.clone()),
            user_id: Some(id.clone()),
            ..DescribeUserRequest::default()
        };
        let exact = client.describe_user(&request).await?;
        seen.insert(id);
        users.push(described(exact));
    }
    let mut request = ListUsersRequest {
        identity_store_id: Some(directory.identity_store_id.clone()),
        max_results: Some(PAGE_SIZE),
        ..ListUsersRequest::default()
    };
    for _ in 0..MAX_PAGES {
        let page = client.list_users(&request).await?;
        for user in page.users.unwrap_or_default() {
            let person = listed(user);
            if !matches(&person, &needle) || !seen.insert(person.user_id.clone()) {
                continue;
            }
            if users.len() == MAX_DIRECTORY_USERS {
                // One more than are answered: the search should be narrower.
                return Ok(DirectoryUsers {
                    users,
                    truncated: true,
                });
            }
            users.push(person);
        }
        let next = page
            .next_token
            .filter(|t| !t.is_empty() && request.next_token.as_ref() != Some(t));
        match next {
            Some(token) => request.next_token = Some(token),
            None => {
                return Ok(DirectoryUsers {
                    users,
                    truncated: false,
                });
            }
        }
    }
    // More pages than a search reads.
    let truncated = true;
    Ok(DirectoryUsers { users, truncated })
}

/// Whether `person` matches the lowercase `needle`.
fn matches(person: &DirectoryUser, needle: &str) -> bool {
    needle.is_empty()
        || person.user_name.to_lowercase().contains(needle)
        || person
            .display_name
            .as_deref()
            .is_some_and(|d| d.to_lowercase().contains(needle))
        || person
            .emails
            .iter()
            .any(|e| e.to_lowercase().contains(needle))
}

/// A person from a user of ListUsers (`User`) or DescribeUser (`DescribeUserResponse`):
/// two shapes with the same members.
macro_rules! person_of {
    ($user:expr) => {{
        let user = $user;
        person(
            user.user_id,
            user.user_name,
            user.display_name,
            user.name,
            user.emails,
        )
    }};
}

/// A person as ListUsers gives them.
fn listed(user: User) -> DirectoryUser {
    person_of!(user)
}

/// A person as DescribeUser gives them.
pub(super) fn described(user: DescribeUserResponse) -> DirectoryUser {
    person_of!(user)
}

fn person(
    user_id: Option<String>,
    user_name: Option<String>,
    display_name: Option<String>,
    name: Option<Name>,
    emails: Option<Vec<Email>>,
) -> DirectoryUser {
    // The display name is optional in the directory; the formatted or given and family
    // names say the same.
    let display_name = display_name.filter(|d| !d.is_empty()).or_else(|| {
        let name = name?;
        name.formatted.filter(|f| !f.is_empty()).or_else(|| {
            let parts: Vec<String> = [name.given_name, name.family_name]
                .into_iter()
                .flatten()
                .filter(|p| !p.is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        })
    });
    let mut emails = emails.unwrap_or_default();
    // The primary address first.
    emails.sort_by_key(|e| !e.primary.unwrap_or(false));
    DirectoryUser {
        user_id: user_id.unwrap_or_default(),
        user_name: user_name.unwrap_or_default(),
        display_name,
        emails: emails.into_iter().filter_map(|e| e.value).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn maria() -> DirectoryUser {
        person(
            Some("u-1".to_owned()),
            Some("maria.garcia".to_owned()),
            None,
            Some(Name {
                given_name: Some("María".to_owned()),
                family_name: Some("García".to_owned()),
                ..Name::default()
            }),
            Some(vec![
                Email {
                    value: Some("mg@home.example".to_owned()),
                    primary: Some(false),
                    ..Email::default()
                },
                Email {
                    value: Some("maria@example.com".to_owned()),
                    primary: Some(true),
                    ..Email::default()
                },
            ]),
        )
    }

    #[test]
    fn a_person_without_a_display_name_is_shown_by_their_names_primary_address_first() {
        let maria = maria();
        assert_eq!(maria.display_name.as_deref(), Some("María García"));
        assert_eq!(maria.emails, ["maria@example.com", "mg@home.example"]);
    }

    #[test]
    fn a_search_matches_user_names_display_names_and_addresses_ignoring_case() {
        let maria = maria();
        assert!(matches(&maria, "garcia"));
        assert!(matches(&maria, "maría"));
        assert!(matches(&maria, "home.example"));
        assert!(matches(&maria, ""));
        assert!(!matches(&maria, "kim"));
    }
}
