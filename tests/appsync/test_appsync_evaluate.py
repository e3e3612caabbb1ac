"""EvaluateMappingTemplate (VTL with AppSync's $context and $util) and EvaluateCode."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import time_machine
from appsync_support import T0, T0_EPOCH

from support import expect_error

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
JS = {"name": "APPSYNC_JS", "runtimeVersion": "1.0.0"}
CODE = "export function request(ctx) { return {}; }\nexport function response(ctx) { return 1; }"


def evaluate(appsync: Any, template: str, context: dict[str, Any] | None = None) -> dict[str, Any]:
    answer = appsync.evaluate_mapping_template(template=template, context=json.dumps(context or {}))
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200
    return {k: v for k, v in answer.items() if k != "ResponseMetadata"}


def result(appsync: Any, template: str, context: dict[str, Any] | None = None) -> str:
    return str(evaluate(appsync, template, context)["evaluationResult"])


def test_a_request_template(appsync: Any) -> None:
    template = """{
    "version": "2018-05-29",
    "operation": "PutItem",
    "key": {"id": $util.dynamodb.toDynamoDBJson($ctx.args.id)},
    "attributeValues": $util.dynamodb.toMapValuesJson($ctx.args.input)
}"""
    context = {"arguments": {"id": "p1", "input": {"title": "Hi", "votes": 3, "draft": False}}}
    assert evaluate(appsync, template, context) == {
        "evaluationResult": """{
    "version": "2018-05-29",
    "operation": "PutItem",
    "key": {"id": {"S":"p1"}},
    "attributeValues": {"title":{"S":"Hi"},"votes":{"N":3},"draft":{"BOOL":false}}
}""",
        "logs": [],
        "stash": "{}",
        "outErrors": "[]",
    }


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("$s.trim()|$s.toUpperCase()|$s.toLowerCase()|$s.length()", "Ada Lo| ADA LO | ada lo |8"),
        ("$s.substring(1, 4)|$s.substring(5)|$s.charAt(1)", "Ada|Lo |A"),
        ('$s.indexOf("d")|$s.lastIndexOf("x")|$s.trim().equals("Ada Lo")', "2|-1|true"),
        (
            '$s.contains("Lo")|$s.endsWith(" ")|$s.isEmpty()|$s.concat("!")',
            "true|true|false| Ada Lo !",
        ),
        ('$s.matches(".*Lo.*")|$s.matches("Lo")', "true|false"),
        (
            "$s.replaceAll('([A-Za-z]+) ([A-Za-z]+)', '$2 $1')|$s.replaceFirst('[a-z]', '_')",
            " Lo Ada | A_a Lo ",
        ),
        ('$csv.split(",")|$csv.split(",").size()|$csv.split(",", -1).size()', "[a, b]|2|4"),
        ("$n.toString()|$price.toString()|$m.toString()|$l.toString()", "7|7.5|{a=1}|[1, 2]"),
        ("$s.upper()|$n.bitLength()", "$s.upper()|$n.bitLength()"),
    ],
)
def test_texts_and_numbers_have_javas_methods(appsync: Any, template: str, expected: str) -> None:
    context = {"s": " Ada Lo ", "csv": "a,b,,", "n": 7, "price": 7.5, "m": {"a": 1}, "l": [1, 2]}
    sets = "".join(f"#set(${k} = $ctx.args.{k})" for k in context)
    assert result(appsync, sets + template, {"arguments": context}) == expected


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("#set($x = 7.5 / 2)$x|#set($x = 10 / 4)$x|#set($x = -7 / 2)$x", "3.75|2|-3"),
        ("#set($x = -7 % 3)$x|#set($x = 7 % -3)$x|#set($x = 1 / 0)$x", "-1|1|$x"),
        ("#if($ctx.args.none > 10)a#{else}b#end|#if('x' < 3)a#{else}b#end", "b|b"),
        ("#foreach($v in $ctx.args.m)$v,#end", "1,2,"),
    ],
)
def test_arithmetic_comparisons_and_loops_are_javas(
    appsync: Any, template: str, expected: str
) -> None:
    context = {"arguments": {"none": None, "m": {"a": 1, "b": 2}}}
    assert result(appsync, template, context) == expected


def test_string_literals_keep_their_backslashes(appsync: Any) -> None:
    # Velocity has no escapes in literals: AWS's documented replaceAll("\\'", "'") idiom
    template = '#set($a = \'x\\ny\')$a|$util.escapeJavaScript("it\'s").replaceAll("\\\\\'","\'")'
    assert result(appsync, template) == "x\\ny|it's"


@pytest.mark.parametrize(
    "template", ["$ctx.args.s.substring(9)", "$ctx.args.s.charAt(-1)", "$ctx.args.l.get(-1)"]
)
def test_what_throws_in_java_fails_the_template(appsync: Any, template: str) -> None:
    answer = evaluate(appsync, template, {"arguments": {"s": "abc", "l": [1]}})
    assert "evaluationResult" not in answer
    assert answer["error"]["message"]


def test_values_render_as_java_prints_them(appsync: Any) -> None:
    context = {"arguments": {"m": {"a": 1, "b": None}, "l": [1, "x"], "t": True, "s": "q"}}
    template = "$ctx.args.m $ctx.args.l $ctx.args.t $context.arguments.s $util.toJson($ctx.args.m)"
    assert result(appsync, template, context) == '{a=1, b=null} [1, x] true q {"a":1,"b":null}'
    # An unknown reference stays as written, unless quiet.
    assert result(appsync, "$ctx.args.missing|$!ctx.args.missing|", context) == (
        "$ctx.args.missing||"
    )


def test_maps_and_lists_have_javas_methods(appsync: Any) -> None:
    template = (
        '#set($m = {})$util.qr($m.put("k", "v"))#set($l = [])$util.qr($l.add(1))'
        '$util.quiet($l.add(2))$m.size() $m.containsKey("k") $m.keySet() $l.size() '
        "$l.contains(2) $m.isEmpty()#foreach($e in $m.entrySet()) $e.key=$e.value#end"
    )
    assert result(appsync, template) == "1 true [k] 2 true false k=v"


def test_stash_source_identity_and_prev(appsync: Any) -> None:
    context = {
        "source": {"id": "parent"},
        "identity": {"sub": "user-1"},
        "prev": {"result": {"n": 2}},
        "stash": {"kept": True},
    }
    template = (
        '$util.qr($ctx.stash.put("added", $ctx.prev.result.n))$ctx.source.id $ctx.identity.sub'
    )
    answer = evaluate(appsync, template, context)
    assert answer["evaluationResult"] == "parent user-1"
    assert json.loads(answer["stash"]) == {"kept": True, "added": 2}


def test_util_error_ends_the_template(appsync: Any) -> None:
    template = (
        '#if($util.isNullOrEmpty($ctx.args.title))$util.error("A title is needed", "Invalid")#end'
        "never"
    )
    assert evaluate(appsync, template, {"arguments": {}}) == {
        "error": {"message": "A title is needed"},
        "logs": [],
        "stash": "{}",
        "outErrors": "[]",
    }


def test_append_error_and_log_go_on(appsync: Any) -> None:
    template = '$util.appendError("odd", "Warning", {"n": 1})$util.log.info("seen {}", 2)done'
    answer = evaluate(appsync, template)
    assert answer["evaluationResult"] == "done"
    assert json.loads(answer["outErrors"]) == [
        {"message": "odd", "errorType": "Warning", "data": {"n": 1}}
    ]
    assert answer["logs"] == ["seen 2"]


def test_return_ends_with_a_value(appsync: Any) -> None:
    assert result(appsync, 'ignored #return({"a": [1, true]}) never') == '{"a":[1,true]}'
    assert "evaluationResult" not in evaluate(appsync, "#return")


def test_break_leaves_the_innermost_loop(appsync: Any) -> None:
    assert result(appsync, "#foreach($x in [1,2,3,4])#if($x == 3)#break#end$x,#end") == "1,2,"
    nested = "#foreach($x in [1,2])#foreach($y in [1,2,3])#if($y == 2)#break#end$x$y,#end;#end"
    assert result(appsync, nested) == "11,;21,;"
    # a macro's body is a scope of its own; outside any, the template ends
    assert result(appsync, "#macro(m $a)$a#break?#end#foreach($x in [1,2])#m($x)#end.") == "12."
    assert result(appsync, 'kept#break$util.error("never")') == "kept"


def test_a_template_that_does_not_parse(appsync: Any) -> None:
    answer = evaluate(appsync, "#set($x = )")
    assert "evaluationResult" not in answer
    assert answer["error"]["message"].startswith("line 1, column 11: expected expression")


def test_time_reads_the_clock(appsync: Any) -> None:
    template = (
        "$util.time.nowISO8601() $util.time.nowEpochSeconds() $util.time.nowEpochMilliSeconds() "
        '$util.time.nowFormatted("yyyy-MM-dd HH:mm:ssZ", "Australia/Perth") '
        "$util.time.epochMilliSecondsToISO8601(0) "
        '$util.time.parseISO8601ToEpochMilliSeconds("2026-03-01T12:30:15.000Z")'
    )
    with time_machine.travel(T0, tick=False):
        assert result(appsync, template) == (
            f"2026-03-01T12:30:15.000Z {T0_EPOCH} {T0_EPOCH * 1000} 2026-03-01 20:30:15+0800 "
            f"1970-01-01T00:00:00.000Z {T0_EPOCH * 1000}"
        )


def test_ids_checks_and_encodings(appsync: Any) -> None:
    ids = result(appsync, "$util.autoId() $util.autoUlid() $util.autoKsuid()").split()
    assert re.fullmatch(UUID, ids[0])
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{26}", ids[1])
    assert re.fullmatch(r"[0-9A-Za-z]{27}", ids[2])
    template = (
        '$util.isNull($ctx.args.none) $util.isNullOrEmpty("") '
        "$util.defaultIfNull($ctx.args.none, 7) "
        "$util.isString($ctx.args.s) $util.isNumber($ctx.args.n) $util.typeOf($ctx.args.l) "
        '$util.matches("a.c", "abc")'
    )
    context = {"arguments": {"none": None, "s": "x", "n": 1.5, "l": []}}
    assert result(appsync, template, context) == "true true 7 true true List true"
    template = (
        '$util.escapeJavaScript($ctx.args.s) $util.urlEncode("a b~*") '
        '$util.base64Encode("hi") $util.base64Decode("aGk=") $util.str.toUpper("up")'
    )
    assert result(appsync, template, {"arguments": {"s": 'it\'s "é"\n'}}) == (
        'it\\\'s \\"\\u00E9\\"\\n a+b%7E* aGk= hi UP'
    )


def test_a_context_that_is_no_json_object(appsync: Any) -> None:
    with expect_error(
        appsync, "BadRequestException", "The context is not a JSON object: not an object", 400
    ):
        appsync.evaluate_mapping_template(template="$ctx", context="[1, 2]")


def test_evaluate_code_is_refused_with_code_error(appsync: Any) -> None:
    message = (
        "mockway does not run APPSYNC_JS code: no JavaScript runtime is embedded. Test the code's"
        " request and response functions with a JavaScript test runner."
    )
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.evaluate_code(runtime=JS, code=CODE, context="{}", function="request")
    with pytest.raises(appsync.exceptions.BadRequestException) as info:
        appsync.evaluate_code(runtime=JS, code=CODE, context="{}")
    assert info.value.response["reason"] == "CODE_ERROR"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"runtime": {"name": "APPSYNC_JS", "runtimeVersion": "2.0.0"}},
            "Unsupported runtime version 2.0.0 for runtime APPSYNC_JS.",
        ),
        ({"function": "handler"}, "function must be request or response, not handler."),
    ],
)
def test_evaluate_code_checks_its_request(
    appsync: Any, params: dict[str, Any], message: str
) -> None:
    call = {"runtime": JS, "code": CODE, "context": "{}", **params}
    with expect_error(appsync, "BadRequestException", message, 400):
        appsync.evaluate_code(**call)


def test_a_backslash_before_any_letter_stays_in_a_literal(appsync: Any) -> None:
    # Velocity has no escapes in literals: "\d+" reaches Java's regex as \d+
    template = (
        r'#if($ctx.args.n.matches("\d+"))digits#{else}other#end|'
        r"""$ctx.args.s.replaceAll('\s+', '_')|#set($p = "\w\d")$p|'\w'"""
    )
    assert result(appsync, template, {"arguments": {"n": "42", "s": "a  b c"}}) == (
        "digits|a_b_c|\\w\\d|'\\w'"
    )
    assert result(appsync, template, {"arguments": {"n": "4x", "s": ""}}).startswith("other|")


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        # Velocity 1.7: a hyphen is part of a name, after $ and after a dot
        ("$ctx.request.headers.x-api-key", "k1"),
        ("${ctx.args.first-name}", "Ada"),
        ("$ctx.args.get('first-name')", "Ada"),
        ('#set($m = {})#set($m.X-Team = "blue")$m', "{X-Team=blue}"),
        ("#foreach($one-item in [1, 2])$one-item;#end", "1;2;"),
        # so $a- is the name "a-", which is nothing: written as it is
        ('#set($a = "A")#set($b = "B")$a-$b|${a}-${b}', "$a-B|A-B"),
        ('#set($a = "A")#set($s = "$a-x")$s', "$a-x"),
        ("#set($n = 5)#set($m = $n - 1)$m", "4"),
    ],
)
def test_a_hyphen_belongs_to_the_name_before_it(appsync: Any, template: str, expected: str) -> None:
    context = {"arguments": {"first-name": "Ada"}, "request": {"headers": {"x-api-key": "k1"}}}
    assert result(appsync, template, context) == expected


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        # Velocity 1.7: a quote doubled inside a literal of its kind is one quote
        ('#set($j = "{""a"": ""$ctx.args.v""}")$j', '{"a": "x"}'),
        ("#set($s = 'it''s')$s", "it's"),
        ('#set($s = \'say ""hi""\')$s', 'say ""hi""'),
        ('#set($e = "")[$e]#if($e == "")empty#end', "[]empty"),
        ('#set($q = """")$q', '"'),
        ('$util.toJson("a""b")', '"a\\"b"'),
    ],
)
def test_a_doubled_quote_in_a_literal_is_one_quote(
    appsync: Any, template: str, expected: str
) -> None:
    assert result(appsync, template, {"arguments": {"v": "x"}}) == expected


def test_a_backslash_before_a_quote_is_itself(appsync: Any) -> None:
    # Velocity 1.7 has no escapes in literals: '\"' is two characters, "\"" does not parse
    assert result(appsync, "#set($q = '\\\"')$q$q.length()") == '\\"2'
    answer = evaluate(appsync, '#set($q = "\\"")$q')
    assert "evaluationResult" not in answer
    assert answer["error"]["message"]


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ('#set($p = "C:\\dir\\")$p', "C:\\dir\\"),
        ('#set($x = "a")$x.replace("a", "\\")', "\\"),
        ("ends with a backslash\\", "ends with a backslash\\"),
    ],
)
def test_a_last_backslash_is_kept(appsync: Any, template: str, expected: str) -> None:
    assert result(appsync, template) == expected


def test_a_template_that_does_not_parse_is_quoted_as_written(appsync: Any) -> None:
    answer = evaluate(appsync, '#set($s = "$ctx.args.a.concat(""q"")")$s')
    assert "evaluationResult" not in answer
    assert '""q"")' in answer["error"]["message"]
