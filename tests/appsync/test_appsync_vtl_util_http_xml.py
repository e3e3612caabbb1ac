"""``$util.xml`` and ``$util.http`` in mapping templates, through EvaluateMappingTemplate.

The XML examples are the ones in AppSync's resolver mapping template utility reference
("XML helpers in $util.xml"); the header lists are its "HTTP helpers in $util.http"."""

from __future__ import annotations

import json
from typing import Any

import pytest

ONE_POST = """<?xml version="1.0" encoding="UTF-8"?>
<posts>
<post>
  <id>1</id>
  <title>Getting started with GraphQL</title>
</post>
</posts>"""
TWO_POSTS = """<?xml version="1.0" encoding="UTF-8"?>
<posts>
<post>
  <id>1</id>
  <title>Getting started with GraphQL</title>
</post>
<post>
  <id>2</id>
  <title>Getting started with AWS AppSync</title>
</post>
</posts>"""
NOT_COPIED = [
    "transfer-encoding",
    "connection",
    "host",
    "expect",
    "keep-alive",
    "upgrade",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "content-length",
]
NOT_SET = [
    "Access-Control-Allow-Credentials",
    "Access-Control-Allow-Origin",
    "Access-Control-Expose-Headers",
    "Access-Control-Max-Age",
    "Access-Control-Allow-Methods",
    "Access-Control-Allow-Headers",
    "Vary",
    "Content-Type",
]


def evaluate(appsync: Any, template: str, arguments: dict[str, Any] | None = None) -> Any:
    context = json.dumps({"arguments": arguments or {}})
    answer = appsync.evaluate_mapping_template(template=template, context=context)
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200
    return {k: v for k, v in answer.items() if k != "ResponseMetadata"}


def result(appsync: Any, template: str, arguments: dict[str, Any] | None = None) -> str:
    return str(evaluate(appsync, template, arguments)["evaluationResult"])


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        (ONE_POST, {"posts": {"post": {"id": 1, "title": "Getting started with GraphQL"}}}),
        (
            TWO_POSTS,
            {
                "posts": {
                    "post": [
                        {"id": 1, "title": "Getting started with GraphQL"},
                        {"id": 2, "title": "Getting started with AWS AppSync"},
                    ]
                }
            },
        ),
    ],
)
def test_xml_to_map_and_to_json_string_follow_the_references_examples(
    appsync: Any, xml: str, expected: dict[str, Any]
) -> None:
    arguments = {"xml": xml}
    assert json.loads(result(appsync, "$util.xml.toJsonString($ctx.args.xml)", arguments)) == (
        expected
    )
    template = "$util.toJson($util.xml.toMap($ctx.args.xml))"
    assert json.loads(result(appsync, template, arguments)) == expected


def test_xml_to_map_is_a_map_with_javas_ways(appsync: Any) -> None:
    template = (
        "#set($m = $util.xml.toMap($ctx.args.xml))"
        "$m|$m.posts.post.size()|$m.posts.post[1].title|$util.isNumber($m.posts.post[0].id)"
    )
    assert result(appsync, template, {"xml": TWO_POSTS}) == (
        "{posts={post=[{id=1, title=Getting started with GraphQL}, "
        "{id=2, title=Getting started with AWS AppSync}]}}"
        "|2|Getting started with AWS AppSync|true"
    )


def test_xml_to_json_string_is_compact_and_keeps_strings_when_asked(appsync: Any) -> None:
    arguments = {"xml": ONE_POST}
    assert result(appsync, "$util.xml.toJsonString($ctx.args.xml, false)", arguments) == (
        '{"posts":{"post":{"id":1,"title":"Getting started with GraphQL"}}}'
    )
    assert result(appsync, "$util.xml.toJsonString($ctx.args.xml, true)", arguments) == (
        '{"posts":{"post":{"id":"1","title":"Getting started with GraphQL"}}}'
    )


def test_xml_attributes_text_values_and_namespaces(appsync: Any) -> None:
    xml = (
        '<r xmlns="urn:a" xmlns:p="urn:p" p:at="2.5" flag="TRUE">'
        "<e/><n>null</n><z>007</z><big>99999999999999999999</big><neg>-3</neg>"
        '<p:q kind="x">text &amp; more</p:q> before <!-- note --> <t>  </t> after</r>'
    )
    assert json.loads(result(appsync, "$util.xml.toJsonString($ctx.args.xml)", {"xml": xml})) == {
        "r": {
            "xmlns": "urn:a",
            "xmlns:p": "urn:p",
            "p:at": 2.5,
            "flag": True,
            "e": "",
            "n": None,
            "z": "007",
            "big": "99999999999999999999",
            "neg": -3,
            "p:q": {"kind": "x", "content": "text & more"},
            "t": "",
            "content": ["before", "after"],
        }
    }


@pytest.mark.parametrize("xml", ["<a><b></a>", "not xml", "", "<a/><b/>"])
def test_malformed_xml_fails_the_template(appsync: Any, xml: str) -> None:
    answer = evaluate(appsync, "$util.xml.toMap($ctx.args.xml)", {"xml": xml})
    assert "evaluationResult" not in answer
    assert answer["error"]["message"].startswith("Unable to parse the XML document: ")


def test_copy_headers_leaves_out_the_restricted_headers(appsync: Any) -> None:
    headers = {name: "v" for name in NOT_COPIED}
    headers.update({"Host": "h", "Content-Length": "3", "Accept": "*/*", "x-custom": "1"})
    template = "$util.toJson($util.http.copyHeaders($ctx.args.headers))"
    assert json.loads(result(appsync, template, {"headers": headers})) == {
        "Accept": "*/*",
        "x-custom": "1",
    }


def test_add_response_header_refuses_restricted_names_and_null_values(appsync: Any) -> None:
    names = [*NOT_SET, "x-amzn-Trace", "X-Amz-Date", "host", ""]
    template = (
        "#foreach($name in $ctx.args.names)$util.http.addResponseHeader($name, 1)#end"
        '$util.http.addResponseHeader("itemsCount", 7)'
        '$util.http.addResponseHeader("render", $ctx.args.missing)'
        '$util.http.addResponseHeaders({"headerInt": 12, "vary": "x"})done'
    )
    answer = evaluate(appsync, template, {"names": names})
    assert answer["evaluationResult"] == "done"
    errors = json.loads(answer["outErrors"])
    assert {e["errorType"] for e in errors} == {"ResponseHeaderError"}
    assert [e["message"] for e in errors] == [
        *(f"The response header {n} is restricted." for n in names[:-1]),
        "A response header's name can't be empty.",
        "The response header render has a null value.",
        "The response header vary is restricted.",
    ]


def test_custom_response_headers_are_limited_to_4_kb(appsync: Any) -> None:
    template = (
        '$util.http.addResponseHeader("a", $ctx.args.big)'
        '$util.http.addResponseHeader("a", $ctx.args.big)'
        '$util.http.addResponseHeader("b", "x")'
    )
    answer = evaluate(appsync, template, {"big": "v" * 2047})  # 2,048 bytes, twice: 4 KB
    assert [e["message"] for e in json.loads(answer["outErrors"])] == [
        "The response header b exceeds the 4 KB of custom response headers."
    ]
