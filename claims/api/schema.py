"""OpenAPI schema post-processing: every operation documents the errors it can really answer.

drf-spectacular documents the success responses a view declares. The API also answers, from any
operation, 400 (a parameter or body it cannot read), 401 (a bad token), 403, 404 (an unknown id or
a forged cursor), 413 (a body over the limit), 415 (a body of a type it does not read, for
operations that take one) and 429 (throttled), all in the one error shape of
claims.api.errors; clients and schemathesis read the schema, so it says so.
"""

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "details": {"nullable": True},
            },
            "required": ["status", "code", "message"],
        }
    },
    "required": ["error"],
}
ERRORS = {
    "400": "The request's parameters or body cannot be read; `details` says which and why.",
    "401": "The token is missing where one is needed, unknown or expired.",
    "403": "The token's user may not do this.",
    "404": "No such object (or a draft an anonymous client may not see), or a page cursor this API did not issue.",
    "413": "The request body is larger than the API reads.",
    "415": "The request body's Content-Type is not one the operation reads (JSON, a form or multipart).",
    "429": "Too many requests; `Retry-After` says when to try again.",
}
METHODS = {"get", "post", "put", "patch", "delete"}


def document_errors(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR_SCHEMA)
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():
                if status in ("413", "415") and method == "get":
                    continue
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
    return result
