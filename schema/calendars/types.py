"""Calendars, shaped like REST's `/v1/calendars` answer (`services.ticketing.calendars.calendar_snapshot`).

The stored row keeps its weekly windows and its row version in one JSON envelope, so these types are built from
the service's snapshot of the row (`Calendar.of`) rather than resolved off its columns. The windows, holidays and
closures reuse the types a `schedule` clause's terms answer with.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from db import models
from schema.agreements.clause_terms import Closure, HolidayCalendar, TimeWindow, WeekdayWindows
from schema.parties.types import Party
from services.ticketing import calendars as calendar_service


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
        description="Every weekday, mon to sun, with its merged windows (none: closed all day)."
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
        snapshot = calendar_service.calendar_snapshot(calendar)
        holidays = snapshot["holidays"]
        return cls(
            id=calendar.id,
            name=snapshot["name"],
            timezone=snapshot["timezone"],
            owner_party_id=calendar.owner_party_id,
            builtin=snapshot["builtin"],
            weekly_windows=[
                WeekdayWindows(day=day, windows=[TimeWindow(**w) for w in windows])
                for day, windows in snapshot["weekly_windows"].items()
            ],
            holidays=HolidayCalendar(**holidays) if holidays else None,
            closures=[Closure(**closure) for closure in snapshot["closures"]],
            special_hours=[
                SpecialHours(date=s["date"], windows=[TimeWindow(**w) for w in s["windows"]], reason=s["reason"])
                for s in snapshot["special_hours"]
            ],
            created_at=snapshot["created_at"],
            updated_at=snapshot["updated_at"],
            version=snapshot["version"],
        )
