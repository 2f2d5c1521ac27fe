"""Applicable SLAs, tickets and their SLA clocks, shaped like REST's answers (`api/controllers/tickets.py`).

`applicableSla` is answered from the service's description of the match (plain data, the same REST shapes), so
these are plain types built with `of(...)`. The agreement is a reference (id, reference, title, time zone), not
an `Agreement`: nothing under a ticket or a statement leads to clauses.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
import strawberry

from db import models, values
from schema.scalars import JSON
from services.ticketing import tickets as ticket_service


def instant(value: datetime | str | None) -> datetime | None:
    """Times kept in stored JSON (clock histories, frozen statements) come back as RFC 3339 strings."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@strawberry.type(description="The agreement an answer refers to.")
class AgreementRef:
    id: uuid.UUID
    reference: str
    title: str
    timezone: str

    @classmethod
    def of(cls, data: dict[str, Any]) -> AgreementRef:
        return cls(
            id=uuid.UUID(data["id"]), reference=data["reference"], title=data["title"], timezone=data["timezone"]
        )


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
    id: str | None = strawberry.field(description="The calendar's id, for kind calendar (and 24x7).")
    key: str | None = strawberry.field(description="The schedule clause's key, for kind schedule_clause.")
    calendar_id: str | None = strawberry.field(description="The calendar a schedule clause names, if it names one.")


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
        description="Which target matched and why (`matched`, `because`), the "
        "windows used and the dates skipped (holidays, closures)."
    )

    @classmethod
    def of(cls, data: dict[str, Any]) -> ApplicableTarget:
        calendar = data["calendar"]
        return cls(
            metric=data["metric"],
            target_key=data["target_key"],
            clause_key=data["clause_key"],
            duration=data["duration"],
            time=data["time"],
            calendar=CalendarUsed(
                kind=calendar["kind"],
                name=calendar.get("name"),
                timezone=calendar.get("timezone"),
                id=calendar.get("id"),
                key=calendar.get("key"),
                calendar_id=calendar.get("calendar_id"),
            ),
            due_at=data["due_at"],
            warnings=[WarningTime(**w) for w in data["warnings"]],
            escalations=[EscalationTime(**e) for e in data["escalations"]],
            pause_statuses=data["pause_statuses"],
            explanation=msgspec.to_builtins(data["explanation"]),
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
    explanation: JSON

    @classmethod
    def of(cls, data: dict[str, Any]) -> ApplicableSla:
        version = data["version"]
        return cls(
            customer_party_id=uuid.UUID(data["customer_party_id"]),
            agreement=AgreementRef.of(data["agreement"]) if data["agreement"] else None,
            version=VersionRef(
                id=uuid.UUID(version["id"]), number=version["number"], effective_from=version["effective_from"]
            )
            if version
            else None,
            opened_at=data["opened_at"],
            targets=[ApplicableTarget.of(t) for t in data["targets"]],
            reason=data["reason"],
            explanation=msgspec.to_builtins(data["explanation"]),
        )


ClockStatus = strawberry.enum(values.ClockStatus)


@strawberry.type(description="One step of a clock: started, paused, resumed, rematched, met, cancelled, reopened.")
class ClockHistoryEntry:
    at: datetime
    event: str
    reason: str | None
    target: str | None = strawberry.field(description="For started: the target's key.")
    from_target: str | None = strawberry.field(description="For rematched: the previous target's key.")
    to_target: str | None = strawberry.field(description="For rematched: the new target's key.")

    @classmethod
    def of(cls, entry: dict[str, Any]) -> ClockHistoryEntry:
        return cls(
            at=instant(entry["at"]),
            event=entry["event"],
            reason=entry.get("reason"),  # type: ignore[arg-type]
            target=entry.get("target"),
            from_target=entry.get("from"),
            to_target=entry.get("to"),
        )


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

    @classmethod
    def of(cls, row: models.SlaClock) -> SlaClock:
        data = ticket_service.clock_snapshot(row)
        return cls(
            id=row.id,
            metric=data["metric"],
            cycle=data["cycle"],
            opened_by=data["opened_by"],
            target_key=data["target_key"],
            clause_key=data["clause_key"],
            status=ClockStatus(data["status"]),
            started_at=data["started_at"],
            original_due_at=data["original_due_at"],
            due_at=data["due_at"],
            stopped_at=data["stopped_at"],
            business_seconds_used=data["business_seconds_used"],
            business_seconds_paused=data["business_seconds_paused"],
            history=[ClockHistoryEntry.of(entry) for entry in data["history"] or []],
        )


@strawberry.type(description="A ticket of a ticketing source, and the agreement it was matched to.")
class Ticket:
    id: uuid.UUID
    source: str
    external_id: str
    agreement_id: uuid.UUID | None = strawberry.field(description="Null until `created` arrives and matches.")
    opened_at: datetime | None
    match: JSON = strawberry.field(description="Which agreement and version matched, or why none did.")

    @classmethod
    def of(cls, ref: dict[str, Any]) -> Ticket:
        """From `services.ticketing.tickets.ticket_ref`, as REST answers it."""
        return cls(
            id=uuid.UUID(ref["id"]),
            source=ref["source"],
            external_id=ref["external_id"],
            agreement_id=uuid.UUID(ref["agreement_id"]) if ref["agreement_id"] else None,
            opened_at=ref["opened_at"],
            match=ref["match"],
        )


@strawberry.type(description="A ticket's SLA clocks and their histories.")
class TicketSla:
    ticket: Ticket
    clocks: list[SlaClock]
