"""CreateGraphqlApi, GetGraphqlApi, ListGraphqlApis, UpdateGraphqlApi, DeleteGraphqlApi."""

from __future__ import annotations

import base64
import re
import uuid
from typing import Any

import boto3
import pytest
from appsync_support import ACCOUNT, REGION, error_of
from botocore.exceptions import ClientError, ParamValidationError

import mockway

ID = re.compile(r"[a-z2-7]{26}")
LOG_CONFIG = {
    "fieldLogLevel": "ERROR",
    "cloudWatchLogsRoleArn": "arn:aws:iam::123456789012:role/appsync-logs",
}
OIDC = {"issuer": "https://issuer.example.com", "clientId": "client-1"}


def create(client: Any, name: str = "orders", **extra: Any) -> dict[str, Any]:
    api: dict[str, Any] = client.create_graphql_api(
        name=name, authenticationType="API_KEY", **extra
    )["graphqlApi"]
    return api


def test_create_answers_the_full_object_with_aws_defaults(appsync: Any) -> None:
    api = create(appsync)
    api_id = api["apiId"]
    host = api["dns"]["GRAPHQL"].split(".")[0]
    assert api == {
        "name": "orders",
        "apiId": api_id,
        "authenticationType": "API_KEY",
        "arn": f"arn:aws:appsync:{REGION}:{ACCOUNT}:apis/{api_id}",
        "uris": {
            "GRAPHQL": f"https://{host}.appsync-api.{REGION}.amazonaws.com/graphql",
            "REALTIME": f"wss://{host}.appsync-realtime-api.{REGION}.amazonaws.com/graphql",
        },
        "tags": {},
        "xrayEnabled": False,
        "dns": {
            "GRAPHQL": f"{host}.appsync-api.{REGION}.amazonaws.com",
            "REALTIME": f"{host}.appsync-realtime-api.{REGION}.amazonaws.com",
        },
        "visibility": "GLOBAL",
        "apiType": "GRAPHQL",
        "owner": ACCOUNT,
        "introspectionConfig": "ENABLED",
        "queryDepthLimit": 0,
        "resolverCountLimit": 0,
    }
    assert type(api["xrayEnabled"]) is bool
    assert type(api["queryDepthLimit"]) is int


def test_ids_are_base32_uuids_and_the_endpoint_host_is_not_the_api_id(appsync: Any) -> None:
    api = create(appsync)
    host = api["dns"]["GRAPHQL"].split(".")[0]
    for ident in (api["apiId"], host):
        assert ID.fullmatch(ident)
        decoded = uuid.UUID(bytes=base64.b32decode(ident.upper() + "======"))
        assert decoded.version == 4
    assert host != api["apiId"]
    assert create(appsync)["apiId"] != api["apiId"]


def test_unset_members_are_left_out(appsync: Any) -> None:
    api = create(appsync)
    for member in (
        "logConfig",
        "userPoolConfig",
        "openIDConnectConfig",
        "additionalAuthenticationProviders",
        "wafWebAclArn",
        "lambdaAuthorizerConfig",
        "mergedApiExecutionRoleArn",
        "ownerContact",
        "enhancedMetricsConfig",
    ):
        assert member not in api


def test_create_keeps_every_setting_and_fills_the_unset_defaults(appsync: Any) -> None:
    providers = [
        {"authenticationType": "AWS_IAM"},
        {"authenticationType": "AWS_LAMBDA", "lambdaAuthorizerConfig": {"authorizerUri": "arn:l"}},
    ]
    api = appsync.create_graphql_api(
        name="tf-acc-test-1234",
        authenticationType="OPENID_CONNECT",
        openIDConnectConfig=OIDC,
        logConfig=LOG_CONFIG,
        additionalAuthenticationProviders=providers,
        xrayEnabled=True,
        visibility="PRIVATE",
        ownerContact="team-a",
        introspectionConfig="DISABLED",
        queryDepthLimit=5,
        resolverCountLimit=10,
        tags={"env": "test"},
    )["graphqlApi"]
    assert api["name"] == "tf-acc-test-1234"
    assert api["openIDConnectConfig"] == {**OIDC, "iatTTL": 0, "authTTL": 0}
    assert api["logConfig"] == {**LOG_CONFIG, "excludeVerboseContent": False}
    assert api["additionalAuthenticationProviders"] == providers
    assert api["xrayEnabled"] is True
    assert api["visibility"] == "PRIVATE"
    assert api["ownerContact"] == "team-a"
    assert api["introspectionConfig"] == "DISABLED"
    assert (api["queryDepthLimit"], api["resolverCountLimit"]) == (5, 10)
    assert api["tags"] == {"env": "test"}
    assert appsync.get_graphql_api(apiId=api["apiId"])["graphqlApi"] == api


def test_get_answers_what_create_answered(appsync: Any) -> None:
    api = create(appsync, tags={"team": "core"})
    assert appsync.get_graphql_api(apiId=api["apiId"])["graphqlApi"] == api


@pytest.mark.parametrize("operation", ["get_graphql_api", "delete_graphql_api"])
def test_unknown_api_is_a_404(appsync: Any, operation: str) -> None:
    with pytest.raises(appsync.exceptions.NotFoundException) as excinfo:
        getattr(appsync, operation)(apiId="abcdefghijklmnopqrstuvwxyz")
    assert error_of(excinfo) == (
        "NotFoundException",
        "GraphQL API abcdefghijklmnopqrstuvwxyz not found.",
        404,
    )


def test_update_on_an_unknown_api_is_a_404(appsync: Any) -> None:
    with pytest.raises(appsync.exceptions.NotFoundException) as excinfo:
        appsync.update_graphql_api(apiId="missing", name="n", authenticationType="API_KEY")
    assert error_of(excinfo)[1] == "GraphQL API missing not found."


def test_authentication_type_is_checked_by_the_service(unvalidated: Any) -> None:
    with pytest.raises(unvalidated.exceptions.BadRequestException) as excinfo:
        unvalidated.create_graphql_api(name="n", authenticationType="PASSWORD")
    code, message, status = error_of(excinfo)
    assert (code, status) == ("BadRequestException", 400)
    assert "'PASSWORD'" in message
    assert "[API_KEY, AWS_IAM, AMAZON_COGNITO_USER_POOLS, OPENID_CONNECT, AWS_LAMBDA]" in message


def test_missing_name_is_checked_by_the_service(unvalidated: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        unvalidated.create_graphql_api(authenticationType="API_KEY")
    code, message, status = error_of(excinfo)
    assert (code, status) == ("BadRequestException", 400)
    assert "name" in message


def test_an_empty_name_is_a_400_and_changes_nothing(appsync: Any) -> None:
    api_id = appsync.create_graphql_api(name="kept", authenticationType="API_KEY")["graphqlApi"][
        "apiId"
    ]
    with pytest.raises(appsync.exceptions.BadRequestException) as created:
        appsync.create_graphql_api(name="", authenticationType="API_KEY")
    with pytest.raises(appsync.exceptions.BadRequestException) as updated:
        appsync.update_graphql_api(apiId=api_id, name="", authenticationType="API_KEY")
    message = "A GraphQL API name must be 1 to 65536 characters long."
    assert error_of(created) == ("BadRequestException", message, 400)
    assert error_of(updated) == ("BadRequestException", message, 400)
    assert [a["name"] for a in appsync.list_graphql_apis()["graphqlApis"]] == ["kept"]


def test_botocore_still_validates_first_when_asked(appsync: Any) -> None:
    with pytest.raises(ParamValidationError):
        appsync.create_graphql_api(authenticationType="API_KEY")


def test_enums_reach_the_service_even_with_client_validation(appsync: Any) -> None:
    # botocore does not check enum values; the service answers.
    with pytest.raises(appsync.exceptions.BadRequestException) as excinfo:
        appsync.create_graphql_api(name="n", authenticationType="PASSWORD")
    assert error_of(excinfo)[1] == (
        "1 validation error detected: Value 'PASSWORD' at 'createGraphqlApiInput."
        "authenticationType' failed to satisfy constraint: Member must satisfy enum value set: "
        "[API_KEY, AWS_IAM, AMAZON_COGNITO_USER_POOLS, OPENID_CONNECT, AWS_LAMBDA]"
    )


def test_query_depth_limit_range(unvalidated: Any) -> None:
    with pytest.raises(unvalidated.exceptions.BadRequestException) as excinfo:
        unvalidated.create_graphql_api(name="n", authenticationType="API_KEY", queryDepthLimit=76)
    assert "less than or equal to 75" in error_of(excinfo)[1]


def test_owner_contact_longer_than_256_is_refused(appsync: Any) -> None:
    with pytest.raises(appsync.exceptions.BadRequestException) as excinfo:
        create(appsync, ownerContact="x" * 257)
    assert error_of(excinfo)[2] == 400
    assert create(appsync, ownerContact="x" * 256)["ownerContact"] == "x" * 256


def test_update_replaces_the_settings_and_resets_what_it_leaves_out(appsync: Any) -> None:
    api = create(
        appsync,
        logConfig=LOG_CONFIG,
        xrayEnabled=True,
        introspectionConfig="DISABLED",
        queryDepthLimit=3,
        ownerContact="a",
        visibility="PRIVATE",
        tags={"k": "v"},
    )
    updated = appsync.update_graphql_api(
        apiId=api["apiId"],
        name="renamed",
        authenticationType="AWS_IAM",
        resolverCountLimit=7,
    )["graphqlApi"]
    expected = {
        **{k: v for k, v in api.items() if k not in ("logConfig", "ownerContact")},
        "name": "renamed",
        "authenticationType": "AWS_IAM",
        "xrayEnabled": False,
        "introspectionConfig": "ENABLED",
        "queryDepthLimit": 0,
        "resolverCountLimit": 7,
    }
    assert updated == expected
    assert updated["visibility"] == "PRIVATE"
    assert updated["tags"] == {"k": "v"}
    assert appsync.get_graphql_api(apiId=api["apiId"])["graphqlApi"] == expected


def test_update_with_a_bad_setting_changes_nothing(appsync: Any) -> None:
    api = create(appsync)
    with pytest.raises(appsync.exceptions.BadRequestException):
        appsync.update_graphql_api(
            apiId=api["apiId"], name="new", authenticationType="AWS_IAM", ownerContact="x" * 300
        )
    assert appsync.get_graphql_api(apiId=api["apiId"])["graphqlApi"] == api


def test_delete_answers_empty_and_the_api_is_gone(appsync: Any) -> None:
    api = create(appsync)
    response = appsync.delete_graphql_api(apiId=api["apiId"])
    assert set(response) == {"ResponseMetadata"}
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    with pytest.raises(appsync.exceptions.NotFoundException):
        appsync.get_graphql_api(apiId=api["apiId"])
    assert appsync.list_graphql_apis()["graphqlApis"] == []


def test_list_is_oldest_first_and_pages_with_next_token(appsync: Any) -> None:
    ids = [create(appsync, name=f"api_{n}")["apiId"] for n in range(5)]
    first = appsync.list_graphql_apis(maxResults=2)
    assert [a["apiId"] for a in first["graphqlApis"]] == ids[:2]
    assert isinstance(first["nextToken"], str)
    second = appsync.list_graphql_apis(maxResults=2, nextToken=first["nextToken"])
    assert [a["apiId"] for a in second["graphqlApis"]] == ids[2:4]
    third = appsync.list_graphql_apis(maxResults=2, nextToken=second["nextToken"])
    assert [a["apiId"] for a in third["graphqlApis"]] == ids[4:]
    assert "nextToken" not in third
    whole = appsync.list_graphql_apis()
    assert [a["apiId"] for a in whole["graphqlApis"]] == ids
    assert "nextToken" not in whole
    assert whole["graphqlApis"][0] == appsync.get_graphql_api(apiId=ids[0])["graphqlApi"]


def test_paginator_visits_every_api_once(appsync: Any) -> None:
    ids = [create(appsync, name=f"api_{n}")["apiId"] for n in range(7)]
    pages = list(
        appsync.get_paginator("list_graphql_apis").paginate(PaginationConfig={"PageSize": 3})
    )
    assert [len(p["graphqlApis"]) for p in pages] == [3, 3, 1]
    assert [a["apiId"] for p in pages for a in p["graphqlApis"]] == ids


def test_deleting_between_pages_neither_skips_nor_repeats(appsync: Any) -> None:
    ids = [create(appsync, name=f"api_{n}")["apiId"] for n in range(4)]
    first = appsync.list_graphql_apis(maxResults=2)
    appsync.delete_graphql_api(apiId=ids[2])
    rest = appsync.list_graphql_apis(maxResults=2, nextToken=first["nextToken"])
    assert [a["apiId"] for a in rest["graphqlApis"]] == [ids[3]]


def test_list_filters_by_api_type_and_owner(appsync: Any) -> None:
    plain = create(appsync)["apiId"]
    merged = create(
        appsync,
        name="merged",
        apiType="MERGED",
        mergedApiExecutionRoleArn="arn:aws:iam::123456789012:role/merge",
    )["apiId"]

    def listed(**kwargs: Any) -> list[str]:
        return [a["apiId"] for a in appsync.list_graphql_apis(**kwargs)["graphqlApis"]]

    assert listed(apiType="GRAPHQL") == [plain]
    assert listed(apiType="MERGED") == [merged]
    assert listed(owner="CURRENT_ACCOUNT") == [plain, merged]
    assert listed(owner="OTHER_ACCOUNTS") == []


def test_a_bad_next_token_is_a_400(appsync: Any) -> None:
    with pytest.raises(appsync.exceptions.BadRequestException) as excinfo:
        appsync.list_graphql_apis(nextToken="not-a-token")
    assert error_of(excinfo) == ("BadRequestException", "Invalid pagination token given.", 400)


def test_twenty_five_apis_per_region(appsync: Any) -> None:
    for n in range(25):
        create(appsync, name=f"api_{n}")
    with pytest.raises(appsync.exceptions.ApiLimitExceededException) as excinfo:
        create(appsync, name="one_more")
    assert error_of(excinfo)[0::2] == ("ApiLimitExceededException", 400)
    other = boto3.client("appsync", region_name="eu-west-1")
    assert create(other)["arn"].startswith("arn:aws:appsync:eu-west-1:")


def test_regions_and_accounts_are_separate(appsync: Any) -> None:
    api = create(appsync)
    other = boto3.client("appsync", region_name="eu-west-1")
    with pytest.raises(other.exceptions.NotFoundException):
        other.get_graphql_api(apiId=api["apiId"])
    with mockway.mock_aws(account_id="210987654321"):
        assert appsync.list_graphql_apis()["graphqlApis"] == []
    assert len(appsync.list_graphql_apis()["graphqlApis"]) == 1


def test_china_regions_use_their_partition(appsync: Any) -> None:
    client = boto3.client("appsync", region_name="cn-north-1")
    api = create(client)
    assert api["arn"].startswith("arn:aws-cn:appsync:cn-north-1:")
    assert api["dns"]["GRAPHQL"].endswith(".appsync-api.cn-north-1.amazonaws.com.cn")


def test_seeded_ids_repeat() -> None:
    def run() -> tuple[str, str, str]:
        with mockway.mock_appsync(seed=7):
            client = boto3.client("appsync", region_name=REGION)
            api = create(client)
            key = client.create_api_key(apiId=api["apiId"])["apiKey"]
            return api["apiId"], api["dns"]["GRAPHQL"], key["id"]

    assert run() == run()
