"""Calendars: the GraphQL side of REST's `/v1/calendars` answer.

The stored row keeps its weekly windows and its row version in one JSON envelope, so these types read the service's
view of it (`services.ticketing.calendars.calendar_view`) rather than its columns; only the weekly windows, a
day-by-day list here, have a resolver. The windows, holidays and closures reuse the types a `schedule` clause's
terms answer with.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from db import models
from schema.clause_terms import Closure, HolidayCalendar, TimeWindow, WeekdayWindows
from schema.parties.types import Party
from schema.views import shown_as
from services.ticketing import views
from services.ticketing.calendars import WEEKDAYS, calendar_view


def _weekly_windows(calendar: strawberry.Parent[views.CalendarView]) -> list[WeekdayWindows]:
    return [
        WeekdayWindows(day=day, windows=[shown_as(TimeWindow, w) for w in getattr(calendar.weekly_windows, day)])
        for day in WEEKDAYS
    ]


@strawberry.type(description="Special opening hours on one date, instead of its weekday's windows.")
class SpecialHours:
    date: str = strawberry.field(description="YYYY-MM-DD, local to the calendar's time zone.")
    windows: list[TimeWindow]
    reason: str | None


@strawberry.type(
    description="Service hours: weekly windows in an IANA time zone, public holidays, closures and "
    "special opening hours. The built-in 24×7 calendar is read-only."
)
class Calendar:
    id: uuid.UUID
    name: str
    timezone: str = strawberry.field(description="IANA time zone, e.g. Europe/Paris.")
    owner_party_id: uuid.UUID | None = strawberry.field(
        description="The party that owns it; null for the built-in 24×7 and the operator's shared calendars."
    )
    builtin: bool = strawberry.field(description="The built-in 24×7 calendar.")
    weekly_windows: list[WeekdayWindows] = strawberry.field(
        resolver=_weekly_windows,
        description="Every weekday, mon to sun, with its merged windows (none: closed all day).",
    )
    holidays: HolidayCalendar | None = strawberry.field(description="Public holidays the calendar is closed on.")
    closures: list[Closure] = strawberry.field(description="Dates closed all day, in date order.")
    special_hours: list[SpecialHours] = strawberry.field(description="Dates with their own windows, in date order.")
    created_at: datetime | None = strawberry.field(description="Null for the built-in 24×7.")
    updated_at: datetime | None
    version: int = strawberry.field(
        description="Increases with every change (REST's ETag); pass it as `expectedVersion`."
    )

    @strawberry.field(description="The owning party; null for the built-in and shared calendars.")
    async def owner(self, info: strawberry.Info) -> Party | None:
        if self.owner_party_id is None:
            return None
        return await info.context.loaders.party.load(self.owner_party_id)

    @classmethod
    def of(cls, calendar: models.Calendar) -> Calendar:
        """The calendar row, answered through its view."""
        return shown_as(cls, calendar_view(calendar))
