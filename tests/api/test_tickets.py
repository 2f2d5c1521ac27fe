"""Ticketing through the REST edge: applicable SLA (with explanation), ticket events and clocks, breaches."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from db.models import Event
from tests.api.conftest import assert_problem, row_counts
from tests.flows import accept_invitations, activate, draft_agreement
from tests.schema.test_statement_count import counting_statements
from worker.timers import fire_due_timers

OFFICE = {
    "key": "hours",
    "kind": "schedule",
    "title": "Service hours",
    "terms": {
        "timezone": "Europe/Berlin",
        "weekly_windows": {d: [{"start": "09:00", "end": "17:00"}] for d in ("mon", "tue", "wed", "thu", "fri")},
        "holidays": {"country": "DE", "subdivision": "BE"},
    },
}


@pytest.fixture
async def live(client, deal, clock):
    clock.now = datetime(2026, 12, 20, 12, tzinfo=UTC)
    await activate(client, deal, clauses=[OFFICE])
    r = await client.patch(
        f"/v1/parties/{deal.customer.id}",
        json={"external_refs": {"zendesk": "org-globex"}},
        headers={**deal.h["operator"], "If-Match": '"1"'},
    )
    assert r.status_code == 200, r.text
    return deal


async def test_applicable_sla_business_time_skips_holidays(client, live, clock):
    opened = "2026-12-24T15:00:00Z"  # Thursday 16:00 in Berlin; 25 and 26 December are holidays
    r = await client.get(
        "/v1/sla/applicable",
        params={"customer": "zendesk:org-globex", "priority": "P2", "opened_at": opened},
        headers=live.h["provider"],
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["agreement"]["id"] == live.agreement_id and body["version"]["number"] == 1
    (target,) = body["targets"]
    assert target["metric"] == "first_response" and target["target_key"] == "p2-first-response"
    assert target["calendar"]["kind"] == "schedule_clause"
    assert target["due_at"] == "2026-12-28T11:00:00Z"  # 1 h on Thursday, 3 h on Monday from 09:00 Berlin
    skipped = [s["date"] for s in target["explanation"]["skipped"]]
    assert "2026-12-25" in skipped and "2026-12-26" in skipped
    assert target["explanation"]["windows"][0]["from"] == opened
    assert "priority 'P2' is P2" in target["explanation"]["because"]


async def test_applicable_sla_calendar_time_warnings_and_escalations(client, live):
    r = await client.get(
        "/v1/sla/applicable",
        params={"customer": str(live.customer.id), "priority": "P1", "opened_at": "2026-12-24T15:00:00Z"},
        headers=live.h["customer"],
    )
    (target,) = r.json()["targets"]
    assert target["time"] == "calendar" and target["due_at"] == "2026-12-24T16:00:00Z"
    assert target["warnings"] == [{"percent": 75, "at": "2026-12-24T15:45:00Z"}]
    assert target["escalations"][0]["level"] == 1


async def test_no_matching_target_is_an_empty_answer_with_a_reason(client, live):
    r = await client.get(
        "/v1/sla/applicable",
        params={"customer": str(live.customer.id), "priority": "P9", "opened_at": "2026-12-24T15:00:00Z"},
        headers=live.h["provider"],
    )
    assert r.status_code == 200
    assert r.json()["targets"] == [] and "P9" in r.json()["reason"]


async def test_applicable_sla_bad_input_and_scoping(client, live):
    h = live.h["provider"]
    assert_problem(await client.get("/v1/sla/applicable", params={"customer": "zendesk:nobody"}, headers=h), 404)
    assert_problem(
        await client.get(
            "/v1/sla/applicable", params={"customer": str(live.customer.id), "opened_at": "yesterday"}, headers=h
        ),
        422,
        field="opened_at",
    )
    assert_problem(
        await client.get(
            "/v1/sla/applicable", params={"customer": str(live.customer.id), "opened_at": "2026-12-24"}, headers=h
        ),
        422,
        field="opened_at",
    )
    # An outsider learns nothing about the customer's agreements with others.
    assert_problem(
        await client.get("/v1/sla/applicable", params={"customer": str(live.customer.id)}, headers=live.h["outsider"]),
        404,
    )
    # Before the agreement was in effect: not found, with the reason.
    r = await client.get(
        "/v1/sla/applicable", params={"customer": str(live.customer.id), "opened_at": "2020-01-01T00:00:00Z"}, headers=h
    )
    assert_problem(r, 404)


def _event(event_id: str, kind: str, at: str, **extra):
    return {"source": "zendesk", "event_id": event_id, "ticket_id": "4711", "type": kind, "occurred_at": at, **extra}


async def test_ticket_events_clocks_and_met(client, live, clock, session):
    clock.now = datetime(2026, 12, 22, 9, tzinfo=UTC)
    h = live.h["provider"]
    batch = {
        "events": [
            _event("e2", "agent_replied", "2026-12-22T08:30:00Z"),  # out of order: arrives before `created`
            _event("e1", "created", "2026-12-22T08:00:00Z", customer="zendesk:org-globex", priority="P1"),
        ]
    }
    r = await client.post("/v1/tickets/events", json=batch, headers=h)
    assert r.status_code == 200, r.text
    assert r.json()["accepted"] == 2 and r.json()["duplicates"] == 0
    r = await client.post("/v1/tickets/events", json=batch, headers=h)
    assert r.json() == {**r.json(), "accepted": 0, "duplicates": 2}
    r = await client.get("/v1/tickets/zendesk/4711/sla", headers=live.h["customer"])
    assert r.status_code == 200, r.text
    clocks = {c["metric"]: c for c in r.json()["clocks"]}
    assert clocks["first_response"]["status"] == "met"
    assert clocks["first_response"]["due_at"] == "2026-12-22T09:00:00Z"
    met = await session.scalar(select(func.count()).where(Event.type == "sla.met"))
    assert met == 1
    assert_problem(await client.get("/v1/tickets/zendesk/4711/sla", headers=live.h["outsider"]), 404)


async def test_breach_fires_at_due_time_once_without_new_events(client, live, clock, sessionmaker, session):
    clock.now = datetime(2026, 12, 22, 8, 5, tzinfo=UTC)
    r = await client.post(
        "/v1/tickets/events",
        headers=live.h["provider"],
        json={
            "events": [_event("c1", "created", "2026-12-22T08:00:00Z", customer=str(live.customer.id), priority="P1")]
        },
    )
    assert r.status_code == 200, r.text
    await fire_due_timers(sessionmaker, now=datetime(2026, 12, 22, 8, 30, tzinfo=UTC))
    assert await session.scalar(select(func.count()).where(Event.type == "sla.breached")) == 0
    await fire_due_timers(sessionmaker, now=datetime(2026, 12, 22, 8, 50, tzinfo=UTC))  # the 75 % warning
    assert await session.scalar(select(func.count()).where(Event.type == "sla.warning")) == 1
    for minutes in (61, 90, 120):
        await fire_due_timers(sessionmaker, now=datetime(2026, 12, 22, 8, tzinfo=UTC) + timedelta(minutes=minutes))
    assert await session.scalar(select(func.count()).where(Event.type == "sla.breached")) == 1
    r = await client.get("/v1/tickets/zendesk/4711/sla", headers=live.h["provider"])
    assert {c["metric"]: c["status"] for c in r.json()["clocks"]}["first_response"] == "breached"


async def test_ticket_event_bad_input_stores_nothing(client, live, clock, session):
    clock.now = datetime(2026, 12, 22, 9, tzinfo=UTC)
    h = live.h["provider"]
    before = await row_counts(session)
    cases = [
        ({"events": [_event("x", "created", "2026-12-22T08:00:00Z")]}, "events[0].customer"),
        (
            {"events": [_event("x", "created", "2026-12-23T08:00:00Z", customer="zendesk:org-globex")]},
            "events[0].occurred_at",
        ),
        ({"events": [_event("x", "status_changed", "2026-12-22T08:00:00Z")]}, "events[0].status"),
        (
            {
                "events": [
                    _event("x", "agent_replied", "2026-12-22T08:00:00Z"),
                    _event("x", "agent_replied", "2026-12-22T08:00:00Z"),
                ]
            },
            "events[1].event_id",
        ),
        ({"events": []}, "events"),
    ]
    for body, field in cases:
        assert_problem(await client.post("/v1/tickets/events", json=body, headers=h), 422, field=field)
    assert_problem(
        await client.post(
            "/v1/tickets/events", json={"events": [_event("x", "exploded", "2026-12-22T08:00:00Z")]}, headers=h
        ),
        400,
    )
    assert await row_counts(session) == before
    no_scope = {"Authorization": h["Authorization"]}
    del no_scope


async def test_event_before_created_is_held(client, live, clock):
    clock.now = datetime(2026, 12, 22, 9, tzinfo=UTC)
    h = live.h["provider"]
    r = await client.post(
        "/v1/tickets/events", headers=h, json={"events": [_event("h1", "agent_replied", "2026-12-22T08:30:00Z")]}
    )
    assert r.json()["accepted"] == 1 and r.json()["tickets"][0]["agreement_id"] is None
    assert (await client.get("/v1/tickets/zendesk/4711/sla", headers=h)).json()["clocks"] == []
    r = await client.post(
        "/v1/tickets/events",
        headers=h,
        json={
            "events": [_event("h0", "created", "2026-12-22T08:00:00Z", customer="zendesk:org-globex", priority="P1")]
        },
    )
    clocks = (await client.get("/v1/tickets/zendesk/4711/sla", headers=h)).json()["clocks"]
    assert {c["metric"]: c["status"] for c in clocks}["first_response"] == "met"


async def test_ticket_ids_belong_to_each_integration(client, live, clock):
    clock.now = datetime(2026, 12, 22, 9, tzinfo=UTC)
    created = _event("p1", "created", "2026-12-22T08:00:00Z", customer=str(live.customer.id), priority="P1")
    assert (
        await client.post("/v1/tickets/events", json={"events": [created]}, headers=live.h["provider"])
    ).status_code == 200
    # Another party's integration using the same ticket id gets a ticket of its own, and learns nothing.
    r = await client.post(
        "/v1/tickets/events", json={"events": [{**created, "event_id": "o1"}]}, headers=live.h["outsider"]
    )
    assert r.status_code == 200 and r.json()["tickets"][0]["agreement_id"] is None
    provider_view = (await client.get("/v1/tickets/zendesk/4711/sla", headers=live.h["provider"])).json()
    assert provider_view["ticket"]["agreement_id"] == live.agreement_id
    outsider_view = (await client.get("/v1/tickets/zendesk/4711/sla", headers=live.h["outsider"])).json()
    assert outsider_view["ticket"]["id"] != provider_view["ticket"]["id"] and outsider_view["clocks"] == []


async def _second_agreement(client, deal) -> str:
    """Another agreement in effect with the same customer, starting later (so it wins unless the caller names one)."""

    second = await draft_agreement(
        client,
        deal.h["provider"],
        {"provider": deal.provider, "customer": deal.customer},
        title="Second support deal",
        timezone="Europe/Berlin",
    )
    await accept_invitations(client, second["id"], deal.h["customer"])
    b = f"/v1/agreements/{second['id']}"
    assert (await client.post(f"{b}/versions", json={}, headers=deal.h["provider"])).status_code == 201
    for side in ("provider", "customer"):
        assert (await client.post(f"{b}/versions/1/approve", headers=deal.h[side])).status_code == 200
    assert (await client.post(f"{b}/activate", headers=deal.h["provider"])).status_code == 200
    return second["id"]


async def test_the_caller_may_name_the_agreement_when_a_customer_has_several(client, live, clock):
    clock.now = datetime(2026, 12, 21, 12, tzinfo=UTC)
    second = await _second_agreement(client, live)
    query = {"customer": "zendesk:org-globex", "priority": "P1", "opened_at": "2026-12-22T08:00:00Z"}
    r = await client.get("/v1/sla/applicable", params=query, headers=live.h["provider"])
    assert r.status_code == 200 and r.json()["agreement"]["id"] == second  # the latest effective_from
    r = await client.get(
        "/v1/sla/applicable", params={**query, "agreement": live.agreement_id}, headers=live.h["provider"]
    )
    assert r.status_code == 200 and r.json()["agreement"]["id"] == live.agreement_id
    # An agreement that is not the customer's, not the caller's or not in effect answers like an unknown customer.
    unknown = "00000000-0000-4000-8000-000000000001"
    for agreement in (unknown, second):
        params = {**query, "agreement": agreement}
        headers = live.h["outsider"] if agreement == second else live.h["provider"]
        assert_problem(await client.get("/v1/sla/applicable", params=params, headers=headers), 404)
    assert_problem(
        await client.get("/v1/sla/applicable", params={**query, "agreement": "nope"}, headers=live.h["provider"]),
        422,
        "invalid_input",
        field="agreement",
    )
    clock.now = datetime(2026, 12, 22, 9, tzinfo=UTC)
    r = await client.post(
        "/v1/tickets/events",
        headers=live.h["provider"],
        json={
            "events": [
                {
                    **_event(
                        "n1",
                        "created",
                        "2026-12-22T08:00:00Z",
                        customer="zendesk:org-globex",
                        priority="P1",
                        agreement=live.agreement_id,
                    ),
                    "ticket_id": "named",
                },
                {
                    **_event("d1", "created", "2026-12-22T08:00:00Z", customer="zendesk:org-globex", priority="P1"),
                    "ticket_id": "default",
                },
            ]
        },
    )
    assert r.status_code == 200, r.text
    assert {t["external_id"]: t["agreement_id"] for t in r.json()["tickets"]} == {
        "named": live.agreement_id,
        "default": second,
    }


async def test_unknown_and_someone_elses_customer_answer_alike(client, live):
    """The applicable lookup and ingestion's `match.reason` give one answer for both (no existence oracle)."""
    opened = "2026-12-24T15:00:00Z"

    async def lookup(customer: str):
        return await client.get(
            "/v1/sla/applicable", params={"customer": customer, "opened_at": opened}, headers=live.h["outsider"]
        )

    # The customer's id, its external ref, and refs and ids that name nobody.
    answers = [
        await lookup(c)
        for c in (str(live.customer.id), "zendesk:org-globex", "zendesk:nobody", "00000000-0000-0000-0000-00000000beef")
    ]
    for response in answers:
        assert_problem(response, 404, "not_found")
    assert len({tuple(sorted(r.headers.keys())) for r in answers}) == 1
    details = {r.json()["detail"].replace(r.request.url.params["customer"], "<c>") for r in answers}
    assert len(details) == 1 and "no agreement with you in effect" in details.pop()
    # `instance` names each request (its id), so it differs by design.
    assert len({str({k: v for k, v in r.json().items() if k not in ("detail", "instance")}) for r in answers}) == 1

    reasons = []
    for index, customer in enumerate((str(live.customer.id), "zendesk:org-globex", "zendesk:nobody")):
        event = {
            "source": "outsider-desk",
            "event_id": f"x{index}",
            "ticket_id": f"T{index}",
            "type": "created",
            "occurred_at": "2026-12-20T11:00:00Z",
            "customer": customer,
            "priority": "P1",
        }
        r = await client.post("/v1/tickets/events", json={"events": [event]}, headers=live.h["outsider"])
        assert r.status_code == 200, r.text
        (ticket,) = r.json()["tickets"]
        assert ticket["agreement_id"] is None
        reasons.append(ticket["match"]["reason"].replace(repr(customer), "<c>"))
    assert len(set(reasons)) == 1 and "no agreement with you in effect" in reasons[0]


async def test_a_third_partys_ticket_events_do_not_run_the_agreements_clocks(client, live, clock, session):
    clock.now = datetime(2026, 12, 22, 9, tzinfo=UTC)
    events = [
        _event("t1", "created", "2026-12-22T08:00:00Z", customer=str(live.customer.id), priority="P1"),
        _event("t2", "agent_replied", "2026-12-22T08:30:00Z"),
    ]
    r = await client.post("/v1/tickets/events", json={"events": events}, headers=live.h["third"])
    assert r.status_code == 200, r.text
    (ticket,) = r.json()["tickets"]
    # Answered like a customer the caller has no agreement with: no match, the same reason, no clocks, no events.
    assert ticket["agreement_id"] is None
    assert ticket["match"]["reason"] == (
        f"customer {str(live.customer.id)!r}: no agreement with you in effect at 2026-12-22T08:00:00+00:00"
    )
    assert (await client.get("/v1/tickets/zendesk/4711/sla", headers=live.h["third"])).json()["clocks"] == []
    assert await session.scalar(select(func.count()).where(Event.type.like("sla.%"))) == 0
    # The provider's and the customer's integrations do run them.
    for side in ("provider", "customer"):
        r = await client.post("/v1/tickets/events", json={"events": events}, headers=live.h[side])
        assert r.json()["tickets"][0]["agreement_id"] == live.agreement_id, (side, r.text)


# ---------------------------------------------------------------- hot paths: statements per request


def _work(statements: list[str]) -> list[str]:
    """The statements a request sent, without the savepoints of the test's own rolled-back transaction."""
    return [
        s for s in statements if not s.lstrip().upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO"))
    ]


async def test_a_lookup_costs_one_statement_once_its_version_is_compiled(client, live, engine):
    params = {"customer": "zendesk:org-globex", "priority": "P2", "opened_at": "2026-12-24T15:00:00Z"}
    first = await client.get("/v1/sla/applicable", params=params, headers=live.h["provider"])
    assert first.status_code == 200, first.text
    with counting_statements(engine) as statements:
        again = await client.get("/v1/sla/applicable", params=params, headers=live.h["provider"])
    assert again.json() == first.json()
    assert len(_work(statements)) == 1, statements
    # The compiled version is shared by the process, never the answer: an outsider still learns nothing.
    with counting_statements(engine) as statements:
        assert_problem(await client.get("/v1/sla/applicable", params=params, headers=live.h["outsider"]), 404)
    assert len(_work(statements)) == 1


async def test_an_edited_calendar_applies_from_the_next_lookup(client, deal, clock):
    clock.now = datetime(2026, 12, 20, 12, tzinfo=UTC)
    h = deal.h["provider"]
    created = await client.post(
        "/v1/calendars",
        json={
            "name": "Berlin office",
            "timezone": "Europe/Berlin",
            "weekly_windows": {d: [{"start": "09:00", "end": "17:00"}] for d in ("mon", "tue", "wed", "thu", "fri")},
        },
        headers=h,
    )
    assert created.status_code == 201, created.text
    calendar = created.json()["id"]
    hours = {"key": "hours", "kind": "schedule", "title": "Service hours", "terms": {"calendar_id": calendar}}
    await activate(client, deal, clauses=[hours])
    params = {"customer": str(deal.customer.id), "priority": "P2", "opened_at": "2026-12-23T15:00:00Z"}

    async def due_at() -> str:
        r = await client.get("/v1/sla/applicable", params=params, headers=h)
        assert r.status_code == 200, r.text
        (target,) = r.json()["targets"]
        assert target["calendar"]["kind"] == "schedule_clause"
        return target["due_at"]

    assert await due_at() == "2026-12-24T11:00:00Z"  # 1 h on Wednesday, 3 h on Thursday from 09:00 Berlin
    closed = await client.patch(
        f"/v1/calendars/{calendar}", json={"closures": [{"date": "2026-12-24", "reason": "Christmas Eve"}]}, headers=h
    )
    assert closed.status_code == 200, closed.text
    assert await due_at() == "2026-12-25T11:00:00Z"  # the compiled schedule of the old calendar is not reused


async def test_a_batch_of_events_costs_the_same_statements_for_10_and_100_tickets(client, live, clock, engine):
    clock.now = datetime(2026, 12, 22, 9, tzinfo=UTC)
    h = live.h["provider"]
    counts = {}
    for size in (1, 10, 100):  # the first batch also compiles the agreement's version, once per process
        batch = {
            "events": [
                {
                    "source": "zendesk",
                    "event_id": f"{size}-{n}",
                    "ticket_id": f"{size}-{n}",
                    "type": "created",
                    "occurred_at": "2026-12-22T08:00:00Z",
                    "customer": "zendesk:org-globex",
                    "priority": "P2",
                }
                for n in range(size)
            ]
        }
        with counting_statements(engine) as statements:
            r = await client.post("/v1/tickets/events", json=batch, headers=h)
        assert r.status_code == 200, r.text
        assert r.json()["accepted"] == size and len(r.json()["tickets"]) == size
        assert all(t["agreement_id"] == live.agreement_id for t in r.json()["tickets"])
        counts[size] = len(_work(statements))
    # 13: one of them is the NOTIFY of the changed tickets for the `ticketSla` subscriptions, one for the whole batch.
    assert counts[10] == counts[100] <= 13, counts
    r = await client.get("/v1/tickets/zendesk/100-99/sla", headers=live.h["customer"])
    assert r.status_code == 200, r.text
    (clock_,) = r.json()["clocks"]
    assert clock_["metric"] == "first_response" and clock_["due_at"] == "2026-12-22T12:00:00Z"


async def test_every_kind_of_batch_costs_the_same_statements_for_10_and_100(client, live, clock, engine, session):
    """Announcing, retracting and rescheduling are per batch too: a batch that breaches, meets, retracts and
    re-matches 100 tickets sends the statements a batch of 10 does."""
    clock.now = datetime(2026, 12, 22, 11, tzinfo=UTC)  # Tuesday: P1 tickets opened at 08:00 breached at 09:00
    h = live.h["provider"]
    customer = "zendesk:org-globex"
    phases = {
        # New tickets: P1 clocks breach at once (a `sla.breached` each), P2 clocks run until 12:00 (timers scheduled).
        "created": lambda t, n: {
            "type": "created",
            "occurred_at": "2026-12-22T08:00:00Z",
            "customer": customer,
            "priority": "P1" if n % 2 else "P2",
        },
        # A late reply before the deadline: the breach is taken back and the clock met (retraction, then `sla.met`).
        "agent_replied": lambda t, n: {"type": "agent_replied", "occurred_at": "2026-12-22T08:30:00Z"},
        # Re-matching before the reply: P2 tickets become P1 and P1 tickets P2 (their clocks met on other targets).
        "priority_changed": lambda t, n: {
            "type": "priority_changed",
            "occurred_at": "2026-12-22T08:10:00Z",
            "priority": "P2" if n % 2 else "P1",
        },
    }
    counts: dict[int, dict[str, int]] = {}
    for size in (1, 10, 100):  # the first batch also compiles the agreement's version, once per process
        counts[size] = {}
        for phase, event in phases.items():
            batch = {
                "events": [
                    {"source": "zendesk", "event_id": f"{phase}-{size}-{n}", "ticket_id": f"k{size}-{n}"}
                    | event(f"k{size}-{n}", n)
                    for n in range(size)
                ]
            }
            with counting_statements(engine) as statements:
                r = await client.post("/v1/tickets/events", json=batch, headers=h)
            assert r.status_code == 200, r.text
            assert r.json()["accepted"] == size, r.text
            counts[size][phase] = len(_work(statements))
    assert counts[10] == counts[100], counts
    # At most: the batch's tickets (2), events, created events, matching, zones, events, clocks (read, write), notices
    # (read, remove, add), events (lock, sequences, insert, NOTIFY, deliveries), timers and the tickets' update.
    assert max(counts[100].values()) <= 18, counts
    # The batches did what they say, for every ticket: each P1 breach was retracted and the clock met.
    counted = select(Event.type, func.count()).where(Event.type.like("sla.%")).group_by(Event.type)
    kinds = {kind: count for kind, count in await session.execute(counted)}
    p1_tickets = sum(n % 2 for size in (1, 10, 100) for n in range(size))
    assert kinds["sla.breached"] == kinds["sla.breach_retracted"] == p1_tickets, kinds
    assert kinds["sla.met"] == 111, kinds  # every ticket's clock, once: re-matching a met clock announces nothing
    r = await client.get("/v1/tickets/zendesk/k100-99/sla", headers=live.h["customer"])
    (clock_,) = r.json()["clocks"]
    assert clock_["status"] == "met" and clock_["target_key"] == "p2-first-response", clock_
