"""Conformance of the emulator's IAM Identity Center APIs with the real boto3 clients.

Run with the SageMaker suite by `cargo test -p studio-admin-emulator --test boto3`, which
points AWS_ENDPOINT_URL_IDENTITYSTORE and AWS_ENDPOINT_URL_SSO_ADMIN at the same emulator
as SageMaker and seeds its directory first (the Identity Store API only reads it): the
people maria.garcia, kenji.watanabe and amara.diallo, and the group ml-researchers with
maria.garcia in it.
"""

import datetime
import re

import boto3
import botocore.config
import botocore.exceptions
import pytest

ROLE = "arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole"
SEEDED = ["amara.diallo", "kenji.watanabe", "maria.garcia"]


def client(service):
    """A client configured from the environment only (endpoint, keys, region)."""
    config = botocore.config.Config(retries={"total_max_attempts": 1, "mode": "standard"})
    return boto3.client(service, config=config)


@pytest.fixture(scope="module")
def ids():
    return client("identitystore")


@pytest.fixture(scope="module")
def sso():
    return client("sso-admin")


@pytest.fixture(scope="module")
def instance(sso):
    instances = sso.list_instances()["Instances"]
    assert len(instances) == 1
    return instances[0]


@pytest.fixture(scope="module")
def store_id(instance):
    return instance["IdentityStoreId"]


@pytest.fixture(scope="module")
def application():
    sm = client("sagemaker")
    domain = sm.create_domain(
        DomainName="identity-center", AuthMode="SSO", DefaultUserSettings={"ExecutionRole": ROLE}
    )["DomainId"]
    return sm.describe_domain(DomainId=domain)["SingleSignOnApplicationArn"]


def unique_attribute(path, value):
    """The AlternateIdentifier of whoever has `value` at the unique attribute `path`."""
    return {"UniqueAttribute": {"AttributePath": path, "AttributeValue": value}}


def user_id(ids, store_id, user_name):
    alternate = unique_attribute("userName", user_name)
    return ids.get_user_id(IdentityStoreId=store_id, AlternateIdentifier=alternate)["UserId"]


def group_id(ids, store_id, name):
    alternate = unique_attribute("displayName", name)
    return ids.get_group_id(IdentityStoreId=store_id, AlternateIdentifier=alternate)["GroupId"]


# --- identitystore ---------------------------------------------------------------------


def test_the_instance_names_its_identity_store(instance):
    assert re.fullmatch(r"d-[0-9a-f]{10}", instance["IdentityStoreId"])
    assert re.fullmatch(r"arn:aws:sso:::instance/ssoins-[0-9a-f]{16}", instance["InstanceArn"])
    assert instance["Status"] == "ACTIVE"
    assert isinstance(instance["CreatedDate"], datetime.datetime)


def test_users_are_listed_by_user_name_with_the_paginator(ids, store_id):
    pages = list(
        ids.get_paginator("list_users").paginate(
            IdentityStoreId=store_id, PaginationConfig={"PageSize": 2}
        )
    )
    assert len(pages) == 2
    names = [u["UserName"] for page in pages for u in page["Users"]]
    assert names == SEEDED


def test_the_user_name_filter_finds_one_person(ids, store_id):
    users = ids.list_users(
        IdentityStoreId=store_id,
        Filters=[{"AttributePath": "UserName", "AttributeValue": "kenji.watanabe"}],
    )["Users"]
    assert [u["UserName"] for u in users] == ["kenji.watanabe"]


def test_a_person_is_found_by_user_name_and_described(ids, store_id):
    found = user_id(ids, store_id, "maria.garcia")
    user = ids.describe_user(IdentityStoreId=store_id, UserId=found)
    assert user["UserName"] == "maria.garcia"
    assert user["DisplayName"] == "Maria Garcia"
    assert user["Emails"] == [{"Value": "maria.garcia@example.com", "Type": "work", "Primary": True}]
    assert isinstance(user["CreatedAt"], datetime.datetime)
    assert user["UserArn"] == f"arn:aws:identitystore:::user/{found}"


def test_someone_not_in_the_directory_is_resource_not_found(ids, store_id):
    with pytest.raises(ids.exceptions.ResourceNotFoundException) as excinfo:
        user_id(ids, store_id, "nobody.here")
    assert excinfo.value.response["ResourceType"] == "USER"


def test_group_membership_is_listed_and_checked(ids, store_id):
    researchers = group_id(ids, store_id, "ml-researchers")
    group = ids.describe_group(IdentityStoreId=store_id, GroupId=researchers)
    assert group["DisplayName"] == "ml-researchers"
    memberships = ids.list_group_memberships(IdentityStoreId=store_id, GroupId=researchers)
    maria = user_id(ids, store_id, "maria.garcia")
    kenji = user_id(ids, store_id, "kenji.watanabe")
    assert [m["MemberId"]["UserId"] for m in memberships["GroupMemberships"]] == [maria]
    for user, expected in [(maria, True), (kenji, False)]:
        results = ids.is_member_in_groups(
            IdentityStoreId=store_id, MemberId={"UserId": user}, GroupIds=[researchers]
        )["Results"]
        assert results[0]["MembershipExists"] is expected


# --- sso-admin ---------------------------------------------------------------------------


def test_the_studio_application_is_in_the_instance_and_requires_assignment(
    sso, instance, application
):
    described = sso.describe_application(ApplicationArn=application)
    assert described["InstanceArn"] == instance["InstanceArn"]
    assert described["Status"] == "ENABLED"
    config = sso.get_application_assignment_configuration(ApplicationArn=application)
    assert config["AssignmentRequired"] is True


def test_an_assignment_is_created_listed_and_deleted(sso, ids, store_id, instance, application):
    amara = user_id(ids, store_id, "amara.diallo")
    assignment = {"ApplicationArn": application, "PrincipalType": "USER", "PrincipalId": amara}
    sso.create_application_assignment(**assignment)
    with pytest.raises(sso.exceptions.ConflictException):
        sso.create_application_assignment(**assignment)
    pages = sso.get_paginator("list_application_assignments").paginate(ApplicationArn=application)
    listed = [a for page in pages for a in page["ApplicationAssignments"]]
    assert assignment in listed
    mine = sso.list_application_assignments_for_principal(
        InstanceArn=instance["InstanceArn"], PrincipalType="USER", PrincipalId=amara
    )["ApplicationAssignments"]
    assert [a["ApplicationArn"] for a in mine] == [application]
    sso.delete_application_assignment(**assignment)
    with pytest.raises(sso.exceptions.ResourceNotFoundException):
        sso.delete_application_assignment(**assignment)


def test_a_group_can_be_assigned(sso, ids, store_id, application):
    researchers = group_id(ids, store_id, "ml-researchers")
    sso.create_application_assignment(
        ApplicationArn=application, PrincipalType="GROUP", PrincipalId=researchers
    )
    described = sso.describe_application_assignment(
        ApplicationArn=application, PrincipalType="GROUP", PrincipalId=researchers
    )
    assert described["PrincipalId"] == researchers


def test_a_malformed_principal_id_is_a_validation_exception(sso, application):
    with pytest.raises(sso.exceptions.ValidationException):
        sso.create_application_assignment(
            ApplicationArn=application, PrincipalType="USER", PrincipalId="maria.garcia"
        )


def test_an_unknown_application_is_resource_not_found(sso):
    with pytest.raises(sso.exceptions.ResourceNotFoundException):
        sso.describe_application(
            ApplicationArn="arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-0123456789abcdef"
        )
