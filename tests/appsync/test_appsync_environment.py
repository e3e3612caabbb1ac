"""A GraphQL API's environment variables: a put replaces the whole map, a get reads it."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ParamValidationError

from support import expect_error


@pytest.fixture
def api_id(appsync: Any) -> str:
    api = appsync.create_graphql_api(name="configured", authenticationType="API_KEY")
    return str(api["graphqlApi"]["apiId"])


def test_an_api_starts_with_none(appsync: Any, api_id: str) -> None:
    response = appsync.get_graphql_api_environment_variables(apiId=api_id)
    assert response["environmentVariables"] == {}
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_a_put_replaces_the_whole_map(appsync: Any, api_id: str) -> None:
    first = {"TABLE": "orders", "STAGE_2": "prod", "empty": ""}
    put = appsync.put_graphql_api_environment_variables(apiId=api_id, environmentVariables=first)
    assert put["environmentVariables"] == first
    assert (
        appsync.get_graphql_api_environment_variables(apiId=api_id)["environmentVariables"] == first
    )
    appsync.put_graphql_api_environment_variables(
        apiId=api_id, environmentVariables={"TABLE": "orders_v2"}
    )
    assert appsync.get_graphql_api_environment_variables(apiId=api_id)["environmentVariables"] == {
        "TABLE": "orders_v2"
    }
    appsync.put_graphql_api_environment_variables(apiId=api_id, environmentVariables={})
    assert appsync.get_graphql_api_environment_variables(apiId=api_id)["environmentVariables"] == {}


def test_fifty_pairs_and_512_characters_are_allowed(appsync: Any, api_id: str) -> None:
    variables = {f"key_{index}": "v" * 512 for index in range(50)}
    appsync.put_graphql_api_environment_variables(apiId=api_id, environmentVariables=variables)
    stored = appsync.get_graphql_api_environment_variables(apiId=api_id)["environmentVariables"]
    assert stored == variables


MANY = {f"key_{index}": "v" for index in range(51)}
PATH = "putGraphqlApiEnvironmentVariablesInput.environmentVariables"
KEY_PATTERN = "Member must satisfy regular expression pattern: ^[A-Za-z]+\\w*$"


@pytest.mark.parametrize(
    ("variables", "problem"),
    [
        (
            MANY,
            "Value '{" + ", ".join(f"{k}=v" for k in MANY) + f"}}' at '{PATH}' failed to satisfy"
            " constraint: Member must have length less than or equal to 50",
        ),
        (
            {"KEY": "v" * 513},
            f"Value '{'v' * 513}' at '{PATH}.KEY.value' failed to satisfy constraint: Member must"
            " have length less than or equal to 512",
        ),
        (
            {"1KEY": "v"},
            f"Value '1KEY' at '{PATH}.key' failed to satisfy constraint: {KEY_PATTERN}",
        ),
        (
            {"KEY-1": "v"},
            f"Value 'KEY-1' at '{PATH}.key' failed to satisfy constraint: {KEY_PATTERN}",
        ),
        (
            {"K": "v"},
            f"Value 'K' at '{PATH}.key' failed to satisfy constraint: Member must have length"
            " greater than or equal to 2",
        ),
    ],
)
def test_the_service_holds_to_the_rules_and_keeps_the_old_map(
    unvalidated: Any, variables: dict[str, str], problem: str
) -> None:
    api_id = unvalidated.create_graphql_api(name="a", authenticationType="API_KEY")["graphqlApi"][
        "apiId"
    ]
    unvalidated.put_graphql_api_environment_variables(
        apiId=api_id, environmentVariables={"KEEP": "me"}
    )
    message = f"1 validation error detected: {problem}"
    with expect_error(unvalidated, "BadRequestException", message, 400):
        unvalidated.put_graphql_api_environment_variables(
            apiId=api_id, environmentVariables=variables
        )
    assert unvalidated.get_graphql_api_environment_variables(apiId=api_id)[
        "environmentVariables"
    ] == {"KEEP": "me"}


def test_a_one_letter_key_is_refused_by_boto3_first(appsync: Any, api_id: str) -> None:
    with pytest.raises(ParamValidationError):
        appsync.put_graphql_api_environment_variables(apiId=api_id, environmentVariables={"K": "v"})


def test_an_unknown_api_is_the_api_404(appsync: Any) -> None:
    message = "GraphQL API missing not found."
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.get_graphql_api_environment_variables(apiId="missing")
    with expect_error(appsync, "NotFoundException", message, 404):
        appsync.put_graphql_api_environment_variables(
            apiId="missing", environmentVariables={"KEY": "v"}
        )


def test_deleting_the_api_deletes_its_variables(appsync: Any, api_id: str) -> None:
    appsync.put_graphql_api_environment_variables(apiId=api_id, environmentVariables={"KEY": "v"})
    appsync.delete_graphql_api(apiId=api_id)
    with expect_error(appsync, "NotFoundException", f"GraphQL API {api_id} not found.", 404):
        appsync.get_graphql_api_environment_variables(apiId=api_id)
