//! The allow-list: one typed method per SageMaker operation the panel may call. Nothing
//! else in the crate can reach the generic `call`, so an operation missing here cannot be
//! sent.

use studio_admin_model::{
    AddTagsInput, AddTagsOutput, AppDetails, CreatePresignedDomainUrlRequest,
    CreatePresignedDomainUrlResponse, CreateUserProfileRequest, CreateUserProfileResponse,
    DeleteAppRequest, DeleteSpaceRequest, DeleteTagsInput, DeleteTagsOutput,
    DeleteUserProfileRequest, DescribeAppRequest, DescribeAppResponse, DescribeDomainRequest,
    DescribeDomainResponse, DescribeSpaceRequest, DescribeSpaceResponse,
    DescribeUserProfileRequest, DescribeUserProfileResponse, DomainDetails, Empty, ListAppsRequest,
    ListAppsResponse, ListDomainsRequest, ListDomainsResponse, ListSpacesRequest,
    ListSpacesResponse, ListTagsInput, ListTagsOutput, ListUserProfilesRequest,
    ListUserProfilesResponse, SpaceDetails, Tag, UpdateUserProfileRequest,
    UpdateUserProfileResponse, UserProfileDetails,
};

use studio_admin_model::Operation;
use studio_admin_model::identitystore::{
    Group, GroupMembership, ListGroupMembershipsRequest, ListGroupsRequest,
};
use studio_admin_model::sso_admin::{
    ApplicationAssignment, InstanceMetadata, ListApplicationAssignmentsRequest,
    ListInstancesRequest,
};

use super::client::SageMakerClient;
use super::error::SageMakerError;

/// Paginators stop after this many pages, so a service that keeps answering with a token
/// cannot keep a request busy forever (100 items a page: 100 000 items).
pub(super) const MAX_PAGES: usize = 1000;

/// Declares allow-listed operations: one typed method per operation (its doc, name, input
/// and output), each only sending its input through the generic `call`. A table, so adding
/// an operation is one line and no method can do more than send.
macro_rules! allowed_operations {
    ($($(#[$doc:meta])* $name:ident($input:ty) -> $output:ty;)*) => {
        impl SageMakerClient {
            $(
                $(#[$doc])*
                pub async fn $name(&self, input: &$input) -> Result<$output, SageMakerError> {
                    self.call(input).await
                }
            )*
        }
    };
}
pub(super) use allowed_operations;

allowed_operations! {
    /// `ListDomains`: one page of the account's Studio domains.
    list_domains(ListDomainsRequest) -> ListDomainsResponse;
    /// `DescribeDomain`: a domain's settings (auth mode, network access, defaults).
    describe_domain(DescribeDomainRequest) -> DescribeDomainResponse;
    /// `ListUserProfiles`: one page of profiles.
    list_user_profiles(ListUserProfilesRequest) -> ListUserProfilesResponse;
    /// `DescribeUserProfile`: one profile with its settings.
    describe_user_profile(DescribeUserProfileRequest) -> DescribeUserProfileResponse;
    /// `CreateUserProfile`: the request must have been validated before.
    create_user_profile(CreateUserProfileRequest) -> CreateUserProfileResponse;
    /// `UpdateUserProfile`: the request must have been validated before.
    update_user_profile(UpdateUserProfileRequest) -> UpdateUserProfileResponse;
    /// `ListApps`: one page of apps.
    list_apps(ListAppsRequest) -> ListAppsResponse;
    /// `ListSpaces`: one page of spaces.
    list_spaces(ListSpacesRequest) -> ListSpacesResponse;
    /// `CreatePresignedDomainUrl`: a Studio sign-in URL for a profile of an IAM domain.
    create_presigned_domain_url(CreatePresignedDomainUrlRequest) -> CreatePresignedDomainUrlResponse;
    /// `DescribeApp`: one app's status (delete jobs wait on it).
    describe_app(DescribeAppRequest) -> DescribeAppResponse;
    /// `DeleteApp`: starts deleting an app (of a profile, or of a space with `SpaceName`).
    delete_app(DeleteAppRequest) -> Empty;
    /// `DescribeSpace`: one space's status (delete jobs wait on it).
    describe_space(DescribeSpaceRequest) -> DescribeSpaceResponse;
    /// `DeleteSpace`: starts deleting a space (AWS refuses while it has live apps).
    delete_space(DeleteSpaceRequest) -> Empty;
    /// `DeleteUserProfile`: starts deleting a profile (AWS refuses while it has live apps
    /// or owns spaces).
    delete_user_profile(DeleteUserProfileRequest) -> Empty;
    /// `ListTags`: one page of a resource's tags.
    list_tags(ListTagsInput) -> ListTagsOutput;
    /// `AddTags`: adds tags to a resource, replacing the values of keys it has.
    add_tags(AddTagsInput) -> AddTagsOutput;
    /// `DeleteTags`: removes tag keys from a resource.
    delete_tags(DeleteTagsInput) -> DeleteTagsOutput;
}

/// A list operation answered in pages: where its request carries the token and its answer
/// the items, so one loop ([`SageMakerClient::all_pages`]) reads every page of any of them.
pub(crate) trait Paged: Operation {
    /// What a page lists.
    type Item;
    /// The request's `NextToken`.
    fn token(&mut self) -> &mut Option<String>;
    /// A page's items and the token of the page after it.
    fn items(page: Self::Output) -> (Option<Vec<Self::Item>>, Option<String>);
}

/// Implements [`Paged`] for list requests whose answer has its items in the member named.
macro_rules! paged {
    ($($request:ty => $items:ident: $item:ty;)*) => {$(
        impl Paged for $request {
            type Item = $item;
            fn token(&mut self) -> &mut Option<String> {
                &mut self.next_token
            }
            fn items(page: Self::Output) -> (Option<Vec<$item>>, Option<String>) {
                (page.$items, page.next_token)
            }
        }
    )*};
}

paged! {
    ListTagsInput => tags: Tag;
    ListDomainsRequest => domains: DomainDetails;
    ListAppsRequest => apps: AppDetails;
    ListSpacesRequest => spaces: SpaceDetails;
    ListUserProfilesRequest => user_profiles: UserProfileDetails;
    ListInstancesRequest => instances: InstanceMetadata;
    ListApplicationAssignmentsRequest => application_assignments: ApplicationAssignment;
    ListGroupsRequest => groups: Group;
    ListGroupMembershipsRequest => group_memberships: GroupMembership;
}

impl SageMakerClient {
    /// One page of an allow-listed list operation, for loops that read every page under
    /// their own retry policy (delete jobs' patient calls).
    pub(crate) async fn page<Op: Paged>(&self, request: &Op) -> Result<Op::Output, SageMakerError> {
        self.call(request).await
    }

    /// Every item of every page of `request`, from its token on (at most [`MAX_PAGES`]).
    pub(super) async fn all_pages<Op: Paged>(
        &self,
        mut request: Op,
    ) -> Result<Vec<Op::Item>, SageMakerError> {
        let mut out = Vec::new();
        for _ in 0..MAX_PAGES {
            let (items, next) = Op::items(self.call(&request).await?);
            out.extend(items.unwrap_or_default());
            match next_token(request.token().as_deref(), next) {
                Some(token) => *request.token() = Some(token),
                None => break,
            }
        }
        Ok(out)
    }

    /// Every tag of the resource `arn`, all pages of `ListTags`.
    pub async fn all_tags(&self, arn: &str) -> Result<Vec<Tag>, SageMakerError> {
        let request = ListTagsInput {
            resource_arn: Some(arn.to_owned()),
            ..ListTagsInput::default()
        };
        self.all_pages(request).await
    }

    /// Every domain, all pages of `ListDomains`.
    pub async fn all_domains(&self) -> Result<Vec<DomainDetails>, SageMakerError> {
        self.all_pages(ListDomainsRequest::default()).await
    }

    /// Every app matching `request`'s filters, all pages of `ListApps`.
    pub async fn all_apps(
        &self,
        request: ListAppsRequest,
    ) -> Result<Vec<AppDetails>, SageMakerError> {
        self.all_pages(request).await
    }

    /// Every profile matching `request`'s filters, all pages of `ListUserProfiles`.
    pub async fn all_user_profiles(
        &self,
        request: ListUserProfilesRequest,
    ) -> Result<Vec<UserProfileDetails>, SageMakerError> {
        self.all_pages(request).await
    }

    /// Every space matching `request`'s filters, all pages of `ListSpaces`.
    pub async fn all_spaces(
        &self,
        request: ListSpacesRequest,
    ) -> Result<Vec<SpaceDetails>, SageMakerError> {
        self.all_pages(request).await
    }
}

/// The token for the next page, or `None` at the end (no token, an empty one, or the same
/// token again, which would loop).
pub(super) fn next_token(previous: Option<&str>, next: Option<String>) -> Option<String> {
    next.filter(|t| !t.is_empty() && Some(t.as_str()) != previous)
}
