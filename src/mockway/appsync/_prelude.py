"""What AppSync predefines for every schema: its scalars and its directives, as its
introspection describes them."""

from __future__ import annotations

__all__ = [
    "AWS_SCALARS",
    "DESCRIBED",
    "DIRECTIVES",
    "DIRECTIVE_ORDER",
    "PREDEFINED_DIRECTIVES",
    "PREDEFINED_TYPES",
]

DESCRIBED = "The `{name}` scalar type provided by AWS AppSync, represents "
AWS_SCALARS: dict[str, str] = {
    "AWSDate": 'a valid ***extended*** [ISO 8601 Date](https://en.wikipedia.org/wiki/ISO_8601#Calendar_dates) string. In other words, this scalar type accepts date strings of the form `YYYY-MM-DD`.  The scalar can also accept "negative years" of the form `-YYYY` which correspond to years before `0000`. For example, "**-2017-05-01**" and "**-9999-01-01**" are both valid dates.  This scalar type can also accept an optional [time zone offset](https://en.wikipedia.org/wiki/ISO_8601#Time_zone_designators). For example, "**1970-01-01**", "**1970-01-01Z**", "**1970-01-01-07:00**" and "**1970-01-01+05:30**" are all valid dates. The time zone offset must either be `Z` (representing the UTC time zone) or be in the format `±hh:mm:ss`. The seconds field in the timezone offset will be considered valid even though it is not part of the ISO 8601 standard.',  # noqa: E501
    "AWSTime": 'a valid ***extended*** [ISO 8601 Time](https://en.wikipedia.org/wiki/ISO_8601#Times) string. In other words, this scalar type accepts time strings of the form `hh:mm:ss.SSS`.  The field after the two digit seconds field is a nanoseconds field. It can accept between 1 and 9 digits. So, for example, "**12:00:00.2**", "**12:00:00.277**" and "**12:00:00.123456789**" are all valid time strings. The seconds and nanoseconds fields are optional (the seconds field must be specified if the nanoseconds field is to be used).  This scalar type can also accept an optional [time zone offset](https://en.wikipedia.org/wiki/ISO_8601#Time_zone_designators). For example, "**12:30**", "**12:30Z**", "**12:30:24-07:00**" and "**12:30:24.500+05:30**" are all valid time strings. The time zone offset must either be `Z` (representing the UTC time zone) or be in the format `±hh:mm:ss`. The seconds field in the timezone offset will be considered valid even though it is not part of the ISO 8601 standard.',  # noqa: E501
    "AWSDateTime": 'a valid ***extended*** [ISO 8601 DateTime](https://en.wikipedia.org/wiki/ISO_8601#Combined_date_and_time_representations) string. In other words, this scalar type accepts datetime strings of the form `YYYY-MM-DDThh:mm:ss.SSSZ`.  The scalar can also accept "negative years" of the form `-YYYY` which correspond to years before `0000`. For example, "**-2017-01-01T00:00Z**" and "**-9999-01-01T00:00Z**" are both valid datetime strings.  The field after the two digit seconds field is a nanoseconds field. It can accept between 1 and 9 digits. So, for example, "**1970-01-01T12:00:00.2Z**", "**1970-01-01T12:00:00.277Z**" and "**1970-01-01T12:00:00.123456789Z**" are all valid datetime strings.  The seconds and nanoseconds fields are optional (the seconds field must be specified if the nanoseconds field is to be used).  The [time zone offset](https://en.wikipedia.org/wiki/ISO_8601#Time_zone_designators) is compulsory for this scalar. The time zone offset must either be `Z` (representing the UTC time zone) or be in the format `±hh:mm:ss`. The seconds field in the timezone offset will be considered valid even though it is not part of the ISO 8601 standard.',  # noqa: E501
    "AWSTimestamp": "the number of seconds that have elapsed since `1970-01-01T00:00Z`. Negative values are also accepted and these represent the number of seconds till `1970-01-01T00:00Z`.  Timestamps are serialized and deserialized as integers. The minimum supported timestamp value is **`-31557014167219200`** which corresponds to `-1000000000-01-01T00:00Z`. The maximum supported timestamp value is **`31556889864403199`** which corresponds to `1000000000-12-31T23:59:59.999999999Z`.",  # noqa: E501
    "AWSEmail": 'an Email address string that complies with [RFC 822](https://www.ietf.org/rfc/rfc822.txt). For example, "**username@example.com**" is a valid Email address.',  # noqa: E501
    "AWSJSON": 'a JSON string that complies with [RFC 8259](https://tools.ietf.org/html/rfc8259).  Maps like "**{\\"upvotes\\": 10}**", lists like "**[1,2,3]**", and scalar values like "**\\"AWSJSON example string\\"**", "**1**", and "**true**" are accepted as valid JSON and will automatically be parsed and loaded in the resolver mapping templates as Maps, Lists, or Scalar values rather than as the literal input strings.  Invalid JSON strings like "**{a: 1}**", "**{\'a\': 1}**" and "**Unquoted string**" will throw GraphQL validation errors.',  # noqa: E501
    "AWSURL": 'a valid URL string (Ex: <https://www.amazon.com/>). The URL may use any scheme and may also be a local URL (Ex: <http://localhost/>).  URLs without schemes like "**amazon.com**" or "**www.amazon.com**" are considered invalid. URLs which contain double slashes (two consecutive forward slashes) in their path are also considered invalid.',  # noqa: E501
    "AWSPhone": "a valid Phone Number. Phone numbers are serialized and deserialized as Strings. Segments of the phone number may be whitespace delimited or hyphenated.  The number can specify a country code at the beginning. However, United States numbers without country codes are still considered to be valid.",  # noqa: E501
    "AWSIPAddress": "a valid IPv4 or IPv6 address string.",
}
"""AppSync's scalars and the descriptions its introspection gives them."""

_GROUPS = (
    '"List of cognito user pool groups which have access on this field" cognito_groups: [String]'
)
_ACCESS = "Tells the service this field/object has access authorized by"
DIRECTIVES = f'''
"This directive allows results to be deferred during execution"
directive @defer on FIELD
"{_ACCESS} a Cognito User Pools token."
directive @aws_cognito_user_pools({_GROUPS}) on OBJECT | FIELD_DEFINITION
"{_ACCESS} an OIDC token."
directive @aws_oidc on OBJECT | FIELD_DEFINITION
"Tells the service which subscriptions will be published to when this mutation is called. This directive is deprecated use @aws_susbscribe directive instead."
directive @aws_publish("List of subscriptions which will be published to when this mutation is called." subscriptions: [String]) on FIELD_DEFINITION
"Tells the service which mutation triggers this subscription."
directive @aws_subscribe("List of mutations which will trigger this subscription when they are called." mutations: [String]) on FIELD_DEFINITION
"{_ACCESS} an API key."
directive @aws_api_key on OBJECT | FIELD_DEFINITION
"Directs the schema to enforce authorization on a field"
directive @aws_auth({_GROUPS}) on FIELD_DEFINITION
"{_ACCESS} sigv4 signing."
directive @aws_iam on OBJECT | FIELD_DEFINITION
"{_ACCESS} a Lambda Authorizer."
directive @aws_lambda on OBJECT | FIELD_DEFINITION
'''  # noqa: E501
# The order of AppSync's introspection; the schema's own directives follow.
DIRECTIVE_ORDER = (
    "include",
    "skip",
    "defer",
    "aws_cognito_user_pools",
    "deprecated",
    "aws_oidc",
    "aws_publish",
    "aws_subscribe",
    "aws_api_key",
    "aws_auth",
    "aws_iam",
    "aws_lambda",
)
_BUILT_IN_SCALARS = frozenset({"String", "Int", "Float", "Boolean", "ID"})
PREDEFINED_TYPES = _BUILT_IN_SCALARS | frozenset(AWS_SCALARS)
PREDEFINED_DIRECTIVES = frozenset(DIRECTIVE_ORDER) | {"specifiedBy"}
