"""The OpenAPI 3.1 document integrators generate clients from.

Litestar builds the paths and schemas from the handlers; `contract_document` then completes them from the route
table and `api.openapi_text`: stable operationIds, descriptions, per-operation OAuth 2.0 scopes (none on public
routes), the `Idempotency-Key`/`If-Match` request headers and `ETag`/`Location` answers, the specific error
statuses as problem+json, clause `terms` as a union discriminated by `kind`, the token request body, clean schema
names and a `webhooks` section for every event type. `/schema/openapi.json` serves exactly this document."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import msgspec
from litestar import Litestar, Request, Router
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin
from litestar.serialization import encode_json
from litestar.static_files import create_static_files_router

from api.auth import PUBLIC_PATHS, SIGNED_PATHS
from api.errors import PROBLEM_JSON
from api.event_catalogue import EVENTS, body_schema, payload_components, schema_name
from api.openapi_text import (
    ETAG_RESPONSES,
    IF_MATCH_OPTIONAL,
    IF_MATCH_REQUIRED,
    OPERATIONS,
    PARAMETERS,
    PROPERTIES,
    TAGS,
)
from services.actors import ALL_SCOPES
from services.agreements.clause_terms import TERMS_BY_KIND

METHODS = ("get", "put", "post", "delete", "patch")
STATIC = Path(__file__).with_name("static")
ASSETS = "/schema/assets"
SWAGGER_UI_VERSION = "5.17.14"
SCOPE_TEXT = {
    "agreements:read": "Read agreements, clauses, versions, events and calendars",
    "agreements:write": "Create and change agreements, versions, incidents and calendars",
    "reviews:write": "Schedule, complete and cancel reviews",
    "disputes:read": "Read disputes",
    "disputes:write": "Open and act on disputes",
    "tickets:write": "Send ticket events and look up applicable SLAs",
    "billing:read": "Read attainment and billing statements",
    "webhooks:manage": "Manage webhook subscriptions and redeliveries",
    "parties:admin": "Operator: manage parties, API clients and billing periods",
}
# Problem `code` values a client can branch on, by status (the `detail` says more).
ERROR_CODES = {
    400: "invalid_request, bad_request",
    401: "unauthorized (invalid_client at /oauth/token)",
    403: "insufficient_scope, forbidden",
    404: "not_found (also what another party's object answers)",
    409: "conflict, invalid_transition, concurrent_update or a state-specific code (e.g. review_open)",
    412: "precondition_failed (If-Match names an older version)",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_input (well-formed, but a value fails its check)",
    428: "precondition_required (send If-Match)",
    503: "database_unavailable (retry after Retry-After seconds)",
}
# Answers in another media type than JSON, by route.
ALTERNATIVE_CONTENT = {
    "GET /v1/billing/statements": {
        "text/csv": {"type": "string", "description": "One line per cost and credit line, then a totals row"}
    },
    "GET /v1/agreements/{agreement_id}/reviews.ics": {
        "text/calendar": {"type": "string", "description": "An RFC 5545 calendar"}
    },
}
_PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


class _CompletedJsonRender(JsonRenderPlugin):
    """Serves the completed document instead of Litestar's raw one."""

    def render(self, request: Request, openapi_schema: dict[str, Any]) -> bytes:
        return encode_json(contract_document(request.app))


class _CompletedSwaggerRender(SwaggerRenderPlugin):
    """Swagger UI embeds the document it is given: give it the completed one."""

    def render(self, request: Request, openapi_schema: dict[str, Any]) -> bytes:
        return super().render(request, contract_document(request.app))


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="SLA API",
        version="0.1.0",
        description="The single source of truth for service level agreements between organisations. Every "
        "request but the public ones carries `Authorization: Bearer <JWT>` from `POST /oauth/token`; errors are "
        "RFC 9457 problem+json with a stable `code`; lists are `{items, next_cursor}` pages.",
        path="/schema",
        # Swagger UI from the vendored, pinned assets (api/static/README.md): the pages work offline.
        render_plugins=[
            _CompletedSwaggerRender(
                version=SWAGGER_UI_VERSION,
                favicon="",
                path=["/", "/swagger"],
                js_url=f"{ASSETS}/swagger-ui/swagger-ui-bundle.js",
                css_url=f"{ASSETS}/swagger-ui/swagger-ui.css",
                standalone_preset_js_url=f"{ASSETS}/swagger-ui/swagger-ui-standalone-preset.js",
            ),
            _CompletedJsonRender(),
        ],
    )


def docs_assets() -> Router:
    """`/schema/assets/…`: the docs pages' JavaScript and CSS, public like the rest of `/schema`."""
    return create_static_files_router(
        path=ASSETS, directories=[STATIC], include_in_schema=False, cache_control=None, name="docs-assets"
    )


def contract_document(app: Litestar) -> dict[str, Any]:
    """The completed document, built once per app."""
    cached = app.state.get("openapi_document")
    if cached is None:
        cached = complete(app.openapi_schema.to_schema(), _route_options(app))
        app.state.openapi_document = cached
    return cached


def _route_options(app: Litestar) -> dict[str, dict[str, Any]]:
    options: dict[str, dict[str, Any]] = {}
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            for method in handler.http_methods:
                options[f"{method} {route.path_format or '/'}"] = handler.opt
    return options


def complete(document: dict[str, Any], options: dict[str, dict[str, Any]]) -> dict[str, Any]:
    document = copy.deepcopy(document)
    document.pop("security", None)
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    _rename_generic_schemas(document)
    _type_clause_terms(schemas)
    document["components"]["securitySchemes"] = {
        "oauth2": {
            "type": "oauth2",
            "description": "An API client's credentials exchanged for a bearer JWT at `/oauth/token`",
            "flows": {"clientCredentials": {"tokenUrl": "/oauth/token", "scopes": SCOPE_TEXT}},
        },
        "bearer": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "A JWT from this service or from the configured external identity provider",
        },
    }
    if set(SCOPE_TEXT) != set(ALL_SCOPES):
        raise LookupError("every scope in services.actors.ALL_SCOPES needs a description in SCOPE_TEXT")
    document["tags"] = [{"name": name, "description": text} for name, text in TAGS.items()]
    for path, item in document["paths"].items():
        for method in METHODS:
            if method in item:
                key = f"{method.upper()} {path}"
                _complete_operation(key, path, method, item[method], options.get(key, {}))
    _describe_properties(schemas)
    _token_request(document)
    document["webhooks"] = _webhooks(schemas)
    return document


def _complete_operation(key: str, path: str, method: str, operation: dict[str, Any], opt: dict[str, Any]) -> None:
    if key not in OPERATIONS:
        raise LookupError(f"{key} has no entry in api.openapi_text.OPERATIONS")
    operation["operationId"], operation["description"] = OPERATIONS[key]
    public = path.startswith(PUBLIC_PATHS)
    scope = opt.get("scope")
    if public:
        operation["security"] = []
    else:
        operation["security"] = [{"oauth2": [scope] if scope else []}, {"bearer": []}]
    parameters = operation.setdefault("parameters", [])
    for parameter in parameters:
        if not parameter.get("description"):
            parameter["description"] = PARAMETERS.get(parameter["name"], "")
    if method == "post" and not public:
        parameters.append(
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": False,
                "description": "Any unique string (e.g. a UUID); a retry with the same key within 24 hours returns "
                "the first answer instead of repeating the write",
                "schema": {"type": "string", "maxLength": 255},
            }
        )
    if key in IF_MATCH_REQUIRED or key in IF_MATCH_OPTIONAL:
        parameters.append(
            {
                "name": "If-Match",
                "in": "header",
                "required": key in IF_MATCH_REQUIRED,
                "description": 'The ETag last read (e.g. `"3"`); the write is refused with 412 if it changed since',
                "schema": {"type": "string"},
                "example": '"3"',
            }
        )
    if not parameters:
        del operation["parameters"]
    responses = operation["responses"]
    for status, response in responses.items():
        if not status.startswith("2"):
            continue
        headers = response.setdefault("headers", {})
        if key in ETAG_RESPONSES:
            headers["ETag"] = {
                "description": "The resource's version; send it back as `If-Match`",
                "schema": {"type": "string"},
            }
        if status == "201":
            headers["Location"] = {"description": "The created resource's path", "schema": {"type": "string"}}
        if not headers:
            del response["headers"]
    for media_type, schema in ALTERNATIVE_CONTENT.get(key, {}).items():
        responses["200"].setdefault("content", {})[media_type] = {"schema": schema}
    for status in [s for s in responses if s[:1] in ("4", "5")]:
        del responses[status]
    for status in _error_statuses(key, path, method, operation, public, scope):
        responses[str(status)] = {
            "description": f"Problem: `code` is one of {ERROR_CODES.get(status, 'internal_error')}",
            "content": {PROBLEM_JSON: {"schema": _PROBLEM_REF}},
        }


def _error_statuses(
    key: str, path: str, method: str, operation: dict[str, Any], public: bool, scope: str | None
) -> list[int]:
    statuses = {503}
    if operation.get("parameters") or "requestBody" in operation:
        statuses.add(400)
    if not public or path.startswith(SIGNED_PATHS):
        statuses.add(401)
        if scope:
            statuses.add(403)
    if "{" in path:
        statuses.add(404)
    if "requestBody" in operation:
        statuses.update({413, 415, 422})
    if method in ("post", "patch", "put", "delete") and (not public or path.startswith(SIGNED_PATHS)):
        statuses.update({409, 422})
    if key in IF_MATCH_REQUIRED:
        statuses.update({412, 428})
    if key in IF_MATCH_OPTIONAL:
        statuses.add(412)
    return sorted(statuses)


_GENERIC = re.compile(r"^(\w+)_(?:[\w.]+\.)?(\w+)_$")


def _rename_generic_schemas(document: dict[str, Any]) -> None:
    """`Page_api.representations.AgreementOut_` → `AgreementOutPage`: no Python paths in generated type names."""
    schemas = document["components"]["schemas"]
    renames = {}
    for name in list(schemas):
        match = _GENERIC.match(name)
        if match:
            renames[name] = f"{match.group(2)}{match.group(1)}"
    for old, new in renames.items():
        schemas[new] = schemas.pop(old)
        schemas[new].pop("title", None)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[1]
                if name in renames:
                    node["$ref"] = f"#/components/schemas/{renames[name]}"
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)


def _kind_name(kind: str) -> str:
    return "".join(part.capitalize() for part in kind.split("_"))


def _type_clause_terms(schemas: dict[str, Any]) -> None:
    """A clause is one of eleven shapes: each `kind` has its own typed `terms` (services.agreements.clause_terms)."""
    _, components = msgspec.json.schema_components(
        list(TERMS_BY_KIND.values()), ref_template="#/components/schemas/{name}"
    )
    for name, schema in components.items():
        schemas.setdefault(name, schema)
    for clause in ("ClauseInput", "ClauseOut"):
        base = schemas.get(clause)
        if base is None:
            continue
        variants = {}
        for kind, terms_type in TERMS_BY_KIND.items():
            variant = copy.deepcopy(base)
            variant["title"] = f"{_kind_name(kind)}{clause}"
            variant["properties"]["kind"] = {"type": "string", "const": kind, "description": "The clause's kind"}
            variant["properties"]["terms"] = {
                "$ref": f"#/components/schemas/{terms_type.__name__}",
                "description": f"The {kind} clause's terms",
            }
            variant["required"] = sorted(set(variant.get("required", [])) | {"kind"})
            name = f"{_kind_name(kind)}{clause}"
            schemas[name] = variant
            variants[kind] = f"#/components/schemas/{name}"
        schemas[clause] = {
            "description": "A clause; its `terms` are typed by its `kind`",
            "oneOf": [{"$ref": ref} for ref in variants.values()],
            "discriminator": {"propertyName": "kind", "mapping": variants},
        }


def _describe_properties(schemas: dict[str, Any]) -> None:
    for name, schema in schemas.items():
        schema.setdefault("description", _schema_description(name))
        for prop, value in schema.get("properties", {}).items():
            if "description" not in value:
                value["description"] = PROPERTIES.get(f"{name}.{prop}") or PROPERTIES.get(prop, "")


def _schema_description(name: str) -> str:
    if name.endswith("Page"):
        return f"A page of {name[: -len('Page')]} items and the cursor of the next page"
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()
    if name.endswith(("Input", "Create", "Update", "In")):
        return f"Request body: {words}"
    return words[:1].upper() + words[1:]


def _token_request(document: dict[str, Any]) -> None:
    schema = {"$ref": "#/components/schemas/TokenRequest"}
    document["components"]["schemas"]["TokenRequest"] = {
        "type": "object",
        "description": "A client-credentials token request (RFC 6749 §4.4); the credentials may instead be sent "
        "as HTTP Basic",
        "required": ["grant_type"],
        "properties": {
            "grant_type": {"type": "string", "const": "client_credentials", "description": "Always client_credentials"},
            "client_id": {"type": "string", "description": "The API client's id"},
            "client_secret": {"type": "string", "description": "The API client's secret"},
            "scope": {"type": "string", "description": "Space-separated scopes to narrow the token to"},
        },
    }
    # RFC 6749's form body only: the endpoint also reads the same members as JSON, but two media types of one
    # schema make openapi-python-client 0.29 emit a client that does not import.
    document["paths"]["/oauth/token"]["post"]["requestBody"] = {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": schema,
                "example": {"grant_type": "client_credentials", "client_id": "cl_…", "client_secret": "…"},
            },
        },
    }


def _webhooks(schemas: dict[str, Any]) -> dict[str, Any]:
    """One entry per event type: the Standard Webhooks request a subscriber receives."""
    hooks: dict[str, Any] = {}
    headers = {
        "webhook-id": "The delivery's id, stable across retries (deduplicate on it)",
        "webhook-timestamp": "Unix seconds when it was signed",
        "webhook-signature": "`v1,<base64 HMAC-SHA256 of id.timestamp.body>` under the subscription's secret",
    }
    added = {}
    for name, component in payload_components().items():
        if name not in schemas:
            added[name] = schemas[name] = component
        elif "properties" in schemas[name] and set(component.get("properties", {})) != set(schemas[name]["properties"]):
            # Two structs of one name: the event payload would point at the wrong one. (A component the document
            # reshaped, such as ClauseOut as a union discriminated by `kind`, has no properties of its own.)
            raise LookupError(f"the event payloads' {name} is not the REST answers' {name}")
    _describe_properties(added)
    for event_type in EVENTS:
        name = schema_name(event_type)
        schemas[name] = body_schema(event_type)
        hooks[event_type] = {
            "post": {
                "operationId": "on" + name,
                "summary": f"`{event_type}` delivered to a subscription",
                "description": "Signed per Standard Webhooks; answer 2xx to acknowledge, 410 to unsubscribe.",
                "parameters": [
                    {"name": h, "in": "header", "required": True, "description": d, "schema": {"type": "string"}}
                    for h, d in headers.items()
                ],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
                },
                "responses": {"200": {"description": "Acknowledged"}},
            }
        }
    return hooks
