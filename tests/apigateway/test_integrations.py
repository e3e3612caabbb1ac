"""Integrations: PutIntegration, GetIntegration, UpdateIntegration, DeleteIntegration, as
recorded against AWS, and what the service reads of a request's JSON."""

from __future__ import annotations

from typing import Any

import pytest
from builders import body, status

from support import client, expect_error, known_members

NO_RESOURCE = "Invalid Resource identifier specified"
NO_METHOD = "Invalid Method identifier specified"
NOT_FOUND = "Invalid Integration identifier specified"
TIMEOUT = "Timeout should be between 50 ms and 29000 ms"
BOOLEAN = "class java.lang.Boolean can not be converted to an String"
NUMBER = (
    "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an "
    "String"
)
LAMBDA = (
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    "arn:aws:lambda:us-east-1:123456789012:function:MyLambda/invocations"
)


@pytest.fixture
def method(apigw: Any) -> dict[str, str]:
    """``GET /``, without an integration."""
    api = apigw.create_rest_api(name="integrations")
    key = {"restApiId": api["id"], "resourceId": api["rootResourceId"], "httpMethod": "GET"}
    apigw.put_method(**key, authorizationType="NONE")
    return key


def mock(resource_id: str, **members: Any) -> dict[str, Any]:
    """A MOCK integration as AWS renders it."""
    return {
        "type": "MOCK",
        "passthroughBehavior": "WHEN_NO_MATCH",
        "timeoutInMillis": 29000,
        "cacheNamespace": resource_id,
        "cacheKeyParameters": [],
        **members,
    }


def update(apigw: Any, method: dict[str, str], *ops: dict[str, str]) -> Any:
    return apigw.update_integration(**method, patchOperations=list(ops))


def op(kind: str, path: str, value: str | None = None) -> dict[str, str]:
    return (
        {"op": kind, "path": path} if value is None else {"op": kind, "path": path, "value": value}
    )


def test_type_enum_is_listed_in_aws_order(apigw: Any, method: dict[str, str]) -> None:
    loose = client("apigateway", validate=False)
    with expect_error(
        apigw,
        "ValidationException",
        "1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed "
        "to satisfy constraint: Member must satisfy enum value set: "
        "[HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]",
        400,
    ):
        loose.put_integration(**method, type="HTTPS_PROXY")


def test_errors_are_listed_in_the_order_of_the_model(apigw: Any, method: dict[str, str]) -> None:
    """The model has connectionType before contentHandling; the call names them the other way
    round."""
    message = (
        "2 validation errors detected: Value 'WIRE' at 'putIntegrationInput.connectionType' "
        "failed to satisfy constraint: Member must satisfy enum value set: [INTERNET, VPC_LINK]; "
        "Value 'BOTH' at 'putIntegrationInput.contentHandling' failed to satisfy constraint: "
        "Member must satisfy enum value set: [CONVERT_TO_BINARY, CONVERT_TO_TEXT]"
    )
    with expect_error(apigw, "ValidationException", message, 400):
        apigw.put_integration(**method, type="MOCK", contentHandling="BOTH", connectionType="WIRE")


def test_booleans_where_strings_belong(apigw: Any, method: dict[str, str]) -> None:
    """What botocore sends without client validation: ``{"true": true}``."""
    loose = client("apigateway", validate=False)
    for parameters in ({True: True}, {"integration.request.path.testPath": True}):
        with expect_error(apigw, "SerializationException", BOOLEAN, 400):
            loose.put_integration(**method, type="HTTP_PROXY", requestParameters=parameters)
    with expect_error(apigw, "SerializationException", NUMBER, 400):
        loose.put_integration(**method, type="MOCK", requestTemplates={"application/json": 1.5})
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.get_integration(**method)


def test_a_number_key_is_the_text_json_makes_of_it(apigw: Any, method: dict[str, str]) -> None:
    loose = client("apigateway", validate=False)
    with expect_error(
        apigw,
        "BadRequestException",
        "Validation Result: warnings : [], errors : [Invalid content type specified: 123]",
        400,
    ):
        loose.put_integration(**method, type="MOCK", requestTemplates={123: "{}"})


def test_lookups_name_what_is_missing(apigw: Any, method: dict[str, str]) -> None:
    loose = client("apigateway", validate=False)
    cases = [
        ({"restApiId": "nosuchapi"}, NO_RESOURCE),
        ({"resourceId": "nosuchresource"}, NO_RESOURCE),
        ({"httpMethod": "POST"}, NO_METHOD),
        ({}, NOT_FOUND),
    ]
    for change, message in cases:
        with expect_error(apigw, "NotFoundException", message, 404):
            loose.get_integration(**{**method, **change})
    for change, message in cases[1:3]:
        with expect_error(apigw, "NotFoundException", message, 404):
            apigw.put_integration(
                **{**method, **change},
                integrationHttpMethod="GET",
                type="MOCK",
                requestTemplates={"application/json": '{"statusCode": 200}'},
            )


def test_update_and_delete_find_the_integration_by_its_method(
    apigw: Any, method: dict[str, str]
) -> None:
    calls = (
        lambda where: apigw.update_integration(**where, patchOperations=[]),
        lambda where: apigw.delete_integration(**where),
    )
    cases = [
        ({"restApiId": "nosuchapi"}, NO_RESOURCE),
        ({"resourceId": "nosuchresource"}, NO_RESOURCE),
        ({"httpMethod": "POST"}, NOT_FOUND),
        ({}, NOT_FOUND),
    ]
    for call in calls:
        for change, message in cases:
            with expect_error(apigw, "NotFoundException", message, 404):
                call({**method, **change})


def test_vpc_link_by_stage_variable(apigw: Any, method: dict[str, str]) -> None:
    uri = "http://my-vpclink-test-nlb-1234567890abcdef.us-east-1.amazonaws.com"
    put = apigw.put_integration(
        **method,
        type="HTTP_PROXY",
        uri=uri,
        integrationHttpMethod="GET",
        connectionType="VPC_LINK",
        connectionId="${stageVariables.vpcLinkId}",
    )
    expected = mock(
        method["resourceId"],
        type="HTTP_PROXY",
        uri=uri,
        httpMethod="GET",
        connectionType="VPC_LINK",
        connectionId="${stageVariables.vpcLinkId}",
    )
    assert status(put) == 201
    assert body(put) == expected
    assert body(apigw.get_integration(**method)) == expected
    updated = update(
        apigw, method, op("replace", "/connectionId", "${stageVariables.vpcLinkIdBeta}")
    )
    assert status(updated) == 200
    expected["connectionId"] = "${stageVariables.vpcLinkIdBeta}"
    assert body(updated) == expected
    assert body(apigw.get_integration(**method)) == expected


@pytest.mark.parametrize("kind", ["HTTP", "HTTP_PROXY", "AWS"])
def test_integration_http_method_is_required_but_for_mock(
    apigw: Any, method: dict[str, str], kind: str
) -> None:
    with expect_error(
        apigw, "BadRequestException", "Enumeration value for HttpMethod must be non-empty", 400
    ):
        apigw.put_integration(**method, type=kind, uri="http://example.com")
    put = apigw.put_integration(**method, type="MOCK")
    assert body(put) == mock(method["resourceId"])


def test_aws_integrations(apigw: Any, method: dict[str, str]) -> None:
    role = "arn:aws:iam::123456789012:role/service-role/testfunction-role-oe783psq"
    s3 = apigw.put_integration(
        **method,
        type="AWS",
        integrationHttpMethod="POST",
        uri="arn:aws:apigateway:us-east-1:s3:path/b/k",
        credentials=role,
    )
    assert body(s3) == mock(
        method["resourceId"],
        type="AWS",
        httpMethod="POST",
        uri="arn:aws:apigateway:us-east-1:s3:path/b/k",
        credentials=role,
    )
    proxy = apigw.put_integration(
        **method, type="AWS_PROXY", integrationHttpMethod="POST", uri=LAMBDA
    )
    assert body(proxy) == mock(
        method["resourceId"], type="AWS_PROXY", httpMethod="POST", uri=LAMBDA
    )


def test_put_keeps_what_it_is_given(apigw: Any, method: dict[str, str]) -> None:
    apigw.put_method(
        **{**method, "httpMethod": "POST"},
        authorizationType="NONE",
        requestParameters={"method.request.path.id": True},
    )
    key = {**method, "httpMethod": "POST"}
    put = apigw.put_integration(
        **key,
        type="HTTP",
        integrationHttpMethod="POST",
        uri="https://example.com/{id}",
        requestParameters={
            "integration.request.path.id": "method.request.path.id",
            "integration.request.header.x-static": "'static'",
        },
        requestTemplates={"application/json": "{}", "text/plain": ""},
        passthroughBehavior="NEVER",
        contentHandling="CONVERT_TO_TEXT",
        timeoutInMillis=50,
        cacheNamespace="ns",
        cacheKeyParameters=["method.request.path.id"],
        tlsConfig={"insecureSkipVerification": True},
    )
    assert body(put) == {
        "type": "HTTP",
        "httpMethod": "POST",
        "uri": "https://example.com/{id}",
        "connectionType": "INTERNET",
        "requestParameters": {
            "integration.request.path.id": "method.request.path.id",
            "integration.request.header.x-static": "'static'",
        },
        # An empty template is kept as none.
        "requestTemplates": {"application/json": "{}", "text/plain": None},
        "passthroughBehavior": "NEVER",
        "contentHandling": "CONVERT_TO_TEXT",
        "timeoutInMillis": 50,
        "cacheNamespace": "ns",
        "cacheKeyParameters": ["method.request.path.id"],
        "tlsConfig": {"insecureSkipVerification": True},
    }
    assert body(apigw.get_integration(**key)) == body(put)


def test_empty_maps_given_are_kept_empty(apigw: Any, method: dict[str, str]) -> None:
    put = apigw.put_integration(**method, type="MOCK", requestParameters={}, requestTemplates={})
    assert body(put) == mock(method["resourceId"], requestParameters={}, requestTemplates={})


def test_a_null_template_is_none(apigw: Any, method: dict[str, str]) -> None:
    loose = client("apigateway", validate=False)
    put = loose.put_integration(**method, type="MOCK", requestTemplates={"application/json": None})
    assert put["requestTemplates"] == {"application/json": None}


@pytest.mark.parametrize("timeout", [10, 49, 29001, 30000])
def test_timeout_is_50_to_29000_ms(apigw: Any, method: dict[str, str], timeout: int) -> None:
    with expect_error(apigw, "BadRequestException", TIMEOUT, 400):
        apigw.put_integration(**method, type="MOCK", timeoutInMillis=timeout)
    apigw.put_integration(**method, type="MOCK", timeoutInMillis=29000)
    with expect_error(apigw, "BadRequestException", TIMEOUT, 400):
        update(apigw, method, op("replace", "/timeoutInMillis", str(timeout)))
    assert apigw.get_integration(**method)["timeoutInMillis"] == 29000


@pytest.mark.parametrize(
    ("integration", "message"),
    [
        (
            {"requestParameters": {"integration.request.path.id": "method.request.path.id"}},
            "Invalid mapping expression specified: Validation Result: warnings : [], errors : "
            "[Invalid mapping expression parameter specified: method.request.path.id]",
        ),
        (
            {"requestTemplates": {"json": "{}"}},
            "Validation Result: warnings : [], errors : [Invalid content type specified: json]",
        ),
        (
            {"passthroughBehavior": "SOMETIMES"},
            "Invalid passthrough behavior specified: SOMETIMES. Valid options are "
            "WHEN_NO_MATCH,WHEN_NO_TEMPLATES,NEVER",
        ),
    ],
)
def test_put_refuses(
    apigw: Any, method: dict[str, str], integration: dict[str, Any], message: str
) -> None:
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.put_integration(**method, type="MOCK", **integration)
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.get_integration(**method)


def test_put_replaces_the_integration_and_its_responses(apigw: Any, method: dict[str, str]) -> None:
    apigw.put_integration(**method, type="MOCK")
    apigw.put_integration_response(**method, statusCode="200", selectionPattern="")
    again = apigw.put_integration(
        **method, type="HTTP", integrationHttpMethod="GET", uri="http://example.com"
    )
    assert "integrationResponses" not in again
    assert "integrationResponses" not in apigw.get_method(**method)["methodIntegration"]


def test_update_every_path(apigw: Any, method: dict[str, str]) -> None:
    apigw.put_method(
        **{**method, "httpMethod": "POST"},
        authorizationType="NONE",
        requestParameters={"method.request.querystring.q": False},
    )
    key = {**method, "httpMethod": "POST"}
    apigw.put_integration(
        **key,
        type="HTTP",
        integrationHttpMethod="GET",
        uri="http://example.com",
        requestTemplates={"application/json": "{}"},
    )
    updated = apigw.update_integration(
        **key,
        patchOperations=[
            op("replace", "/uri", "https://example.com/v2"),
            op("replace", "/httpMethod", "POST"),
            op("replace", "/credentials", "arn:aws:iam::123456789012:role/apigw"),
            op("replace", "/passthroughBehavior", "WHEN_NO_TEMPLATES"),
            op("replace", "/contentHandling", "CONVERT_TO_BINARY"),
            op("replace", "/timeoutInMillis", "1000"),
            op("replace", "/cacheNamespace", "shared"),
            op("add", "/cacheKeyParameters/method.request.querystring.q", ""),
            op(
                "add",
                "/requestParameters/integration.request.querystring.q",
                "method.request.querystring.q",
            ),
            op("add", "/requestTemplates/text~1plain", "plain"),
            op("replace", "/requestTemplates/application~1json", '{"a": 1}'),
            op("replace", "/tlsConfig/insecureSkipVerification", "true"),
        ],
    )
    expected = {
        "type": "HTTP",
        "httpMethod": "POST",
        "uri": "https://example.com/v2",
        "connectionType": "INTERNET",
        "credentials": "arn:aws:iam::123456789012:role/apigw",
        "requestParameters": {"integration.request.querystring.q": "method.request.querystring.q"},
        "requestTemplates": {"application/json": '{"a": 1}', "text/plain": "plain"},
        "passthroughBehavior": "WHEN_NO_TEMPLATES",
        "contentHandling": "CONVERT_TO_BINARY",
        "timeoutInMillis": 1000,
        "cacheNamespace": "shared",
        "cacheKeyParameters": ["method.request.querystring.q"],
        "tlsConfig": {"insecureSkipVerification": True},
    }
    assert status(updated) == 200
    assert body(updated) == expected
    assert body(apigw.get_integration(**key)) == expected

    undone = apigw.update_integration(
        **key,
        patchOperations=[
            op("remove", "/cacheKeyParameters/method.request.querystring.q", ""),
            op("remove", "/requestParameters/integration.request.querystring.q"),
            op("remove", "/requestTemplates/text~1plain"),
            op("remove", "/requestTemplates/application~1json"),
            op("replace", "/contentHandling", ""),
            op("replace", "/tlsConfig/insecureSkipVerification", "false"),
        ],
    )
    # Emptied maps are left out; the empty list of cache keys is not.
    gone = ("requestParameters", "requestTemplates", "contentHandling")
    assert body(undone) == {
        **{k: v for k, v in expected.items() if k not in gone},
        "cacheKeyParameters": [],
        "tlsConfig": {"insecureSkipVerification": False},
    }


def test_update_the_newer_members(apigw: Any, method: dict[str, str]) -> None:
    shape = apigw.meta.service_model.shape_for("Integration").members
    if "responseTransferMode" not in shape or "integrationTarget" not in shape:
        pytest.skip("this botocore's model has no responseTransferMode or integrationTarget")
    apigw.put_integration(**method, type="MOCK")
    target = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/alb/abc/def"
    updated = update(
        apigw,
        method,
        op("replace", "/responseTransferMode", "STREAM"),
        op("replace", "/integrationTarget", target),
    )
    assert updated["responseTransferMode"] == "STREAM"
    assert updated["integrationTarget"] == target


def test_update_rechecks_the_whole(apigw: Any, method: dict[str, str]) -> None:
    apigw.put_integration(
        **method, type="HTTP", integrationHttpMethod="GET", uri="http://example.com"
    )
    before = body(apigw.get_integration(**method))
    cases = [
        (op("replace", "/uri", "not a url"), "Invalid HTTP endpoint specified for URI"),
        (op("replace", "/httpMethod", ""), "Enumeration value for HttpMethod must be non-empty"),
        (
            op("add", "/requestParameters/integration.request.path.id", "method.request.path.id"),
            "Invalid mapping expression specified: Validation Result: warnings : [], errors : "
            "[Invalid mapping expression parameter specified: method.request.path.id]",
        ),
        (
            op("add", "/requestTemplates/json", "{}"),
            "Validation Result: warnings : [], errors : [Invalid content type specified: json]",
        ),
        (op("replace", "/timeoutInMillis", "soon"), TIMEOUT),
        (
            op("replace", "/passthroughBehavior", "ALWAYS"),
            "Invalid passthrough behavior specified: ALWAYS. Valid options are "
            "WHEN_NO_MATCH,WHEN_NO_TEMPLATES,NEVER",
        ),
        (
            op("replace", "/contentHandling", "CONVERT"),
            "Invalid content handling specified: CONVERT. Valid options are "
            "CONVERT_TO_BINARY,CONVERT_TO_TEXT",
        ),
        (
            op("replace", "/connectionType", "WIRE"),
            "Invalid connection type specified: WIRE. Valid options are INTERNET,VPC_LINK",
        ),
        (op("replace", "/type", "MOCK"), "Invalid patch path /type"),
        (op("replace", "/requestTemplates", "{}"), "Invalid patch path /requestTemplates"),
        (
            op("replace", "/cacheKeyParameters/a", ""),
            "Invalid patch operation specified. Must be one of: [add, remove]",
        ),
        (
            op("add", "/uri", "http://example.com/b"),
            "Invalid patch operation specified. Must be one of: [replace]",
        ),
    ]
    for operation, message in cases:
        with expect_error(apigw, "BadRequestException", message, 400):
            update(apigw, method, op("replace", "/cacheNamespace", "changed"), operation)
    for operation, message in [
        (
            op("remove", "/requestParameters/integration.request.path.id"),
            "Invalid parameter name specified",
        ),
        (
            op("replace", "/requestTemplates/application~1json", "{}"),
            "Content-Type specified was not found",
        ),
    ]:
        with expect_error(apigw, "NotFoundException", message, 404):
            update(apigw, method, op("replace", "/cacheNamespace", "changed"), operation)
    assert body(apigw.get_integration(**method)) == before


def test_delete(apigw: Any, method: dict[str, str]) -> None:
    apigw.put_integration(**method, type="MOCK")
    apigw.put_integration_response(**method, statusCode="200", selectionPattern="")
    assert status(apigw.delete_integration(**method)) == 204
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.get_integration(**method)
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.get_integration_response(**method, statusCode="200")
    assert "methodIntegration" not in apigw.get_method(**method)
    with expect_error(apigw, "BadRequestException", "No integration defined for method", 400):
        apigw.create_deployment(restApiId=method["restApiId"], stageName="dev")


def test_integration_on_get_method_and_resources(apigw: Any, method: dict[str, str]) -> None:
    put = body(
        apigw.put_integration(**method, type="MOCK", requestTemplates={"application/json": "{}"})
    )
    assert apigw.get_method(**method)["methodIntegration"] == put
    listed = apigw.get_resources(restApiId=method["restApiId"], embed=["methods"])["items"]
    assert listed[0]["resourceMethods"]["GET"]["methodIntegration"] == put
    assert known_members(apigw, "Integration", put) == put
