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

# Recorded against real AWS (LocalStack's AWS-validated API key snapshots; docs/fidelity.md).
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


# Usage plans, recorded (LocalStack's AWS-validated usage plan snapshots).
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

# Account, observed from real AWS (the strings terraform-provider-aws's account.go matches).
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
INVALID_PATCH_PATH = "Invalid patch path {path}"
PATCH_OP_NOT_ONE_OF = "Invalid patch operation specified. Must be one of: [{ops}]"
PATCH_OP_ENDPOINT_TYPE = "Invalid patch operation specified. Must be 'add'|'remove'|'replace'"
INVALID_ENDPOINT_TYPE = "Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE"
INVALID_IP_ADDRESS_TYPE = "ipAddressType must be either ipv4 or dualstack."
RESOURCE_CYCLE = "Resources cannot be cyclical."
ROOT_PATH_PART = "Root resource cannot update its pathPart."
ROOT_PARENT = "Root resource cannot update its parentId."
# Assumed.
REST_API_NAME_BLANK = "Invalid REST API name specified: the name must not be empty"
INVALID_API_KEY_SOURCE = (
    "Invalid API key source specified: {value}. Valid options are HEADER,AUTHORIZER"
)
INVALID_BOOLEAN = "Invalid value '{value}' specified for {path}: must be true or false"
PRIVATE_TO_EDGE = "Cannot change the endpoint type of a PRIVATE API to EDGE"
INVALID_POLICY = (
    "Invalid policy document. Please check the policy syntax and ensure that Principals are valid."
)
VPC_ENDPOINTS_NOT_PRIVATE = "VPC endpoint ids can only be set on PRIVATE APIs"
VPC_ENDPOINT_NOT_FOUND = "VPC endpoint {value} is not associated with this API"


# -- methods, method responses -----------------------------------------------------------------

RESPONSE_NOT_FOUND = "Invalid Response status code specified"
PARAMETER_NOT_FOUND = "Invalid parameter name specified"
CONTENT_TYPE_NOT_FOUND = "Content-Type specified was not found"
MAPPING_INVALID = (
    "Invalid mapping expression specified: Validation Result: warnings : [], errors : [{problem}]"
)
EXPRESSION_INVALID = "Invalid mapping expression specified: {expression}"
# Seen from real AWS (public reports of its answers).
EXPRESSION_UNDECLARED = "Invalid mapping expression parameter specified: {expression}"
NO_METHOD_RESPONSE = "No method response exists for method."


# -- integrations, integration responses -------------------------------------------------------

CONTENT_TYPE_INVALID = (
    "Validation Result: warnings : [], errors : [Invalid content type specified: {content_type}]"
)
# Seen from real AWS (public reports of its answers).
TIMEOUT_RANGE = "Timeout should be between 50 ms and 29000 ms"
SELECTION_PATTERN_TAKEN = "Integration response with selection pattern {pattern} already exists"
# Assumed.
PASSTHROUGH_INVALID = (
    "Invalid passthrough behavior specified: {value}. Valid options are"
    " WHEN_NO_MATCH,WHEN_NO_TEMPLATES,NEVER"
)
CONTENT_HANDLING_INVALID = (
    "Invalid content handling specified: {value}. Valid options are"
    " CONVERT_TO_BINARY,CONVERT_TO_TEXT"
)
CONNECTION_TYPE_INVALID = (
    "Invalid connection type specified: {value}. Valid options are INTERNET,VPC_LINK"
)
TRANSFER_MODE_INVALID = (
    "Invalid response transfer mode specified: {value}. Valid options are BUFFERED,STREAM"
)


# -- deployments and stages --------------------------------------------------------------------
# Recorded against AWS.
DEPLOYMENT_IN_USE = "Active stages pointing to this deployment must be moved or deleted"
CANARY_WITHOUT_STAGE = (
    "Invalid deployment content specified.Non null and non empty stageName must be provided for"
    " canary deployment. Provided value is {value}"
)
CANARY_STAGE_MISSING = (
    "Invalid deployment content specified.Stage {stage} must already be created before making a"
    " canary release deployment"
)
STAGE_PATH_INVALID = (
    "Invalid method setting path: {path}. Must be one of: [/deploymentId, /description,"
    " /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings,"
    " /accessLogSettings/destinationArn, /accessLogSettings/format,"
    " /{{resourcePath}}/{{httpMethod}}/metrics/enabled,"
    " /{{resourcePath}}/{{httpMethod}}/logging/dataTrace,"
    " /{{resourcePath}}/{{httpMethod}}/logging/loglevel,"
    " /{{resourcePath}}/{{httpMethod}}/throttling/burstLimit"
    "/{{resourcePath}}/{{httpMethod}}/throttling/rateLimit"
    "/{{resourcePath}}/{{httpMethod}}/caching/ttlInSeconds,"
    " /{{resourcePath}}/{{httpMethod}}/caching/enabled,"
    " /{{resourcePath}}/{{httpMethod}}/caching/dataEncrypted,"
    " /{{resourcePath}}/{{httpMethod}}/caching/requireAuthorizationForCacheControl,"
    " /{{resourcePath}}/{{httpMethod}}/caching/unauthorizedCacheControlHeaderStrategy,"
    " /*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel,"
    " /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds,"
    " /*/*/caching/enabled, /*/*/caching/dataEncrypted,"
    " /*/*/caching/requireAuthorizationForCacheControl,"
    " /*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{{variable_name}},"
    " /tracingEnabled]"
)
STAGE_OP_INVALID = "Invalid {op} operation with path: {path}"
NO_METHOD_SETTING = (
    "Cannot remove method setting {key} because there is no method setting for this method "
)
ACCESS_LOG_PATH_INVALID = (
    "Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn,"
    " /accessLogSettings/format]"
)
ACCESS_LOG_EMPTY = "Access Log value must not be empty"
COPY_INVALID = (
    "Invalid copy operation with path: {path} and from {source}. Valid copy:path are"
    " [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId,"
    " /canarySettings/stageVariableOverrides]"
)
NO_CANARY_TO_PROMOTE = "Promotion not available. Canary does not exist."
# Seen in real AWS output quoted in public issues.
VARIABLE_NAME_INVALID = (
    "Invalid stage variable name: {name}.  Please use names with only word characters."
)
VARIABLE_VALUE_INVALID = (
    "Invalid stage variable value: {value}.  Please use values with alphanumeric characters and"
    " the symbols ' ', -', '.', '_', ':', '/', '?', '&', '=', and ','."
)
LOGGING_NEEDS_ROLE = "CloudWatch Logs role ARN must be set in account settings to enable logging"
# Assumed.
CLIENT_CERTIFICATE_NOT_FOUND = "Invalid Client Certificate identifier specified"
INVALID_CACHE_SIZE = "Invalid cache cluster size specified: {value}. Valid sizes are [{sizes}]"
INVALID_PERCENT_TRAFFIC = "Invalid percentTraffic specified: {value}. Must be between 0.0 and 100.0"
INVALID_LOG_LEVEL = "Invalid logging level specified: {value}. Valid options are OFF,ERROR,INFO"
INVALID_CACHE_TTL = "Invalid cache TTL specified: {value}. Must be between 0 and 3600 seconds"
INVALID_CACHE_CONTROL_STRATEGY = (
    "Invalid unauthorized cache control header strategy specified: {value}. Valid options are"
    " FAIL_WITH_403,SUCCEED_WITH_RESPONSE_HEADER,SUCCEED_WITHOUT_RESPONSE_HEADER"
)


# -- authorizers -------------------------------------------------------------------------------
# Recorded: CreateAuthorizer naming a REST API that does not exist (a 409).
CONCURRENT_MODIFICATION = (
    "Unable to complete operation due to concurrent modification. Please try again later."
)
# Seen in real AWS output quoted in public issues.
AUTHORIZER_NOT_FOUND = "Invalid Authorizer identifier specified"
AUTHORIZER_URI_INVALID = (
    "Invalid Authorizer URI: {uri}. Authorizer URI should be a valid API Gateway ARN that"
    " represents a Lambda function invocation."
)
TOKEN_SOURCE_INVALID = (
    "Invalid token source expression: {source}. The source must be a method request header,"
    " matching 'method.request.header.[a-zA-Z0-9._-]+'"
)
INVALID_REQUEST_INPUT = "Invalid request input"
PROVIDER_ARNS_INVALID = "ProviderARNs need to be valid Cognito Userpools. Invalid ARNs- {arns}"
AUTHORIZER_NAME_TAKEN = (
    "Authorizer name must be unique. Authorizer {name} already exists in this RestApi."
)
AUTHORIZER_IN_USE = "Cannot delete authorizer '{name}', is referenced in method: {method}/{path}"
# Assumed.
AUTHORIZER_LIMIT = (
    "Maximum number of Authorizers for this API has been reached. Please contact AWS if you need"
    " additional Authorizers."
)
AUTHORIZER_NAME_EMPTY = "Authorizer name must be non-empty"
AUTHORIZER_TTL_RANGE = "Invalid authorizer result TTL, must be between 0 and 3600"
IDENTITY_SOURCE_INVALID = "Invalid identity source expression: {source}"
INVALID_AUTHORIZER_TYPE = (
    "Invalid authorizer type specified. Valid options are TOKEN,REQUEST,COGNITO_USER_POOLS"
)


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
# Recorded against AWS.
GATEWAY_RESPONSE_NOT_PUT = "Gateway response type not defined on api"
GATEWAY_RESPONSE_PARAMETER_NOT_FOUND = "Invalid parameter name specified"
GATEWAY_RESPONSE_EMPTY_VALUE = "Invalid null or empty value in {member}"
# Recorded for a method response's models; assumed for a gateway response's templates.
GATEWAY_RESPONSE_TEMPLATE_NOT_FOUND = "Content-Type specified was not found"
# Assumed.
GATEWAY_RESPONSE_STATUS_INVALID = "Invalid status code specified: {value}"


# -- documentation parts and versions ----------------------------------------------------------
# Recorded against AWS.
DOC_PART_NOT_FOUND = "Invalid Documentation part identifier specified"
DOC_IMPORTER = "Unable to build importer with provided input."
# In AWS's developer guide, or seen in real AWS output (docs/fidelity.md has sources).
DOC_PART_EXISTS = "Documentation part already exists for the specified location: {location}."
DOC_VERSION_NOT_FOUND = "Invalid Documentation version specified"
DOC_VERSION_IN_USE = (
    "Cannot delete documentation version because there are API Stages associated with it."
)
DOC_IMPORT_FAILED = "Warnings found during import:\n\t{warnings}"
# Assumed.
DOC_STATUS_CODE_PATTERN = (
    "1 validation error detected: Value '{value}' at 'createDocumentationPartInput.location"
    ".statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern:"
    " {pattern}"
)
DOC_PROPERTIES_EMPTY = "Documentation part properties must be non-empty"
DOC_PROPERTIES_INVALID = "Documentation part properties must be valid JSON"
DOC_LOCATION_TYPE = "Invalid documentation part location type specified: {type}"
DOC_LOCATION_STATUS = "Invalid documentation part location status code specified: {value}"
DOC_LOCATION_FIELD = "Invalid documentation part location: {field} is not a valid field for {type}"
DOC_LOCATION_NAME = "Invalid documentation part location: name is required for {type}"
DOC_IMPORT_NO_LOCATION = "Documentation part has no location"
DOC_IMPORT_WARNING = "Unable to import documentation part {number}: {problem}"
DOC_VERSION_EXISTS = "Documentation version already exists"
DOC_VERSION_BLANK = "Documentation version cannot be blank"


# -- custom domain names -----------------------------------------------------------------------
# Seen in real AWS output quoted in public issues.
DOMAIN_NAME_NOT_FOUND = "Invalid domain name identifier specified"
DOMAIN_NAME_EXISTS = "The domain name you provided already exists."
NO_CERTIFICATE = "A certificate was not provided for the endpoint type {type}."
CERTIFICATE_REGION = "Invalid certificate ARN: {arn}. Certificate must be in '{region}'."
CERTIFICATE_CROSS_ACCOUNT = (
    "Invalid certificate ARN: {arn}. Cross-account certificate references are not allowed."
)
CERTIFICATE_UPLOAD = "Uploading certificates is not supported for {type}."
BASE_PATH_EXISTS = "Base path already exists for this domain name"
BASE_PATH_EMPTY_ALONE = "Only one base path mapping is allowed if the base path is empty."
BASE_PATH_NOT_FOUND = "Invalid base path mapping identifier specified"
BASE_PATH_SLASH = (
    "API Gateway V1 doesn't support the slash character (/) in base path mappings. To create a"
    " multi-level base path mapping, use API Gateway V2."
)
REST_API_MAPPED = (
    "Deleting RestApi {api} failed. Please remove all base path mappings related to the RestApi"
    " in your domains: {domains}"
)
# Assumed.
STAGE_MAPPED = (
    "Deleting Stage {stage} failed. Please remove all base path mappings related to the Stage"
    " in your domains: {domains}"
)
DOMAIN_NAME_EMPTY = "No Domain Name specified"
INVALID_CERTIFICATE_ARN = "Invalid certificate ARN: {arn}"
SECURITY_POLICY_UNSUPPORTED = "Invalid security policy {policy} specified for endpoint type {type}"
INVALID_SECURITY_POLICY = "Invalid security policy specified: {value}"
ENDPOINT_ACCESS_MODE_POLICY = (
    "endpointAccessMode can only be set for security policies that start with SecurityPolicy_"
)
INVALID_ENDPOINT_ACCESS_MODE = "Invalid endpoint access mode specified: {value}"
INVALID_ROUTING_MODE = "Invalid routing mode specified: {value}"
MTLS_REGIONAL_ONLY = "Mutual TLS authentication is supported only for REGIONAL domain names"
MTLS_TLS_1_0 = "Mutual TLS authentication is not supported with the TLS_1_0 security policy"
TRUSTSTORE_URI_INVALID = (
    "Invalid truststore URI specified: {uri}. The truststore must be an S3 URI of the form"
    " s3://bucket-name/key-name"
)
POLICY_NOT_PRIVATE = "Only PRIVATE domain names can have a {member}"
ENDPOINT_TYPE_PRIVATE_FIXED = "The endpoint type of a PRIVATE domain name cannot be changed"
ENDPOINT_TYPE_PRESENT = "Endpoint type {type} is already configured for this domain name"
ENDPOINT_TYPE_ABSENT = "Endpoint type {type} is not configured for this domain name"
BASE_PATH_INVALID = (
    "Invalid base path specified: {base_path}. A base path may contain only letters, numbers"
    " and the characters $-_.+!*'()"
)
INVALID_DOMAIN_NAME_ARN = "Invalid domain name ARN specified: {arn}"
DOMAIN_NAME_NOT_PRIVATE = (
    "Domain name access associations can only be created for PRIVATE domain names"
)
ACCESS_SOURCE_INVALID = "Invalid access association source specified: {source}"
ACCESS_ASSOCIATION_EXISTS = "Domain name access association already exists"
ACCESS_ASSOCIATION_NOT_FOUND = "Invalid domain name access association identifier specified"


# -- OpenAPI import and export -----------------------------------------------------------------
# Recorded against AWS.
OPENAPI_INVALID = "Invalid OpenAPI input."
OPENAPI_PARAMETER_NOT_STRING = (
    "Invalid format for '{field}'. Expected type string for property '{name}' of resource"
    " '{path}' and method '{method}' but got '{value}'"
)
# Seen in real AWS output quoted in public issues.
OPENAPI_ERRORS = "Errors found during import:\n\t{errors}"
OPENAPI_WARNINGS = "Warnings found during import:\n\t{warnings}"
OPENAPI_PUT_INTEGRATION = "Unable to put integration on '{method}' for resource at path '{path}'"
OPENAPI_MISSING = "Parse issue: attribute {where} is missing"
EXPORT_NON_JSON_MODELS = "Only found non-JSON body models for {where}"
# Assumed.
OPENAPI_TOO_LARGE = "Invalid OpenAPI input: the definition exceeds the maximum size of 6 MB."
OPENAPI_NOT_TYPE = "Parse issue: attribute {where} is not of type `{type}`"
OPENAPI_PUT_METHOD = "Unable to put method '{method}' on resource at path '{path}'"
OPENAPI_PUT_RESPONSE = (
    "Unable to put method response '{status}' on '{method}' for resource at path '{path}'"
)
OPENAPI_PUT_INTEGRATION_RESPONSE = (
    "Unable to put integration response '{status}' on '{method}' for resource at path '{path}'"
)
OPENAPI_CREATE_RESOURCE = "Unable to create resource at path '{path}'"
OPENAPI_CREATE_MODEL = "Unable to create model '{name}'"
OPENAPI_CREATE_AUTHORIZER = "Unable to create authorizer '{name}'"
OPENAPI_CREATE_VALIDATOR = "Unable to create request validator '{name}'"
OPENAPI_PUT_GATEWAY_RESPONSE = "Unable to put gateway response '{type}'"
OPENAPI_API_SETTING = "Unable to set {setting} of the API"
OPENAPI_NO_TITLE = "Parse issue: attribute info.title is missing"
OPENAPI_BAD_STATUS = "Invalid status code '{status}' of '{method}' for resource at path '{path}'"
OPENAPI_UNKNOWN_SECURITY = (
    "Security scheme '{name}' of '{method}' for resource at path '{path}' is not defined"
)
OPENAPI_UNKNOWN_VALIDATOR = "Invalid request validator '{name}' specified"
OPENAPI_INTEGRATION_TYPE = (
    "Invalid integration type specified: {value}. Valid options are"
    " HTTP,HTTP_PROXY,AWS,AWS_PROXY,MOCK"
)
OPENAPI_TIMEOUT = "Invalid integration timeout specified: {value}. Must be between 50 and 29000"
OPENAPI_BASEPATH = "Invalid basepath specified: {value}. Valid options are ignore,prepend,split"
OPENAPI_AUTHORIZER_TYPE = (
    "Invalid authorizer type specified: {value}. Valid options are token,request,cognito_user_pools"
)
OPENAPI_GATEWAY_RESPONSE_TYPE = "Invalid gateway response type specified: {value}"
EXPORT_TYPE_INVALID = "Invalid export type specified: {value}. Valid options are oas30,swagger"
EXPORT_ACCEPTS_INVALID = (
    "Invalid accepts specified: {value}. Valid options are application/json,application/yaml"
)


# -- client certificates -----------------------------------------------------------------------
# An unknown certificate is CLIENT_CERTIFICATE_NOT_FOUND (deployments and stages, above).
# Assumed.
CLIENT_CERTIFICATE_LIMIT = (
    "Exceeded the maximum number of client certificates (60) for this account and region"
)
CLIENT_CERTIFICATE_IN_USE = (
    "Cannot delete client certificate {id} because there are API Stages associated with it,"
    " including {stages}"
)


# -- VPC links ---------------------------------------------------------------------------------
# Recorded against AWS.
VPC_LINK_NOT_FOUND = "Invalid Vpc Link identifier specified"
VPC_LINK_NAME_EMPTY = "Name cannot be empty"
VPC_LINK_ARN_INVALID = "Invalid ARN. ARN is not well formed {arn}"
# Seen in real AWS output quoted in public issues.
VPC_LINK_TARGETS_MANY = "More than one target arn specified for vpc link."
VPC_LINK_TARGETS_FIXED = "Target arns are not allowed to be changed/added."
VPC_LINK_IN_USE = (
    "Cannot delete vpc link. Vpc link '{id}', is referenced in [{references}] in format of"
    " [RESTApiId:Method:Resource:Stage]."
)
# Assumed.
VPC_LINK_TARGETS_NONE = "No target arn specified for vpc link."
VPC_LINK_LIMIT = "Exceeded the maximum number of VPC links (20) for this account and region"


# -- SDKs --------------------------------------------------------------------------------------
# Assumed.
SDK_TYPE_NOT_FOUND = "Invalid SDK type identifier specified"
SDK_TYPE_INVALID = "Invalid SDK type specified: {value}. Valid options are {types}"
SDK_PARAMETERS_MISSING = "Missing required configuration properties for SDK type {type}: [{names}]"
