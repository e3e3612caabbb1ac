"""The pytest plugin, driven through pytester as users' suites drive it."""

from __future__ import annotations

import os

import pytest

from support import INNER_INI

# Hypothesis's plugin imports modules lazily in every inner run, and pytester forgets them
# after each; without it an inner run takes milliseconds instead of seconds.
INNER_OPTIONS = ("-p", "no:cacheprovider", "-p", "no:hypothesispytest")

MARKER_LINE = (
    "@pytest.mark.mockway(account_id=..., seed=...): options for the mockway fixture, "
    "the same keyword-only options mock_aws() takes."
)


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest(*INNER_OPTIONS, *args)


def test_fixture_yields_the_handle(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3
        import mockway
        from mockway._interceptor import CONTROLLER

        def test_with_fixture(mockway):
            assert isinstance(mockway, mockway.__class__)
            assert type(mockway).__name__ == "Handle"
            assert mockway.account_id == "123456789012"
            aws = boto3.client("apigateway", region_name="us-east-1")
            created = aws.create_api_key(name="from-the-fixture")
            assert [k.id for k in mockway.apigateway().api_keys()] == [created["id"]]

        def test_handle_type(mockway):
            from mockway import Handle
            assert isinstance(mockway, Handle)
            aws = boto3.client("apigateway", region_name="us-east-1")
            assert aws.get_api_keys()["items"] == []

        def test_inactive_without_the_fixture():
            assert CONTROLLER.state is None
        """
    )
    result = run(pytester)
    result.assert_outcomes(passed=3)


def test_marker_feeds_options(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3
        import pytest

        SEEN = []

        @pytest.mark.mockway(account_id="111122223333", seed=42)
        def test_first(mockway):
            assert mockway.account_id == "111122223333"
            aws = boto3.client("apigateway", region_name="us-east-1")
            SEEN.append(aws.create_api_key()["id"])
            assert mockway.apigateway(account_id="123456789012").api_keys() == ()
            assert len(mockway.apigateway().api_keys()) == 1

        @pytest.mark.mockway(account_id="111122223333", seed=42)
        def test_second_same_seed(mockway):
            aws = boto3.client("apigateway", region_name="us-east-1")
            SEEN.append(aws.create_api_key()["id"])
            assert SEEN[0] == SEEN[1]

        @pytest.mark.mockway(seed=43)
        def test_other_seed(mockway):
            assert mockway.account_id == "123456789012"
            aws = boto3.client("apigateway", region_name="us-east-1")
            assert aws.create_api_key()["id"] != SEEN[0]

        @pytest.mark.mockway(account_id="444455556666")
        class TestClassMarker:
            def test_account(self, mockway):
                assert mockway.account_id == "444455556666"
        """
    )
    result = run(pytester, "--strict-markers")
    result.assert_outcomes(passed=4)


def test_module_level_marker(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        pytestmark = pytest.mark.mockway(account_id="777788889999")

        def test_account(mockway):
            assert mockway.account_id == "777788889999"
        """
    )
    run(pytester).assert_outcomes(passed=1)


def test_marker_with_positional_args_errors(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.mockway("111122223333")
        def test_positional(mockway):
            pass
        """
    )
    result = run(pytester)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["E*TypeError: @pytest.mark.mockway takes keyword options only, as mock_aws() does"]
    )


def test_marker_with_unknown_or_bad_option_errors(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.mockway(acount_id="111122223333")
        def test_unknown(mockway):
            pass

        @pytest.mark.mockway(account_id="1234")
        def test_bad(mockway):
            pass
        """
    )
    result = run(pytester)
    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines(
        [
            "E * TypeError: *unexpected keyword argument 'acount_id'*",
            "E * mockway*InvalidOptionError: account_id must be a string of 12 digits, "
            "like '123456789012'; got '1234'",
        ],
        consecutive=False,
    )


def test_fake_credentials_and_no_profile_inside_environment_restored_after(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    outer = {
        "AWS_PROFILE": "outer-profile",
        "AWS_DEFAULT_PROFILE": "outer-default-profile",
        "AWS_ACCESS_KEY_ID": "OUTERACCESSKEY",
        "AWS_SECRET_ACCESS_KEY": "outer-secret",
        "AWS_SESSION_TOKEN": "outer-token",
        "AWS_SECURITY_TOKEN": "outer-security-token",
        "AWS_CONFIG_FILE": "/outer/config",
        "AWS_SHARED_CREDENTIALS_FILE": "/outer/credentials",
    }
    for name, value in outer.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    monkeypatch.delenv("AWS_REGION", raising=False)
    pytester.makepyfile(
        """
        import os
        import boto3

        def test_inside(mockway):
            assert os.environ["AWS_ACCESS_KEY_ID"] == "AKIAIOSFODNN7EXAMPLE"
            assert os.environ["AWS_SECRET_ACCESS_KEY"] == (
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
            )
            for name in (
                "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"
            ):
                assert name not in os.environ, name
            assert os.environ["AWS_CONFIG_FILE"] == os.devnull
            assert os.environ["AWS_SHARED_CREDENTIALS_FILE"] == os.devnull
            assert os.environ["AWS_DEFAULT_REGION"] == "us-east-1"
            session = boto3.session.Session()
            assert session.profile_name == "default"
            credentials = session.get_credentials()
            assert credentials.access_key == "AKIAIOSFODNN7EXAMPLE"
            assert credentials.token is None
            assert session.region_name == "us-east-1"
        """
    )
    run(pytester).assert_outcomes(passed=1)
    for name, value in outer.items():
        assert os.environ[name] == value
    assert "AWS_DEFAULT_REGION" not in os.environ


def test_fixture_keeps_a_region_already_set(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    pytester.makepyfile(
        """
        import os
        import boto3

        def test_region(mockway):
            assert os.environ["AWS_DEFAULT_REGION"] == "eu-west-1"
            aws = boto3.session.Session().client("apigateway")
            key = aws.create_api_key(name="west")
            assert [k.id for k in mockway.apigateway("eu-west-1").api_keys()] == [key["id"]]
            assert mockway.apigateway().api_keys() == ()
        """
    )
    run(pytester).assert_outcomes(passed=1)
    assert os.environ["AWS_DEFAULT_REGION"] == "eu-west-1"


def test_fixture_takes_the_region_from_aws_region(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    monkeypatch.setenv("AWS_REGION", "eu-central-1")
    pytester.makepyfile(
        """
        import os
        import boto3

        def test_region(mockway):
            assert os.environ["AWS_DEFAULT_REGION"] == "eu-central-1"
            aws = boto3.session.Session().client("apigateway")
            assert aws.meta.region_name == "eu-central-1"
            key = aws.create_api_key(name="central")
            assert [k.id for k in mockway.apigateway("eu-central-1").api_keys()] == [key["id"]]
        """
    )
    run(pytester).assert_outcomes(passed=1)
    assert "AWS_DEFAULT_REGION" not in os.environ
    assert os.environ["AWS_REGION"] == "eu-central-1"


def test_strict_markers_accepts_the_marker(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.mockway(seed=1)
        def test_marked(mockway):
            pass

        @pytest.mark.mockway(seed=1)
        def test_marked_without_fixture():
            pass
        """
    )
    run(pytester, "--strict-markers").assert_outcomes(passed=2)


def test_strict_markers_still_rejects_unknown_markers(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.mockwy(seed=1)
        def test_typo():
            pass
        """
    )
    result = run(pytester, "--strict-markers")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*'mockwy' not found in `markers` configuration option*"])


def test_marker_is_registered_with_a_help_line(pytester: pytest.Pytester) -> None:
    result = run(pytester, "--markers")
    assert result.ret == 0
    assert MARKER_LINE in result.stdout.lines


def test_fixture_is_listed_with_its_docstring(pytester: pytest.Pytester) -> None:
    result = run(pytester, "--fixtures")
    result.stdout.fnmatch_lines(
        [
            "mockway -- *plugin.py:*",
            "    API Gateway and AppSync mocked for this test; yields the :class:`mockway.Handle`.",
        ]
    )


def test_the_fixture_carries_the_package_exceptions(pytester: pytest.Pytester) -> None:
    """Inside a test that takes the fixture, ``mockway`` is the handle, not the package: the
    package's exceptions are on it all the same."""
    pytester.makepyfile(
        """
        import sys

        import boto3
        import pytest

        NAMES = (
            "MockwayError", "UnsupportedOperation", "NotActiveError",
            "ClientOutlivedMockError", "InvalidOptionError",
        )

        def test_same_classes(mockway):
            package = sys.modules["mockway"]
            for name in NAMES:
                assert getattr(mockway, name) is getattr(package, name), name

        def test_raises_with_the_fixture(mockway, monkeypatch):
            operations = sys.modules["mockway._registry"].services()["apigateway"].operations
            monkeypatch.delitem(operations, "GetDomainNames")
            client = boto3.client("apigateway")
            with pytest.raises(mockway.UnsupportedOperation) as info:
                client.get_domain_names()
            assert info.value.operation == "GetDomainNames"
            with pytest.raises(mockway.MockwayError):
                mockway.apigateway().record_usage("no-plan", "no-key")

        def test_views_are_tuples(mockway):
            client = boto3.client("apigateway")
            client.create_api_key(name="k")
            api = client.create_rest_api(name="a")
            assert type(mockway.apigateway().api_keys()) is tuple
            assert type(mockway.apigateway().usage_plans()) is tuple
            assert type(mockway.appsync().graphql_apis()) is tuple
            assert type(mockway.appsync().api_keys("none")) is tuple
            assert type(mockway.apigateway().api_keys()[0].stage_keys) is tuple
        """
    )
    run(pytester).assert_outcomes(passed=3)


# -- ready clients, factories, scoped activations ---------------------------------------------


def test_client_fixtures_in_the_fixture_region_and_account(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    pytester.makepyfile(
        """
        import boto3
        import pytest

        @pytest.mark.mockway(account_id="111122223333")
        def test_apigateway(apigateway, mockway):
            assert apigateway.meta.region_name == "eu-west-1"
            key = apigateway.create_api_key(name="k")
            view = mockway.apigateway("eu-west-1", account_id="111122223333")
            assert [k.id for k in view.api_keys()] == [key["id"]]

        def test_appsync(appsync, mockway):
            assert appsync.meta.region_name == "eu-west-1"
            api = appsync.create_graphql_api(name="g", authenticationType="API_KEY")
            assert api["graphqlApi"]["arn"].startswith("arn:aws:appsync:eu-west-1:123456789012:")

        @pytest.fixture
        def no_default_session(monkeypatch):
            monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)

        def test_no_default_session(no_default_session, apigateway):
            apigateway.get_api_keys()
            assert boto3.DEFAULT_SESSION is None
        """
    )
    run(pytester).assert_outcomes(passed=3)


def test_a_users_own_fixtures_of_those_names_win(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
        import pytest

        @pytest.fixture
        def apigateway():
            return "mine"

        @pytest.fixture
        def appsync(mockway):
            return ("also mine", mockway.account_id)
        """
    )
    pytester.makepyfile(
        """
        def test_mine(apigateway, appsync):
            assert apigateway == "mine"
            assert appsync == ("also mine", "123456789012")
        """
    )
    run(pytester).assert_outcomes(passed=1)


def test_factories_build_through_the_operations(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import botocore.exceptions
        import pytest

        def test_plan_with_keys(mockway, apigateway):
            api = mockway.apigateway().create_deployed_api(paths=("/pets",))
            plan = mockway.apigateway().create_usage_plan_with_keys(
                api, keys=3, quota={"limit": 100, "period": "DAY"}
            )
            listed = apigateway.get_usage_plan_keys(usagePlanId=plan.plan_id)["items"]
            assert sorted(k["id"] for k in listed) == sorted(plan.key_ids)
            assert {k["value"] for k in listed} == set(plan.key_values)
            got = apigateway.get_usage_plan(usagePlanId=plan.plan_id)
            assert got["apiStages"] == [{"apiId": api.api_id, "stage": "dev"}]
            assert got["quota"] == {"limit": 100, "offset": 0, "period": "DAY"}

        def test_plan_refused_as_aws_refuses(mockway):
            with pytest.raises(botocore.exceptions.ClientError, match="ValidationException"):
                mockway.apigateway().create_usage_plan_with_keys(
                    quota={"limit": 100, "period": "FORTNIGHT"}
                )

        def test_graphql_api_with_key(mockway, appsync):
            made = mockway.appsync().create_graphql_api_with_key(
                "shop", schema="type Query { a: String }"
            )
            keys = appsync.list_api_keys(apiId=made.api_id)["apiKeys"]
            assert [k["id"] for k in keys] == [made.api_key]
            status = appsync.get_schema_creation_status(apiId=made.api_id)
            assert status["status"] == "SUCCESS"
            assert made.uris["GRAPHQL"].endswith(".appsync-api.us-east-1.amazonaws.com/graphql")
        """
    )
    run(pytester).assert_outcomes(passed=3)


SCOPED_TESTS = """
import pytest

@pytest.fixture(scope="session")
def shared_api(mockway_session):
    return mockway_session.apigateway().create_deployed_api()

@pytest.fixture(scope="module")
def module_key(mockway_module):
    return mockway_module.apigateway().create_usage_plan_with_keys(keys=1).key_ids[0]

@pytest.fixture
def extra_key(apigateway):
    return apigateway.create_api_key(name="extra")["id"]

def test_first(shared_api, module_key, extra_key, apigateway):
    apigateway.create_api_key(name="mine")
    assert len(apigateway.get_api_keys()["items"]) == 3
    assert apigateway.get_rest_api(restApiId=shared_api.api_id)["name"] == "api"

def test_second(shared_api, module_key, extra_key, apigateway):
    assert len(apigateway.get_api_keys()["items"]) == {keys}

def test_without_function_fixtures(mockway_session, module_key):
    assert len(mockway_session.apigateway().api_keys()) == {keys_plain}
"""


def test_scoped_state_is_put_back_after_each_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_one=SCOPED_TESTS.format(keys=2, keys_plain=1))
    pytester.makepyfile(
        test_two="""
        def test_the_module_key_is_gone(shared_api, mockway_session, apigateway):
            assert apigateway.get_api_keys()["items"] == []
            assert apigateway.get_rest_api(restApiId=shared_api.api_id)["name"] == "api"
        """
    )
    pytester.makeconftest(
        """
        import pytest

        @pytest.fixture(scope="session")
        def shared_api(mockway_session):
            return mockway_session.apigateway().create_deployed_api()
        """
    )
    run(pytester, "-p", "no:randomly").assert_outcomes(passed=4)


def test_scoped_state_kept_when_asked(pytester: pytest.Pytester) -> None:
    pytester.makeini(INNER_INI + "mockway_reset_between_tests = false\n")
    pytester.makepyfile(SCOPED_TESTS.format(keys=4, keys_plain=4))
    run(pytester).assert_outcomes(passed=3)


def test_a_scoped_activation_ends_with_its_scope(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_a="""
        def test_uses_it(mockway_module):
            pass
        """,
        test_b="""
        from mockway._interceptor import CONTROLLER

        def test_inactive_after_the_module():
            assert CONTROLLER.state is None
        """,
    )
    run(pytester).assert_outcomes(passed=2)
