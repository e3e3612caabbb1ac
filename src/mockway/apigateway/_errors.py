"""API Gateway's error codes, and every message mockway gives that AWS's recordings do not fix.

Messages marked "assumed" are mockway's choice where no real-AWS recording exists; they are
listed in docs/fidelity.md and live here only, so one edit changes them everywhere.
"""

from __future__ import annotations

from .._wire import ServiceError, bad_request, not_found

__all__ = [
    "API_KEY_NOT_FOUND",
    "bad_request",
    "conflict",
    "limit_exceeded",
    "not_found",
]

# Recorded against real AWS (aws-facts.md sections 2-4).
API_KEY_NOT_FOUND = "Invalid API Key identifier specified"
API_KEY_NAME_TOO_LONG = "Invalid API Key name, can be at most 1024 characters."
API_KEY_DESCRIPTION_TOO_LONG = "Invalid API Key description specified."
API_KEY_VALUE_TOO_SHORT = "API Key value should be at least 20 characters"
API_KEY_VALUE_TOO_LONG = "API Key value exceeds maximum size of 128 characters"
API_KEY_EXISTS = "API Key already exists"

# Assumed.
API_KEY_LIMIT = "Exceeded the maximum number of API keys (10000) for this account and region"
INVALID_POSITION = "Invalid position parameter specified"
INVALID_STAGE_KEY = "Invalid stage key specified: {value}"
STAGE_KEY_NOT_FOUND = "Stage key {value} is not associated with this API key"
INVALID_ARN = "Invalid resource ARN specified: {arn}"
TAG_LIMIT = "A resource can have at most 50 tags"
TAG_KEY_INVALID = (
    "Invalid tag key '{key}': 1 to 128 characters of letters, digits, spaces and . : + = @ _ / -,"
    " not starting with aws:"
)
TAG_VALUE_INVALID = (
    "Invalid value for tag '{key}': at most 256 characters of letters, digits, spaces and"
    " . : + = @ _ / -"
)
IMPORT_NOT_UTF8 = "Invalid API key file: the file is not UTF-8 text"
IMPORT_MISSING_COLUMNS = "Invalid API key file: the header must name the columns Key and Name"
IMPORT_FAILED = "API keys not imported because the file has warnings: {warnings}"
IMPORT_ROW = "Row {row}: {problem}"
IMPORT_BAD_PLAN = "Invalid Usage Plan ID specified: {plan_id}"


def conflict(message: str) -> ServiceError:
    return ServiceError("ConflictException", message, 409)


def limit_exceeded(message: str) -> ServiceError:
    return ServiceError("LimitExceededException", message, 429)


# Usage plans, recorded (aws-facts.md section 7).
PLAN_NOT_FOUND = "Invalid Usage Plan ID specified"
INVALID_API_STAGE = "Invalid API Stage specified"
API_STAGE_NOT_IN_PLAN = (
    "Invalid API Stage {{api: {api}, stage: {stage}}} specified for usageplan {plan}"
)
# Observed from real AWS: CreateUsagePlan prints this template unformatted.
API_STAGE_INVALID_ON_CREATE = "Invalid API Stage {api: %s, stage: %s} specified for usageplan %s"
KEY_NOT_IN_PLAN_USAGE = "Invalid Key identifier specified"

# Usage plans, assumed.
PLAN_LIMIT = "Exceeded the maximum number of usage plans (300) for this account and region"
PLAN_NAME_REQUIRED = "Usage plan name must not be empty"
QUOTA_PERIOD_REQUIRED = "Quota period must be one of DAY, WEEK or MONTH when a quota is set"
QUOTA_LIMIT_REQUIRED = "Quota limit must be set when a quota is set"
QUOTA_LIMIT_NEGATIVE = "Quota limit must not be negative"
QUOTA_OFFSET_RANGE = "Quota offset for period {period} must be between 0 and {high}"
THROTTLE_NEGATIVE = "Throttle limits must not be negative"
INVALID_NUMBER = "Invalid value '{value}' specified for {path}"
INVALID_THROTTLE_MAP = "Invalid method throttle map specified: {value}"
METHOD_NOT_FOUND_FOR_THROTTLE = (
    "Invalid method {method} for resource path {path} in API Stage {{api: {api}, stage: {stage}}}"
)
API_STAGE_ALREADY_IN_PLAN = (
    "API Stage {{api: {api}, stage: {stage}}} is already associated with usageplan {plan}"
)
KEY_STAGE_CONFLICT = (
    "Usage Plan {plan} cannot be added because API Key {key} cannot reference multiple Usage "
    "Plans with the same API Stage: {api}:{stage}"
)
KEY_ALREADY_IN_PLAN = "API Key {key} is already associated with usage plan {plan}"
KEY_PLAN_LIMIT = "An API key can be associated with at most 10 usage plans"
INVALID_KEY_TYPE = "Invalid key type specified: {key_type}. The only valid key type is API_KEY"
INVALID_DATE = "Invalid {name} specified: {value}. Dates must be in the format yyyy-MM-dd"
DATE_RANGE_REVERSED = "The end date must not be before the start date"
DATE_RANGE_TOO_LONG = "The date range must not be longer than {days} days"
INVALID_REMAINING = "Invalid value '{value}' specified for /remaining"
NO_QUOTA_FOR_USAGE = "Usage plan {plan} has no quota to extend"

# Account, observed from real AWS (aws-facts.md section 10).
ROLE_ARN_MALFORMED = "The role ARN is not well formed"
# Account, assumed beyond what moto mirrors.
USAGE_PLANS_CANNOT_BE_DISABLED = "Usage Plans cannot be disabled once enabled"
INVALID_FEATURE = "Invalid feature specified: {value}"

# REST APIs: recorded against AWS or seen in real AWS output (docs/fidelity.md has sources).
REST_API_NOT_FOUND = "Invalid API identifier specified {account}:{api}"
RESOURCE_NOT_FOUND = "Invalid Resource identifier specified"
METHOD_NOT_FOUND = "Invalid Method identifier specified"
NO_INTEGRATION = "No integration defined for method"
INTEGRATION_NOT_FOUND = "Invalid Integration identifier specified"
STAGE_NOT_FOUND = "Invalid stage identifier specified"
DEPLOYMENT_NOT_FOUND = "Deployment id does not exist"
NO_METHODS = "The REST API doesn't contain any methods"
RESOURCE_EXISTS = "Another resource with the same parent already has this name: {path_part}"
METHOD_EXISTS = "Method already exists for this resource"
STAGE_EXISTS = "Stage already exists"
INVALID_PATH_PART = (
    "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end."
)
VARIABLE_SIBLING = (
    "A sibling ({sibling}) of this resource already has a variable path part -- only one is allowed"
)
GREEDY_PARENT = "Cannot create a child of a resource with a greedy path variable: {parent}"
EMPTY_DESCRIPTION = "Description cannot be an empty string"
INVALID_COMPRESSION = "Invalid minimum compression size, must be between 0 and 10485760"
MULTIPLE_ENDPOINT_TYPES = "Cannot create an api with multiple Endpoint Types."
NO_ENDPOINT_TYPE = "REGIONAL Configuration and EDGE Configuration cannot be both DISABLED."
PRIVATE_NOT_DUALSTACK = "Only dualstack ipAddressType is supported for Private APIs."
INTEGRATION_ARN_INVALID = "Invalid ARN specified in the request"
INTEGRATION_ARN_NO_ACTION = "AWS ARN for integration must contain path or action"
AWS_PROXY_SERVICE = (
    "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose"
    " stream invocations."
)
INVALID_HTTP_METHOD = (
    "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY"
)
INVALID_AUTHORIZER = (
    "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or"
    " COGNITO_USER_POOLS requires a valid authorizer."
)
REQUEST_VALIDATOR_NOT_FOUND = "Invalid Request Validator identifier specified"
MODEL_NOT_FOUND = "Invalid model identifier specified: {model}"
DUPLICATE_PARAMETER = "Parameter names must be unique across querystring, header and path"
INTEGRATION_METHOD_REQUIRED = "Enumeration value for HttpMethod must be non-empty"
INTEGRATION_URI_INVALID = "Invalid HTTP endpoint specified for URI"
ROOT_NOT_DELETABLE = "Root resource cannot be deleted"
REST_API_INVALID = "Invalid REST API identifier specified"
VALIDATOR_NAME_BLANK = "Request Validator name cannot be blank"
# Assumed.
INVALID_STAGE_NAME = "Stage name only allows a-zA-Z0-9_-"
DEPLOYMENT_NOT_FOUND_404 = "Invalid Deployment identifier specified"


# -- REST API updates and resources (recorded first, then assumed) ---------------------------


# -- methods, method responses -----------------------------------------------------------------


# -- integrations, integration responses -------------------------------------------------------


# -- deployments and stages --------------------------------------------------------------------


# -- authorizers -------------------------------------------------------------------------------


# -- models ------------------------------------------------------------------------------------

# Recorded against AWS.
MODEL_NAME_NOT_FOUND = "Invalid model name specified: {name}"
MODEL_EXISTS = "Model name already exists for this REST API"
MODEL_NAME_EMPTY = "Model name must be non-empty"
MODEL_SCHEMA_EMPTY = "Model schema must have at least 1 property or array items defined"
MODEL_IN_METHOD_REQUEST = "Cannot delete model '{name}', is referenced in method request: {path}"
# Seen in real AWS output quoted in public issues.
MODEL_NAME_NOT_ALPHANUMERIC = "Model name must be alphanumeric: {name}"
MODEL_IN_METHOD_RESPONSE = "Cannot delete model '{name}', is referenced in method response: {path}"
INVALID_MODEL = "Invalid model specified: Validation Result: warnings : [], errors : [{errors}]"
INVALID_MODEL_JSON = (
    "Invalid model specified: Validation Result: warnings : [], errors : "
    "Invalid model schema specified"
)
MODEL_SCHEMA_INVALID = "Invalid model schema specified"
MODEL_KEYWORDS_UNSUPPORTED = "Invalid model schema specified. Unsupported keyword(s): [{keywords}]"
MODEL_REFERENCE_NOT_CANONICAL = "Model reference must be in canonical form"
# Assumed.
MODEL_REFERENCE_MISSING = "Invalid model name specified: {name}"
MODEL_IN_MODEL = "Cannot delete model '{name}', is referenced in model: {model}"
MODEL_CONTENT_TYPE_EMPTY = "Model content type must be non-empty"
MODEL_SCHEMA_TOO_LARGE = "Model schema exceeds the maximum size of 400 KB"


# -- gateway responses -------------------------------------------------------------------------


# -- documentation parts and versions ----------------------------------------------------------
