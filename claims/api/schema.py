"""The OpenAPI schema as clients generated from it need it.

Request bodies are declared as JSON only (ApiSchema): the API still reads the forms its
browsable pages post, but a body declared in three media types made generated clients fail to
import (openapi-python-client: `NameError: Unset`) or send multipart by chance. Path ids are
integers (integer_ids), as the API's URLs accept them (digits, at most 18).

Every operation documents the errors it can really answer (document_errors).
drf-spectacular documents the success responses a view declares. The API also answers, from any
operation, 400 (a parameter or body it cannot read), 401 (a bad token), 403, 404 (an unknown id or
a forged cursor), 413 (a body over the limit), 415 (a body of a type it does not read, for
operations that take one) and 429 (throttled), all in the one error shape of
claims.api.errors; clients and schemathesis read the schema, so it says so.
"""

from typing import Any

from drf_spectacular.openapi import AutoSchema

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
    "415": "The request body's Content-Type is not one the operation reads (JSON).",
    "429": "Too many requests; `Retry-After` says when to try again.",
}
METHODS = {"get", "post", "put", "patch", "delete"}
# The ids the API's URLs accept (claims.api.views.ID_PATTERN: 1 to 18 digits).
ID_SCHEMA = {"type": "integer", "minimum": 0, "maximum": 10**18 - 1}


class ApiSchema(AutoSchema):
    def map_parsers(self) -> list[Any]:
        """The media types a request body is declared in: JSON alone where the view reads it."""
        types = super().map_parsers()
        json_types = [t for t in types if t == "application/json" or t.endswith("+json")]
        return json_types or types


def integer_ids(result, generator, request, public):
    """A path id matched by ID_PATTERN (a string with a pattern, as drf-spectacular derives it
    from the route's regex) is declared as the integer it is."""
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") == "path" and schema.get("pattern") == "^[0-9]{1,18}$":
                    parameter["schema"] = dict(ID_SCHEMA)
    return result


def document_errors(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR_SCHEMA)
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status, response in responses.items():
                # An error an operation declares itself (a 422) is in the one error shape too.
                if status.startswith("4") and "content" not in response:
                    if response.get("description") == "No response body":  # drf-spectacular's, for None
                        response["description"] = ERRORS.get(status, "")
                    response["content"] = {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    }
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


def _object(properties: dict, required: list[str] | None = None) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": required or [],
        "additionalProperties": True,
    }


_TEXT, _DATE = {"type": "string"}, {"type": "string", "format": "date"}
_THING = _object({"@type": _TEXT, "name": _TEXT, "url": _TEXT}, ["@type", "name"])
_WORK = _object(
    {"@type": _TEXT, "headline": _TEXT, "url": _TEXT, "datePublished": _DATE, "publisher": _THING}
)
# schema.org ClaimReview as claims.serve.claimreview writes it (the API's claim-review answer).
CLAIM_REVIEW_SCHEMA = _object(
    {
        "@context": _TEXT,
        "@type": _TEXT,
        "url": {"type": "string", "format": "uri"},
        "claimReviewed": _TEXT,
        "headline": _TEXT,
        "name": _TEXT,
        "author": _THING,
        "datePublished": _DATE,
        "dateModified": _DATE,
        "inLanguage": _TEXT,
        "reviewRating": _object(
            {
                "@type": _TEXT,
                "ratingValue": {"type": "integer"},
                "bestRating": {"type": "integer"},
                "worstRating": {"type": "integer"},
                "alternateName": _TEXT,
                "ratingExplanation": _TEXT,
            },
            ["@type", "ratingValue", "bestRating", "worstRating", "alternateName"],
        ),
        "itemReviewed": _object(
            {
                "@type": _TEXT,
                "author": _object({"@type": _TEXT, "name": _TEXT, "jobTitle": _TEXT, "sameAs": _TEXT}),
                "datePublished": _DATE,
                "firstAppearance": _WORK,
                "appearance": {"type": "array", "items": _WORK},
            },
            ["@type"],
        ),
    },
    ["@context", "@type", "url", "claimReviewed", "author", "datePublished", "reviewRating", "itemReviewed"],
)
