"""Applicable SLAs, tickets and their SLA clocks: the GraphQL side of REST's ticketing answers.

These types read the service's views (`services.ticketing.views`) as they are: each field is the view's attribute
of the same name, and only the free-form explanations (JSON here) and the renamed history fields have resolvers.
The agreement is a reference (id, reference, title, time zone), not an `Agreement`: nothing under a ticket or a
statement leads to clauses.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
import strawberry

from db import values
from schema.scalars import JSON
from services.ticketing import views


@strawberry.type(description="The agreement an answer refers to.")
class AgreementRef:
    id: uuid.UUID
    reference: str
    title: str
    timezone: str


@strawberry.type(description="The agreement version that applies.")
class VersionRef:
    id: uuid.UUID
    number: int
    effective_from: datetime | None


@strawberry.type(description="The service hours a target's deadline was computed on.")
class CalendarUsed:
    kind: str = strawberry.field(description="calendar, schedule_clause or 24x7.")
    name: str | None
    timezone: str | None
    id: uuid.UUID | None = strawberry.field(description="The calendar's id, for kind calendar (and 24x7).")
    key: str | None = strawberry.field(description="The schedule clause's key, for kind schedule_clause.")
    calendar_id: uuid.UUID | None = strawberry.field(
        description="The calendar a schedule clause names, if it names one."
    )


@strawberry.type(description="When a warning fires: this percentage of the target's time used.")
class WarningTime:
    percent: int
    at: datetime


@strawberry.type(description="An escalation level of the agreement's escalation clause and when it is reached.")
class EscalationTime:
    level: int
    at: datetime
    after: str = strawberry.field(description="ISO 8601 duration after the ticket opened, in the target's time.")
    to: JSON | None = strawberry.field(description="Whom to escalate to, as the clause says.")
    channel: str | None


def _as_json(view: msgspec.Struct) -> Any:
    return msgspec.to_builtins(view)


def _target_explanation(target: strawberry.Parent[views.ApplicableTarget]) -> JSON:
    return _as_json(target.explanation)


def _applicable_explanation(answer: strawberry.Parent[views.ApplicableSla]) -> JSON:
    return _as_json(answer.explanation)


def _ticket_match(ticket: strawberry.Parent[views.TicketView]) -> JSON:
    return _as_json(ticket.match)


def _step_from(step: strawberry.Parent[views.ClockStep]) -> str | None:
    return step.from_


def _step_to(step: strawberry.Parent[views.ClockStep]) -> str | None:
    return step.to


@strawberry.type(description="One matching target with its deadline.")
class ApplicableTarget:
    metric: str
    target_key: str
    clause_key: str
    duration: str = strawberry.field(description="ISO 8601 duration, e.g. PT4H.")
    time: str = strawberry.field(description="business (on the calendar's hours) or calendar (wall-clock) time.")
    calendar: CalendarUsed
    due_at: datetime
    warnings: list[WarningTime]
    escalations: list[EscalationTime]
    pause_statuses: list[str] = strawberry.field(description="Ticket statuses that pause this target.")
    explanation: JSON = strawberry.field(
        resolver=_target_explanation,
        description="Which target matched and why (`matched`, `because`), the "
        "windows used and the dates skipped (holidays, closures).",
    )


@strawberry.type(
    description="The agreement and version that apply to a ticket, and every matching target's "
    "deadline — or no targets, with the reason."
)
class ApplicableSla:
    customer_party_id: uuid.UUID
    agreement: AgreementRef | None = strawberry.field(description="Null when no agreement's targets match.")
    version: VersionRef | None
    opened_at: datetime
    targets: list[ApplicableTarget] = strawberry.field(description="First match per metric, in declared order.")
    reason: str | None = strawberry.field(description="Why nothing applies, when `targets` is empty.")
    explanation: JSON = strawberry.field(resolver=_applicable_explanation)


ClockStatus = strawberry.enum(values.ClockStatus)


@strawberry.type(description="One step of a clock: started, paused, resumed, rematched, met, cancelled, reopened.")
class ClockHistoryEntry:
    at: datetime
    event: str
    reason: str | None
    target: str | None = strawberry.field(description="For started: the target's key.")
    from_target: str | None = strawberry.field(
        resolver=_step_from, description="For rematched: the previous target's key."
    )
    to_target: str | None = strawberry.field(resolver=_step_to, description="For rematched: the new target's key.")


@strawberry.type(description="One target's clock on a ticket (one per cycle for repeating metrics).")
class SlaClock:
    id: uuid.UUID
    metric: str
    cycle: int = strawberry.field(
        description="The cycle's ordinal per metric, renumbered if a late event opens an "
        "earlier cycle; `openedBy` is its identity."
    )
    opened_by: str = strawberry.field(description="The `event_id` of the ticket event that opened this cycle.")
    target_key: str
    clause_key: str
    status: ClockStatus
    started_at: datetime
    original_due_at: datetime = strawberry.field(description="The deadline when the clock started.")
    due_at: datetime = strawberry.field(description="The deadline now, pauses included.")
    stopped_at: datetime | None
    business_seconds_used: int
    business_seconds_paused: int
    history: list[ClockHistoryEntry]


@strawberry.type(description="A ticket of a ticketing source, and the agreement it was matched to.")
class Ticket:
    id: uuid.UUID
    source: str
    external_id: str
    agreement_id: uuid.UUID | None = strawberry.field(description="Null until `created` arrives and matches.")
    opened_at: datetime | None
    match: JSON = strawberry.field(
        resolver=_ticket_match, description="Which agreement and version matched, or why none did."
    )


@strawberry.type(description="A ticket's SLA clocks and their histories.")
class TicketSla:
    ticket: Ticket
    clocks: list[SlaClock]
