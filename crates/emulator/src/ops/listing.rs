//! One page of a list operation's answer, cut the same way for every list request: at
//! most its MaxResults entries after its NextToken, in the order asked, with a next token
//! bound to the request's filters (so it cannot be replayed with others).

use std::time::Duration;

use studio_admin_model::{
    ListAppsRequest, ListDomainsRequest, ListSpacesRequest, ListUserProfilesRequest, Operation,
    SortOrder, WireEnum, identitystore, sso_admin,
};

use super::{contains_ignoring_case, cursor, descending};
use crate::emulator::Emulator;
use crate::error::ApiError;
use crate::paging::{self, Cursor, PageRequest};
use crate::store::InDomain;

/// A list request: how many entries it wants, and after which token.
pub(super) trait ListRequest: Operation {
    /// The page size: the request's MaxResults, or the service's default.
    fn max_results(&self) -> Option<i32>;
    /// The token of the page before.
    fn next_token(&self) -> Option<&str>;
}

/// Implements [`ListRequest`] for request types with `max_results` and `next_token`;
/// `default` is the page size when the request gives none (`None`: the paging module's).
macro_rules! list_requests {
    (default $default:expr; $($request:ty),+ $(,)?) => {$(
        impl ListRequest for $request {
            fn max_results(&self) -> Option<i32> {
                page_size(self.max_results, $default)
            }
            fn next_token(&self) -> Option<&str> {
                self.next_token.as_deref()
            }
        }
    )+};
}

list_requests!(default None;
    ListAppsRequest,
    ListDomainsRequest,
    ListSpacesRequest,
    ListUserProfilesRequest,
);

// IAM Identity Center answers 50 entries when a list request gives no MaxResults.
list_requests!(default Some(50);
    identitystore::ListUsersRequest,
    identitystore::ListGroupsRequest,
    identitystore::ListGroupMembershipsRequest,
    identitystore::ListGroupMembershipsForMemberRequest,
    sso_admin::ListInstancesRequest,
    sso_admin::ListApplicationAssignmentsRequest,
    sso_admin::ListApplicationAssignmentsForPrincipalRequest,
);

/// A request's MaxResults, or the service's default page size when it gives none.
fn page_size(max_results: Option<i32>, default: Option<i32>) -> Option<i32> {
    max_results.or(default)
}

/// A list position in order of making (`id` breaks ties, when there can be any).
pub(super) fn in_order_made(seq: u64, id: String) -> Cursor {
    Cursor {
        key: i64::try_from(seq).unwrap_or(i64::MAX),
        id,
    }
}

/// A list position by name, ignoring case (the id breaks ties).
pub(super) fn by_name(name: &str, id: &str) -> Cursor {
    Cursor {
        key: 0,
        id: format!("{}/{id}", name.to_lowercase()),
    }
}

impl Emulator {
    /// The page of `items` that `request` asks for, and the token of the next one.
    /// `filters`: the request's filters and sort, which the token is bound to.
    pub(super) fn page_of<R: ListRequest, T>(
        &self,
        request: &R,
        items: Vec<(Cursor, T)>,
        descending: bool,
        filters: &[&str],
    ) -> Result<(Vec<T>, Option<String>), ApiError> {
        let parts: Vec<&str> = std::iter::once(R::NAME)
            .chain(filters.iter().copied())
            .collect();
        let page = PageRequest {
            max_results: request.max_results(),
            next_token: request.next_token(),
            descending,
            fingerprint: paging::fingerprint(&parts),
        };
        paging::page(self.token_key(), items, &page)
    }
}

/// The filters and sort of ListUserProfiles and ListSpaces: a domain, a part of the name
/// (any case), `CreationTime` or `LastModifiedTime`, and the order.
pub(super) struct InDomainFilters<'a> {
    domain_id: Option<&'a str>,
    name_contains: Option<&'a str>,
    /// The `SortBy` member's spelling (both operations spell their keys alike).
    sort_by: Option<&'a str>,
    sort_order: Option<&'a SortOrder>,
}

/// A list request of records named within a domain (user profiles, spaces).
pub(super) trait ListsInDomain: ListRequest {
    fn filters(&self) -> InDomainFilters<'_>;
}

/// Implements [`ListsInDomain`] for list requests with `DomainIdEquals`, `SortBy`,
/// `SortOrder` and the name filter `$name_contains`.
macro_rules! lists_in_domain {
    ($($request:ty => $name_contains:ident),+ $(,)?) => {$(
        impl ListsInDomain for $request {
            fn filters(&self) -> InDomainFilters<'_> {
                InDomainFilters {
                    domain_id: self.domain_id_equals.as_deref(),
                    name_contains: self.$name_contains.as_deref(),
                    sort_by: self.sort_by.as_ref().map(WireEnum::as_str),
                    sort_order: self.sort_order.as_ref(),
                }
            }
        }
    )+};
}

lists_in_domain!(
    ListUserProfilesRequest => user_profile_name_contains,
    ListSpacesRequest => space_name_contains,
);

impl Emulator {
    /// The page of the profiles or spaces `request` keeps and asks for, each as
    /// `details` makes it from the record, its status and when that status began.
    pub(super) fn page_in_domain<R: ListsInDomain, T: InDomain, D>(
        &self,
        request: &R,
        records: &[T],
        details: impl Fn(&T, T::Status, Duration) -> D,
    ) -> Result<(Vec<D>, Option<String>), ApiError> {
        let filters = request.filters();
        let now = self.now();
        let by_modified = filters.sort_by == Some("LastModifiedTime");
        let items = records
            .iter()
            .filter(|r| {
                filters.domain_id.is_none_or(|d| r.domain_id() == d)
                    && filters
                        .name_contains
                        .is_none_or(|part| contains_ignoring_case(r.name(), part))
            })
            .filter_map(|r| {
                let status = r.timeline().status(now)?.clone();
                let modified = r.timeline().since(now);
                let key = if by_modified { modified } else { r.created() };
                Some((
                    cursor(key, r.arn().to_owned()),
                    details(r, status, modified),
                ))
            })
            .collect();
        self.page_of(
            request,
            items,
            descending(filters.sort_order),
            &[
                filters.domain_id.unwrap_or(""),
                filters.name_contains.unwrap_or(""),
                filters.sort_by.unwrap_or(""),
                filters.sort_order.map_or("", |s| s.as_str()),
            ],
        )
    }
}
