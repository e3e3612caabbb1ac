"""TagResource, UntagResource, ListTagsForResource on GraphQL API ARNs."""

from __future__ import annotations

from typing import Any

import pytest
from appsync_support import ACCOUNT, REGION, error_of

from support import client


@pytest.fixture
def arn(appsync: Any) -> str:
    api = appsync.create_graphql_api(name="tagged", authenticationType="AWS_IAM")
    return str(api["graphqlApi"]["arn"])


def test_tags_round_trip(appsync: Any, arn: str) -> None:
    assert appsync.list_tags_for_resource(resourceArn=arn)["tags"] == {}
    response = appsync.tag_resource(resourceArn=arn, tags={"env": "dev", "team": "a"})
    assert set(response) == {"ResponseMetadata"}
    appsync.tag_resource(resourceArn=arn, tags={"env": "prod"})
    assert appsync.list_tags_for_resource(resourceArn=arn)["tags"] == {
        "env": "prod",
        "team": "a",
    }
    appsync.untag_resource(resourceArn=arn, tagKeys=["team", "absent"])
    assert appsync.list_tags_for_resource(resourceArn=arn)["tags"] == {"env": "prod"}
    api_id = arn.rsplit("/", 1)[1]
    assert appsync.get_graphql_api(apiId=api_id)["graphqlApi"]["tags"] == {"env": "prod"}


def test_create_tags_are_listed(appsync: Any) -> None:
    api = appsync.create_graphql_api(
        name="n", authenticationType="API_KEY", tags={"cost-center": "42"}
    )["graphqlApi"]
    assert appsync.list_tags_for_resource(resourceArn=api["arn"])["tags"] == {"cost-center": "42"}


def test_unknown_api_arn_is_a_404(appsync: Any) -> None:
    missing = f"arn:aws:appsync:{REGION}:{ACCOUNT}:apis/abcdefghijklmnopqrstuvwxyz"
    for call in (
        lambda: appsync.list_tags_for_resource(resourceArn=missing),
        lambda: appsync.tag_resource(resourceArn=missing, tags={"a": "b"}),
        lambda: appsync.untag_resource(resourceArn=missing, tagKeys=["a"]),
    ):
        with pytest.raises(appsync.exceptions.NotFoundException) as excinfo:
            call()
        assert error_of(excinfo) == (
            "NotFoundException",
            "GraphQL API abcdefghijklmnopqrstuvwxyz not found.",
            404,
        )


def test_an_arn_of_another_account_does_not_reach_the_api(appsync: Any, arn: str) -> None:
    foreign = arn.replace(f":{ACCOUNT}:", ":210987654321:")
    with pytest.raises(appsync.exceptions.NotFoundException):
        appsync.list_tags_for_resource(resourceArn=foreign)


def test_a_malformed_arn_is_a_400(appsync: Any, arn: str) -> None:
    malformed = arn.replace(":apis/", ":apix/")
    with pytest.raises(appsync.exceptions.BadRequestException) as excinfo:
        appsync.list_tags_for_resource(resourceArn=malformed)
    assert error_of(excinfo) == (
        "BadRequestException",
        f"Invalid resource ARN: {malformed}",
        400,
    )


def test_arn_length_is_checked_by_the_service(unvalidated: Any) -> None:
    with pytest.raises(unvalidated.exceptions.BadRequestException) as excinfo:
        unvalidated.list_tags_for_resource(resourceArn="arn:aws:appsync:us-east-1:1:apis/x")
    assert "greater than or equal to 70" in error_of(excinfo)[1]


@pytest.mark.parametrize("key", ["aws:reserved", "bad!key", "é"])
def test_tag_keys_follow_the_model_pattern(appsync: Any, arn: str, key: str) -> None:
    with pytest.raises(appsync.exceptions.BadRequestException) as excinfo:
        appsync.tag_resource(resourceArn=arn, tags={key: "v"})
    assert key in error_of(excinfo)[1]
    assert appsync.list_tags_for_resource(resourceArn=arn)["tags"] == {}


def test_tag_values_follow_the_model_pattern(appsync: Any, arn: str) -> None:
    with pytest.raises(appsync.exceptions.BadRequestException):
        appsync.tag_resource(resourceArn=arn, tags={"k": "no#hash"})
    appsync.tag_resource(resourceArn=arn, tags={"k": "ok value_1:/@=+-.", "digits 9": ""})
    assert appsync.list_tags_for_resource(resourceArn=arn)["tags"]["digits 9"] == ""


def test_bad_tags_on_create_create_nothing(appsync: Any) -> None:
    with pytest.raises(appsync.exceptions.BadRequestException):
        appsync.create_graphql_api(name="n", authenticationType="API_KEY", tags={"aws:x": "1"})
    assert appsync.list_graphql_apis()["graphqlApis"] == []


def test_at_most_fifty_tags(appsync: Any, arn: str) -> None:
    appsync.tag_resource(resourceArn=arn, tags={f"k{n}": "v" for n in range(50)})
    with pytest.raises(appsync.exceptions.BadRequestException) as excinfo:
        appsync.tag_resource(resourceArn=arn, tags={"one-more": "v"})
    assert error_of(excinfo)[1] == "A GraphQL API can have at most 50 tags."
    assert len(appsync.list_tags_for_resource(resourceArn=arn)["tags"]) == 50


@pytest.mark.parametrize(
    ("region", "partition"),
    [
        ("cn-northwest-1", "aws-cn"),
        ("us-gov-west-1", "aws-us-gov"),
        ("us-gov-east-1", "aws-us-gov"),
    ],
)
def test_arns_of_every_partition_are_taken_back(mockway: Any, region: str, partition: str) -> None:
    """The service's own ARNs are longer than the model's 75 characters in some partitions."""
    aws = client("appsync", region=region)
    arn = aws.create_graphql_api(name="far", authenticationType="API_KEY")["graphqlApi"]["arn"]
    assert arn.startswith(f"arn:{partition}:appsync:{region}:")
    assert len(arn) > 75
    aws.tag_resource(resourceArn=arn, tags={"env": "prod"})
    assert aws.list_tags_for_resource(resourceArn=arn)["tags"] == {"env": "prod"}
    aws.untag_resource(resourceArn=arn, tagKeys=["env"])
    assert aws.list_tags_for_resource(resourceArn=arn)["tags"] == {}
