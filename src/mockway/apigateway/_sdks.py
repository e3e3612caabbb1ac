"""GetSdkTypes, GetSdkType, GetSdk: the client SDKs API Gateway generates for a stage.

The SDK types and their configuration properties are AWS's. The archive GetSdk answers is a
real zip, but its content is mockway's own: a README and ``client.json``, which names the
stage's invoke URL, the configuration given, and the methods the stage's deployment holds. It
is no generated SDK, and is not meant to be built or run.
"""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any, ClassVar

from botocore.response import StreamingBody

from .._paging import OrderedStore
from .._regions import partition
from .._registry import Call
from .._render import Rendering
from . import _errors as e
from ._family import Family, Parent
from ._models import ApiGatewayBackend

__all__ = ["OPERATIONS", "SDK_TYPES", "SdkConfigurationProperty", "SdkType"]

CONTENT_TYPE = "application/octet-stream"


@dataclass(frozen=True, slots=True)
class SdkConfigurationProperty:
    name: str
    friendly_name: str
    description: str
    required: bool
    default_value: str | None = None


@dataclass(frozen=True, slots=True)
class SdkType:
    id: str
    friendly_name: str
    description: str
    configuration_properties: list[SdkConfigurationProperty] = field(default_factory=list)

    RENDER: ClassVar[Rendering] = Rendering(always=frozenset({"configurationProperties"}))


def _prop(
    name: str, friendly: str, description: str = "", *, required: bool = True
) -> SdkConfigurationProperty:
    return SdkConfigurationProperty(name, friendly, description, required)


_CLASS_PREFIX = [_prop("classPrefix", "Prefix")]
_TYPES = (
    SdkType(
        "android",
        "Android",
        "",
        [
            _prop("groupId", "Group ID"),
            _prop("invokerPackage", "Invoker package"),
            _prop("artifactId", "Artifact ID"),
            _prop("artifactVersion", "Artifact version"),
        ],
    ),
    SdkType("javascript", "JavaScript", ""),
    SdkType("objectivec", "iOS (Objective-C)", "", _CLASS_PREFIX),
    SdkType("swift", "iOS (Swift)", "", _CLASS_PREFIX),
    SdkType(
        "java",
        "Java",
        "Java SDK generator for API Gateway APIs",
        [
            _prop(
                "service.name",
                "Service Name",
                "Name of the service which is used to derive the Java interface name for your"
                " client",
            ),
            _prop(
                "java.package-name",
                "Java Package Name",
                "Name of the Java package your code will be generated under",
            ),
            _prop(
                "java.build-system",
                "Java Build System",
                "Build system to setup for project; Currently supported: maven, gradle",
                required=False,
            ),
            _prop(
                "java.group-id",
                "Java Group Id",
                "Group id for your Maven or Gradle project. Defaults to package name",
                required=False,
            ),
            _prop(
                "java.artifact-id",
                "Java Artifact Id",
                "Artifact Id for your Maven project or project name for your Gradle project."
                " Defaults to service name",
                required=False,
            ),
            _prop(
                "java.artifact-version",
                "Java Artifact Version",
                "Version of your Maven or Gradle project. Defaults to 1.0-SNAPSHOT",
                required=False,
            ),
            _prop(
                "java.license-text",
                "Source Code License Text",
                "Customer provided license to inject into source file headers",
                required=False,
            ),
        ],
    ),
    SdkType(
        "ruby",
        "Ruby",
        "Ruby SDK generator for API Gateway APIs",
        [
            _prop(
                "service.name",
                "Service Name",
                "Name of the service which is used to derive the name for your client",
            ),
            _prop(
                "ruby.gem-name",
                "Ruby Gem Name",
                "Name of the Ruby gem your code will be generated under",
                required=False,
            ),
            _prop(
                "ruby.gem-version",
                "Ruby Gem Version",
                "Version number for your service gem. Defaults to 1.0.0",
                required=False,
            ),
        ],
    ),
)


def _catalogue(types: tuple[SdkType, ...]) -> OrderedStore[SdkType]:
    store: OrderedStore[SdkType] = OrderedStore()
    for sdk_type in types:
        store.add(sdk_type.id, sdk_type)
    return store


SDK_TYPES = _catalogue(_TYPES)
"""AWS's SDK types, in the order GetSdkTypes lists them."""


FAMILY: Family[SdkType] = Family(
    Parent(lambda backend, call: SDK_TYPES),
    lambda types: types,
    "id",
    e.SDK_TYPE_NOT_FOUND,
    newest_first=False,
)


# -- the archive -------------------------------------------------------------------------------

_EARLIEST_ZIP_TIME = datetime.datetime(1980, 1, 1, tzinfo=datetime.timezone.utc)


def _readme(sdk_type: SdkType, api_name: str, stage: str, url: str) -> str:
    return (
        f"# {api_name} ({stage}): {sdk_type.friendly_name} SDK\n\n"
        "Made by mockway, which mocks Amazon API Gateway in tests. This is not a generated\n"
        "SDK: client.json lists what one would be generated from (the stage's invoke URL,\n"
        "the configuration given and the methods deployed to the stage).\n\n"
        f"Invoke URL: {url}\n"
    )


def _archive(files: dict[str, str], when: datetime.datetime) -> bytes:
    w = max(when, _EARLIEST_ZIP_TIME)  # the earliest time a zip entry can have
    stamp = (w.year, w.month, w.day, w.hour, w.minute, w.second)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), text)
    return out.getvalue()


def get_sdk(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    api = backend.rest_api(p["restApiId"])
    stage = api.stages.get(p["stageName"])
    if stage is None:
        raise e.not_found(e.STAGE_NOT_FOUND)
    sdk_type = SDK_TYPES.get(p["sdkType"])
    if sdk_type is None:
        types = ",".join(t.id for t in SDK_TYPES.values())
        raise e.bad_request(e.SDK_TYPE_INVALID.format(value=p["sdkType"], types=types))
    given: dict[str, str] = p.get("parameters") or {}
    missing = [
        prop.name
        for prop in sdk_type.configuration_properties
        if prop.required and not given.get(prop.name)
    ]
    if missing:
        raise e.bad_request(
            e.SDK_PARAMETERS_MISSING.format(type=sdk_type.id, names=", ".join(missing))
        )
    url = (
        f"https://{api.id}.execute-api.{backend.region}.{partition(backend.region)[1]}"
        f"/{stage.stage_name}"
    )
    deployment = api.deployments.get(stage.deployment_id)
    summary = {} if deployment is None else deployment.api_summary
    client = {
        "sdkType": sdk_type.id,
        "restApiId": api.id,
        "restApiName": api.name,
        "stageName": stage.stage_name,
        "invokeUrl": url,
        "configuration": dict(sorted(given.items())),
        "methods": [
            {"path": path, "httpMethod": verb, **snapshot}
            for path, methods in summary.items()
            for verb, snapshot in methods.items()
        ],
    }
    when = datetime.datetime.fromtimestamp(int(call.now), datetime.timezone.utc)
    data = _archive(
        {
            "README.md": _readme(sdk_type, api.name, stage.stage_name, url),
            "client.json": json.dumps(client, indent=2) + "\n",
        },
        when,
    )
    filename = f"{sdk_type.id}_{when:%Y-%m-%d_%H-%M}Z.zip"
    return {
        "contentType": CONTENT_TYPE,
        "contentDisposition": f'attachment; filename="{filename}"',
        "body": StreamingBody(io.BytesIO(data), len(data)),
    }


OPERATIONS = {
    "GetSdk": get_sdk,
    **FAMILY.operations(get="GetSdkType", list="GetSdkTypes"),
}
