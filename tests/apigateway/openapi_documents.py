"""OpenAPI documents the import and export tests share."""

from __future__ import annotations

import json
from typing import Any

LAMBDA_URI = (
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    "arn:aws:lambda:us-east-1:123456789012:function:authorize/invocations"
)
PROXY_URI = (
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    "arn:aws:lambda:us-east-1:123456789012:function:shop/invocations"
)
USER_POOL = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Abc123"
CORS_HEADERS = {"Access-Control-Allow-Origin": {"type": "string"}}


def text(document: dict[str, Any]) -> str:
    return json.dumps(document)


def shop_swagger() -> dict[str, Any]:
    """A Swagger 2.0 shop: a token authorizer on two methods, an unused one, models that
    refer to each other, query, path and body parameters, MOCK and HTTP integrations."""
    return {
        "swagger": "2.0",
        "info": {"title": "Shop", "description": "Things to buy", "version": "1.0"},
        "schemes": ["https"],
        "paths": {
            "/": {
                "get": {
                    "produces": ["text/html"],
                    "responses": {
                        "200": {
                            "description": "the shop",
                            "headers": {"Content-Type": {"type": "string"}},
                        }
                    },
                    "security": [{"gatekeeper": []}],
                    "x-amazon-apigateway-integration": {
                        "type": "mock",
                        "requestTemplates": {"application/json": '{"statusCode": 200}'},
                        "responses": {
                            "default": {
                                "statusCode": "200",
                                "responseParameters": {
                                    "method.response.header.Content-Type": "'text/html'"
                                },
                                "responseTemplates": {"text/html": "<p>shop</p>"},
                            }
                        },
                        "passthroughBehavior": "when_no_match",
                    },
                }
            },
            "/items": {
                "get": {
                    "summary": "List items",
                    "produces": ["application/json"],
                    "parameters": [
                        {"name": "kind", "in": "query", "required": False, "type": "string"},
                        {"name": "page", "in": "query", "type": "string"},
                    ],
                    "responses": {
                        "200": {
                            "description": "items",
                            "schema": {"$ref": "#/definitions/Items"},
                            "headers": CORS_HEADERS,
                        }
                    },
                    "security": [{"gatekeeper": []}],
                    "x-amazon-apigateway-integration": {
                        "type": "http",
                        "httpMethod": "GET",
                        "uri": "https://backend.example.com/items",
                        "requestParameters": {
                            "integration.request.querystring.kind": (
                                "method.request.querystring.kind"
                            )
                        },
                        "responses": {
                            "default": {
                                "statusCode": "200",
                                "responseParameters": {
                                    "method.response.header.Access-Control-Allow-Origin": "'*'"
                                },
                            }
                        },
                        "passthroughBehavior": "when_no_match",
                    },
                },
                "post": {
                    "operationId": "AddItem",
                    "consumes": ["application/json"],
                    "produces": ["application/json"],
                    "parameters": [
                        {
                            "in": "body",
                            "name": "NewItem",
                            "required": True,
                            "schema": {"$ref": "#/definitions/NewItem"},
                        }
                    ],
                    "responses": {
                        "200": {"description": "added", "schema": {"$ref": "#/definitions/Item"}}
                    },
                    "x-amazon-apigateway-integration": {
                        "type": "http",
                        "httpMethod": "POST",
                        "uri": "https://backend.example.com/items",
                        "responses": {"default": {"statusCode": "200"}},
                    },
                },
            },
            "/items/{itemId}": {
                "get": {
                    "operationId": "GetItem",
                    "parameters": [
                        {"name": "itemId", "in": "path", "required": True, "type": "string"}
                    ],
                    "responses": {"200": {"description": "an item"}},
                    "x-amazon-apigateway-integration": {
                        "type": "http",
                        "httpMethod": "GET",
                        "uri": "https://backend.example.com/items/{itemId}",
                        "requestParameters": {
                            "integration.request.path.itemId": "method.request.path.itemId"
                        },
                        "responses": {"default": {"statusCode": "200"}},
                    },
                }
            },
        },
        "securityDefinitions": {
            "gatekeeper": {
                "type": "apiKey",
                "name": "Authorization",
                "in": "header",
                "x-amazon-apigateway-authtype": "oauth2",
                "x-amazon-apigateway-authorizer": {
                    "type": "token",
                    "authorizerUri": LAMBDA_URI,
                    "identityValidationExpression": "^Bearer .+",
                    "authorizerResultTtlInSeconds": 60,
                },
            },
            "spare": {
                "type": "apiKey",
                "name": "Authorization",
                "in": "header",
                "x-amazon-apigateway-authtype": "oauth2",
                "x-amazon-apigateway-authorizer": {"type": "token", "authorizerUri": LAMBDA_URI},
            },
        },
        "definitions": {
            "Items": {"type": "array", "items": {"$ref": "#/definitions/Item"}},
            "Item": {
                "type": "object",
                "properties": {"id": {"type": "string"}, "kind": {"$ref": "#/definitions/Kind"}},
            },
            "NewItem": {"type": "object", "properties": {"kind": {"$ref": "#/definitions/Kind"}}},
            "Kind": {"type": "string", "enum": ["book", "game"]},
        },
    }


def every_extension() -> dict[str, Any]:
    """An OpenAPI 3.0 document with every extension users rely on."""
    return {
        "openapi": "3.0.1",
        "info": {"title": "Everything", "description": "All of it", "version": "7"},
        "servers": [
            {
                "url": "https://example.com/{basePath}",
                "variables": {"basePath": {"default": "v1"}},
                "x-amazon-apigateway-endpoint-configuration": {"disableExecuteApiEndpoint": True},
            }
        ],
        "x-amazon-apigateway-api-key-source": "AUTHORIZER",
        "x-amazon-apigateway-binary-media-types": ["image/png", "application/octet-stream"],
        "x-amazon-apigateway-minimum-compression-size": 1024,
        "x-amazon-apigateway-policy": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "execute-api:Invoke",
                    "Resource": ["execute-api:/*"],
                }
            ],
        },
        "x-amazon-apigateway-request-validators": {
            "all": {"validateRequestBody": True, "validateRequestParameters": True},
            "params": {"validateRequestBody": False, "validateRequestParameters": True},
        },
        "x-amazon-apigateway-request-validator": "params",
        "x-amazon-apigateway-gateway-responses": {
            "DEFAULT_4XX": {
                "statusCode": 418,
                "responseParameters": {"gatewayresponse.header.x-teapot": "'yes'"},
                "responseTemplates": {"application/json": '{"oops":$context.error.messageString}'},
            }
        },
        "x-amazon-apigateway-cors": {"allowOrigins": ["https://example.com"]},
        "paths": {
            "/orders": {
                "post": {
                    "operationId": "PlaceOrder",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Order"}}
                        },
                    },
                    "parameters": [
                        {"name": "X-Trace", "in": "header", "required": True},
                        {"name": "dry", "in": "query"},
                    ],
                    "responses": {
                        "201": {
                            "description": "placed",
                            "headers": {"Location": {"schema": {"type": "string"}}},
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Order"}
                                }
                            },
                        },
                        "400": {"description": "refused"},
                    },
                    "security": [{"api_key": [], "lambda": []}],
                    "x-amazon-apigateway-request-validator": "all",
                    "x-amazon-apigateway-integration": {
                        "type": "aws",
                        "httpMethod": "POST",
                        "uri": "arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders",
                        "credentials": "arn:aws:iam::123456789012:role/apigw",
                        "requestParameters": {
                            "integration.request.header.Content-Type": "'application/json'"
                        },
                        "requestTemplates": {"application/json": "Action=SendMessage"},
                        "passthroughBehavior": "never",
                        "contentHandling": "CONVERT_TO_TEXT",
                        "timeoutInMillis": 5000,
                        "cacheNamespace": "orders",
                        "cacheKeyParameters": ["method.request.querystring.dry"],
                        "responses": {
                            "2\\d{2}": {
                                "statusCode": "201",
                                "responseParameters": {
                                    "method.response.header.Location": "'/orders/1'"
                                },
                                "responseTemplates": {"application/json": '{"placed":true}'},
                            },
                            "default": {"statusCode": "400", "contentHandling": "CONVERT_TO_TEXT"},
                        },
                    },
                }
            },
            "/orders/{orderId}": {
                "x-amazon-apigateway-any-method": {
                    "responses": {"200": {"description": "any"}},
                    "security": [{"pool": ["orders/read"]}],
                    "x-amazon-apigateway-integration": {
                        "type": "aws_proxy",
                        "httpMethod": "POST",
                        "uri": PROXY_URI,
                    },
                },
                "get": {
                    "responses": {"200": {"description": "one"}},
                    "security": [{"sigv4": []}],
                    "x-amazon-apigateway-integration": {
                        "type": "http_proxy",
                        "httpMethod": "GET",
                        "uri": "https://backend.example.com/orders/{orderId}",
                        "connectionType": "VPC_LINK",
                        "connectionId": "abc123",
                        "requestParameters": {
                            "integration.request.path.orderId": "method.request.path.orderId"
                        },
                        "tlsConfig": {"insecureSkipVerification": True},
                    },
                },
            },
        },
        "components": {
            "schemas": {
                "Order": {
                    "type": "object",
                    "description": "An order",
                    "required": ["item"],
                    "properties": {
                        "item": {"type": "string", "example": "book"},
                        "lines": {"type": "array", "items": {"$ref": "#/components/schemas/Line"}},
                    },
                },
                "Line": {"type": "object", "properties": {"qty": {"type": "integer"}}},
            },
            "securitySchemes": {
                "api_key": {"type": "apiKey", "name": "x-api-key", "in": "header"},
                "sigv4": {
                    "type": "apiKey",
                    "name": "Authorization",
                    "in": "header",
                    "x-amazon-apigateway-authtype": "awsSigv4",
                },
                "lambda": {
                    "type": "apiKey",
                    "name": "Unused",
                    "in": "header",
                    "x-amazon-apigateway-authtype": "custom",
                    "x-amazon-apigateway-authorizer": {
                        "type": "request",
                        "authorizerUri": LAMBDA_URI,
                        "identitySource": (
                            "method.request.header.Auth, method.request.querystring.t"
                        ),
                        "authorizerResultTtlInSeconds": 0,
                    },
                },
                "pool": {
                    "type": "apiKey",
                    "name": "Authorization",
                    "in": "header",
                    "x-amazon-apigateway-authtype": "cognito_user_pools",
                    "x-amazon-apigateway-authorizer": {
                        "type": "cognito_user_pools",
                        "providerARNs": [USER_POOL],
                    },
                },
            },
        },
        "x-amazon-apigateway-documentation": {
            "version": "1",
            "documentationParts": [
                {"location": {"type": "API"}, "properties": {"description": "All of it"}},
                {
                    "location": {"type": "METHOD", "path": "/orders", "method": "POST"},
                    "properties": {"summary": "Place an order"},
                },
            ],
        },
    }
