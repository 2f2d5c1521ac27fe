"""Integrations of ticketing tools: configured per party (secret shown once, rotation, mapping shown back, audit),
and the tools' own signed payloads giving exactly the clocks our own ticket events give."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import IntegrationDelivery, TicketEventRecord
from tests.api.conftest import assert_problem
from tests.flows import activate

FIXTURES = Path(__file__).parent.parent / "fixtures"
ZENDESK_LIFE = json.loads((FIXTURES / "zendesk" / "ticket_life.json").read_text())
JIRA_LIFE = json.loads((FIXTURES / "jira" / "ticket_life.json").read_text())
ZENDESK_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ=="
DAY = "2026-12-22T"
CYCLES = {
    "key": "cycles",
    "kind": "service_level",
    "title": "Next response and resolution",
    "terms": {
        "targets": [
            {
                "key": "p1-first",
                "metric": "first_response",
                "match": {"priority": "P1"},
                "duration": "PT1H",
                "time": "calendar",
            },
            {
                "key": "p1-next",
                "metric": "next_response",
                "match": {"priority": "P1"},
                "duration": "PT30M",
                "time": "calendar",
            },
            {
                "key": "p1-resolution",
                "metric": "resolution",
                "match": {"priority": "P1"},
                "duration": "PT4H",
                "time": "calendar",
                "pause_statuses": ["pending"],
            },
        ]
    },
}
# The same life in our own events: opened as P2, raised to P1, replies both ways, five minutes pending, solved.
OWN_LIFE = (
    ("e1", "created", "08:00", {"priority": "P2"}),
    ("e2", "priority_changed", "08:10", {"priority": "P1"}),
    ("e3", "agent_replied", "08:20", {}),
    ("e4", "customer_replied", "08:30", {}),
    ("e5", "agent_replied", "09:10", {}),
    ("e6", "customer_replied", "09:20", {}),
    ("e7", "agent_replied", "09:40", {}),
    ("e8", "status_changed", "09:45", {"status": "pending"}),
    ("e9", "status_changed", "09:50", {"status": "open"}),
    ("e10", "solved", "10:00", {}),
)


def zendesk_headers(secret: str, body: bytes, timestamp: str) -> dict[str, str]:
    """Signed as Zendesk documents it: base64(HMAC-SHA256(secret, timestamp + body))."""
    digest = hmac.new(secret.encode(), timestamp.encode() + body, hashlib.sha256).digest()
    return {
        "Content-Type": "application/json",
        "X-Zendesk-Webhook-Id": "01GK8E6BKWMJZD2T8Y5AXJQMG5",
        "X-Zendesk-Webhook-Signature": base64.b64encode(digest).decode(),
        "X-Zendesk-Webhook-Signature-Timestamp": timestamp,
    }


def jira_headers(secret: str, body: bytes, delivery: str) -> dict[str, str]:
    """Signed as Jira Cloud admin webhooks are: `sha256=` + hex HMAC-SHA256 of the body."""
    return {
        "Content-Type": "application/json",
        "X-Atlassian-Webhook-Identifier": delivery,
        "X-Hub-Signature": "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest(),
    }


def _stamp(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
async def live(client, deal, clock):
    clock.now = datetime(2026, 12, 20, 12, tzinfo=UTC)
    await activate(client, deal, clauses=[CYCLES])
    r = await client.patch(
        f"/v1/parties/{deal.customer.id}",
        json={"external_refs": {"zendesk": "360012345678", "jira": "7"}},
        headers={**deal.h["operator"], "If-Match": '"1"'},
    )
    assert r.status_code == 200, r.text
    clock.now = datetime(2026, 12, 22, 10, 30, tzinfo=UTC)
    return deal


async def _integration(client, deal, kind: str, **body) -> dict:
    payload = {"kind": kind, "name": f"{kind} desk", **body}
    if kind == "zendesk":
        payload.setdefault("signing_secret", ZENDESK_SECRET)
    r = await client.post("/v1/integrations", json=payload, headers=deal.h["provider"])
    assert r.status_code == 201, r.text
    return r.json()


async def _post_zendesk(client, integration: dict, payload: dict, clock, *, secret=ZENDESK_SECRET, signed_at=None):
    body = json.dumps(payload).encode()
    headers = zendesk_headers(secret, body, _stamp(signed_at or clock()))
    return await client.post(integration["events_url"], content=body, headers=headers)


async def _post_jira(client, integration: dict, payload: dict, *, secret=None, delivery="d-1"):
    body = json.dumps(payload).encode()
    headers = jira_headers(secret or integration["signing_secret"], body, delivery)
    return await client.post(integration["events_url"], content=body, headers=headers)


async def _own_clocks(client, deal, ticket: str) -> list[dict]:
    events = [
        {
            "source": "native",
            "event_id": event_id,
            "ticket_id": ticket,
            "type": kind,
            "occurred_at": f"{DAY}{at}:00Z",
            **({"customer": str(deal.customer.id)} if kind == "created" else {}),
            **extra,
        }
        for event_id, kind, at, extra in OWN_LIFE
    ]
    r = await client.post("/v1/tickets/events", json={"events": events}, headers=deal.h["provider"])
    assert r.status_code == 200, r.text
    return await _clocks(client, deal, "native", ticket)


async def _clocks(client, deal, source: str, ticket: str) -> list[dict]:
    r = await client.get(f"/v1/tickets/{source}/{ticket}/sla", headers=deal.h["customer"])
    assert r.status_code == 200, r.text
    return r.json()["clocks"]


def _comparable(clocks: list[dict]) -> list[dict]:
    """Everything but the row id and the id of the opening event (each tool names its events its own way)."""
    return sorted(
        ({k: v for k, v in c.items() if k not in ("id", "opened_by")} for c in clocks),
        key=lambda c: (c["metric"], c["cycle"]),
    )


async def _event_rows(session) -> int:
    return await session.scalar(select(func.count()).select_from(TicketEventRecord))


# ---------------------------------------------------------------- the ticket's life from each tool


async def test_a_ticket_life_from_zendesk_payloads_gives_the_clocks_of_our_own_events(client, live, clock):
    integration = await _integration(client, live, "zendesk")
    answers = []
    for payload in ZENDESK_LIFE:
        r = await _post_zendesk(client, integration, payload, clock)
        assert r.status_code == 200, r.text
        answers.append(r.json())
    # The internal note and the tag change fed nothing, and say why.
    assert [a["outcome"] for a in answers].count("ignored") == 2
    assert "internal note" in answers[2]["ignored"][0]["reason"]
    assert answers[3]["ignored"][0]["what"] == "zen:event-type:ticket.tags_changed"
    from_zendesk = await _clocks(client, live, "zendesk", "35436")
    own = await _own_clocks(client, live, "own-1")
    assert _comparable(from_zendesk) == _comparable(own)
    summary = [(c["metric"], c["cycle"], c["status"], c["due_at"]) for c in _comparable(from_zendesk)]
    assert summary == [
        ("first_response", 1, "met", f"{DAY}09:00:00Z"),
        ("next_response", 1, "breached", f"{DAY}09:00:00Z"),
        ("next_response", 2, "met", f"{DAY}09:50:00Z"),
        ("resolution", 1, "met", f"{DAY}12:05:00Z"),
    ]
    # Replaying the whole life again (a tool's retries) stores nothing twice and changes no clock.
    for payload in ZENDESK_LIFE:
        r = await _post_zendesk(client, integration, payload, clock)
        assert r.status_code == 200, r.text
        assert r.json()["accepted"] == 0
    assert _comparable(await _clocks(client, live, "zendesk", "35436")) == _comparable(own)


async def test_a_ticket_life_from_jira_payloads_gives_the_clocks_of_our_own_events(client, live, clock):
    integration = await _integration(client, live, "jira", source="jsm")
    for n, payload in enumerate(JIRA_LIFE):
        r = await _post_jira(client, integration, payload, delivery=f"delivery-{n}")
        assert r.status_code == 200, r.text
    own = await _own_clocks(client, live, "own-2")
    from_jira = await _clocks(client, live, "jsm", "SUP-42")
    assert _comparable(from_jira) == _comparable(own)
    assert {c["status"] for c in from_jira} == {"met", "breached"}


# ---------------------------------------------------------------- signatures


async def test_a_forged_or_stale_zendesk_signature_stores_nothing_and_is_audited(client, live, clock, session):
    integration = await _integration(client, live, "zendesk")
    created = ZENDESK_LIFE[0]
    before = await _event_rows(session)
    forged = await _post_zendesk(client, integration, created, clock, secret="an attacker's guess at the secret")
    stale = await _post_zendesk(client, integration, created, clock, signed_at=clock() - timedelta(minutes=6))
    body = json.dumps(created).encode()
    unsigned = await client.post(integration["events_url"], content=body, headers={"Content-Type": "application/json"})
    # A body changed after signing does not verify either.
    headers = zendesk_headers(ZENDESK_SECRET, body, _stamp(clock()))
    tampered = await client.post(integration["events_url"], content=body.replace(b"HIGH", b"URGENT"), headers=headers)
    answers = [assert_problem(r, 401, "unauthorized") for r in (forged, stale, unsigned, tampered)]
    # One answer for every refusal: an anonymous caller learns nothing; the party's audit has the reasons.
    assert len({a["detail"] for a in answers}) == 1
    assert await _event_rows(session) == before
    r = await client.get(f"/v1/integrations/{integration['id']}/deliveries", headers=live.h["provider"])
    assert r.status_code == 200, r.text
    audit = r.json()["items"]
    assert [d["outcome"] for d in audit] == ["refused"] * 4
    reasons = " | ".join(d["reason"] for d in audit)
    assert "does not match" in reasons and "stale" in reasons and "headers are required" in reasons
    assert all(d["status_code"] == 401 and d["events_accepted"] == 0 for d in audit)
    # An unknown integration answers exactly alike.
    r = await client.post(
        "/v1/integrations/zendesk/events?integration=00000000-0000-4000-8000-000000000000",
        content=body,
        headers=headers,
    )
    assert assert_problem(r, 401, "unauthorized")["detail"] == answers[0]["detail"]
    # The genuine delivery is accepted.
    r = await _post_zendesk(client, integration, created, clock)
    assert r.status_code == 200, r.text
    assert r.json()["accepted"] == 1
    assert await _event_rows(session) == before + 1


async def test_a_jira_delivery_signed_with_another_secret_is_refused(client, live, session):
    integration = await _integration(client, live, "jira")
    before = await _event_rows(session)
    r = await _post_jira(client, integration, JIRA_LIFE[0], secret="not-the-integration-secret-at-all")
    assert_problem(r, 401, "unauthorized")
    # The Zendesk endpoint does not take a Jira integration's deliveries.
    body = json.dumps(JIRA_LIFE[0]).encode()
    r = await client.post(
        f"/v1/integrations/zendesk/events?integration={integration['id']}",
        content=body,
        headers=jira_headers(integration["signing_secret"], body, "d-2"),
    )
    assert_problem(r, 401, "unauthorized")
    assert await _event_rows(session) == before


async def test_rotation_keeps_the_old_secret_for_its_grace_only(client, live, clock):
    integration = await _integration(client, live, "zendesk")
    new_secret = "bmV3X3NlY3JldF9hZnRlcl9hX3Jlc2V0X2luX3plbmRlc2s="
    r = await client.post(
        f"/v1/integrations/{integration['id']}/rotate-secret",
        json={"signing_secret": new_secret},
        headers=live.h["provider"],
    )
    assert r.status_code == 200, r.text
    assert r.json()["signing_secret"] == new_secret
    assert r.headers["cache-control"] == "no-store"
    r = await _post_zendesk(client, integration, ZENDESK_LIFE[0], clock)
    assert r.status_code == 200, r.text
    r = await _post_zendesk(client, integration, ZENDESK_LIFE[1], clock, secret=new_secret)
    assert r.status_code == 200, r.text
    clock.now += timedelta(hours=25)
    r = await _post_zendesk(client, integration, ZENDESK_LIFE[4], clock)
    assert_problem(r, 401, "unauthorized")
    r = await _post_zendesk(client, integration, ZENDESK_LIFE[4], clock, secret=new_secret)
    assert r.status_code == 200, r.text


# ---------------------------------------------------------------- the configured object


async def test_the_secret_is_shown_once_and_the_mapping_is_shown_back(client, live):
    jira = await _integration(client, live, "jira")
    assert len(jira["signing_secret"]) >= 32
    assert jira["events_url"] == f"/v1/integrations/jira/events?integration={jira['id']}"
    r = await client.get(f"/v1/integrations/{jira['id']}", headers=live.h["provider"])
    assert r.status_code == 200, r.text
    shown = r.json()
    assert "signing_secret" not in shown
    assert shown["mapping"]["statuses"]["waiting for customer"] == "pending"
    assert shown["mapping"]["priorities"]["highest"] == "P1"
    assert shown["mapping"]["organization_field"] == "customfield_10002"
    listed = (await client.get("/v1/integrations", headers=live.h["provider"])).json()
    assert [i["id"] for i in listed] == [jira["id"]] and "signing_secret" not in listed[0]
    # Zendesk makes its own secrets: one must be given.
    r = await client.post("/v1/integrations", json={"kind": "zendesk", "name": "no secret"}, headers=live.h["provider"])
    assert_problem(r, 422, "invalid_input", field="signing_secret")
    r = await client.patch(
        f"/v1/integrations/{jira['id']}",
        json={"mapping": {"statuses": {"Waiting for Partner": "pending"}, "agent_replies": "all"}},
        headers={**live.h["provider"], "If-Match": r.headers.get("etag", '"1"')},
    )
    assert r.status_code == 200, r.text
    mapping = r.json()["mapping"]
    assert mapping["statuses"] == {"waiting for partner": "pending"}
    assert mapping["agent_replies"] == "all"
    assert mapping["priorities"]["highest"] == "P1"  # untouched fields keep their value
    r = await client.patch(
        f"/v1/integrations/{jira['id']}", json={"mapping": {"agent_replies": "some"}}, headers=live.h["provider"]
    )
    assert r.status_code in (400, 422), r.text
    # Not yours answers like not found.
    unknown = await client.get("/v1/integrations/00000000-0000-4000-8000-000000000000", headers=live.h["customer"])
    theirs = await client.get(f"/v1/integrations/{jira['id']}", headers=live.h["customer"])
    assert theirs.status_code == unknown.status_code == 404
    assert theirs.json()["detail"] == unknown.json()["detail"]


async def test_a_paused_integration_refuses_deliveries_with_the_reason_in_its_audit(client, live, clock, session):
    integration = await _integration(client, live, "zendesk")
    r = await client.patch(
        f"/v1/integrations/{integration['id']}", json={"status": "paused"}, headers=live.h["provider"]
    )
    assert r.status_code == 200, r.text
    r = await _post_zendesk(client, integration, ZENDESK_LIFE[0], clock)
    assert_problem(r, 409, "integration_paused")
    audit = await session.scalars(select(IntegrationDelivery))
    assert [(d.outcome, d.status_code) for d in audit] == [("refused", 409)]


async def test_a_malformed_payload_is_a_4xx_and_stores_nothing(client, live, clock, session):
    integration = await _integration(client, live, "zendesk")
    before = await _event_rows(session)
    broken = {**ZENDESK_LIFE[0], "time": "yesterday"}
    r = await _post_zendesk(client, integration, broken, clock)
    assert_problem(r, 422, "invalid_input", field="time")
    no_org = {**ZENDESK_LIFE[0], "detail": {**ZENDESK_LIFE[0]["detail"], "organization_id": None}}
    r = await _post_zendesk(client, integration, no_org, clock)
    assert_problem(r, 422, "invalid_input", field="detail.organization_id")
    body = b"not json"
    r = await client.post(
        integration["events_url"], content=body, headers=zendesk_headers(ZENDESK_SECRET, body, _stamp(clock()))
    )
    assert r.status_code == 400, r.text
    assert await _event_rows(session) == before
