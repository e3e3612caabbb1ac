"""Malformed OpenAPI documents made at random: each is imported or refused with AWS's 400,
never a raw exception, never a partial API."""

from __future__ import annotations

import json
from typing import Any

import boto3
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockway import mock_apigateway

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
KEYS = st.sampled_from(
    [
        "openapi",
        "swagger",
        "info",
        "paths",
        "components",
        "definitions",
        "securityDefinitions",
        "x-amazon-apigateway-binary-media-types",
        "x-amazon-apigateway-gateway-responses",
        "x-amazon-apigateway-request-validators",
        "x-amazon-apigateway-policy",
        "x-amazon-apigateway-api-key-source",
        "x-amazon-apigateway-minimum-compression-size",
        "x-amazon-apigateway-endpoint-configuration",
    ]
)
PATHS = st.dictionaries(
    st.text(max_size=10).map(lambda part: "/" + part),
    st.dictionaries(
        st.sampled_from(["get", "post", "x-amazon-apigateway-any-method", "parameters", "bad"]),
        st.one_of(
            VALUES,
            st.fixed_dictionaries({"x-amazon-apigateway-integration": VALUES, "responses": VALUES}),
        ),
        max_size=3,
    ),
    max_size=3,
)
DOCUMENTS = st.one_of(
    st.fixed_dictionaries(
        {"openapi": st.sampled_from(["3.0.1", "2.0", 3, None]), "paths": PATHS},
        optional={"info": VALUES, "components": VALUES},
    ),
    st.dictionaries(KEYS, VALUES, max_size=6),
    VALUES,
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=DOCUMENTS, as_yaml=st.booleans())
def test_a_random_document_is_imported_or_refused_whole(document: Any, as_yaml: bool) -> None:
    text = json.dumps(document)
    if as_yaml:  # JSON is YAML: the same document, read by the YAML path
        text = "# yaml\n" + text
    with mock_apigateway():
        apigw = boto3.client(
            "apigateway",
            region_name="us-east-1",
            aws_access_key_id="x",
            aws_secret_access_key="y",
        )
        refused: dict[str, Any] | None = None
        try:
            created = apigw.import_rest_api(body=text.encode())
        except ClientError as error:
            refused = error.response
        apis = apigw.get_rest_apis()["items"]
    if refused is not None:
        assert refused["Error"]["Code"] == "BadRequestException"
        assert refused["ResponseMetadata"]["HTTPStatusCode"] == 400
        assert apis == []
    else:
        assert [api["id"] for api in apis] == [created["id"]]
