"""``$util.rds`` and ``$extensions`` in mapping templates, through EvaluateMappingTemplate and
GraphQL requests.

The RDS example is the one in AppSync's resolver mapping template utility reference ("Amazon
RDS helpers in $util.rds"); the templates indexing the result per statement are those of its
Aurora Serverless tutorial. The filters are the reference's "Extensions" examples."""

from __future__ import annotations

import json
from typing import Any

import pytest

import mockway

BOOKS = {
    "sqlStatementResults": [
        {
            "numberOfRecordsUpdated": 0,
            "records": [
                [
                    {"stringValue": "Mark Twain"},
                    {"stringValue": "Adventures of Huckleberry Finn"},
                    {"stringValue": "978-1948132817"},
                ],
                [
                    {"stringValue": "Jack London"},
                    {"stringValue": "The Call of the Wild"},
                    {"stringValue": "978-1948132275"},
                ],
            ],
            "columnMetadata": [
                {"label": "author", "name": "author", "typeName": "VARCHAR", "type": 12},
                {"label": "title", "name": "title", "typeName": "VARCHAR", "type": 12},
                {"label": "ISBN-13", "name": "ISBN-13", "typeName": "VARCHAR", "type": 12},
            ],
        }
    ]
}
BOOKS_JSON = (
    '[[{"author":"Mark Twain","title":"Adventures of Huckleberry Finn",'
    '"ISBN-13":"978-1948132817"},{"author":"Jack London","title":"The Call of the Wild",'
    '"ISBN-13":"978-1948132275"}]]'
)
# An INSERT then a SELECT of the row it made, each column typed as the Data API types it.
INSERTED = {
    "sqlStatementResults": [
        {"numberOfRecordsUpdated": 1, "records": [], "columnMetadata": [], "generatedFields": []},
        {
            "numberOfRecordsUpdated": 0,
            "records": [
                [
                    {"stringValue": "p1"},
                    {"longValue": 42},
                    {"doubleValue": 9.5},
                    {"booleanValue": True},
                    {"isNull": True},
                    {"blobValue": "aGk="},
                    {"arrayValue": {"stringValues": ["a", "b"]}},
                    {"arrayValue": {"arrayValues": [{"longValues": [1, 2]}, {"longValues": [3]}]}},
                ]
            ],
            "columnMetadata": [
                {"label": "id", "name": "id"},
                {"label": "stock", "name": "stock"},
                {"label": "price", "name": "price"},
                {"label": "sold", "name": "sold"},
                {"label": "note", "name": "note"},
                {"label": "picture", "name": "picture"},
                {"label": "tags", "name": "tags"},
                {"label": "grid", "name": "grid"},
            ],
        },
    ]
}
FILTER = (
    '{"filterGroup": [{"filters": [{"fieldName": "userId", "operator": "eq", "value": 1}]},'
    ' {"filters": [{"fieldName": "group", "operator": "in", "value": ["Admin", "Developer"]}]}]}'
)


def evaluate_template(appsync: Any, template: str, **context: Any) -> Any:
    answer = appsync.evaluate_mapping_template(template=template, context=json.dumps(context))
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200
    return {k: v for k, v in answer.items() if k not in ("ResponseMetadata", "logs", "stash")}


# $util.rds


def test_to_json_string_makes_the_references_example_concise(appsync: Any) -> None:
    template = "$util.rds.toJsonString($ctx.result)"
    answer = evaluate_template(appsync, template, result=json.dumps(BOOKS))
    assert answer == {"evaluationResult": BOOKS_JSON, "outErrors": "[]"}


def test_to_json_object_is_a_list_per_statement_of_rows_as_maps(appsync: Any) -> None:
    template = (
        "$util.toJson($utils.rds.toJsonObject($ctx.result)[0])|"
        "$util.rds.toJsonObject($ctx.result)[0][1].title|"
        "$util.rds.toJsonObject($ctx.result)[0][0]"
    )
    answer = evaluate_template(appsync, template, result=json.dumps(BOOKS))
    assert answer["evaluationResult"] == (
        BOOKS_JSON[1:-1] + "|The Call of the Wild|"
        "{author=Mark Twain, title=Adventures of Huckleberry Finn, ISBN-13=978-1948132817}"
    )


def test_each_typed_field_gives_its_value_and_a_mutation_an_empty_list(appsync: Any) -> None:
    template = (
        "$util.rds.toJsonString($ctx.result)|"
        "$util.toJson($util.rds.toJsonObject($ctx.result)[1][0])"
    )
    answer = evaluate_template(appsync, template, result=json.dumps(INSERTED))
    row = (
        '{"id":"p1","stock":42,"price":9.5,"sold":true,"note":null,"picture":"aGk=",'
        '"tags":["a","b"],"grid":[[1,2],[3]]}'
    )
    assert answer["evaluationResult"] == f"[[],[{row}]]|{row}"


def test_rows_are_keyed_by_column_label(appsync: Any) -> None:
    aliased = {
        "sqlStatementResults": [
            {
                "records": [[{"longValue": 3}, {"stringValue": "x", "isNull": False}]],
                "columnMetadata": [
                    {"label": "total", "name": "COUNT(*)"},
                    {"name": "kind"},  # no label: its name
                ],
            }
        ]
    }
    template = "$util.rds.toJsonString($ctx.result)"
    answer = evaluate_template(appsync, template, result=json.dumps(aliased))
    assert answer["evaluationResult"] == '[[{"total":3,"kind":"x"}]]'


def test_a_result_without_statements_is_an_empty_list(appsync: Any) -> None:
    template = "$util.rds.toJsonString('{}')|$util.rds.toJsonObject('{}').size()"
    assert evaluate_template(appsync, template)["evaluationResult"] == "[]|0"


@pytest.mark.parametrize(
    ("template", "result", "message"),
    [
        (
            "$util.rds.toJsonString($ctx.result)",
            "not json",
            "$util.rds.toJsonString could not parse the serialized SQL result as JSON: not json",
        ),
        (
            "$util.rds.toJsonObject($ctx.result)",
            {"sqlStatementResults": []},
            "$util.rds.toJsonObject expects the serialized SQL result as a String, not a Map.",
        ),
        (
            "$util.rds.toJsonObject($ctx.result)",
            None,
            "$util.rds.toJsonObject expects the serialized SQL result as a String, not null.",
        ),
        (
            "$util.rds.toJsonObject($ctx.result)",
            "[1]",
            "$util.rds.toJsonObject: the serialized SQL result is not an RDS Data API result: "
            "the result is not an object.",
        ),
        (
            "$util.rds.toJsonString($ctx.result)",
            '{"sqlStatementResults": [{"records": [["x"]], "columnMetadata": [{"label": "a"}]}]}',
            "$util.rds.toJsonString: the serialized SQL result is not an RDS Data API result: "
            "a field of a record is not an object.",
        ),
    ],
)
def test_what_is_not_a_serialized_sql_result_fails_the_template(
    appsync: Any, template: str, result: Any, message: str
) -> None:
    answer = evaluate_template(appsync, template, result=result)
    assert answer == {"error": {"message": message}, "outErrors": "[]"}


# $extensions, evaluated without a resolver: the arguments are checked, nothing is rendered


def test_extensions_render_nothing(appsync: Any) -> None:
    template = (
        "[$extensions.evictFromApiCache('Query', 'allClasses', "
        '{"context.arguments.semester": $ctx.args.semester})'
        f"$extensions.setSubscriptionFilter({FILTER})"
        f"$extensions.setSubscriptionInvalidationFilter({FILTER})"
        '$extensions.invalidateSubscriptions({"subscriptionField": "onUserDelete", '
        '"payload": {"group": "Developer", "type": "Full-Time"}})]'
    )
    answer = evaluate_template(appsync, template, arguments={"semester": "fall"})
    assert answer == {"evaluationResult": "[]", "outErrors": "[]"}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            "evictFromApiCache('Query', 1, {})",
            "$extensions.evictFromApiCache: the type name and the field name must be strings.",
        ),
        (
            "evictFromApiCache('Query', 'allClasses', 'semester')",
            "$extensions.evictFromApiCache: the caching keys must be an object.",
        ),
        (
            "invalidateSubscriptions({'payload': {}})",
            "$extensions.invalidateSubscriptions: subscriptionField must be a non-empty string.",
        ),
        (
            "invalidateSubscriptions({'subscriptionField': 'onUserDelete'})",
            "$extensions.invalidateSubscriptions: payload must be an object.",
        ),
        (
            "setSubscriptionFilter('userId')",
            "$extensions.setSubscriptionFilter: the filter must be an object with a filterGroup "
            "list.",
        ),
        (
            "setSubscriptionFilter({'filterGroup': []})",
            "$extensions.setSubscriptionFilter: filterGroup can't be empty.",
        ),
        (
            "setSubscriptionInvalidationFilter({'filterGroup': [{'filters': "
            "[{'fieldName': 'a', 'operator': 'EQ', 'value': 1}]}]})",
            "$extensions.setSubscriptionInvalidationFilter: EQ is not a filter operator.",
        ),
        (
            "setSubscriptionFilter({'filterGroup': [{'filters': "
            "[{'fieldName': 'a', 'operator': 'in', 'value': [1, 2, 3, 4, 5, 6]}]}]})",
            "$extensions.setSubscriptionFilter: the value of a (in) has more than 5 items.",
        ),
        (
            "setSubscriptionFilter({'filterGroup': [{'filters': "
            "[{'fieldName': 'a', 'operator': 'between', 'value': [1]}]}]})",
            "$extensions.setSubscriptionFilter: the value of a (between) must be a pair.",
        ),
        (
            "setSubscriptionFilter({'filterGroup': [{'filters': "
            "[{'fieldName': 'a', 'operator': 'gt', 'value': true}]}]})",
            "$extensions.setSubscriptionFilter: the value of a (gt) can't be a boolean.",
        ),
        (
            "setSubscriptionFilter({'filterGroup': [{'filters': "
            "[{'fieldName': 'a.b.c.d.e.f', 'operator': 'eq', 'value': 1}]}]})",
            "$extensions.setSubscriptionFilter: fieldName a.b.c.d.e.f nests more than 5 levels.",
        ),
        (
            "setSubscriptionFilter({'filterGroup': [{'filters': "
            "[{'fieldName': 'a', 'operator': 'eq', 'value': $ctx.args.missing}]}]})",
            "$extensions.setSubscriptionFilter: the value of a (eq) must be a string or a number.",
        ),
        (
            "setSubscriptionFilter({'filterGroup': [{'filters': "
            "[{'fieldName': 'a', 'operator': ['eq'], 'value': 1}]}]})",
            "$extensions.setSubscriptionFilter: [eq] is not a filter operator.",
        ),
    ],
)
def test_misused_extensions_fail_the_template(appsync: Any, call: str, message: str) -> None:
    answer = evaluate_template(appsync, f"$extensions.{call}")
    assert answer == {"error": {"message": message}, "outErrors": "[]"}


def test_filters_count_each_in_value_toward_the_ten_filters(appsync: Any) -> None:
    five = "{'fieldName': 'g', 'operator': 'in', 'value': ['a', 'b', 'c', 'd', 'e']}"
    one = "{'fieldName': 'u', 'operator': 'eq', 'value': 1}"
    ten = f"{{'filterGroup': [{{'filters': [{five}]}}, {{'filters': [{five}]}}]}}"
    eleven = ten[: -len("]}")] + f", {{'filters': [{one}]}}]}}"
    assert evaluate_template(appsync, f"$extensions.setSubscriptionFilter({ten})ok") == {
        "evaluationResult": "ok",
        "outErrors": "[]",
    }
    answer = evaluate_template(appsync, f"$extensions.setSubscriptionFilter({eleven})")
    assert answer["error"] == {
        "message": "$extensions.setSubscriptionFilter: filterGroup has more than 10 filters."
    }


def test_at_most_five_distinct_invalidations(appsync: Any) -> None:
    calls = "".join(
        f"$extensions.invalidateSubscriptions({{'subscriptionField': 's{n}', 'payload': {{}}}})"
        for n in (1, 2, 3, 4, 5, 5, 1)
    )
    assert evaluate_template(appsync, calls + "ok")["evaluationResult"] == "ok"
    sixth = "$extensions.invalidateSubscriptions({'subscriptionField': 's6', 'payload': {}})"
    assert evaluate_template(appsync, calls + sixth)["error"] == {
        "message": "$extensions.invalidateSubscriptions: at most 5 distinct calls in a request."
    }


# In a GraphQL request

SCHEMA = """
type Pet { id: ID! type: String price: Float }
type Query { getPet(id: ID!): Pet }
type Mutation { deletePet(id: ID!): Pet }
"""


def pet_api(appsync: Any, response: str) -> tuple[str, str]:
    api = appsync.create_graphql_api(name="pets", authenticationType="API_KEY")["graphqlApi"]
    appsync.start_schema_creation(apiId=api["apiId"], definition=SCHEMA.encode())
    appsync.create_data_source(apiId=api["apiId"], name="local", type="NONE")
    result = {
        "sqlStatementResults": [
            {
                "records": [[{"stringValue": "p1"}, {"stringValue": "dog"}, {"doubleValue": 9.5}]],
                "columnMetadata": [{"label": "id"}, {"label": "type"}, {"label": "price"}],
            },
            {"numberOfRecordsUpdated": 1, "records": []},
        ]
    }
    # the NONE data source hands the serialized result on, as an RDS data source would
    request = json.dumps({"version": "2018-05-29", "payload": json.dumps(result)})
    appsync.create_resolver(
        apiId=api["apiId"],
        typeName="Mutation",
        fieldName="deletePet",
        dataSourceName="local",
        requestMappingTemplate=request,
        responseMappingTemplate=response,
    )
    return api["apiId"], appsync.create_api_key(apiId=api["apiId"])["apiKey"]["id"]


def test_a_mutation_reads_an_rds_result_and_invalidates_nothing(
    mockway: mockway.Handle, appsync: Any
) -> None:
    response = (
        '$extensions.invalidateSubscriptions({"subscriptionField": "onPetDelete", '
        '"payload": {"id": $util.toJson($ctx.args.id)}})\n'
        '$extensions.evictFromApiCache("Query", "getPet", {"context.arguments.id": $ctx.args.id})\n'
        "$utils.toJson($utils.rds.toJsonObject($ctx.result)[0][0])"
    )
    api_id, key = pet_api(appsync, response)
    query = 'mutation { deletePet(id: "p1") { id type price } }'
    answer = mockway.appsync().graphql(api_id, query, api_key=key)
    assert answer.json() == {"data": {"deletePet": {"id": "p1", "type": "dog", "price": 9.5}}}


def test_a_misused_extension_is_a_mapping_template_error(
    mockway: mockway.Handle, appsync: Any
) -> None:
    response = (
        '$extensions.invalidateSubscriptions({"payload": {}})\n'
        "$utils.toJson($utils.rds.toJsonObject($ctx.result)[0][0])"
    )
    api_id, key = pet_api(appsync, response)
    query = 'mutation { deletePet(id: "p1") { id } }'
    answer = mockway.appsync().graphql(api_id, query, api_key=key).json()
    assert answer["data"] == {"deletePet": None}
    assert [(e["errorType"], e["message"]) for e in answer["errors"]] == [
        (
            "MappingTemplate",
            "$extensions.invalidateSubscriptions: subscriptionField must be a non-empty string.",
        )
    ]


# Where a template may use them, in a GraphQL request

SUBSCRIBE = f"$extensions.setSubscriptionFilter({FILTER})"
INVALIDATE = "$extensions.invalidateSubscriptions({'subscriptionField': 's', 'payload': {}})"
EVICT = "$extensions.evictFromApiCache('Query', 'getPet', {'context.arguments.id': 1})"
PAYLOAD = '{"version": "2018-05-29", "payload": {"id": "p1"}}'
ONLY_SUBSCRIPTION_RESPONSES = (
    "$extensions.setSubscriptionFilter: can be used only in the response mapping template of "
    "subscription fields."
)
ONLY_MUTATION_RESPONSES = (
    "$extensions.invalidateSubscriptions: can be used only in the response mapping template of "
    "mutation fields."
)
ONLY_MUTATIONS = (
    "$extensions.evictFromApiCache: can be used only in the resolvers of mutation fields."
)


@pytest.mark.parametrize(
    ("type_name", "in_request", "call", "message"),
    [
        ("Mutation", False, INVALIDATE, None),
        ("Mutation", True, EVICT, None),
        ("Mutation", False, EVICT, None),
        ("Mutation", True, INVALIDATE, ONLY_MUTATION_RESPONSES),
        ("Query", False, INVALIDATE, ONLY_MUTATION_RESPONSES),
        ("Query", True, EVICT, ONLY_MUTATIONS),
        ("Query", False, SUBSCRIBE, ONLY_SUBSCRIPTION_RESPONSES),
        ("Mutation", False, SUBSCRIBE, ONLY_SUBSCRIPTION_RESPONSES),
    ],
)
def test_extensions_are_refused_outside_their_templates(
    mockway: mockway.Handle,
    appsync: Any,
    type_name: str,
    in_request: bool,
    call: str,
    message: str | None,
) -> None:
    api = appsync.create_graphql_api(name="pets", authenticationType="API_KEY")["graphqlApi"]
    appsync.start_schema_creation(apiId=api["apiId"], definition=SCHEMA.encode())
    appsync.create_data_source(apiId=api["apiId"], name="local", type="NONE")
    field_name = "deletePet" if type_name == "Mutation" else "getPet"
    appsync.create_resolver(
        apiId=api["apiId"],
        typeName=type_name,
        fieldName=field_name,
        dataSourceName="local",
        requestMappingTemplate=(call if in_request else "") + PAYLOAD,
        responseMappingTemplate=("" if in_request else call) + "$util.toJson($ctx.result)",
    )
    key = appsync.create_api_key(apiId=api["apiId"])["apiKey"]["id"]
    operation = "mutation" if type_name == "Mutation" else "query"
    query = f'{operation} {{ {field_name}(id: "p1") {{ id }} }}'
    answer = mockway.appsync().graphql(api["apiId"], query, api_key=key).json()
    if message is None:
        assert answer == {"data": {field_name: {"id": "p1"}}}
    else:
        assert answer["data"] == {field_name: None}
        assert [(e["errorType"], e["message"]) for e in answer["errors"]] == [
            ("MappingTemplate", message)
        ]


def test_a_column_label_that_is_not_text_is_written_as_json(appsync: Any) -> None:
    result = {
        "sqlStatementResults": [
            {"columnMetadata": [{"label": [1]}], "records": [[{"longValue": 7}]]},
        ]
    }
    template = "$util.rds.toJsonString($ctx.args.r)"
    answer = evaluate_template(appsync, template, arguments={"r": json.dumps(result)})
    assert answer == {"evaluationResult": '[[{"[1]":7}]]', "outErrors": "[]"}
