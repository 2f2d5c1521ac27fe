"""The committed OpenAPI document is valid OpenAPI 3.1 and follows the rules client generators depend on."""

from __future__ import annotations

import json
import re

import pytest
from openapi_spec_validator import validate

from api.export_openapi import OPENAPI_PATH
from services.actors import ALL_SCOPES
from services.agreements.clause_terms import TERMS_BY_KIND
from services.webhooks.subscriptions import WEBHOOK_EVENT_TYPES

DOCUMENT = json.loads(OPENAPI_PATH.read_text())
OPERATIONS = [
    (f"{method.upper()} {path}", operation)
    for path, item in DOCUMENT["paths"].items()
    for method, operation in item.items()
    if method in ("get", "put", "post", "patch", "delete")
]
# Tools' deliveries carry no token: the integration's signing secret authenticates them (401 when it does not).
SIGNED = {"POST /v1/integrations/zendesk/events", "POST /v1/integrations/jira/events"}
PUBLIC = {"GET /healthz", "GET /readyz", "GET /.well-known/jwks.json", "POST /oauth/token", *SIGNED}


def _walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_the_document_is_valid_openapi_3_1():
    assert DOCUMENT["openapi"].startswith("3.1")
    validate(DOCUMENT)


def test_operation_ids_are_short_unique_camel_case():
    ids = [operation["operationId"] for _, operation in OPERATIONS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-zA-Z]{2,30}", i) for i in ids), ids
    by_route = {key: operation["operationId"] for key, operation in OPERATIONS}
    assert by_route["POST /v1/agreements/{agreement_id}/versions/{number}/approve"] == "approveVersion"
    assert by_route["GET /v1/sla/applicable"] == "getApplicableSla"


def test_every_operation_parameter_and_property_is_described():
    for key, operation in OPERATIONS:
        assert operation.get("summary") and operation.get("description"), key
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), f"{key}: parameter {parameter['name']}"
    for name, schema in DOCUMENT["components"]["schemas"].items():
        assert schema.get("description"), name
        for prop, value in schema.get("properties", {}).items():
            assert value.get("description"), f"{name}.{prop}"


def test_schema_names_carry_no_python_paths():
    for name in DOCUMENT["components"]["schemas"]:
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]+", name), name
    refs = {n["$ref"] for n in _walk(DOCUMENT) if isinstance(n.get("$ref"), str)}
    for ref in refs:
        assert ref.removeprefix("#/components/schemas/") in DOCUMENT["components"]["schemas"], ref


def test_security_is_oauth2_client_credentials_with_a_scope_per_operation():
    schemes = DOCUMENT["components"]["securitySchemes"]
    assert set(schemes["oauth2"]["flows"]["clientCredentials"]["scopes"]) == set(ALL_SCOPES)
    assert schemes["oauth2"]["flows"]["clientCredentials"]["tokenUrl"] == "/oauth/token"
    assert "security" not in DOCUMENT  # no blanket requirement: public routes stay public
    for key, operation in OPERATIONS:
        if key in PUBLIC:
            assert operation["security"] == [], key
            assert ("401" in operation["responses"]) == (key in SIGNED), key
        else:
            assert operation["security"][0].keys() == {"oauth2"}, key
            assert "401" in operation["responses"], key
    scopes = {key: op["security"][0]["oauth2"] for key, op in OPERATIONS if key not in PUBLIC}
    assert scopes["POST /v1/agreements/{agreement_id}/versions/{number}/approve"] == ["agreements:write"]
    assert scopes["POST /v1/parties"] == ["parties:admin"]


def test_errors_are_specific_problem_documents():
    for key, operation in OPERATIONS:
        statuses = set(operation["responses"])
        assert not statuses & {"4XX", "5XX", "default"}, key
        for status in statuses - {s for s in statuses if s.startswith(("2", "3"))}:
            content = operation["responses"][status]["content"]
            assert content == {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        if "{" in key:
            assert "404" in statuses, key
    patch = dict(OPERATIONS)["PATCH /v1/agreements/{agreement_id}"]
    assert {"412", "428", "409", "422"} <= set(patch["responses"])


def _header(operation, name):
    return next((p for p in operation.get("parameters", []) if p["in"] == "header" and p["name"] == name), None)


def test_the_concurrency_and_retry_headers_are_documented():
    operations = dict(OPERATIONS)
    for key, operation in OPERATIONS:
        if key.startswith("POST") and key not in PUBLIC:
            assert _header(operation, "Idempotency-Key"), key
        for status, response in operation["responses"].items():
            if status == "201":
                assert "Location" in response["headers"], key
    assert _header(operations["PATCH /v1/agreements/{agreement_id}"], "If-Match")["required"] is True
    assert _header(operations["PATCH /v1/webhooks/{subscription_id}"], "If-Match")["required"] is False
    assert "ETag" in operations["GET /v1/agreements/{agreement_id}"]["responses"]["200"]["headers"]


def test_the_token_endpoint_has_a_request_body():
    body = dict(OPERATIONS)["POST /oauth/token"]["requestBody"]["content"]
    assert set(body) == {"application/x-www-form-urlencoded"}
    schema = DOCUMENT["components"]["schemas"]["TokenRequest"]
    assert {"grant_type", "client_id", "client_secret", "scope"} <= set(schema["properties"])


@pytest.mark.parametrize("clause", ["ClauseInput", "ClauseOut"])
def test_clause_terms_are_a_union_discriminated_by_kind(clause):
    schema = DOCUMENT["components"]["schemas"][clause]
    mapping = schema["discriminator"]["mapping"]
    assert schema["discriminator"]["propertyName"] == "kind"
    assert set(mapping) == set(TERMS_BY_KIND)
    service_level = DOCUMENT["components"]["schemas"][mapping["service_level"].rsplit("/", 1)[1]]
    assert service_level["properties"]["kind"]["const"] == "service_level"
    assert service_level["properties"]["terms"]["$ref"] == "#/components/schemas/ServiceLevelTerms"
    assert "targets" in DOCUMENT["components"]["schemas"]["ServiceLevelTerms"]["properties"]


def test_every_event_type_is_in_the_webhooks_section():
    # Every type a subscription can ask for, the operational `webhook.*` ones included.
    assert set(DOCUMENT["webhooks"]) == set(WEBHOOK_EVENT_TYPES)
    hook = DOCUMENT["webhooks"]["sla.breached"]["post"]
    assert {p["name"] for p in hook["parameters"]} == {"webhook-id", "webhook-timestamp", "webhook-signature"}
    body = hook["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert DOCUMENT["components"]["schemas"][body]["properties"]["type"]["const"] == "sla.breached"
    data = DOCUMENT["components"]["schemas"][body]["properties"]["data"]
    assert data["properties"]["clock"] == {"$ref": "#/components/schemas/ClockView"}
