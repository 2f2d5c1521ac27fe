"""What ticketing answers, declared once: the applicable SLA, ingestion results, tickets and their clocks, and
the calendars deadlines were computed on. REST returns these, GraphQL types read them, `sla.*` events carry them
as `msgspec.to_builtins(view)`.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import msgspec

from db.values import ClockStatus, Metric


class AgreementRef(msgspec.Struct):
    """The agreement an answer refers to: a reference, not the agreement (nothing here leads to clauses)."""

    id: uuid.UUID
    reference: str
    title: str
    timezone: str


# ---------------------------------------------------------------- the applicable SLA


class CalendarUsed(msgspec.Struct):
    """The service hours a target's deadline was computed on."""

    kind: str  # calendar, schedule_clause or 24x7
    name: str | None = None
    timezone: str | None = None
    id: uuid.UUID | None = None  # the calendar, for kind calendar (and 24x7)
    key: str | None = None  # the schedule clause, for kind schedule_clause
    calendar_id: uuid.UUID | None = None  # the calendar a schedule clause names, if it names one


class WarningTime(msgspec.Struct):
    percent: int
    at: datetime


class EscalationTime(msgspec.Struct):
    level: int
    at: datetime
    after: str  # ISO 8601 duration after the ticket opened, in the target's time
    to: dict[str, Any] | None
    channel: str | None


class OpenWindow(msgspec.Struct):
    from_: datetime = msgspec.field(name="from")
    to: datetime


class SkippedDate(msgspec.Struct):
    date: date
    reason: str


class TargetExplanation(msgspec.Struct):
    matched: str
    because: list[str]
    windows: list[OpenWindow]  # the open windows the deadline consumed (the first 20)
    skipped: list[SkippedDate]  # holidays and closures between opening and deadline


class ApplicableTarget(msgspec.Struct):
    metric: Metric
    target_key: str
    clause_key: str
    duration: str  # ISO 8601, e.g. PT4H
    time: str  # business (on the calendar's hours) or calendar (wall-clock) time
    calendar: CalendarUsed
    due_at: datetime
    warnings: list[WarningTime]
    escalations: list[EscalationTime]
    pause_statuses: list[str]
    explanation: TargetExplanation


class VersionRef(msgspec.Struct):
    id: uuid.UUID
    number: int | None
    effective_from: datetime | None


class ApplicableExplanation(msgspec.Struct, omit_defaults=True):
    not_matched: list[str]
    agreement: str | None = None  # why this agreement and version apply, when one does


class ApplicableSla(msgspec.Struct):
    customer_party_id: uuid.UUID
    agreement: AgreementRef | None
    version: VersionRef | None
    opened_at: datetime
    targets: list[ApplicableTarget]
    reason: str | None
    explanation: ApplicableExplanation


# ---------------------------------------------------------------- tickets and their clocks


class TicketMatch(msgspec.Struct, omit_defaults=True):
    """Which agreement and version a ticket was matched to, or why none (empty until `created` arrives)."""

    agreement: str | None = None  # the agreement's reference
    version: int | None = None
    reason: str | None = None


class TicketView(msgspec.Struct):
    id: uuid.UUID
    source: str
    external_id: str
    agreement_id: uuid.UUID | None
    opened_at: datetime | None
    match: TicketMatch


class ClockStep(msgspec.Struct, omit_defaults=True):
    """One step of a clock's history: started, paused, resumed, rematched, met, cancelled, reopened, breached."""

    at: datetime
    event: str
    reason: str | None = None
    target: str | None = None  # for started: the target's key
    from_: str | None = msgspec.field(default=None, name="from")  # for rematched: the previous target's key
    to: str | None = None  # for rematched: the new target's key


class ClockView(msgspec.Struct):
    id: uuid.UUID
    metric: Metric
    cycle: int
    opened_by: str
    target_key: str
    clause_key: str
    status: ClockStatus
    started_at: datetime
    original_due_at: datetime
    due_at: datetime
    stopped_at: datetime | None
    business_seconds_used: int
    business_seconds_paused: int
    history: list[ClockStep]


class TicketSla(msgspec.Struct):
    ticket: TicketView
    clocks: list[ClockView]


class IngestResult(msgspec.Struct):
    accepted: int
    duplicates: int
    tickets: list[TicketView]  # the tickets the accepted events changed


class SlaNotice(msgspec.Struct, omit_defaults=True):
    """The payload of the `sla.*` events: the ticket and its clock as they are now."""

    ticket: TicketView
    clock: ClockView
    percent: int | None = None  # sla.warning: the threshold reached
    retracted: str | None = None  # sla.*_retracted: the event type taken back


# ---------------------------------------------------------------- calendars


class TimeWindow(msgspec.Struct):
    start: str  # HH:MM local time
    end: str  # HH:MM local time, 24:00 for the end of the day


class WeekWindows(msgspec.Struct):
    """Every weekday with its merged windows (none: closed all day)."""

    mon: list[TimeWindow]
    tue: list[TimeWindow]
    wed: list[TimeWindow]
    thu: list[TimeWindow]
    fri: list[TimeWindow]
    sat: list[TimeWindow]
    sun: list[TimeWindow]


class HolidayRegion(msgspec.Struct):
    country: str  # ISO 3166-1 alpha-2
    subdivision: str | None


class ClosedDate(msgspec.Struct):
    date: str  # YYYY-MM-DD, local to the calendar
    reason: str | None


class SpecialHours(msgspec.Struct):
    date: str  # YYYY-MM-DD, local to the calendar
    windows: list[TimeWindow]
    reason: str | None


class CalendarView(msgspec.Struct):
    id: uuid.UUID
    name: str
    timezone: str
    owner_party_id: uuid.UUID | None  # none for the built-in 24×7 and the operator's shared calendars
    builtin: bool
    weekly_windows: WeekWindows
    holidays: HolidayRegion | None
    closures: list[ClosedDate]  # dates closed all day, in date order
    special_hours: list[SpecialHours]  # dates with their own windows, in date order
    created_at: datetime | None  # none for the built-in 24×7
    updated_at: datetime | None
    version: int  # increases with every change (REST's ETag)
