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
    UpdateUserProfileResponse,
};

use super::client::SageMakerClient;
use super::error::SageMakerError;

/// Paginators stop after this many pages, so a service that keeps answering with a token
/// cannot keep a request busy forever (100 items a page: 100 000 items).
pub(super) const MAX_PAGES: usize = 1000;

impl SageMakerClient {
    /// `ListDomains`: one page of the account's Studio domains.
    pub async fn list_domains(
        &self,
        input: &ListDomainsRequest,
    ) -> Result<ListDomainsResponse, SageMakerError> {
        self.call(input).await
    }

    /// `DescribeDomain`: a domain's settings (auth mode, network access, defaults).
    pub async fn describe_domain(
        &self,
        input: &DescribeDomainRequest,
    ) -> Result<DescribeDomainResponse, SageMakerError> {
        self.call(input).await
    }

    /// `ListUserProfiles`: one page of profiles.
    pub async fn list_user_profiles(
        &self,
        input: &ListUserProfilesRequest,
    ) -> Result<ListUserProfilesResponse, SageMakerError> {
        self.call(input).await
    }

    /// `DescribeUserProfile`: one profile with its settings.
    pub async fn describe_user_profile(
        &self,
        input: &DescribeUserProfileRequest,
    ) -> Result<DescribeUserProfileResponse, SageMakerError> {
        self.call(input).await
    }

    /// `CreateUserProfile`: the request must have been validated before.
    pub async fn create_user_profile(
        &self,
        input: &CreateUserProfileRequest,
    ) -> Result<CreateUserProfileResponse, SageMakerError> {
        self.call(input).await
    }

    /// `UpdateUserProfile`: the request must have been validated before.
    pub async fn update_user_profile(
        &self,
        input: &UpdateUserProfileRequest,
    ) -> Result<UpdateUserProfileResponse, SageMakerError> {
        self.call(input).await
    }

    /// `ListApps`: one page of apps.
    pub async fn list_apps(
        &self,
        input: &ListAppsRequest,
    ) -> Result<ListAppsResponse, SageMakerError> {
        self.call(input).await
    }

    /// `ListSpaces`: one page of spaces.
    pub async fn list_spaces(
        &self,
        input: &ListSpacesRequest,
    ) -> Result<ListSpacesResponse, SageMakerError> {
        self.call(input).await
    }

    /// `CreatePresignedDomainUrl`: a Studio sign-in URL for a profile of an IAM domain.
    pub async fn create_presigned_domain_url(
        &self,
        input: &CreatePresignedDomainUrlRequest,
    ) -> Result<CreatePresignedDomainUrlResponse, SageMakerError> {
        self.call(input).await
    }

    /// `DescribeApp`: one app's status (delete jobs wait on it).
    pub async fn describe_app(
        &self,
        input: &DescribeAppRequest,
    ) -> Result<DescribeAppResponse, SageMakerError> {
        self.call(input).await
    }

    /// `DeleteApp`: starts deleting an app (of a profile, or of a space with `SpaceName`).
    pub async fn delete_app(&self, input: &DeleteAppRequest) -> Result<Empty, SageMakerError> {
        self.call(input).await
    }

    /// `DescribeSpace`: one space's status (delete jobs wait on it).
    pub async fn describe_space(
        &self,
        input: &DescribeSpaceRequest,
    ) -> Result<DescribeSpaceResponse, SageMakerError> {
        self.call(input).await
    }

    /// `DeleteSpace`: starts deleting a space (AWS refuses while it has live apps).
    pub async fn delete_space(&self, input: &DeleteSpaceRequest) -> Result<Empty, SageMakerError> {
        self.call(input).await
    }

    /// `DeleteUserProfile`: starts deleting a profile (AWS refuses while it has live apps
    /// or owns spaces).
    pub async fn delete_user_profile(
        &self,
        input: &DeleteUserProfileRequest,
    ) -> Result<Empty, SageMakerError> {
        self.call(input).await
    }

    /// `ListTags`: one page of a resource's tags.
    pub async fn list_tags(&self, input: &ListTagsInput) -> Result<ListTagsOutput, SageMakerError> {
        self.call(input).await
    }

    /// `AddTags`: adds tags to a resource, replacing the values of keys it has.
    pub async fn add_tags(&self, input: &AddTagsInput) -> Result<AddTagsOutput, SageMakerError> {
        self.call(input).await
    }

    /// `DeleteTags`: removes tag keys from a resource.
    pub async fn delete_tags(
        &self,
        input: &DeleteTagsInput,
    ) -> Result<DeleteTagsOutput, SageMakerError> {
        self.call(input).await
    }

    /// Every tag of the resource `arn`, all pages of `ListTags`.
    pub async fn all_tags(&self, arn: &str) -> Result<Vec<Tag>, SageMakerError> {
        let mut request = ListTagsInput {
            resource_arn: Some(arn.to_owned()),
            ..ListTagsInput::default()
        };
        let mut out = Vec::new();
        for _ in 0..MAX_PAGES {
            let page = self.list_tags(&request).await?;
            out.extend(page.tags.unwrap_or_default());
            match next_token(request.next_token.as_deref(), page.next_token) {
                Some(token) => request.next_token = Some(token),
                None => break,
            }
        }
        Ok(out)
    }

    /// Every domain, all pages of `ListDomains`.
    pub async fn all_domains(&self) -> Result<Vec<DomainDetails>, SageMakerError> {
        let mut request = ListDomainsRequest::default();
        let mut out = Vec::new();
        for _ in 0..MAX_PAGES {
            let page = self.list_domains(&request).await?;
            out.extend(page.domains.unwrap_or_default());
            match next_token(request.next_token.as_deref(), page.next_token) {
                Some(token) => request.next_token = Some(token),
                None => break,
            }
        }
        Ok(out)
    }

    /// Every app matching `request`'s filters, all pages of `ListApps`.
    pub async fn all_apps(
        &self,
        mut request: ListAppsRequest,
    ) -> Result<Vec<AppDetails>, SageMakerError> {
        let mut out = Vec::new();
        for _ in 0..MAX_PAGES {
            let page = self.list_apps(&request).await?;
            out.extend(page.apps.unwrap_or_default());
            match next_token(request.next_token.as_deref(), page.next_token) {
                Some(token) => request.next_token = Some(token),
                None => break,
            }
        }
        Ok(out)
    }

    /// Every space matching `request`'s filters, all pages of `ListSpaces`.
    pub async fn all_spaces(
        &self,
        mut request: ListSpacesRequest,
    ) -> Result<Vec<SpaceDetails>, SageMakerError> {
        let mut out = Vec::new();
        for _ in 0..MAX_PAGES {
            let page = self.list_spaces(&request).await?;
            out.extend(page.spaces.unwrap_or_default());
            match next_token(request.next_token.as_deref(), page.next_token) {
                Some(token) => request.next_token = Some(token),
                None => break,
            }
        }
        Ok(out)
    }
}

/// The token for the next page, or `None` at the end (no token, an empty one, or the same
/// token again, which would loop).
pub(super) fn next_token(previous: Option<&str>, next: Option<String>) -> Option<String> {
    next.filter(|t| !t.is_empty() && Some(t.as_str()) != previous)
}
