"""SDK types and the SDK archive GetSdk answers for a stage."""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from typing import Any

import pytest
import time_machine
from builders import ACCOUNT, REGION, body, pets_api, status

from support import expect_error

T0 = datetime.datetime(2016, 2, 22, 23, 52, 30, tzinfo=datetime.timezone.utc)
ANDROID = {
    "groupId": "com.mycompany",
    "invokerPackage": "com.mycompany.clientsdk",
    "artifactId": "Mycompany-client",
    "artifactVersion": "1.0.0",
}


def prop(name: str, friendly: str, description: str = "", required: bool = True) -> Any:
    return {
        "name": name,
        "friendlyName": friendly,
        "description": description,
        "required": required,
    }


def test_sdk_types(apigw: Any) -> None:
    listed = apigw.get_sdk_types()
    assert status(listed) == 200
    assert [t["id"] for t in listed["items"]] == [
        "android",
        "javascript",
        "objectivec",
        "swift",
        "java",
        "ruby",
    ]
    assert "position" not in listed
    by_id = {t["id"]: t for t in listed["items"]}
    assert by_id["android"] == {
        "id": "android",
        "friendlyName": "Android",
        "description": "",
        "configurationProperties": [
            prop("groupId", "Group ID"),
            prop("invokerPackage", "Invoker package"),
            prop("artifactId", "Artifact ID"),
            prop("artifactVersion", "Artifact version"),
        ],
    }
    assert by_id["javascript"] == {
        "id": "javascript",
        "friendlyName": "JavaScript",
        "description": "",
        "configurationProperties": [],
    }
    for ios, name in (("objectivec", "iOS (Objective-C)"), ("swift", "iOS (Swift)")):
        assert by_id[ios]["friendlyName"] == name
        assert by_id[ios]["configurationProperties"] == [prop("classPrefix", "Prefix")]
    java = by_id["java"]
    assert java["description"] == "Java SDK generator for API Gateway APIs"
    assert [(p["name"], p["required"]) for p in java["configurationProperties"]] == [
        ("service.name", True),
        ("java.package-name", True),
        ("java.build-system", False),
        ("java.group-id", False),
        ("java.artifact-id", False),
        ("java.artifact-version", False),
        ("java.license-text", False),
    ]
    ruby = by_id["ruby"]
    assert ruby["configurationProperties"][0] == prop(
        "service.name",
        "Service Name",
        "Name of the service which is used to derive the name for your client",
    )
    assert [p["name"] for p in ruby["configurationProperties"]] == [
        "service.name",
        "ruby.gem-name",
        "ruby.gem-version",
    ]
    # No property has a default value.
    assert all(
        "defaultValue" not in p for t in listed["items"] for p in t["configurationProperties"]
    )


def test_sdk_types_paged(apigw: Any) -> None:
    first = apigw.get_sdk_types(limit=4)
    assert [t["id"] for t in first["items"]] == ["android", "javascript", "objectivec", "swift"]
    rest = apigw.get_sdk_types(limit=4, position=first["position"])
    assert [t["id"] for t in rest["items"]] == ["java", "ruby"]
    assert "position" not in rest


def test_sdk_type(apigw: Any) -> None:
    got = apigw.get_sdk_type(id="swift")
    assert status(got) == 200
    assert body(got) == {
        "id": "swift",
        "friendlyName": "iOS (Swift)",
        "description": "",
        "configurationProperties": [prop("classPrefix", "Prefix")],
    }
    with expect_error(apigw, "NotFoundException", "Invalid SDK type identifier specified", 404):
        apigw.get_sdk_type(id="cobol")


def unzip(response: dict[str, Any]) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(response["body"].read())) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def test_get_sdk(apigw: Any) -> None:
    api = pets_api(apigw)
    with time_machine.travel(T0, tick=False):
        sdk = apigw.get_sdk(
            restApiId=api.api_id, stageName=api.stage, sdkType="android", parameters=ANDROID
        )
    assert status(sdk) == 200
    assert sdk["contentType"] == "application/octet-stream"
    assert sdk["contentDisposition"] == 'attachment; filename="android_2016-02-22_23-52Z.zip"'
    files = unzip(sdk)
    assert sorted(files) == ["README.md", "client.json"]
    url = f"https://{api.api_id}.execute-api.{REGION}.amazonaws.com/dev"
    assert url in files["README.md"]
    client = json.loads(files["client.json"])
    assert client == {
        "sdkType": "android",
        "restApiId": api.api_id,
        "restApiName": "pets",
        "stageName": "dev",
        "invokeUrl": url,
        "configuration": dict(sorted(ANDROID.items())),
        "methods": [
            {
                "path": "/",
                "httpMethod": "GET",
                "authorizationType": "NONE",
                "apiKeyRequired": False,
            },
            {
                "path": "/pets",
                "httpMethod": "GET",
                "authorizationType": "NONE",
                "apiKeyRequired": False,
            },
        ],
    }


def test_get_sdk_lists_what_the_stage_deployed(apigw: Any) -> None:
    api = pets_api(apigw)
    # A method added after the deployment is not in the stage's SDK.
    apigw.put_method(
        restApiId=api.api_id, resourceId=api.pets_id, httpMethod="POST", authorizationType="NONE"
    )
    sdk = apigw.get_sdk(restApiId=api.api_id, stageName=api.stage, sdkType="javascript")
    methods = json.loads(unzip(sdk)["client.json"])["methods"]
    assert [(m["path"], m["httpMethod"]) for m in methods] == [("/", "GET"), ("/pets", "GET")]


def test_get_sdk_is_the_same_under_frozen_time(apigw: Any) -> None:
    api = pets_api(apigw)
    with time_machine.travel(T0, tick=False):
        first = apigw.get_sdk(restApiId=api.api_id, stageName="dev", sdkType="javascript")
        second = apigw.get_sdk(restApiId=api.api_id, stageName="dev", sdkType="javascript")
    assert first["body"].read() == second["body"].read()


def test_get_sdk_errors(apigw: Any) -> None:
    api = pets_api(apigw)
    with expect_error(
        apigw,
        "NotFoundException",
        f"Invalid API identifier specified {ACCOUNT}:nope000000",
        404,
    ):
        apigw.get_sdk(restApiId="nope000000", stageName="dev", sdkType="javascript")
    with expect_error(apigw, "NotFoundException", "Invalid stage identifier specified", 404):
        apigw.get_sdk(restApiId=api.api_id, stageName="prod", sdkType="javascript")
    with expect_error(
        apigw,
        "BadRequestException",
        "Invalid SDK type specified: cobol. Valid options are"
        " android,javascript,objectivec,swift,java,ruby",
        400,
    ):
        apigw.get_sdk(restApiId=api.api_id, stageName="dev", sdkType="cobol")


@pytest.mark.parametrize(
    ("sdk_type", "parameters", "missing"),
    [
        ("android", {"groupId": "com.mycompany"}, "invokerPackage, artifactId, artifactVersion"),
        ("objectivec", {}, "classPrefix"),
        ("swift", {"classPrefix": ""}, "classPrefix"),
        ("java", {"service.name": "Pets"}, "java.package-name"),
        ("ruby", {"ruby.gem-name": "pets"}, "service.name"),
    ],
)
def test_get_sdk_needs_the_required_properties(
    apigw: Any, sdk_type: str, parameters: dict[str, str], missing: str
) -> None:
    api = pets_api(apigw)
    with expect_error(
        apigw,
        "BadRequestException",
        f"Missing required configuration properties for SDK type {sdk_type}: [{missing}]",
        400,
    ):
        apigw.get_sdk(
            restApiId=api.api_id, stageName="dev", sdkType=sdk_type, parameters=parameters
        )


@pytest.mark.parametrize(
    ("sdk_type", "parameters"),
    [
        ("objectivec", {"classPrefix": "PETS"}),
        ("swift", {"classPrefix": "PETS"}),
        ("java", {"service.name": "Pets", "java.package-name": "com.example.pets"}),
        ("ruby", {"service.name": "Pets"}),
    ],
)
def test_get_sdk_with_the_required_properties(
    apigw: Any, sdk_type: str, parameters: dict[str, str]
) -> None:
    api = pets_api(apigw)
    sdk = apigw.get_sdk(
        restApiId=api.api_id, stageName="dev", sdkType=sdk_type, parameters=parameters
    )
    assert sdk["contentDisposition"].startswith(f'attachment; filename="{sdk_type}_')
    assert json.loads(unzip(sdk)["client.json"])["configuration"] == parameters
