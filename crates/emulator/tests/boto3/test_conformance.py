"""Conformance of the studio-admin SageMaker emulator with the real boto3 client.

Run by `cargo test -p studio-admin-emulator --test boto3`, which starts two emulators
in-process and points these tests at them through the standard AWS environment:
AWS_ENDPOINT_URL_SAGEMAKER (signature verification on, known credentials, every
transition instant) and STUDIO_ADMIN_THROTTLING_ENDPOINT (the same, throttling every
request). boto3's own parameter validation stays on, as users have it.
"""

import datetime
import os
import re
import urllib.error
import urllib.request
import uuid

import boto3
import botocore.config
import botocore.exceptions
import pytest

ROLE = "arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole"


def client(**kwargs):
    """A SageMaker client configured from the environment only (endpoint, keys, region)."""
    config = botocore.config.Config(retries={"total_max_attempts": 1, "mode": "standard"})
    return boto3.client("sagemaker", config=config, **kwargs)


@pytest.fixture(scope="module")
def sm():
    return client()


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def error_code(excinfo):
    return excinfo.value.response["Error"]["Code"]


@pytest.fixture(scope="module")
def domain_id(sm):
    reply = sm.create_domain(
        DomainName="conformance",
        AuthMode="IAM",
        DefaultUserSettings={"ExecutionRole": ROLE},
        SubnetIds=["subnet-0f1e2d3c4b5a69788"],
        VpcId="vpc-0a1b2c3d4e5f67890",
    )
    return reply["DomainId"]


def make_profile(sm, domain_id, name=None):
    name = name or unique("user")
    sm.create_user_profile(DomainId=domain_id, UserProfileName=name)
    return name


# --- domains ---------------------------------------------------------------------------


def test_a_domain_has_aws_ids_arns_and_datetimes(sm, domain_id):
    assert re.fullmatch(r"d-[a-z0-9]{12}", domain_id)
    described = sm.describe_domain(DomainId=domain_id)
    assert described["DomainArn"] == f"arn:aws:sagemaker:us-east-1:123456789012:domain/{domain_id}"
    assert described["AuthMode"] == "IAM"
    assert described["Status"] == "InService"
    assert described["DefaultUserSettings"]["ExecutionRole"] == ROLE
    assert isinstance(described["CreationTime"], datetime.datetime)
    assert described["CreationTime"].tzinfo is not None
    now = datetime.datetime.now(datetime.timezone.utc)
    assert abs((now - described["CreationTime"]).total_seconds()) < 120
    assert described["ResponseMetadata"]["RequestId"]


def test_domains_are_listed_across_pages(sm, domain_id):
    for i in range(3):
        sm.create_domain(DomainName=f"extra-{i}", AuthMode="IAM", DefaultUserSettings={})
    pages = list(sm.get_paginator("list_domains").paginate(PaginationConfig={"PageSize": 2}))
    assert len(pages) >= 2
    ids = [d["DomainId"] for page in pages for d in page["Domains"]]
    assert domain_id in ids
    assert len(ids) == len(set(ids))


def test_a_domain_without_profiles_can_be_deleted(sm):
    doomed = sm.create_domain(DomainName="doomed", AuthMode="IAM", DefaultUserSettings={})["DomainId"]
    name = make_profile(sm, doomed)
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        sm.delete_domain(DomainId=doomed, RetentionPolicy={"HomeEfsFileSystem": "Delete"})
    assert error_code(excinfo) == "ResourceInUse"
    sm.delete_user_profile(DomainId=doomed, UserProfileName=name)
    sm.delete_domain(DomainId=doomed, RetentionPolicy={"HomeEfsFileSystem": "Delete"})
    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.describe_domain(DomainId=doomed)


# --- user profiles ---------------------------------------------------------------------


def test_a_profile_goes_through_create_describe_update_list_delete(sm, domain_id):
    name = unique("alice")
    created = sm.create_user_profile(
        DomainId=domain_id,
        UserProfileName=name,
        UserSettings={"ExecutionRole": ROLE, "SecurityGroups": ["sg-0123456789abcdef0"]},
        Tags=[{"Key": "Team", "Value": "ml"}],
    )
    assert created["UserProfileArn"] == (
        f"arn:aws:sagemaker:us-east-1:123456789012:user-profile/{domain_id}/{name}"
    )
    described = sm.describe_user_profile(DomainId=domain_id, UserProfileName=name)
    assert described["Status"] == "InService"
    assert isinstance(described["CreationTime"], datetime.datetime)
    assert isinstance(described["LastModifiedTime"], datetime.datetime)
    assert described["UserSettings"]["SecurityGroups"] == ["sg-0123456789abcdef0"]

    updated = sm.update_user_profile(
        DomainId=domain_id,
        UserProfileName=name,
        UserSettings={"ExecutionRole": ROLE + "-2"},
    )
    assert updated["UserProfileArn"] == created["UserProfileArn"]
    described = sm.describe_user_profile(DomainId=domain_id, UserProfileName=name)
    assert described["UserSettings"]["ExecutionRole"] == ROLE + "-2"
    assert described["UserSettings"]["SecurityGroups"] == ["sg-0123456789abcdef0"]

    listed = sm.list_user_profiles(DomainIdEquals=domain_id, UserProfileNameContains=name)
    assert [p["UserProfileName"] for p in listed["UserProfiles"]] == [name]
    assert isinstance(listed["UserProfiles"][0]["CreationTime"], datetime.datetime)

    sm.delete_user_profile(DomainId=domain_id, UserProfileName=name)
    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.describe_user_profile(DomainId=domain_id, UserProfileName=name)


def test_profile_names_collide_regardless_of_case(sm, domain_id):
    name = make_profile(sm, domain_id, unique("Bruno"))
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        sm.create_user_profile(DomainId=domain_id, UserProfileName=name.lower())
    assert error_code(excinfo) == "ResourceInUse"
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_a_bad_name_is_a_validation_exception_in_aws_words(sm, domain_id):
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        sm.create_user_profile(DomainId=domain_id, UserProfileName="bad_name!")
    assert error_code(excinfo) == "ValidationException"
    assert excinfo.value.response["Error"]["Message"] == (
        "1 validation error detected: Value 'bad_name!' at 'userProfileName' failed to "
        "satisfy constraint: Member must satisfy regular expression pattern: "
        "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"
    )


def test_boto3_parameter_validation_stays_on(sm):
    with pytest.raises(botocore.exceptions.ParamValidationError):
        sm.create_user_profile(UserProfileName="no-domain")


def test_an_unknown_sort_key_is_refused_by_the_service(sm):
    # boto3 does not check enum values; the service does.
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        sm.list_user_profiles(SortBy="Name")
    assert error_code(excinfo) == "ValidationException"
    assert "enum value set: [CreationTime, LastModifiedTime]" in str(excinfo.value)


def test_profiles_are_paginated_across_pages(sm):
    domain = sm.create_domain(DomainName="paging", AuthMode="IAM", DefaultUserSettings={})["DomainId"]
    names = {make_profile(sm, domain, f"member-{i:02d}") for i in range(25)}
    paginator = sm.get_paginator("list_user_profiles")
    pages = list(
        paginator.paginate(
            DomainIdEquals=domain,
            SortBy="CreationTime",
            SortOrder="Ascending",
            PaginationConfig={"PageSize": 7},
        )
    )
    assert [len(p["UserProfiles"]) for p in pages] == [7, 7, 7, 4]
    seen = [p["UserProfileName"] for page in pages for p in page["UserProfiles"]]
    assert set(seen) == names and len(seen) == 25


def test_profiles_sort_by_last_modified_time(sm):
    domain = sm.create_domain(DomainName="sorting", AuthMode="IAM", DefaultUserSettings={})["DomainId"]
    first, second = make_profile(sm, domain), make_profile(sm, domain)
    sm.update_user_profile(DomainId=domain, UserProfileName=first, UserSettings={"ExecutionRole": ROLE})
    listed = sm.list_user_profiles(
        DomainIdEquals=domain, SortBy="LastModifiedTime", SortOrder="Descending"
    )["UserProfiles"]
    assert [p["UserProfileName"] for p in listed] == [first, second]
    assert listed[0]["LastModifiedTime"] >= listed[1]["LastModifiedTime"]


def test_a_forged_next_token_is_a_validation_exception(sm):
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        sm.list_user_profiles(NextToken="forged-token")
    assert error_code(excinfo) == "ValidationException"


def test_a_missing_profile_is_resource_not_found_with_its_message(sm, domain_id):
    with pytest.raises(sm.exceptions.ResourceNotFound) as excinfo:
        sm.describe_user_profile(DomainId=domain_id, UserProfileName="nobody-here")
    assert "nobody-here" in excinfo.value.response["Error"]["Message"]


# --- apps ------------------------------------------------------------------------------


def test_apps_are_created_described_listed_and_deleted(sm, domain_id):
    name = make_profile(sm, domain_id)
    arn = sm.create_app(
        DomainId=domain_id,
        UserProfileName=name,
        AppType="KernelGateway",
        AppName="datascience-1-0-ml-t3-medium",
        ResourceSpec={"InstanceType": "ml.t3.medium"},
    )["AppArn"]
    assert arn.endswith(f":app/{domain_id}/{name}/kernelgateway/datascience-1-0-ml-t3-medium")
    app = sm.describe_app(
        DomainId=domain_id, UserProfileName=name, AppType="KernelGateway",
        AppName="datascience-1-0-ml-t3-medium",
    )
    assert app["Status"] == "InService"
    assert app["ResourceSpec"]["InstanceType"] == "ml.t3.medium"
    assert isinstance(app["CreationTime"], datetime.datetime)

    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        sm.delete_user_profile(DomainId=domain_id, UserProfileName=name)
    assert error_code(excinfo) == "ResourceInUse"

    sm.delete_app(
        DomainId=domain_id, UserProfileName=name, AppType="KernelGateway",
        AppName="datascience-1-0-ml-t3-medium",
    )
    listed = sm.list_apps(DomainIdEquals=domain_id, UserProfileNameEquals=name)["Apps"]
    assert [a["Status"] for a in listed] == ["Deleted"]
    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.delete_app(
            DomainId=domain_id, UserProfileName=name, AppType="KernelGateway",
            AppName="datascience-1-0-ml-t3-medium",
        )
    sm.delete_user_profile(DomainId=domain_id, UserProfileName=name)


def test_apps_are_paginated_across_pages(sm, domain_id):
    name = make_profile(sm, domain_id)
    for i in range(5):
        sm.create_app(
            DomainId=domain_id, UserProfileName=name, AppType="KernelGateway", AppName=f"kernel-{i}"
        )
    pages = list(
        sm.get_paginator("list_apps").paginate(
            DomainIdEquals=domain_id,
            UserProfileNameEquals=name,
            PaginationConfig={"PageSize": 2},
        )
    )
    assert [len(p["Apps"]) for p in pages] == [2, 2, 1]


# --- spaces ----------------------------------------------------------------------------


def test_spaces_are_created_described_listed_and_deleted(sm, domain_id):
    owner = make_profile(sm, domain_id)
    space = unique("lab")
    arn = sm.create_space(
        DomainId=domain_id,
        SpaceName=space,
        OwnershipSettings={"OwnerUserProfileName": owner},
        SpaceSharingSettings={"SharingType": "Private"},
        SpaceSettings={"AppType": "JupyterLab"},
    )["SpaceArn"]
    assert arn == f"arn:aws:sagemaker:us-east-1:123456789012:space/{domain_id}/{space}"
    described = sm.describe_space(DomainId=domain_id, SpaceName=space)
    assert described["OwnershipSettings"]["OwnerUserProfileName"] == owner
    assert isinstance(described["LastModifiedTime"], datetime.datetime)

    sm.create_app(DomainId=domain_id, SpaceName=space, AppType="JupyterLab", AppName="default")
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        sm.delete_space(DomainId=domain_id, SpaceName=space)
    assert error_code(excinfo) == "ResourceInUse"
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        sm.delete_user_profile(DomainId=domain_id, UserProfileName=owner)
    assert error_code(excinfo) == "ResourceInUse"

    sm.delete_app(DomainId=domain_id, SpaceName=space, AppType="JupyterLab", AppName="default")
    listed = sm.list_spaces(DomainIdEquals=domain_id, SpaceNameContains=space)["Spaces"]
    assert listed[0]["SpaceSharingSettingsSummary"]["SharingType"] == "Private"
    sm.delete_space(DomainId=domain_id, SpaceName=space)
    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.describe_space(DomainId=domain_id, SpaceName=space)
    sm.delete_user_profile(DomainId=domain_id, UserProfileName=owner)


def test_spaces_are_paginated_across_pages(sm, domain_id):
    owner = make_profile(sm, domain_id)
    prefix = unique("shared")
    for i in range(5):
        sm.create_space(
            DomainId=domain_id,
            SpaceName=f"{prefix}-{i}",
            OwnershipSettings={"OwnerUserProfileName": owner},
            SpaceSharingSettings={"SharingType": "Shared"},
        )
    pages = list(
        sm.get_paginator("list_spaces").paginate(
            DomainIdEquals=domain_id, SpaceNameContains=prefix, PaginationConfig={"PageSize": 3}
        )
    )
    assert [len(p["Spaces"]) for p in pages] == [3, 2]


# --- presigned URLs ----------------------------------------------------------------------


def test_a_presigned_url_signs_the_user_in(sm, domain_id):
    name = make_profile(sm, domain_id)
    url = sm.create_presigned_domain_url(
        DomainId=domain_id, UserProfileName=name, ExpiresInSeconds=60
    )["AuthorizedUrl"]
    with urllib.request.urlopen(url) as response:
        assert response.status == 200
        assert name in response.read().decode()
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        urllib.request.urlopen(url + "tampered")
    assert excinfo.value.code == 403


def test_an_sso_domain_has_no_presigned_urls(sm):
    sso = sm.create_domain(DomainName="sso", AuthMode="SSO", DefaultUserSettings={})["DomainId"]
    sm.create_user_profile(
        DomainId=sso,
        UserProfileName="maria",
        SingleSignOnUserIdentifier="UserName",
        SingleSignOnUserValue="maria.garcia",
    )
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        sm.create_presigned_domain_url(DomainId=sso, UserProfileName="maria")
    assert error_code(excinfo) == "ValidationException"


# --- tags ----------------------------------------------------------------------------------


def test_tags_given_at_create_are_listed_then_added_replaced_and_deleted(sm, domain_id):
    name = unique("tagged")
    arn = sm.create_user_profile(
        DomainId=domain_id,
        UserProfileName=name,
        Tags=[{"Key": "Team", "Value": "ml-platform"}, {"Key": "CostCenter", "Value": "ml-4021"}],
    )["UserProfileArn"]
    assert sm.list_tags(ResourceArn=arn)["Tags"] == [
        {"Key": "Team", "Value": "ml-platform"},
        {"Key": "CostCenter", "Value": "ml-4021"},
    ]
    added = sm.add_tags(
        ResourceArn=arn,
        Tags=[{"Key": "Team", "Value": "research"}, {"Key": "Project", "Value": "forecasting"}],
    )
    assert added["Tags"] == [
        {"Key": "Team", "Value": "research"},
        {"Key": "Project", "Value": "forecasting"},
    ]
    sm.delete_tags(ResourceArn=arn, TagKeys=["CostCenter", "NotThere"])
    assert sm.list_tags(ResourceArn=arn)["Tags"] == [
        {"Key": "Team", "Value": "research"},
        {"Key": "Project", "Value": "forecasting"},
    ]


def test_tags_are_listed_with_the_paginator(sm, domain_id):
    name = unique("many-tags")
    tags = [{"Key": f"k{i}", "Value": str(i)} for i in range(50)]
    arn = sm.create_user_profile(DomainId=domain_id, UserProfileName=name, Tags=tags)["UserProfileArn"]
    pages = list(
        sm.get_paginator("list_tags").paginate(ResourceArn=arn, PaginationConfig={"PageSize": 50})
    )
    assert [t for page in pages for t in page["Tags"]] == tags


def test_an_aws_prefixed_key_and_a_fifty_first_tag_are_validation_exceptions(sm, domain_id):
    arn = sm.create_user_profile(
        DomainId=domain_id,
        UserProfileName=unique("limits"),
        Tags=[{"Key": f"k{i}", "Value": ""} for i in range(50)],
    )["UserProfileArn"]
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        sm.add_tags(ResourceArn=arn, Tags=[{"Key": "aws:owner", "Value": "x"}])
    assert error_code(excinfo) == "ValidationException"
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        sm.add_tags(ResourceArn=arn, Tags=[{"Key": "one-more", "Value": "x"}])
    assert error_code(excinfo) == "ValidationException"
    assert len(sm.list_tags(ResourceArn=arn)["Tags"]) == 50


def test_the_tags_of_a_missing_profile_are_a_validation_exception(sm, domain_id):
    arn = f"arn:aws:sagemaker:us-east-1:123456789012:user-profile/{domain_id}/{unique('ghost')}"
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        sm.list_tags(ResourceArn=arn)
    assert error_code(excinfo) == "ValidationException"


# --- signatures and faults -----------------------------------------------------------------


def test_a_wrong_secret_is_refused(sm):
    wrong = client(
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key="not-the-secret",
    )
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        wrong.list_domains()
    assert error_code(excinfo) == "InvalidSignatureException"
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_an_unknown_access_key_is_refused(sm):
    stranger = client(
        aws_access_key_id="AKIAUNKNOWN000000000",
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
    )
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        stranger.list_domains()
    assert error_code(excinfo) == "UnrecognizedClientException"


def test_throttling_is_recognised_and_retried_by_boto3():
    throttled = boto3.client(
        "sagemaker",
        endpoint_url=os.environ["STUDIO_ADMIN_THROTTLING_ENDPOINT"],
        config=botocore.config.Config(retries={"total_max_attempts": 3, "mode": "standard"}),
    )
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        throttled.list_domains()
    assert error_code(excinfo) == "ThrottlingException"
    assert excinfo.value.response["ResponseMetadata"]["RetryAttempts"] == 2
