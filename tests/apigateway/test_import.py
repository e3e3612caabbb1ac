"""ImportApiKeys: API keys from a CSV file."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
import time_machine
from builders import pets_api

import mockway
from support import expect_error, without_metadata

UTC = datetime.timezone.utc
T0 = datetime.datetime(2024, 6, 1, 12, 0, 0, tzinfo=UTC)
KEY_A = "abcdefghij0123456789"
KEY_B = "ABCDEFGHIJ0123456789"
KEY_C = "kLmNoPqRsT9876543210"
MISSING_COLUMNS = "Invalid API key file: the header must name the columns Key and Name"


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def keys_by_value(mockway: mockway.Handle) -> dict[str, Any]:
    return {record.value: record for record in mockway.apigateway().api_keys()}


def test_import_creates_enabled_keys_in_row_order(apigw: Any, mockway: mockway.Handle) -> None:
    with time_machine.travel(T0, tick=False):
        imported = apigw.import_api_keys(
            body=csv("key,name", f"{KEY_A},first", f"{KEY_B},second"), format="csv"
        )
    assert imported["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert set(without_metadata(imported)) == {"ids"}
    first, second = imported["ids"]
    assert without_metadata(apigw.get_api_key(apiKey=first, includeValue=True)) == {
        "id": first,
        "value": KEY_A,
        "name": "first",
        "enabled": True,
        "createdDate": T0,
        "lastUpdatedDate": T0,
        "stageKeys": [],
        "tags": {},
    }
    assert apigw.get_api_key(apiKey=second, includeValue=True)["value"] == KEY_B
    assert [item["id"] for item in apigw.get_api_keys()["items"]] == [second, first]
    assert set(keys_by_value(mockway)) == {KEY_A, KEY_B}


def test_headers_are_case_insensitive_trimmed_and_in_any_order(apigw: Any) -> None:
    imported = apigw.import_api_keys(
        body=csv(
            " DESCRIPTION , nAmE,Extra Column ,  KEY  , EnAbLeD ",
            f"a description, named ,ignored, {KEY_A} , false",
        ),
        format="csv",
    )
    (key_id,) = imported["ids"]
    fetched = apigw.get_api_key(apiKey=key_id, includeValue=True)
    assert (fetched["value"], fetched["name"], fetched["description"], fetched["enabled"]) == (
        KEY_A,
        "named",
        "a description",
        False,
    )


@pytest.mark.parametrize(
    ("header", "cell", "enabled"),
    [
        ("key,name", None, True),
        ("key,name,enabled", "", True),
        ("key,name,enabled", "true", True),
        ("key,name,enabled", "tRuE", True),
        ("key,name,enabled", "TRUE", True),
        ("key,name,enabled", "false", False),
        ("key,name,enabled", "FALSE", False),
        ("key,name,enabled", "no", False),
    ],
)
def test_enabled_defaults_to_true_and_is_case_insensitive(
    apigw: Any, header: str, cell: str | None, enabled: bool
) -> None:
    row = f"{KEY_A},k" if cell is None else f"{KEY_A},k,{cell}"
    (key_id,) = apigw.import_api_keys(body=csv(header, row), format="csv")["ids"]
    assert apigw.get_api_key(apiKey=key_id)["enabled"] is enabled


@pytest.mark.parametrize(
    "header", ["name,description", "key,description", "value,name", "", "keys,names"]
)
def test_key_and_name_columns_are_required(apigw: Any, header: str) -> None:
    with expect_error(apigw, "BadRequestException", MISSING_COLUMNS, 400):
        apigw.import_api_keys(body=csv(header, f"{KEY_A},x"), format="csv")
    assert apigw.get_api_keys()["items"] == []


def test_empty_file_is_rejected(apigw: Any) -> None:
    with expect_error(apigw, "BadRequestException", MISSING_COLUMNS, 400):
        apigw.import_api_keys(body=b"", format="csv")


def test_empty_name_cell_means_no_name(apigw: Any) -> None:
    (key_id,) = apigw.import_api_keys(body=csv("key,name", f"{KEY_A},"), format="csv")["ids"]
    assert "name" not in apigw.get_api_key(apiKey=key_id)


def test_reimport_overwrites_keeping_the_id(apigw: Any) -> None:
    with time_machine.travel(T0, tick=False):
        created = apigw.create_api_key(
            name="original", value=KEY_A, customerId="customer", tags={"t": "v"}
        )
    later = T0 + datetime.timedelta(minutes=5)
    with time_machine.travel(later, tick=False):
        imported = apigw.import_api_keys(
            body=csv("key,name,description,enabled", f"{KEY_A},renamed,now described,false"),
            format="csv",
        )
    assert imported["ids"] == [created["id"]]
    fetched = apigw.get_api_key(apiKey=created["id"], includeValue=True)
    assert without_metadata(fetched) == {
        "id": created["id"],
        "value": KEY_A,
        "name": "renamed",
        "customerId": "customer",
        "description": "now described",
        "enabled": False,
        "createdDate": T0,
        "lastUpdatedDate": later,
        "stageKeys": [],
        "tags": {"t": "v"},
    }
    assert len(apigw.get_api_keys()["items"]) == 1

    again = apigw.import_api_keys(body=csv("key,name", f"{KEY_A},third"), format="csv")
    assert again["ids"] == [created["id"]]
    refetched = apigw.get_api_key(apiKey=created["id"])
    assert refetched["name"] == "third"
    assert refetched["enabled"] is True
    assert "description" not in refetched


def test_bad_rows_become_warnings_and_good_rows_land(apigw: Any) -> None:
    imported = apigw.import_api_keys(
        body=csv(
            "key,name,description",
            f"{KEY_A},good-1,",
            "tooshort,bad-1,",
            f"{'x' * 129},bad-2,",
            f"{KEY_B},{'n' * 1025},",
            f"{KEY_C},bad-4,{'d' * 125001}",
            f"{'y' * 20},good-2,",
        ),
        format="csv",
    )
    assert imported["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert imported["warnings"] == [
        "Row 3: API Key value should be at least 20 characters",
        "Row 4: API Key value exceeds maximum size of 128 characters",
        "Row 5: Invalid API Key name, can be at most 1024 characters.",
        "Row 6: Invalid API Key description specified.",
    ]
    assert len(imported["ids"]) == 2
    assert [item["name"] for item in apigw.get_api_keys()["items"]] == ["good-2", "good-1"]


def test_fail_on_warnings_rolls_back_everything(apigw: Any, mockway: mockway.Handle) -> None:
    with time_machine.travel(T0, tick=False):
        existing = apigw.create_api_key(name="existing", value=KEY_A)
    before = mockway.apigateway().api_keys()
    message = (
        "API keys not imported because the file has warnings: "
        "Row 4: API Key value should be at least 20 characters; "
        "Row 5: API Key value exceeds maximum size of 128 characters"
    )
    with expect_error(apigw, "BadRequestException", message, 400):
        apigw.import_api_keys(
            body=csv(
                "key,name",
                f"{KEY_A},would-rename-the-existing-key",
                f"{KEY_B},would-be-new",
                "short,bad",
                f"{'z' * 129},bad",
            ),
            format="csv",
            failOnWarnings=True,
        )
    assert mockway.apigateway().api_keys() == before
    assert [item["id"] for item in apigw.get_api_keys()["items"]] == [existing["id"]]
    assert apigw.get_api_key(apiKey=existing["id"])["name"] == "existing"


def test_fail_on_warnings_without_warnings_imports(apigw: Any) -> None:
    imported = apigw.import_api_keys(
        body=csv("key,name", f"{KEY_A},a"), format="csv", failOnWarnings=True
    )
    assert len(imported["ids"]) == 1
    assert "warnings" not in imported


@pytest.mark.parametrize("file_format", ["json", "CSV", "xlsx"])
def test_only_csv_is_accepted(apigw: Any, file_format: str) -> None:
    message = (
        f"1 validation error detected: Value '{file_format}' at 'importApiKeysInput.format' "
        "failed to satisfy constraint: Member must satisfy enum value set: [csv]"
    )
    with expect_error(apigw, "ValidationException", message, 400):
        apigw.import_api_keys(body=csv("key,name", f"{KEY_A},a"), format=file_format)
    assert apigw.get_api_keys()["items"] == []


def test_quoted_cells_keep_commas_and_quotes(apigw: Any) -> None:
    (key_id,) = apigw.import_api_keys(
        body=csv("key,name,description", f'{KEY_A},"Smith, John","he said ""hi"", twice"'),
        format="csv",
    )["ids"]
    fetched = apigw.get_api_key(apiKey=key_id)
    assert fetched["name"] == "Smith, John"
    assert fetched["description"] == 'he said "hi", twice'


def test_usage_plan_ids_in_double_or_single_quotes(apigw: Any) -> None:
    plans = [apigw.create_usage_plan(name=f"plan-{index}")["id"] for index in range(3)]
    imported = apigw.import_api_keys(
        body=csv(
            "key,name,usageplanIds",
            f'{KEY_A},double,"{plans[0]},{plans[1]}"',
            f"{KEY_B},single,'{plans[1]}, {plans[2]}'",
            f"{KEY_C},one,{plans[2]}",
        ),
        format="csv",
    )
    assert "warnings" not in imported
    a, b, c = imported["ids"]

    def members(plan_id: str) -> set[str]:
        return {item["id"] for item in apigw.get_usage_plan_keys(usagePlanId=plan_id)["items"]}

    assert members(plans[0]) == {a}
    assert members(plans[1]) == {a, b}
    assert members(plans[2]) == {b, c}


def test_unknown_usage_plan_is_a_warning(apigw: Any) -> None:
    imported = apigw.import_api_keys(
        body=csv("key,name,usageplanids", f"{KEY_A},a,nosuch", f"{KEY_B},b,"), format="csv"
    )
    assert imported["warnings"] == ["Row 2: Invalid Usage Plan ID specified: nosuch"]
    assert [item["name"] for item in apigw.get_api_keys()["items"]] == ["b"]


def test_rows_of_one_value_land_in_turn(apigw: Any) -> None:
    api = pets_api(apigw)
    first, second, elsewhere = (
        apigw.create_usage_plan(name=name, apiStages=stages)["id"]
        for name, stages in (("first", [api.api_stage]), ("second", [api.api_stage]), ("x", []))
    )
    imported = apigw.import_api_keys(
        body=csv(
            "key,name,usageplanIds",
            f"{KEY_A},one,{first}",
            f"{KEY_A},again,{first}",
            f"{KEY_A},clash,{second}",
            f"{KEY_A},last,{elsewhere}",
        ),
        format="csv",
    )
    key_id = imported["ids"][0]
    assert imported["ids"] == [key_id] * 3
    assert imported["warnings"] == [
        f"Row 4: Usage Plan {second} cannot be added because API Key {key_id} cannot reference "
        f"multiple Usage Plans with the same API Stage: {api.api_id}:dev"
    ]
    assert {plan["id"] for plan in apigw.get_usage_plans(keyId=key_id)["items"]} == {
        first,
        elsewhere,
    }
    assert apigw.get_api_key(apiKey=key_id)["name"] == "last"


def test_plans_a_key_joins_over_rows_count_once(apigw: Any) -> None:
    plans = [apigw.create_usage_plan(name=f"p{n}")["id"] for n in range(10)]
    imported = apigw.import_api_keys(
        body=csv(
            "key,name,usageplanIds",
            f"{KEY_A},first,'{','.join(plans[:5])}'",
            f"{KEY_A},all,'{','.join(plans)}'",
        ),
        format="csv",
    )
    assert "warnings" not in imported
    key_id = imported["ids"][0]
    assert len(apigw.get_usage_plans(keyId=key_id)["items"]) == 10


def test_a_key_already_in_nine_plans_can_join_a_tenth(apigw: Any) -> None:
    plans = [apigw.create_usage_plan(name=f"p{n}")["id"] for n in range(10)]
    key_id = apigw.import_api_keys(body=csv("key,name", f"{KEY_A},k"), format="csv")["ids"][0]
    for plan_id in plans[:9]:
        apigw.create_usage_plan_key(usagePlanId=plan_id, keyId=key_id, keyType="API_KEY")
    imported = apigw.import_api_keys(
        body=csv("key,name,usageplanIds", f"{KEY_A},k,'{plans[0]},{plans[9]}'"), format="csv"
    )
    assert "warnings" not in imported
    assert len(apigw.get_usage_plans(keyId=key_id)["items"]) == 10


def test_file_like_body_crlf_bom_and_blank_lines(apigw: Any) -> None:
    body = "\ufeffKey,Name\r\n\r\n" + f"{KEY_A},crlf\r\n" + "   \r\n" + f"{KEY_B},after-blank\r\n"
    imported = apigw.import_api_keys(body=io.BytesIO(body.encode()), format="csv")
    assert [item["name"] for item in apigw.get_api_keys()["items"]] == ["after-blank", "crlf"]
    assert len(imported["ids"]) == 2


def test_text_body_is_accepted(apigw: Any) -> None:
    imported = apigw.import_api_keys(body=f"key,name\n{KEY_A},from-text\n", format="csv")
    (key_id,) = imported["ids"]
    assert apigw.get_api_key(apiKey=key_id, includeValue=True)["value"] == KEY_A


def test_body_that_is_not_utf8_is_rejected(apigw: Any) -> None:
    with expect_error(
        apigw, "BadRequestException", "Invalid API key file: the file is not UTF-8 text", 400
    ):
        apigw.import_api_keys(body=b"key,name\n" + b"\xff\xfe" * 20, format="csv")


def test_short_rows_leave_missing_cells_empty(apigw: Any) -> None:
    imported = apigw.import_api_keys(
        body=csv("key,name,description,enabled", f"{KEY_A}"), format="csv"
    )
    fetched = apigw.get_api_key(apiKey=imported["ids"][0])
    assert "name" not in fetched
    assert "description" not in fetched
    assert fetched["enabled"] is True


def test_import_beyond_the_key_quota_imports_nothing(apigw: Any) -> None:
    rows = [f"value{index:015},k{index}" for index in range(10_001)]
    with expect_error(
        apigw,
        "LimitExceededException",
        "Exceeded the maximum number of API keys (10000) for this account and region",
        429,
    ):
        apigw.import_api_keys(body=csv("key,name", *rows), format="csv")
    assert apigw.get_api_keys()["items"] == []


def test_create_beyond_the_key_quota(apigw: Any) -> None:
    rows = [f"value{index:015},k{index}" for index in range(10_000)]
    assert len(apigw.import_api_keys(body=csv("key,name", *rows), format="csv")["ids"]) == 10_000
    with expect_error(
        apigw,
        "LimitExceededException",
        "Exceeded the maximum number of API keys (10000) for this account and region",
        429,
    ):
        apigw.create_api_key(name="one-too-many")
    overwrite = apigw.import_api_keys(
        body=csv("key,name", rows[0].split(",")[0] + ",renamed"), format="csv"
    )
    assert len(overwrite["ids"]) == 1


def test_a_quoted_cell_may_span_lines_and_rows_keep_their_line_numbers(
    apigw: Any, mockway: mockway.Handle
) -> None:
    body = f'key,name,description\n{KEY_A},a,"first line\nsecond line"\nshort,b,x\n'
    result = apigw.import_api_keys(body=body.encode(), format="csv")
    assert len(result["ids"]) == 1
    assert result["warnings"] == ["Row 4: API Key value should be at least 20 characters"]
    assert keys_by_value(mockway)[KEY_A].description == "first line\nsecond line"


def test_a_byte_order_mark_is_ignored_in_text_as_in_bytes(
    apigw: Any, mockway: mockway.Handle
) -> None:
    apigw.import_api_keys(body="\ufeffKey,Name\n" + KEY_A + ",a\n", format="csv")
    apigw.import_api_keys(body=("\ufeffKey,Name\n" + KEY_B + ",b\n").encode(), format="csv")
    assert {v: r.name for v, r in keys_by_value(mockway).items()} == {KEY_A: "a", KEY_B: "b"}


def test_an_apostrophe_that_opens_no_quoted_cell_is_kept(
    apigw: Any, mockway: mockway.Handle
) -> None:
    apigw.import_api_keys(body=csv("key,name", f"{KEY_A},'Bob's key"), format="csv")
    assert keys_by_value(mockway)[KEY_A].name == "'Bob's key"
