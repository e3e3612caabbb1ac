"""``$util.transform`` in mapping templates, through EvaluateMappingTemplate and a GraphQL
request.

The subscription filter and OpenSearch examples are the ones in AppSync's resolver mapping
template utility reference ("Transformation helpers in $util.transform"). The DynamoDB
expressions are written as AppSync was recorded writing them (localstack/appsync-utils,
``__tests__/__snapshots__/transform.test.js.snap``, recorded through EvaluateCode); the
reference's own example shows the same names and placeholders."""

from __future__ import annotations

import json
from typing import Any

import pytest
from appsync_support import REGION

import mockway

ARTICLES = {
    "percentageUp": {"lte": 50, "gte": 20},
    "and": [{"title": {"ne": "Book1"}}, {"downvotes": {"gt": 20}}],
    "or": [{"author": {"eq": "Admin"}}, {"isPublished": {"eq": False}}],
}


def evaluate(appsync: Any, template: str, arguments: dict[str, Any] | None = None) -> Any:
    context = json.dumps({"arguments": arguments or {}})
    answer = appsync.evaluate_mapping_template(template=template, context=context)
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200
    return {k: v for k, v in answer.items() if k != "ResponseMetadata"}


def result(appsync: Any, template: str, arguments: dict[str, Any] | None = None) -> str:
    return str(evaluate(appsync, template, arguments)["evaluationResult"])


def dynamodb(appsync: Any, filter: Any, method: str = "toDynamoDBFilterExpression") -> str:
    return result(appsync, f"$util.transform.{method}($ctx.args.f)", {"f": filter})


def subscription(appsync: Any, *arguments: Any) -> Any:
    names = ", ".join(f"$ctx.args.a{i}" for i in range(len(arguments)))
    template = f"$util.toJson($util.transform.toSubscriptionFilter({names}))"
    given = {f"a{i}": argument for i, argument in enumerate(arguments)}
    return json.loads(result(appsync, template, given))


def test_filter_expression_of_the_references_example(appsync: Any) -> None:
    template = '$util.transform.toDynamoDBFilterExpression({"title":{"contains":"Hello World"}})'
    assert result(appsync, template) == (
        '{"expression":"(contains(#title,:title_contains))",'
        '"expressionNames":{"#title":"title"},'
        '"expressionValues":{":title_contains":{"S":"Hello World"}}}'
    )


@pytest.mark.parametrize(
    ("operator", "written"),
    [("eq", "="), ("ne", "<>"), ("lt", "<"), ("le", "<="), ("gt", ">"), ("ge", ">=")],
)
def test_comparisons(appsync: Any, operator: str, written: str) -> None:
    assert json.loads(dynamodb(appsync, {"v": {operator: "x"}})) == {
        "expression": f"(#v {written} :v_{operator})",
        "expressionNames": {"#v": "v"},
        "expressionValues": {f":v_{operator}": {"S": "x"}},
    }


def test_functions_ranges_lists_existence_and_types(appsync: Any) -> None:
    filter = {
        "a": {"contains": "x"},
        "b": {"notContains": "y"},
        "c": {"beginsWith": "z"},
        "d": {"between": [1, 9, 3]},
        "e": {"in": ["p", "q"]},
        "f": {"attributeExists": True},
        "g": {"attributeExists": False},
        "h": {"attributeType": "stringSet"},
    }
    assert dynamodb(appsync, filter) == (
        '{"expression":"(contains(#a,:a_contains)) AND (NOT contains(#b,:b_notContains)) AND '
        "(begins_with(#c,:c_beginsWith)) AND (#d BETWEEN :d_between_start AND :d_between_end) "
        "AND (#e IN (:e_in_0, :e_in_1)) AND (attribute_exists(#f)) AND "
        '(attribute_not_exists(#g)) AND (attribute_type(#h,:h_attributeType))",'
        '"expressionNames":{"#a":"a","#b":"b","#c":"c","#d":"d","#e":"e","#f":"f","#g":"g",'
        '"#h":"h"},'
        '"expressionValues":{":a_contains":{"S":"x"},":b_notContains":{"S":"y"},'
        '":c_beginsWith":{"S":"z"},":d_between_start":{"N":1},":d_between_end":{"N":9},'
        '":e_in_0":{"S":"p"},":e_in_1":{"S":"q"},":h_attributeType":{"S":"SS"}}}'
    )


def test_values_are_dynamodb_attribute_values(appsync: Any) -> None:
    filter = {"a": {"eq": 1.5}, "b": {"eq": True}, "c": {"eq": None}, "d": {"eq": {"k": [1]}}}
    assert json.loads(dynamodb(appsync, filter))["expressionValues"] == {
        ":a_eq": {"N": 1.5},
        ":b_eq": {"BOOL": True},
        ":c_eq": {"NULL": None},
        ":d_eq": {"M": {"k": {"L": [{"N": 1}]}}},
    }


@pytest.mark.parametrize(
    ("filter", "expression"),
    [
        ({"v": {"ge": 1, "le": 5}}, "((#v >= :v_ge) AND (#v <= :v_le))"),
        ({"and": [{"a": {"eq": 1}}]}, "(#a = :and_0_a_eq)"),
        (
            {"or": [{"and": [{"a": {"eq": 1}}, {"b": {"eq": 2}}]}, {"c": {"eq": 3}}]},
            "(((#a = :or_0_and_0_a_eq) AND (#b = :or_0_and_1_b_eq)) OR (#c = :or_1_c_eq))",
        ),
        ({"not": {"not": {"a": {"eq": 1}}}}, "(NOT (NOT (#a = :not_not_a_eq)))"),
        (
            {"not": {"and": [{"a": {"eq": 1}}, {"b": {"eq": 2}}]}},
            "(NOT ((#a = :not_and_0_a_eq) AND (#b = :not_and_1_b_eq)))",
        ),
        ({"a": {"eq": 1}, "and": [{"b": {"eq": 2}}]}, "(#a = :a_eq) AND (#b = :and_0_b_eq)"),
        (
            {"v": {"size": {"gt": 2, "lt": 5}}},
            "((size(#v) > :v_size_gt) AND (size(#v) < :v_size_lt))",
        ),
        ({"v": {"size": {"size": {"gt": 1}}}}, "(size(#v) > :v_size_size_gt)"),
        ({"v": {"in": []}}, "(null)"),
        ({"a": {"eq": 1}, "b": {}}, "(#a = :a_eq) AND "),
        ({}, ""),
    ],
)
def test_groups_nest_in_parentheses_and_name_their_placeholders(
    appsync: Any, filter: dict[str, Any], expression: str
) -> None:
    assert json.loads(dynamodb(appsync, filter))["expression"] == expression


def test_condition_expression_is_written_as_a_filter(appsync: Any) -> None:
    condition = {"and": [{"id": {"attributeExists": True}}, {"_version": {"eq": 1}}]}
    answer = dynamodb(appsync, condition, "toDynamoDBConditionExpression")
    assert answer == (
        '{"expression":"((attribute_exists(#id)) AND (#_version = :and_1__version_eq))",'
        '"expressionNames":{"#id":"id","#_version":"_version"},'
        '"expressionValues":{":and_1__version_eq":{"N":1}}}'
    )
    assert answer == dynamodb(appsync, condition)


def test_amplifys_condition_template_reads_the_expression(appsync: Any) -> None:
    template = (
        '#set($c = $util.parseJson($util.transform.toDynamoDBConditionExpression({"and": '
        '[{"id": {"attributeExists": false}}]})))'
        "$c.expression|$c.expressionNames|$c.expressionValues.size()"
    )
    assert result(appsync, template) == "(attribute_not_exists(#id))|{#id=id}|0"


def test_query_dsl_of_the_references_example(appsync: Any) -> None:
    template = (
        '$util.transform.toElasticsearchQueryDSL({"upvotes":{"ne":15,"range":[10,20]},'
        '"title":{"eq":"hihihi","wildcard":"h*i"}})'
    )
    assert result(appsync, template) == (
        '{"bool":{"must":[{"bool":{"must":[{"bool":{"must_not":{"term":{"upvotes":15}}}},'
        '{"range":{"upvotes":{"gte":10,"lte":20}}}]}},'
        '{"bool":{"must":[{"term":{"title":"hihihi"}},{"wildcard":{"title":"h*i"}}]}}]}}'
    )


def test_query_dsl_operators_and_groups(appsync: Any) -> None:
    filter = {
        "or": [{"a": {"match": "x"}}, {"b": {"matchPhrasePrefix": "y"}}],
        "not": {"c": {"exists": True}},
        "d": {"exists": False, "gt": 1, "regexp": "r.*"},
    }
    template = "$util.transform.toElasticsearchQueryDSL($ctx.args.f)"
    assert json.loads(result(appsync, template, {"f": filter})) == {
        "bool": {
            "must": [
                {
                    "bool": {
                        "should": [
                            {"match": {"a": "x"}},
                            {"match_phrase_prefix": {"b": "y"}},
                        ],
                        "minimum_should_match": 1,
                    }
                },
                {"bool": {"must_not": {"exists": {"field": "c"}}}},
                {
                    "bool": {
                        "must": [
                            {"bool": {"must_not": {"exists": {"field": "d"}}}},
                            {"range": {"d": {"gt": 1}}},
                            {"regexp": {"d": "r.*"}},
                        ]
                    }
                },
            ]
        }
    }


def test_subscription_filter_of_the_references_examples(appsync: Any) -> None:
    def filters(*fields: tuple[str, str, Any]) -> dict[str, Any]:
        return {"filters": [{"fieldName": f, "operator": o, "value": v} for f, o, v in fields]}

    title, downvotes = ("title", "ne", "Book1"), ("downvotes", "gt", 20)
    published = ("isPublished", "eq", False)
    assert subscription(appsync, ARTICLES) == {
        "filterGroup": [
            filters(("percentageUp", "lte", 50), title, downvotes, ("author", "eq", "Admin")),
            filters(("percentageUp", "lte", 50), title, downvotes, published),
            filters(("percentageUp", "gte", 20), title, downvotes, ("author", "eq", "Admin")),
            filters(("percentageUp", "gte", 20), title, downvotes, published),
        ]
    }
    ignored = ["percentageUp", "author"]
    assert subscription(appsync, ARTICLES, ignored) == {
        "filterGroup": [filters(title, downvotes, published)]
    }
    rules = {"upvotes": {"gte": 250}, "author": {"eq": "Person1"}}
    assert subscription(appsync, ARTICLES, ignored, rules) == {
        "filterGroup": [
            filters(title, downvotes, published, ("upvotes", "gte", 250)),
            filters(title, downvotes, published, ("author", "eq", "Person1")),
        ]
    }


def test_subscription_filter_is_a_map_with_operators_as_written(appsync: Any) -> None:
    template = (
        '#set($f = $util.transform.toSubscriptionFilter({"a": {"containsAny": ["x"]}, '
        '"not": {"b": 1}}))$f.filterGroup.size()|$f'
    )
    assert result(appsync, template) == (
        "1|{filterGroup=[{filters=[{fieldName=a, operator=containsAny, value=[x]}, "
        "{fieldName=not, operator=b, value=1}]}]}"
    )
    assert subscription(appsync, {}) == {"filterGroup": []}
    assert subscription(appsync, {"a": {}}) == {"filterGroup": []}
    assert subscription(appsync, {}, [], {"r": {"eq": 1}}) == {
        "filterGroup": [{"filters": [{"fieldName": "r", "operator": "eq", "value": 1}]}]
    }


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "$util.transform.toDynamoDBFilterExpression($ctx.args.missing)",
            "A DynamoDB filter must be a Map, not Null.",
        ),
        (
            '$util.transform.toDynamoDBFilterExpression("{}")',
            "A DynamoDB filter must be a Map, not String.",
        ),
        (
            '$util.transform.toDynamoDBConditionExpression({"a": {"b": {"eq": 1}}})',
            "Unsupported operator b on field a.",
        ),
        (
            '$util.transform.toDynamoDBFilterExpression({"and": {"a": {"eq": 1}}})',
            "The filter's and must be a List, not Map.",
        ),
        (
            '$util.transform.toDynamoDBFilterExpression({"v": {"between": [1]}})',
            "between of field v needs two values.",
        ),
        (
            '$util.transform.toDynamoDBFilterExpression({"v": {"attributeExists": "yes"}})',
            "attributeExists of field v must be a Boolean.",
        ),
        (
            '$util.transform.toDynamoDBFilterExpression({"v": {"attributeType": "S"}})',
            "attributeType of field v must be one of _null, string, stringSet, number, "
            "numberSet, binary, binarySet, boolean, list, map.",
        ),
        (
            "$util.transform.toElasticsearchQueryDSL([])",
            "An OpenSearch filter must be a Map, not List.",
        ),
        (
            '$util.transform.toElasticsearchQueryDSL({"v": {"near": null}})',
            "Could not construct an Elasticsearch Query DSL from near and null",
        ),
        (
            "$util.transform.toSubscriptionFilter($ctx.args.missing)",
            "A subscription filter must be a Map, not Null.",
        ),
        (
            '$util.transform.toSubscriptionFilter({}, "a")',
            "The fields to leave out must be a List, not String.",
        ),
        (
            '$util.transform.toSubscriptionFilter({}, [], {"r": 1})',
            "The filter of field r must be a Map, not Number.",
        ),
    ],
)
def test_a_filter_that_cannot_be_read_fails_the_template(
    appsync: Any, template: str, message: str
) -> None:
    assert evaluate(appsync, template) == {
        "error": {"message": message},
        "logs": [],
        "stash": "{}",
        "outErrors": "[]",
    }


def test_a_list_resolver_filters_through_a_graphql_request(
    mockway: mockway.Handle, appsync: Any
) -> None:
    view = mockway.appsync(REGION)
    api = view.create_graphql_api_with_key(schema="type Query { filter(title: String): String }")
    appsync.create_data_source(apiId=api.api_id, name="local", type="NONE")
    appsync.create_resolver(
        apiId=api.api_id,
        typeName="Query",
        fieldName="filter",
        dataSourceName="local",
        requestMappingTemplate=(
            '{"version": "2018-05-29", "payload": $util.transform.toDynamoDBFilterExpression('
            '{"title": {"beginsWith": $ctx.args.title}})}'
        ),
        responseMappingTemplate="$util.toJson($util.toJson($ctx.result))",
    )
    answer = view.graphql(api.api_id, '{ filter(title: "Get") }', api_key=api.api_key).json()
    assert json.loads(answer["data"]["filter"]) == {
        "expression": "(begins_with(#title,:title_beginsWith))",
        "expressionNames": {"#title": "title"},
        "expressionValues": {":title_beginsWith": {"S": "Get"}},
    }


def test_keys_of_a_template_map_literal_are_read_as_texts(appsync: Any) -> None:
    template = "$util.transform.toDynamoDBFilterExpression({1: {'eq': 1}})"
    assert json.loads(result(appsync, template)) == {
        "expression": "(#1 = :1_eq)",
        "expressionNames": {"#1": "1"},
        "expressionValues": {":1_eq": {"N": 1}},
    }
    search = "$util.transform.toElasticsearchQueryDSL({1: {'eq': 1}})"
    assert result(appsync, search) == '{"term":{"1":1}}'


def test_a_subscription_filter_of_too_many_groups_fails_at_once(appsync: Any) -> None:
    ors = ",".join(
        f"{{'or': [{{'a{n}': {{'eq': 1}}}}, {{'b{n}': {{'eq': 2}}}}]}}" for n in range(30)
    )
    template = f"$util.toJson($util.transform.toSubscriptionFilter({{'and': [{ors}]}}))"
    assert evaluate(appsync, template)["error"] == {
        "message": "The subscription filter makes more than 10 filter groups; a subscription "
        "filter holds 10 filters at most."
    }
