"""AppSync's error codes, and every message mockway gives that AWS's recordings do not fix.

Messages under "Assumed" are mockway's choice where no real-AWS output is known; they are
listed in docs/appsync.md and live here only, so one edit changes them everywhere.
"""

from __future__ import annotations

from .._wire import ServiceError, bad_request, not_found

__all__ = [
    "API_KEY_NOT_FOUND",
    "API_NOT_FOUND",
    "KEY_VALID_TOO_LONG",
    "KEY_VALID_TOO_SHORT",
    "api_key_limit_exceeded",
    "api_key_validity_out_of_bounds",
    "api_limit_exceeded",
    "bad_request",
    "graphql_schema_exception",
    "limit_exceeded",
    "not_found",
]

# Seen in real AWS output quoted in public issues (e.g. aws/aws-cli#6251); docs/appsync.md.
API_NOT_FOUND = "GraphQL API {api_id} not found."
API_KEY_NOT_FOUND = "API key not found: {key_id}"
KEY_VALID_TOO_SHORT = "API key must be valid for a minimum of 1 days."
KEY_VALID_TOO_LONG = "API key can be valid for a maximum of 365 days."

# Data sources, seen in real AWS output.
DATA_SOURCE_NOT_FOUND = "Data source not found."
DATA_SOURCE_EXISTS = "Data source with name {name} already exists"
DATA_SOURCE_NAME_INVALID = (
    "Invalid data source name given, must match pattern [_A-Za-z][_0-9A-Za-z]*"
)
SERVICE_ROLE_MISSING = "Service role arn not specified."
NO_DATA_SOURCE_NAMED = "No data source found named {name}"

# Functions and resolvers, seen in real AWS output.
RESOLVER_EXISTS = "Only one resolver is allowed per field."
RESOLVER_NOT_FOUND = "No resolver found."
PIPELINE_FUNCTIONS_MISSING = (
    "The specified functions [{functions}] must exist before referencing them from a resolver."
)
FUNCTION_VERSION_WITH_RUNTIME = "Function version not supported with the provided runtime."
# Seen quoted in a CloudFormation deployment's output and in a cleanup script's comment; the
# status of the second is assumed.
UNIT_NEEDS_DATA_SOURCE = "DataSourceName is required for UNIT resolver"
FUNCTION_IN_USE = "Cannot delete a function which is currently used by a resolver"
# Schemas and types, seen in real AWS output: a schema creation's ``details``, and the type 404
# (seen from resolver operations).
SCHEMA_PARSE_FAILED = (
    "Failed to parse schema document - ensure it's a valid SDL-formatted document."
)
SCHEMA_DUPLICATE_TYPES = (
    "Schema has the following errors:\n   - Schema contains duplicate type names.."
)
SCHEMA_NO_TOP_LEVEL = "There is no top level schema object defined."
SCHEMA_PROBLEMS = "Found {count} problem(s) with the schema:\n{problems}"
TYPE_NOT_FOUND = "Type {name} not found"
FIELD_NOT_FOUND = "No field named {field} found on type {type}"

# Assumed.
DATA_SOURCE_CONFIG_MISSING = "{member} must be provided for a data source of type {type}."
LAMBDA_ARN_INVALID = "Invalid Lambda function ARN specified: {arn}"
API_KEY_LIMIT = "The GraphQL API {api_id} already has the maximum number of API keys (50)."
API_LIMIT = "Reached the maximum number of GraphQL APIs (25) for this account and region."
INVALID_NEXT_TOKEN = "Invalid pagination token given."
INVALID_ARN = "Invalid resource ARN: {arn}"
TAG_LIMIT = "A GraphQL API can have at most 50 tags."
TAG_KEY_INVALID = (
    "Invalid tag key '{key}': letters, digits, spaces and + - = . _ : / only, not starting with"
    " aws:"
)
TAG_VALUE_INVALID = (
    "Invalid value for tag '{key}': letters, digits, spaces and _ + - = . : / @ only"
)
OWNER_CONTACT_TOO_LONG = "ownerContact can be at most 256 characters."
NAME_LENGTH = "A GraphQL API name must be 1 to 65536 characters long."
# Functions and resolvers, assumed.
FUNCTION_NOT_FOUND = "Function not found."
FUNCTION_NAME_INVALID = "Invalid function name given, must match pattern [_A-Za-z][_0-9A-Za-z]*"
FUNCTION_VERSION_MISSING = "functionVersion is required for a function without a runtime."
FUNCTION_VERSION_UNSUPPORTED = (
    "Unsupported function version {version}: functions support 2018-05-29 only."
)
RUNTIME_MISSING = "runtime must be provided with code."
CODE_MISSING = "code must be provided with a runtime."
RUNTIME_VERSION_UNSUPPORTED = "Unsupported runtime version {version} for runtime {runtime}."
TEMPLATES_WITH_CODE = "Mapping templates cannot be used with a runtime; use code instead."
CACHING_TTL_OUT_OF_RANGE = "Caching TTL must be between 1 and 3600 seconds."
# Schemas and types, assumed.
SCHEMA_CREATED = "Successfully created schema with {count} types."
NO_SCHEMA = "InvalidSyntaxError"
TYPE_PARSE_FAILED = "Failed to parse type definition - ensure it's a valid SDL-formatted document."
TYPE_DEFINITION_NOT_ONE = "A type definition must define exactly one type."
TYPE_EXISTS = "Type {name} already exists"
TYPE_NAME_MISMATCH = "The definition defines type {defined}, not {name}."

# -- merged APIs ---
# Seen in real AWS output: a source API association's status detail for a source without a
# schema (quoted inside a CloudFormation handler's message).
MERGE_NO_TYPES = "There's no types found in this API"
# Assumed.
ASSOCIATION_NOT_FOUND = "Source API association {association_id} not found."
NOT_A_MERGED_API = "The GraphQL API {api_id} is not a Merged API."
MERGED_AS_SOURCE = "A Merged API cannot be associated as a source API: {api_id}."
ALREADY_ASSOCIATED = (
    "The source API {source_id} is already associated with the Merged API {merged_id}."
)
SOURCE_LIMIT = "A Merged API can have at most 10 source APIs."
MERGE_TYPE_CONFLICT = "Type {name} is defined with different kinds in the source APIs."
MERGE_FIELD_CONFLICT = (
    "Field {field} of type {type} is defined differently in the source APIs; mark one @canonical."
)
MERGE_OPERATION_CONFLICT = "The {operation} operation has different types in the source APIs."
MERGE_DIRECTIVE_CONFLICT = "Directive @{name} is defined differently in the source APIs."
AUTO_MERGE_NO_ROLE = "The Merged API has no mergedApiExecutionRoleArn to merge with."

# -- data source introspection ---
# Assumed.
INTROSPECTION_NOT_FOUND = "Introspection {introspection_id} not found."
INTROSPECTION_CONFIG_MISSING = "rdsDataApiConfig must be provided."
INTROSPECTION_UNREACHABLE = (
    "Unable to introspect database {database} of cluster {cluster}: the RDS Data API could not"
    " reach it."
)

# -- evaluation ---
# Assumed.
CONTEXT_NOT_JSON = "The context is not a JSON object: {reason}"
FUNCTION_NOT_REQUEST_OR_RESPONSE = "function must be request or response, not {function}."
JS_NOT_EVALUATED = (
    "mockway does not run APPSYNC_JS code: no JavaScript runtime is embedded. Test the code's"
    " request and response functions with a JavaScript test runner."
)


def api_key_limit_exceeded(api_id: str) -> ServiceError:
    return ServiceError("ApiKeyLimitExceededException", API_KEY_LIMIT.format(api_id=api_id), 400)


def api_key_validity_out_of_bounds(message: str) -> ServiceError:
    return ServiceError("ApiKeyValidityOutOfBoundsException", message, 400)


def graphql_schema_exception(message: str) -> ServiceError:
    return ServiceError("GraphQLSchemaException", message, 400)


def limit_exceeded(message: str) -> ServiceError:
    return ServiceError("LimitExceededException", message, 429)


def api_limit_exceeded() -> ServiceError:
    return ServiceError("ApiLimitExceededException", API_LIMIT, 400)


# -- API caches, custom domain names, environment variables, Event APIs and channel namespaces --

# Seen in real AWS output: a CloudFormation deployment quoting AppSync (certificate region), a
# Terraform run (an unusable certificate), a Terraform issue (a domain still associated) and a
# cleanup tool (an API still associated); the codes and statuses are assumed.
CERTIFICATE_NOT_IN_US_EAST_1 = "Certificate must be in us-east-1."
CERTIFICATE_INVALID = "Certificate is invalid."
DOMAIN_STILL_ASSOCIATED = "Domain name must be disassociated before it can be deleted."
API_ASSOCIATED_WITH_DOMAIN = "API can not be deleted as it is associated to a domain"
# Assumed (the cache messages as moto gives them).
CACHE_EXISTS = "The API has already enabled caching."
CACHE_MISSING = "Unable to {action} the cache as it doesn't exist, please create the cache first."
DOMAIN_NAME_EXISTS = "Domain name {name} already exists."
DOMAIN_NAME_NOT_FOUND = "Domain name {name} not found."
DOMAIN_NOT_ASSOCIATED = "Domain name {name} is not associated with an API."
PRIVATE_API_DOMAIN = "Private APIs can not be associated with custom domains."
EVENT_API_NOT_FOUND = "Events API {api_id} not found."
# botocore's models before 1.40.x's end leave eventConfig optional; AppSync requires it, in the
# words its input validation uses.
EVENT_CONFIG_MISSING = (
    "1 validation error detected: Value null at 'eventConfig' failed to satisfy constraint: "
    "Member must not be null"
)
NAMESPACE_NOT_FOUND = "Channel namespace {name} not found."
NAMESPACE_EXISTS = "Channel namespace {name} already exists."
AUTH_PROVIDER_CONFIG_MISSING = "{member} must be provided for an auth provider of type {type}."
AUTH_MODE_WITHOUT_PROVIDER = (
    "Auth mode {type} is not among the API's auth providers; add an auth provider of that type"
    " first."
)
RESOURCE_TAG_LIMIT = "A resource can have at most 50 tags."


def conflict(message: str) -> ServiceError:
    return ServiceError("ConflictException", message, 409)
