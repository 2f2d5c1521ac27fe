"""The ticketing integration through POST /graphql: `applicableSla(input)` with due times and the explanation,
`recordTicketEvents` (idempotent, out of order, held until `created`), `ticketSla` with clocks and their histories,
breaches at the due time, bad input naming the field with nothing stored, and who sees which ticket."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from db.models import Event, SlaClock, Ticket, TicketEventRecord
from tests.api.test_tickets import _second_agreement
from tests.factories import World
from tests.flows import Deal, activate
from tests.schema.conftest import GraphQL, count, mutate
from tests.support.sla_story import assert_consistent_story
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
GOLD = {
    "key": "gold",
    "kind": "service_level",
    "title": "Gold resolution",
    "terms": {
        "targets": [
            {
                "key": "gold-resolution",
                "metric": "resolution",
                "match": {"attributes": {"tier": "gold"}},
                "duration": "PT8H",
                "pause_statuses": ["pending"],
            }
        ]
    },
}

APPLICABLE = """query($input: ApplicableSlaInput!) { applicableSla(input: $input) {
  customerPartyId agreement { id reference title timezone } version { id number effectiveFrom } openedAt reason
  explanation targets { metric targetKey clauseKey duration time dueAt pauseStatuses explanation
    calendar { kind name timezone id key calendarId } warnings { percent at }
    escalations { level at after to channel } } } }"""
TICKET_SLA = """query($source: String!, $id: String!) { ticketSla(source: $source, externalId: $id) {
  ticket { id source externalId agreementId openedAt match }
  clocks { id metric cycle openedBy targetKey clauseKey status startedAt originalDueAt dueAt stoppedAt
    businessSecondsUsed businessSecondsPaused history { at event reason target fromTarget toTarget } } } }"""
RECORDED = (
    "... on RecordTicketEventsPayload { accepted duplicates tickets { id source externalId agreementId "
    "openedAt match } }"
)


@pytest.fixture
async def live(client, deal: Deal, world: World, clock) -> Deal:
    # Tokens carry wall-clock iat/exp: mint them all before the test clock moves to December.
    deal.h["reader"] = await world.headers(deal.provider, ["agreements:read"])
    clock.now = datetime(2026, 12, 20, 12, tzinfo=UTC)
    await activate(client, deal, clauses=[OFFICE, GOLD])
    r = await client.patch(
        f"/v1/parties/{deal.customer.id}",
        json={"external_refs": {"zendesk": "org-globex"}},
        headers={**deal.h["operator"], "If-Match": '"1"'},
    )
    assert r.status_code == 200, r.text
    return deal


async def applicable(gql: GraphQL, headers: dict[str, str], **input) -> dict | None:
    return (await gql(APPLICABLE, headers, input=input))["applicableSla"]


async def record(gql: GraphQL, headers: dict[str, str], *events: dict) -> dict:
    return await mutate(
        gql,
        "recordTicketEvents",
        RECORDED,
        headers,
        "$input: RecordTicketEventsInput!",
        "input: $input",
        input={"events": list(events)},
    )


async def ticket_sla(gql: GraphQL, headers: dict[str, str], external_id: str = "4711") -> dict | None:
    return (await gql(TICKET_SLA, headers, source="zendesk", id=external_id))["ticketSla"]


def event(event_id: str, kind: str, at: str, ticket: str = "4711", **extra) -> dict:
    return {"source": "zendesk", "eventId": event_id, "ticketId": ticket, "type": kind, "occurredAt": at, **extra}


async def test_business_time_skips_holidays_and_explains_why(gql: GraphQL, live: Deal):
    opened = "2026-12-24T15:00:00Z"  # Thursday 16:00 in Berlin; 25 and 26 December are holidays
    answer = await applicable(gql, live.h["provider"], customer="zendesk:org-globex", priority="P2", openedAt=opened)
    assert answer["customerPartyId"] == str(live.customer.id) and answer["reason"] is None
    assert answer["agreement"]["id"] == live.agreement_id and answer["agreement"]["timezone"] == "Europe/Berlin"
    assert answer["version"]["number"] == 1 and answer["openedAt"] == opened
    (target,) = answer["targets"]
    assert (target["metric"], target["targetKey"], target["clauseKey"]) == (
        "first_response",
        "p2-first-response",
        "response-times",
    )
    assert (target["duration"], target["time"]) == ("PT4H", "business")
    assert target["calendar"] == {
        "kind": "schedule_clause",
        "name": "Service hours",
        "timezone": "Europe/Berlin",
        "id": None,
        "key": "hours",
        "calendarId": None,
    }
    assert target["dueAt"] == "2026-12-28T11:00:00Z"  # 1 h on Thursday, 3 h on Monday from 09:00 Berlin
    skipped = [s["date"] for s in target["explanation"]["skipped"]]
    assert "2026-12-25" in skipped and "2026-12-26" in skipped
    assert target["explanation"]["windows"][0]["from"] == opened
    assert "priority 'P2' is P2" in target["explanation"]["because"]


async def test_calendar_time_warnings_escalations_and_attributes(gql: GraphQL, live: Deal):
    answer = await applicable(
        gql,
        live.h["customer"],
        customer=str(live.customer.id),
        priority="P1",
        openedAt="2026-12-24T15:00:00Z",
        attributes=[{"name": "tier", "value": "gold"}],
    )
    first, resolution = answer["targets"]
    assert first["time"] == "calendar" and first["dueAt"] == "2026-12-24T16:00:00Z"
    assert first["warnings"] == [{"percent": 75, "at": "2026-12-24T15:45:00Z"}]
    assert first["escalations"] == [
        {
            "level": 1,
            "at": "2026-12-24T17:00:00Z",
            "after": "PT2H",
            "to": {"role": "provider", "email": "duty@example.com"},
            "channel": None,
        }
    ]
    # The gold target matched on the attribute; 8 business hours: 1 h on Thursday, 7 h on Monday.
    assert resolution["targetKey"] == "gold-resolution" and resolution["pauseStatuses"] == ["pending"]
    assert resolution["dueAt"] == "2026-12-28T15:00:00Z"
    without = await applicable(
        gql, live.h["customer"], customer=str(live.customer.id), priority="P1", openedAt="2026-12-24T15:00:00Z"
    )
    assert [t["metric"] for t in without["targets"]] == ["first_response"]


async def test_opened_at_defaults_to_now(gql: GraphQL, live: Deal, clock):
    answer = await applicable(gql, live.h["provider"], customer=str(live.customer.id), priority="P1")
    assert answer["openedAt"] == "2026-12-20T12:00:00Z"
    assert answer["targets"][0]["dueAt"] == "2026-12-20T13:00:00Z"


async def test_no_matching_target_is_an_empty_answer_with_a_reason(gql: GraphQL, live: Deal):
    answer = await applicable(
        gql, live.h["provider"], customer=str(live.customer.id), priority="P9", openedAt="2026-12-24T15:00:00Z"
    )
    assert answer["targets"] == [] and answer["agreement"] is None and answer["version"] is None
    assert "P9" in answer["reason"] and answer["explanation"]["not_matched"]


async def test_unknown_customers_and_bad_instants(gql: GraphQL, live: Deal):
    h = live.h["provider"]
    # Unknown, another party's business, or before the agreement: null (REST's 404), never someone else's SLA.
    assert await applicable(gql, h, customer="zendesk:nobody") is None
    assert await applicable(gql, h, customer="not a ref") is None
    assert await applicable(gql, live.h["outsider"], customer=str(live.customer.id)) is None
    assert await applicable(gql, h, customer=str(live.customer.id), openedAt="2020-01-01T00:00:00Z") is None
    # Without an offset: the service's error, naming the field.
    body = await gql.raw(APPLICABLE, h, input={"customer": str(live.customer.id), "openedAt": "2026-12-24T15:00:00"})
    assert body["data"]["applicableSla"] is None
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "invalid_input"
    assert error["extensions"]["problems"][0]["field"] == "openedAt", error
    # Not a timestamp at all: refused by the DateTime scalar before anything runs.
    body = await gql.raw(APPLICABLE, h, input={"customer": str(live.customer.id), "openedAt": "yesterday"})
    assert body["data"] is None and "RFC 3339" in body["errors"][0]["message"]


async def test_events_make_clocks_idempotently_and_in_time_order(gql: GraphQL, live: Deal, clock, session):
    clock.now = datetime(2026, 12, 22, 9, tzinfo=UTC)
    h = live.h["provider"]
    batch = (
        event("e2", "AGENT_REPLIED", "2026-12-22T08:30:00Z"),  # out of order: before `created`
        event("e1", "CREATED", "2026-12-22T08:00:00Z", customer="zendesk:org-globex", priority="P1"),
    )
    recorded = await record(gql, h, *batch)
    assert recorded["__typename"] == "RecordTicketEventsPayload", recorded
    assert (recorded["accepted"], recorded["duplicates"]) == (2, 0)
    (ticket,) = recorded["tickets"]
    assert ticket["externalId"] == "4711" and ticket["agreementId"] == live.agreement_id
    assert ticket["openedAt"] == "2026-12-22T08:00:00Z" and ticket["match"]["version"] == 1
    again = await record(gql, h, *batch)
    assert (again["accepted"], again["duplicates"], again["tickets"]) == (0, 2, [])
    assert await count(session, TicketEventRecord) == 2

    answer = await ticket_sla(gql, live.h["customer"])  # a member of the ticket's agreement
    assert answer["ticket"] == ticket
    (clock_,) = answer["clocks"]
    assert clock_["metric"] == "first_response" and clock_["status"] == "MET" and clock_["cycle"] == 1
    assert (clock_["startedAt"], clock_["originalDueAt"], clock_["dueAt"], clock_["stoppedAt"]) == (
        "2026-12-22T08:00:00Z",
        "2026-12-22T09:00:00Z",
        "2026-12-22T09:00:00Z",
        "2026-12-22T08:30:00Z",
    )
    assert clock_["businessSecondsUsed"] == 1800 and clock_["businessSecondsPaused"] == 0
    assert clock_["history"] == [
        {
            "at": "2026-12-22T08:00:00Z",
            "event": "started",
            "reason": "ticket created",
            "target": "p1-first-response",
            "fromTarget": None,
            "toTarget": None,
        },
        {
            "at": "2026-12-22T08:30:00Z",
            "event": "met",
            "reason": None,
            "target": None,
            "fromTarget": None,
            "toTarget": None,
        },
    ]
    assert await session.scalar(select(func.count()).where(Event.type == "sla.met")) == 1
    # Neither the reporter's nor on the agreement: exactly an unknown ticket.
    assert await ticket_sla(gql, live.h["outsider"]) is None
    assert await ticket_sla(gql, live.h["provider"], "no-such-ticket") is None


async def test_a_priority_change_rematches_and_says_why(gql: GraphQL, live: Deal, clock):
    clock.now = datetime(2026, 12, 22, 12, tzinfo=UTC)
    recorded = await record(
        gql,
        live.h["provider"],
        event("p1", "CREATED", "2026-12-22T08:00:00Z", customer=str(live.customer.id), priority="P2"),
        event("p2", "PRIORITY_CHANGED", "2026-12-22T08:10:00Z", priority="P1"),
    )
    assert recorded["accepted"] == 2, recorded
    (clock_,) = (await ticket_sla(gql, live.h["provider"]))["clocks"]
    assert clock_["targetKey"] == "p1-first-response" and clock_["status"] == "BREACHED"
    rematched = clock_["history"][1]
    assert rematched["event"] == "rematched" and "priority changed from P2 to P1" in rematched["reason"]
    assert (rematched["fromTarget"], rematched["toTarget"]) == ("p2-first-response", "p1-first-response")


async def test_the_breach_fires_at_the_due_time_once_without_new_events(
    gql: GraphQL, live: Deal, clock, sessionmaker, session
):
    clock.now = datetime(2026, 12, 22, 8, 5, tzinfo=UTC)
    recorded = await record(
        gql,
        live.h["provider"],
        event("c1", "CREATED", "2026-12-22T08:00:00Z", customer=str(live.customer.id), priority="P1"),
    )
    assert recorded["accepted"] == 1, recorded
    assert (await ticket_sla(gql, live.h["provider"]))["clocks"][0]["status"] == "RUNNING"
    for minutes in (61, 90, 120):
        await fire_due_timers(sessionmaker, now=datetime(2026, 12, 22, 8, tzinfo=UTC) + timedelta(minutes=minutes))
    assert await session.scalar(select(func.count()).where(Event.type == "sla.breached")) == 1
    assert (await ticket_sla(gql, live.h["provider"]))["clocks"][0]["status"] == "BREACHED"


async def test_an_event_before_created_is_held(gql: GraphQL, live: Deal, clock):
    clock.now = datetime(2026, 12, 22, 9, tzinfo=UTC)
    h = live.h["provider"]
    held = await record(gql, h, event("h1", "AGENT_REPLIED", "2026-12-22T08:30:00Z"))
    assert held["accepted"] == 1 and held["tickets"][0]["agreementId"] is None
    assert (await ticket_sla(gql, h))["clocks"] == []
    await record(gql, h, event("h0", "CREATED", "2026-12-22T08:00:00Z", customer="zendesk:org-globex", priority="P1"))
    assert [c["status"] for c in (await ticket_sla(gql, h))["clocks"]] == ["MET"]


BAD = [
    ("created without a customer", [event("x", "CREATED", "2026-12-22T08:00:00Z")], "events[0].customer"),
    (
        "in the future",
        [event("x", "CREATED", "2026-12-23T08:00:00Z", customer="zendesk:org-globex")],
        "events[0].occurredAt",
    ),
    ("no offset", [event("x", "AGENT_REPLIED", "2026-12-22T08:00:00")], "events[0].occurredAt"),
    ("status change without a status", [event("x", "STATUS_CHANGED", "2026-12-22T08:00:00Z")], "events[0].status"),
    (
        "the same event twice",
        [event("x", "AGENT_REPLIED", "2026-12-22T08:00:00Z"), event("x", "AGENT_REPLIED", "2026-12-22T08:00:00Z")],
        "events[1].eventId",
    ),
    ("no events", [], "events"),
]


@pytest.mark.parametrize(("events", "field"), [pytest.param(*case[1:], id=case[0]) for case in BAD])
async def test_bad_events_are_a_validation_error_naming_the_field_and_store_nothing(
    events, field, gql: GraphQL, live: Deal, clock, session
):
    clock.now = datetime(2026, 12, 22, 9, tzinfo=UTC)
    refused = await record(gql, live.h["provider"], *events)
    assert refused["__typename"] == "ValidationError" and refused["field"] == field, refused
    assert (await count(session, Ticket), await count(session, TicketEventRecord), await count(session, SlaClock)) == (
        0,
        0,
        0,
    )


async def test_who_may_record_events(gql: GraphQL, live: Deal, clock, session):
    clock.now = datetime(2026, 12, 22, 9, tzinfo=UTC)
    created = event("o1", "CREATED", "2026-12-22T08:00:00Z", customer=str(live.customer.id), priority="P1")
    # Each integration's ticket ids are its own: the outsider's ticket 4711 is another ticket, and it learns nothing
    # about the provider's (which stays as it was).
    ours = await record(gql, live.h["provider"], created)
    theirs = await record(gql, live.h["outsider"], {**created, "eventId": "o2"})
    assert theirs["__typename"] == "RecordTicketEventsPayload" and theirs["accepted"] == 1, theirs
    assert theirs["tickets"][0]["id"] != ours["tickets"][0]["id"] and theirs["tickets"][0]["agreementId"] is None
    assert (await ticket_sla(gql, live.h["outsider"]))["ticket"] == theirs["tickets"][0]
    assert (await ticket_sla(gql, live.h["provider"]))["ticket"] == ours["tickets"][0]
    # Events come from a party's integration: the operator's token has no party.
    refused = await record(gql, live.h["operator"], {**created, "eventId": "o3"})
    assert refused["__typename"] == "ValidationError" and refused["field"] == "events", refused
    assert await count(session, TicketEventRecord) == 2
    body = await gql.raw(
        "mutation($input: RecordTicketEventsInput!) { recordTicketEvents(input: $input) { __typename } }",
        live.h["reader"],
        input={"events": [{**created, "eventId": "o4"}]},
    )
    assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "insufficient_scope"
    assert await count(session, TicketEventRecord) == 2


async def test_the_caller_may_name_the_agreement_when_a_customer_has_several(gql: GraphQL, live: Deal, client, clock):
    clock.now = datetime(2026, 12, 21, 12, tzinfo=UTC)
    second = await _second_agreement(client, live)
    query = {"customer": "zendesk:org-globex", "priority": "P1", "openedAt": "2026-12-22T08:00:00Z"}
    assert (await applicable(gql, live.h["provider"], **query))["agreement"]["id"] == second
    named = await applicable(gql, live.h["provider"], **query, agreementId=live.agreement_id)
    assert named["agreement"]["id"] == live.agreement_id
    assert await applicable(gql, live.h["outsider"], **query, agreementId=second) is None
    assert (
        await applicable(gql, live.h["provider"], **query, agreementId="00000000-0000-4000-8000-000000000001") is None
    )
    clock.now = datetime(2026, 12, 22, 9, tzinfo=UTC)
    recorded = await record(
        gql,
        live.h["provider"],
        event(
            "n1",
            "CREATED",
            "2026-12-22T08:00:00Z",
            ticket="named",
            customer="zendesk:org-globex",
            priority="P1",
            agreementId=live.agreement_id,
        ),
        event("d1", "CREATED", "2026-12-22T08:00:00Z", ticket="default", customer="zendesk:org-globex", priority="P1"),
    )
    assert {t["externalId"]: t["agreementId"] for t in recorded["tickets"]} == {
        "named": live.agreement_id,
        "default": second,
    }


SLA_EVENTS = """query($types: [String!]) { events(first: 50, types: $types) { edges { node { type data } } } }"""


async def test_a_late_reply_retracts_the_announced_breach(gql: GraphQL, live: Deal, clock, session):
    clock.now = datetime(2026, 12, 22, 10, tzinfo=UTC)
    h = live.h["provider"]
    await record(
        gql,
        h,
        event("r1", "CREATED", "2026-12-22T08:00:00Z", customer=str(live.customer.id), priority="P1"),
        event("r3", "AGENT_REPLIED", "2026-12-22T09:10:00Z"),
    )
    (before,) = (await ticket_sla(gql, h))["clocks"]
    assert (before["status"], before["openedBy"]) == ("BREACHED", "r1")
    clock.now += timedelta(minutes=5)
    recorded = await record(gql, h, event("r2", "AGENT_REPLIED", "2026-12-22T08:30:00Z"))  # late: the real reply
    (after,) = (await ticket_sla(gql, h))["clocks"]
    assert (after["status"], after["openedBy"], after["id"]) == ("MET", "r1", before["id"])
    assert after["stoppedAt"] == "2026-12-22T08:30:00Z"
    edges = (await gql(SLA_EVENTS, live.h["customer"], types=["sla.breached", "sla.breach_retracted", "sla.met"]))[
        "events"
    ]["edges"]
    assert [e["node"]["type"] for e in edges] == ["sla.breached", "sla.breach_retracted", "sla.met"]
    assert edges[1]["node"]["data"]["retracted"] == "sla.breached"
    assert edges[1]["node"]["data"]["clock"]["id"] == before["id"]
    told = await assert_consistent_story(session, recorded["tickets"][0]["id"], {("first_response", "r1"): "met"})
    assert told == {"sla.breached": 1, "sla.breach_retracted": 1, "sla.met": 1}


async def test_unknown_and_someone_elses_customer_answer_alike(gql: GraphQL, live: Deal, clock):
    clock.now = datetime(2026, 12, 22, 9, tzinfo=UTC)
    customers = (str(live.customer.id), "zendesk:org-globex", "zendesk:nobody", "00000000-0000-0000-0000-00000000beef")
    answers = [
        await gql.raw(APPLICABLE, live.h["outsider"], input={"customer": c, "openedAt": "2026-12-21T10:00:00Z"})
        for c in customers
    ]
    assert all(a == {"data": {"applicableSla": None}} for a in answers), answers
    reasons = []
    for index, customer in enumerate(customers):
        recorded = await record(
            gql,
            live.h["outsider"],
            event(f"u{index}", "CREATED", "2026-12-22T08:00:00Z", ticket=f"U{index}", customer=customer, priority="P1"),
        )
        (ticket,) = recorded["tickets"]
        assert ticket["agreementId"] is None
        reasons.append(ticket["match"]["reason"].replace(repr(customer), "<c>"))
    assert len(set(reasons)) == 1 and "no agreement with you in effect" in reasons[0]


async def test_a_third_partys_recorded_events_run_no_clocks(gql: GraphQL, live: Deal, clock, session):
    clock.now = datetime(2026, 12, 22, 9, tzinfo=UTC)
    created = event("t1", "CREATED", "2026-12-22T08:00:00Z", customer="zendesk:org-globex", priority="P1")
    recorded = await record(gql, live.h["third"], created, event("t2", "AGENT_REPLIED", "2026-12-22T08:30:00Z"))
    assert recorded["__typename"] == "RecordTicketEventsPayload" and recorded["accepted"] == 2, recorded
    (ticket,) = recorded["tickets"]
    assert ticket["agreementId"] is None
    assert ticket["match"]["reason"] == (
        "customer 'zendesk:org-globex': no agreement with you in effect at 2026-12-22T08:00:00+00:00"
    )
    assert (await ticket_sla(gql, live.h["third"]))["clocks"] == []
    # The same events from the customer's integration do run the agreement's clocks.
    ours = await record(gql, live.h["customer"], created, event("t2", "AGENT_REPLIED", "2026-12-22T08:30:00Z"))
    assert ours["tickets"][0]["agreementId"] == live.agreement_id, ours
    clocks = (await ticket_sla(gql, live.h["customer"]))["clocks"]
    assert {c["metric"]: c["status"] for c in clocks}["first_response"] == "MET"
