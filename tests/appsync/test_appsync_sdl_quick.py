"""The quick reading of plain schema texts says yes only where the full check (graphql-core's
parse, SDL and schema rules, AppSync's checks) accepts the text, and finds what it finds."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockway.appsync import _sdl
from mockway.appsync._sdl_quick import quick

AMPLIFY = '''"""
  A blog, as a code generator writes it.
     (indented more)
"""
schema {
  query: Query
  mutation: Mutation
  subscription: Subscription
}

interface Node { id: ID! }

"A post"
type Post implements Node @aws_api_key @aws_iam {
  id: ID!
  title: String!, body: String # commas and comments are ignored
  status: Status @deprecated(reason: "use state")
  tags(first: Int = 10, after: String = "x", on: Boolean = false, ratio: Float = 1e3): [String!]!
  comments(limit: Int = -1, id: ID = 7, state: Status = DRAFT, q: String = null): [Comment]
}

type Comment implements Node { id: ID! post: Post text: AWSJSON at: AWSDateTime }

union Result = | Post | Comment

enum Status { DRAFT PUBLISHED @deprecated ARCHIVED }

input PostInput { title: String!, tags: [String!], status: Status = DRAFT, next: PostInput }

scalar Cursor

type Query {
  node(id: ID!): Node
  search(q: String!, cursor: Cursor): [Result!]
  getPost(id: ID!): Post @aws_cognito_user_pools(cognito_groups: ["admin", "editor"])
}

type Mutation { putPost(input: PostInput!): Post }

type Subscription {
  onPut: Post @aws_subscribe(mutations: ["putPost"])
}
'''

PLAIN = [
    AMPLIFY,
    "type Query { a: Int }",
    "type Query",
    "type Query @aws_iam @aws_iam { a: Int @aws_api_key @aws_api_key }",
    "type Query { a: Int }\ntype Mutation\ntype Subscription { s: Int }",
    'type Query { "described" a("arg" x: Int): [[Int!]!] @model(x: [1, [2, "a"], true]) }',
    "interface I { f(a: Int): I }\ninterface J implements I { f(a: Int, b: Int): J }\n"
    "type Query implements I & J { f(a: Int, b: Int = 1, c: String): Query }",
    'type Query {\n  a: Int\n}\n"""\r\n\t x\r\n\t\t y\r\n"""\nscalar S',
]

NOT_SURE = [
    "",
    "extend type Query { b: Int }\ntype Query { a: Int }",
    "directive @d on FIELD_DEFINITION\ntype Query { a: Int @d }",
    'type Query { a: String @deprecated(reason: "\\u00e9") }',
    'type Query { a: Int @x(a: "q\\"", b: 1) }',
    "type Query { a(x: Int = 2147483648): Int }",
    "type Query { a(x: Int = 01): Int }",
    "type Query { a(x: Int = 1a): Int }",
    "type Query { a(x: [Int] = [1]): Int }",
    "type Query { a(x: In = {b: 1}): Int }\ninput In { b: Int }",
    "type Query { a(x: AWSJSON = 1): Int }",
    "type Query { a: Int @skip(if: true) }",
    'scalar S @specifiedBy(url: "x")\ntype Query { a: S }',
    "type Query { __a: Int }",
    "type Query { a: Int } type Query { b: Int }",
    "type Query { a: Missing }",
    "input In { a: In! }\ntype Query { a(x: In): Int }",
    "type Query { a: Int @deprecated @deprecated }",
    "query { a }",
    "type Query { a: Int }\nschema { query: Query }\nschema { query: Query }",
    "type Query { a(x: Int!, x: Int): Int }",
    "type Query { a: Int }\ntype Mutation { b: In }\ninput In { c: Int }",
    "interface I { f: Int! }\ntype Query implements I { f: Int }",
    "interface I { f(a: Int): Int }\ntype Query implements I { f(a: Int!): Int }",
    "interface I { f: Int }\ntype Query implements I { f(b: Int!): Int }",
    "interface I implements J { f: Int }\ninterface J { f: Int }\n"
    "type Query implements I { f: Int }",
    "enum E { true }\ntype Query { a: E }",
]


def full_check(text: str) -> tuple[list[tuple[str, str | None, str]], list[str]]:
    outcome, _ = _sdl._check(text)
    return [(t.name, t.description, t.sdl) for t in outcome.types], list(outcome.extras)


@pytest.mark.parametrize("text", PLAIN)
def test_plain_texts_are_read_quickly_and_as_the_full_check_reads_them(text: str) -> None:
    assert quick(text) == full_check(text)


@pytest.mark.parametrize("text", NOT_SURE)
def test_texts_it_cannot_vouch_for_go_to_the_full_check(text: str) -> None:
    assert quick(text) is None


OBJECTS = ["Query", "Mutation", "Subscription", "A", "B"]
DEFAULTS = {
    "Int": ["1", "-1", "0", "2147483647"],
    "Float": ["1.5", "-2", "1e3"],
    "String": ['"x"', '""'],
    "ID": ['"x"', "7"],
    "Boolean": ["true", "false"],
    "E": ["RED", "GREEN"],
}
ODD_DEFAULTS = ["01", "1e400", "2147483648", "RED", "[1]", "{a: 1}", "$v", '"""b"""', "1a"]
ODD_DEFAULTS += ["-", "1.", "0x1", "null", '"x"', "true", "1.5", "[]"]
DIRECTIVES = ["@aws_api_key", "@aws_iam", '@aws_cognito_user_pools(cognito_groups: ["a"])']
DIRECTIVES += ["@model"]
DEPRECATED = ["@deprecated", '@deprecated(reason: "x")']
DIRECTIVES += ['@aws_subscribe(mutations: ["a", "b"])', "@x(a: [[]], b: RED, c: -1.5)"]
ODD_DIRECTIVES = ["@deprecated(reason: 1)", '@deprecated(why: "x")', "@x(a: 1, a: 2)"]
ODD_DIRECTIVES += ["@skip(if: true)", "@oneOf", '@specifiedBy(url: "x")', "@aws_iam @aws_iam"]
ODD_DIRECTIVES += DEPRECATED
DESCRIPTIONS = ["", "", '"d" ', '"""\n   block\n     text\n  """\n', '"""  \n\n  """ ']
DESCRIPTIONS += ['"""a\r\n  b\r  c""" ', '"ü ☃" ']
ODD_DESCRIPTIONS = ['"esc\\n" ', '"""\\""" """ ', '"tab\t" ', '"""a\\b""" ']
GAPS = [" ", "\n", ", ", " # note\n", "\t", "\ufeff", "\r\n"]
FIELDS = ["id", "a", "b", "type", "query", "RED"]
ODD_FIELDS = ["__f", "id"]
ODD_NAMES = ["Missing", "In", "U", "__T", "true", "String", "AWSJSON", "Query"]
INPUTS = ["Int", "Float", "String", "ID", "Boolean", "E", "In", "AWSDateTime"]


@st.composite
def texts(draw: Any) -> str:
    """A schema text, coherent but for a few odd choices (a mistake, or something the quick
    reading leaves to the full check)."""
    odd = draw(st.integers(0, 3))

    def pick(usual: list[str], unusual: list[str]) -> str:
        nonlocal odd
        if odd and draw(st.integers(0, 9)) == 0:
            odd -= 1
            return str(draw(st.sampled_from(unusual)))
        return str(draw(st.sampled_from(usual)))

    def gap() -> str:
        return str(draw(st.sampled_from(GAPS)))

    def ref(names: list[str]) -> tuple[str, str]:
        named = pick(names, ODD_NAMES)
        text = named + draw(st.sampled_from(["", "!"]))
        for _ in range(draw(st.integers(0, 2)) if draw(st.booleans()) else 0):
            text = f"[{text}]" + draw(st.sampled_from(["", "!"]))
        return named, text

    def directives(usual: list[str] = DIRECTIVES) -> str:
        count = draw(st.integers(0, 2))
        return gap().join(pick(usual, ODD_DIRECTIVES) for _ in range(count))

    def values(most: int) -> str:
        out, seen = [], set()
        for _ in range(draw(st.integers(1, most))):
            named, text = ref(INPUTS)
            default = ""
            if draw(st.integers(0, 2)) == 0:
                if text == named and named in DEFAULTS:
                    default = " = " + pick(DEFAULTS[named], ODD_DEFAULTS)
                elif odd:
                    default = " = " + pick(ODD_DEFAULTS, ODD_DEFAULTS)
            name = pick([f for f in FIELDS if f not in seen] or FIELDS, ODD_FIELDS)
            seen.add(name)
            described = pick(DESCRIPTIONS, ODD_DESCRIPTIONS)
            out.append(f"{described}{name}: {text}{default} {directives()}")
        return gap().join(out)

    def fields(shared: str) -> str:
        out = [shared] if shared else []
        for name in draw(st.lists(st.sampled_from(FIELDS), max_size=3, unique=True)):
            if name == "id" and shared:
                continue
            args = f"({values(2)})" if draw(st.booleans()) else ""
            out.append(f"{name}{args}: {ref(outputs)[1]} {directives(DIRECTIVES + DEPRECATED)}")
        return "{ " + gap().join(out) + " }" if out else ""

    parts = []
    objects = ["Query", *draw(st.lists(st.sampled_from(OBJECTS[1:]), unique=True))]
    union = draw(st.booleans())
    interface = draw(st.booleans())
    outputs = [*objects, "E", "Int", "String", "AWSJSON", "S"]
    outputs += (["I"] if interface else []) + (["U"] if union else [])
    node_field = pick(["id: ID!"], ["id: ID", "id: [ID!]", "id(x: Int!): ID!"])
    if interface:
        parts.append(f"interface I {directives()} {{ id: ID! }}")
    for name in objects:
        implements = " implements I" if interface and draw(st.booleans()) else ""
        shared = node_field if implements else ""
        head = f"{pick(DESCRIPTIONS, ODD_DESCRIPTIONS)}type {name}{implements} {directives()}"
        parts.append(f"{head} {fields(shared)}")
    if union:
        members = draw(st.lists(st.sampled_from(objects), min_size=1, max_size=2))
        parts.append(f"union U = {' | '.join(members)}")
    values_of_e = draw(st.permutations(["RED", "GREEN", "BLUE"]))
    if odd and draw(st.booleans()):
        values_of_e.append(draw(st.sampled_from(["RED", "true"])))
    enum_values = " ".join(f"{v} {directives(DIRECTIVES + DEPRECATED)}" for v in values_of_e)
    parts.append(f"enum E {{ {enum_values} }}")
    parts.append(f"input In {{ {values(3)} }}")
    parts.append(f"scalar S {directives()}")
    if draw(st.booleans()):
        ops = draw(st.lists(st.sampled_from(["query", "mutation"]), min_size=1, unique=True))
        roots = {op: "Query" if op == "query" else pick(objects, ODD_NAMES) for op in ops}
        body = gap().join(f"{op}: {name}" for op, name in roots.items())
        parts.append(f"schema {{ {body} }}")
    order = draw(st.permutations(parts))
    return gap().join(order)


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(texts())
def test_a_quick_yes_is_the_full_checks_yes(text: str) -> None:
    found = quick(text)
    if found is None:
        return
    try:
        expected = full_check(text)
    except _sdl.SchemaProblem as problem:  # pragma: no cover - the failure it reports
        pytest.fail(f"read quickly, yet AppSync refuses it: {problem.details}")
    assert found == expected


def test_the_generated_texts_reach_both_answers() -> None:
    """The property above would hold of a reading that always says no: the generator makes
    texts that the quick reading takes, and texts it leaves to the full check."""
    seen: set[bool] = set()

    @settings(max_examples=200, deadline=None, database=None)
    @given(texts())
    def record(text: str) -> None:
        seen.add(quick(text) is None)

    record()
    assert seen == {True, False}
