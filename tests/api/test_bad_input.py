"""Bad input: each answered with a problem+json naming the problem, and nothing stored."""

from __future__ import annotations

import copy
import json

import pytest

from tests.api.conftest import assert_problem, row_counts
from tests.flows import Deal, sla_clauses


def base_body(deal: Deal) -> dict:
    return {
        "title": "Input checks",
        "timezone": "Europe/Berlin",
        "effective_to": "2099-01-01T00:00:00Z",
        "memberships": [
            {"party_id": str(deal.provider.id), "role": "provider"},
            {"party_id": str(deal.customer.id), "role": "customer"},
        ],
        "clauses": sla_clauses(),
    }


def mutate(body: dict, path: tuple, value) -> dict:
    body = copy.deepcopy(body)
    node = body
    for step in path[:-1]:
        node = node[step]
    if value is DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return body


DELETE = object()

# (id, path in the create body, new value, the field the problem must name)
CREATE_CASES = [
    ("unknown field", ("colour",), "blue", "colour"),
    ("unknown membership field", ("memberships", 0, "since"), "2020", "memberships[0].since"),
    ("unknown clause field", ("clauses", 0, "priority"), 1, "clauses[0].priority"),
    (
        "unknown terms field",
        ("clauses", 0, "terms", "targets", 0, "dueIn"),
        "PT1H",
        "clauses[0].terms.targets[0].dueIn",
    ),
    ("missing title", ("title",), DELETE, "title"),
    ("missing memberships", ("memberships",), DELETE, "memberships"),
    ("missing clause key", ("clauses", 0, "key"), DELETE, "clauses[0].key"),
    ("missing clause kind", ("clauses", 2, "kind"), DELETE, "clauses[2].kind"),
    ("title wrong type", ("title",), 42, "title"),
    ("memberships wrong type", ("memberships",), "everyone", "memberships"),
    ("role not a role", ("memberships", 1, "role"), "auditor", "memberships[1].role"),
    ("malformed uuid in body", ("memberships", 1, "party_id"), "globex", "memberships[1].party_id"),
    (
        "shared flag wrong type",
        ("clauses", 0, "shared_with_third_parties"),
        "yes",
        "clauses[0].shared_with_third_parties",
    ),
    ("terms not an object", ("clauses", 0, "terms"), ["PT1H"], "clauses[0].terms"),
    ("empty title", ("title",), "   ", "title"),
    ("title too long", ("title",), "x" * 301, "title"),
    ("effective_from without offset", ("effective_from",), "2027-01-01T00:00:00", "effective_from"),
    ("effective_from not a date", ("effective_from",), "next monday", "effective_from"),
    ("period reversed", ("effective_from",), "2100-01-01T00:00:00Z", "effective_to"),
    ("invalid clause kind", ("clauses", 0, "kind"), "uptime_promise", "clauses[0].kind"),
    ("bad clause key", ("clauses", 0, "key"), "has spaces", "clauses[0].key"),
    ("duplicate clause key", ("clauses", 1, "key"), "response-times", "clauses[1].key"),
    (
        "terms duration not ISO 8601",
        ("clauses", 0, "terms", "targets", 0, "duration"),
        "1 hour",
        "clauses[0].terms.targets[0].duration",
    ),
    (
        "terms metric unknown",
        ("clauses", 0, "terms", "targets", 1, "metric"),
        "vibes",
        "clauses[0].terms.targets[1].metric",
    ),
    ("non-IANA time zone", ("timezone",), "CET+1", "timezone"),
    (
        "non-IANA zone in a schedule",
        ("clauses", 2),
        {"key": "hours", "kind": "schedule", "title": "Hours", "terms": {"timezone": "Berlin/Germany"}},
        "clauses[2].terms.timezone",
    ),
    (
        "non-ISO-4217 currency",
        ("clauses", 1, "terms", "price_lines", 0, "amount", "currency"),
        "EURO",
        "clauses[1].terms.price_lines[0].amount.currency",
    ),
    (
        "negative money",
        ("clauses", 1, "terms", "price_lines", 0, "amount", "amount"),
        "-1200.00",
        "clauses[1].terms.price_lines[0].amount.amount",
    ),
    (
        "money as a float",
        ("clauses", 1, "terms", "price_lines", 0, "amount", "amount"),
        1200.5,
        "clauses[1].terms.price_lines[0].amount.amount",
    ),
    *[
        (
            f"money written {text!r}",
            ("clauses", 1, "terms", "price_lines", 0, "amount", "amount"),
            text,
            "clauses[1].terms.price_lines[0].amount.amount",
        )
        for text in ("1e3", "1E+3", "1_000", " 1.00 ", "NaN", "Infinity", "-Infinity", "0x10", "1.", ".5", "１２")
    ],
    (
        "duration overflowing",
        ("clauses", 0, "terms", "targets", 0, "duration"),
        "PT99999999999999999999H",
        "clauses[0].terms.targets[0].duration",
    ),
    (
        "duration beyond 100 years",
        ("clauses", 0, "terms", "targets", 0, "duration"),
        "P1000000Y",
        "clauses[0].terms.targets[0].duration",
    ),
    ("effective_to beyond 9000", ("effective_to",), "9999-12-31T23:59:59Z", "effective_to"),
    ("effective_from before 1970", ("effective_from",), "0001-01-01T00:00:00+14:00", "effective_from"),
    (
        "overlapping credit tiers",
        ("clauses", 2),
        {
            "key": "credits",
            "kind": "service_credit",
            "title": "Credits",
            "terms": {
                "target": "p1",
                "tiers": [{"below": "99", "credit_percent": "5"}, {"below": "99", "credit_percent": "10"}],
            },
        },
        "clauses[2].terms.tiers",
    ),
]


@pytest.mark.parametrize(("path", "value", "field"), [pytest.param(*c[1:], id=c[0]) for c in CREATE_CASES])
async def test_bad_create_bodies(path, value, field, client, deal: Deal, session):
    before = await row_counts(session)
    response = await client.post(
        "/v1/agreements", json=mutate(base_body(deal), path, value), headers=deal.h["provider"]
    )
    assert response.status_code in (400, 422), response.text
    body = assert_problem(response, response.status_code)
    assert field in [e["field"] for e in body["errors"]], body
    assert body["code"] in ("invalid_request", "invalid_input")
    assert await row_counts(session) == before


def test_every_rule_named_in_the_brief_is_covered():
    ids = {c[0] for c in CREATE_CASES}
    assert {
        "unknown field",
        "missing title",
        "title wrong type",
        "invalid clause kind",
        "non-IANA time zone",
        "non-ISO-4217 currency",
        "negative money",
        "malformed uuid in body",
    } <= ids


@pytest.mark.parametrize("raw", [b"{", b"[]", b'"title"', b"null", b"\xff\xfe", b""])
async def test_bodies_that_are_not_an_object(raw, client, deal: Deal, session):
    before = await row_counts(session)
    response = await client.post(
        "/v1/agreements", content=raw, headers={**deal.h["provider"], "content-type": "application/json"}
    )
    assert response.status_code in (400, 422), response.text
    assert_problem(response, response.status_code)
    assert await row_counts(session) == before


@pytest.mark.parametrize(
    "path",
    [
        "/v1/agreements/not-a-uuid",
        "/v1/agreements/12345",
        "/v1/agreements/not-a-uuid/versions",
        "/v1/agreements/{id}/versions/one",
        "/v1/parties/acme",
        "/v1/events/42",
    ],
)
async def test_malformed_ids_in_paths(path, client, deal: Deal):
    response = await client.get(path.replace("{id}", deal.agreement_id), headers=deal.h["provider"])
    body = assert_problem(response, 404, "not_found")
    assert "UUID" in body["detail"]


async def test_malformed_ids_in_write_paths_store_nothing(client, deal: Deal, session):
    before = await row_counts(session)
    response = await client.post("/v1/agreements/not-a-uuid/versions", json={}, headers=deal.h["provider"])
    assert_problem(response, 404)
    response = await client.post(f"/v1/agreements/{deal.agreement_id}/versions/x/approve", headers=deal.h["provider"])
    assert_problem(response, 404)
    assert await row_counts(session) == before


async def test_bad_update_bodies(client, deal: Deal, session):
    a = f"/v1/agreements/{deal.agreement_id}"
    h = {**deal.h["provider"], "If-Match": '"1"'}
    before = await row_counts(session)
    cases = [
        ({"status": "active"}, "status"),
        ({"title": None}, "title"),
        (
            {
                "clauses": [
                    {
                        "key": "k",
                        "kind": "cost",
                        "title": "Fees",
                        "terms": {
                            "price_lines": [
                                {
                                    "code": "a",
                                    "description": "d",
                                    "amount": {"amount": "1", "currency": "XTS1"},
                                    "unit": "month",
                                }
                            ]
                        },
                    }
                ]
            },
            "clauses[0].terms.price_lines[0].amount.currency",
        ),
        ({"timezone": "Europe/Berlinn"}, "timezone"),
    ]
    for payload, field in cases:
        response = await client.patch(a, json=payload, headers=h)
        assert response.status_code in (400, 422), (payload, response.text)
        body = assert_problem(response, response.status_code)
        assert field in [e["field"] for e in body["errors"]], body
    assert await row_counts(session) == before


async def test_bad_proposals_and_decisions(client, deal: Deal, session):
    v = f"/v1/agreements/{deal.agreement_id}/versions"
    before = await row_counts(session)
    for payload, field in (({"mode": "overwrite"}, "mode"), ({"summary": 3}, "summary"), ({"sign": True}, "sign")):
        response = await client.post(v, json=payload, headers=deal.h["provider"])
        assert_problem(response, 400, field=field)
    assert await row_counts(session) == before
    assert (await client.post(v, json={}, headers=deal.h["provider"])).status_code == 201
    before = await row_counts(session)
    for payload, field in (({"party_id": "me"}, "party_id"), ({"decision": "yes"}, "decision")):
        response = await client.post(f"{v}/1/approve", json=payload, headers=deal.h["provider"])
        assert_problem(response, 400, field=field)
    assert await row_counts(session) == before


async def test_body_over_the_size_limit_is_413(client, deal: Deal, session, settings):
    body = base_body(deal)
    body["description"] = "x" * (settings.max_body_bytes + 1)
    raw = json.dumps(body).encode()
    before = await row_counts(session)
    for extra in ({}, {"Idempotency-Key": "big-one"}):
        response = await client.post(
            "/v1/agreements", content=raw, headers={**deal.h["provider"], **extra, "content-type": "application/json"}
        )
        assert_problem(response, 413, "payload_too_large")

    # Streamed without a Content-Length, with and without an Idempotency-Key (whose body is buffered first).
    async def chunks():
        for start in range(0, len(raw), 65536):
            yield raw[start : start + 65536]

    for extra in ({}, {"Idempotency-Key": "big-two"}):
        response = await client.post(
            "/v1/agreements",
            content=chunks(),
            headers={**deal.h["provider"], **extra, "content-type": "application/json"},
        )
        assert "content-length" not in response.request.headers
        assert_problem(response, 413, "payload_too_large")
    assert await row_counts(session) == before
    # Just under the limit is fine.
    body["description"] = ""
    body["description"] = "x" * (settings.max_body_bytes - len(json.dumps(body)) - 100)
    response = await client.post("/v1/agreements", json=body, headers=deal.h["provider"])
    assert response.status_code == 201, response.text[:300]


@pytest.mark.parametrize("url", ["/v1/agreements", "/v1/events", "/v1/parties", "/v1/agreements/{id}/history"])
@pytest.mark.parametrize("limit", [101, 1000, 0, -5, "many"])
async def test_limit_out_of_range(url, limit, client, deal: Deal):
    response = await client.get(
        url.replace("{id}", deal.agreement_id), params={"limit": limit}, headers=deal.h["provider"]
    )
    # One status and code for every bad query parameter, whether not a number or out of range, like a bad cursor.
    body = assert_problem(response, 422, "invalid_input")
    assert [e["field"] for e in body["errors"]] == ["limit"]


async def test_query_parameters_of_the_wrong_type(client, deal: Deal):
    a = f"/v1/agreements/{deal.agreement_id}"
    for url, params, field in (
        (f"{a}/clauses", {"version": "latest"}, "version"),
        (f"{a}/clauses", {"as_of": "soon"}, "as_of"),
        (f"{a}/versions/1/diff", {"against": "first"}, "against"),
        ("/v1/agreements", {"counter_party": "globex"}, "counter_party"),
    ):
        response = await client.get(url, params=params, headers=deal.h["provider"])
        body = assert_problem(response, 422, "invalid_input")
        assert [e["field"] for e in body["errors"]] == [field], body


async def test_idempotency_key_too_long(client, deal: Deal, session):
    before = await row_counts(session)
    response = await client.post(
        "/v1/agreements", json=base_body(deal), headers={**deal.h["provider"], "Idempotency-Key": "k" * 256}
    )
    assert_problem(response, 422, field="Idempotency-Key")
    assert await row_counts(session) == before


async def test_values_postgresql_cannot_store_are_422_not_500(client, deal: Deal, session):
    """Found by the schemathesis run: NUL characters and over-long names reached the database as 500s."""
    before = await row_counts(session)
    body = base_body(deal)
    body["title"] = "nul\u0000byte"
    assert_problem(await client.post("/v1/agreements", json=body, headers=deal.h["provider"]), 422, "invalid_input")
    body = base_body(deal)
    body["description"] = "nul\u0000byte"
    assert_problem(await client.post("/v1/agreements", json=body, headers=deal.h["provider"]), 422, "invalid_input")
    body = base_body(deal)
    body["clauses"][0]["body"] = "nul\u0000"
    assert_problem(await client.post("/v1/agreements", json=body, headers=deal.h["provider"]), 422, "invalid_input")
    response = await client.post("/v1/parties", json={"name": "x" * 201}, headers=deal.h["operator"])
    assert_problem(response, 422, "invalid_input")
    response = await client.post("/v1/parties", json={"name": "nul\u0000"}, headers=deal.h["operator"])
    assert_problem(response, 422, "invalid_input")
    assert await row_counts(session) == before
    response = await client.get("/v1/events", params={"type": "agreement.created\u0000"}, headers=deal.h["provider"])
    assert_problem(response, 422, "invalid_input")
