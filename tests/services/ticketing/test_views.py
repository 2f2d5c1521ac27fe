"""The ticketing use cases answer typed views (services/ticketing/views.py): the applicable SLA with the calendar
each deadline ran on, ingestion results, tickets and their clocks, and the `sla.*` event payloads built from them.

The agreement is set up through the REST flow (tests/flows.activate); the subject here is what the
use cases answer when called directly.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import msgspec
import pytest
from sqlalchemy import select

from db.models import Event
from db.values import ClockStatus, EventType, Metric, TicketEventType
from services.actors import PARTY_SCOPES, Actor
from services.errors import NotFound
from services.ticketing.applicable import ApplicableQuery, applicable_sla
from services.ticketing.calendars import DEFAULT_CALENDAR_ID
from services.ticketing.tickets import TicketEventBatch, TicketEventIn, ingest_events, ticket_sla
from services.ticketing.views import (
    ApplicableSla,
    CalendarUsed,
    ClockStep,
    IngestResult,
    SlaNotice,
    TicketMatch,
    TicketSla,
)
from tests.flows import activate
from tests.support.procedures import PROCEDURE_CLAUSES

OPENED = datetime(2026, 10, 12, 9, tzinfo=UTC)


def party(deal_party) -> Actor:
    return Actor(party_id=deal_party.id, scopes=frozenset(PARTY_SCOPES), subject="test")


@pytest.fixture
async def active(client, deal, clock):
    clock.now = datetime(2026, 9, 15, 8, tzinfo=UTC)
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    clock.now = OPENED
    return deal


def event(n: int, type_: TicketEventType, at: datetime, **fields) -> TicketEventIn:
    return TicketEventIn(source="zendesk", event_id=f"e-{n}", ticket_id="t-1", type=type_, occurred_at=at, **fields)


async def test_the_applicable_sla_is_typed_with_the_calendar_used(active, session):
    deal = active
    query = ApplicableQuery(customer=str(deal.customer.id), opened_at=OPENED, priority="P2")
    found = await applicable_sla(session, party(deal.provider), query, now=OPENED)
    assert isinstance(found, ApplicableSla) and found.customer_party_id == deal.customer.id
    assert found.agreement is not None and found.agreement.id == uuid.UUID(deal.agreement_id)
    assert found.version is not None and found.version.number == 1
    (target,) = found.targets
    assert target.metric is Metric.FIRST_RESPONSE and target.target_key == "p2-first-response"
    # No schedule clause: business time runs on the built-in 24×7 in the agreement's zone.
    assert target.calendar == CalendarUsed(kind="24x7", id=DEFAULT_CALENDAR_ID, name="24×7", timezone="Europe/Berlin")
    assert target.due_at == OPENED + timedelta(hours=4)
    assert [e.at for e in target.escalations] == [OPENED + timedelta(hours=2)]
    assert target.explanation.windows[0].from_ == OPENED and target.explanation.windows[-1].to == target.due_at
    assert found.explanation.agreement is not None and found.reason is None
    # On the wire: the window bounds are `from` and `to`, the calendar's id is a UUID string, calendar_id is there.
    wire = msgspec.json.decode(msgspec.json.encode(found))
    assert set(wire["targets"][0]["explanation"]["windows"][0]) == {"from", "to"}
    assert wire["targets"][0]["calendar"]["id"] == str(DEFAULT_CALENDAR_ID)
    assert "calendar_id" in wire["targets"][0]["calendar"]


async def test_nothing_matches_and_not_yours_answer_differently(active, session):
    deal = active
    query = ApplicableQuery(customer=str(deal.customer.id), opened_at=OPENED, priority="P9")
    none_match = await applicable_sla(session, party(deal.provider), query, now=OPENED)
    assert none_match.agreement is None and none_match.targets == [] and none_match.reason
    assert none_match.explanation.not_matched == [none_match.reason]
    # A party with no agreement with the customer, and one that does not exist, learn nothing.
    for who in (deal.outsider.id, uuid.uuid4()):
        stranger = Actor(party_id=who, scopes=frozenset(PARTY_SCOPES), subject="test")
        with pytest.raises(NotFound):
            await applicable_sla(session, stranger, query, now=OPENED)


async def test_ingestion_clocks_and_sla_events_are_views(active, session):
    deal = active
    provider = party(deal.provider)
    batch = TicketEventBatch(
        events=[
            event(1, TicketEventType.CREATED, OPENED, customer=str(deal.customer.id), priority="P2"),
            event(2, TicketEventType.PRIORITY_CHANGED, OPENED + timedelta(minutes=5), priority="P1"),
            event(3, TicketEventType.AGENT_REPLIED, OPENED + timedelta(minutes=30)),
        ]
    )
    result = await ingest_events(session, provider, batch, now=OPENED + timedelta(hours=1))
    assert isinstance(result, IngestResult) and (result.accepted, result.duplicates) == (3, 0)
    (ticket,) = result.tickets
    assert ticket.agreement_id == uuid.UUID(deal.agreement_id)
    assert ticket.match == TicketMatch(agreement=ticket.match.agreement, version=1)
    again = await ingest_events(session, provider, batch, now=OPENED + timedelta(hours=1))
    assert (again.accepted, again.duplicates, again.tickets) == (0, 3, [])

    sla = await ticket_sla(session, party(deal.customer), "zendesk", "t-1")
    assert isinstance(sla, TicketSla) and sla.ticket.id == ticket.id
    (clock,) = sla.clocks
    assert clock.metric is Metric.FIRST_RESPONSE and clock.status is ClockStatus.MET
    assert clock.target_key == "p1-first-response" and clock.opened_by == "e-1"
    assert [step.event for step in clock.history] == ["started", "rematched", "met"]
    rematched = clock.history[1]
    assert rematched == ClockStep(
        at=OPENED + timedelta(minutes=5),
        event="rematched",
        reason="priority changed from P2 to P1",
        from_="p2-first-response",
        to="p1-first-response",
    )
    # The sla.met event carries the ticket and the clock as their views' JSON.
    payload = await session.scalar(select(Event.payload).where(Event.type == EventType.SLA_MET))
    notice = msgspec.convert(payload, SlaNotice)
    assert notice.ticket == sla.ticket and notice.clock == clock
    assert "percent" not in payload and "retracted" not in payload
    assert payload["clock"]["history"][1]["from"] == "p2-first-response"

    with pytest.raises(NotFound):
        await ticket_sla(session, party(deal.outsider), "zendesk", "t-1")
