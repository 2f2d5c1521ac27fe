"""`/v1/calendars`: service hours of the caller's party, the shared ones and the built-in 24×7."""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec
from litestar import Controller, Request, Response, delete, get, patch, post
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Limit, etag, if_match
from api.pagination import paged
from api.representations import Page, shaped
from db.models import Calendar
from db.values import Scope
from services.actors import Actor
from services.ticketing import calendars as calendar_service
from services.ticketing.calendars import CalendarInput, CalendarUpdate

READ = {"scope": Scope.AGREEMENTS_READ}
WRITE = {"scope": Scope.AGREEMENTS_WRITE}


class WindowOut(msgspec.Struct):
    start: str
    end: str


class WeeklyWindowsOut(msgspec.Struct):
    mon: list[WindowOut]
    tue: list[WindowOut]
    wed: list[WindowOut]
    thu: list[WindowOut]
    fri: list[WindowOut]
    sat: list[WindowOut]
    sun: list[WindowOut]


class HolidaysOut(msgspec.Struct):
    country: str
    subdivision: str | None


class ClosureOut(msgspec.Struct):
    date: str
    reason: str | None


class SpecialHoursOut(msgspec.Struct):
    date: str
    windows: list[WindowOut]
    reason: str | None


class CalendarOut(msgspec.Struct):
    id: str
    name: str
    timezone: str
    owner_party_id: str | None
    builtin: bool
    weekly_windows: WeeklyWindowsOut
    holidays: HolidaysOut | None
    closures: list[ClosureOut]
    special_hours: list[SpecialHoursOut]
    created_at: datetime | None
    updated_at: datetime | None
    version: int


def _out(calendar: Calendar) -> CalendarOut:
    return shaped(calendar_service.calendar_snapshot(calendar), CalendarOut)


def _one(calendar: Calendar, status_code: int = 200, **headers: str) -> Response[CalendarOut]:
    return Response(
        _out(calendar),
        status_code=status_code,
        headers={"ETag": etag(calendar_service.calendar_version(calendar)), **headers},
    )


class CalendarController(Controller):
    path = "/v1/calendars"
    tags = ["calendars"]

    @get("/", summary="The built-in 24×7 calendar, the caller's own and the shared calendars", opt=READ)
    async def list_calendars(
        self, request: Request, session: AsyncSession, actor: Actor, limit: Limit = 50, cursor: str | None = None
    ) -> Response[Page[CalendarOut]]:
        items, next_cursor = await calendar_service.list_calendars(session, actor, limit=limit, cursor=cursor)
        return paged(request, [_out(c) for c in items], next_cursor)

    @post("/", summary="Create a calendar for the caller's party (the operator's are shared)", opt=WRITE)
    async def create_calendar(
        self, data: CalendarInput, session: AsyncSession, actor: Actor, now: datetime
    ) -> Response[CalendarOut]:
        calendar = await calendar_service.create_calendar(session, actor, data, now=now)
        return _one(calendar, 201, Location=f"/v1/calendars/{calendar.id}")

    @get("/{calendar_id:uuid}", summary="A calendar", opt=READ)
    async def get_calendar(self, calendar_id: uuid.UUID, session: AsyncSession, actor: Actor) -> Response[CalendarOut]:
        return _one(await calendar_service.get_calendar(session, actor, calendar_id))

    @patch(
        "/{calendar_id:uuid}",
        summary="Change a calendar; a field sent replaces it wholly (If-Match optional)",
        opt=WRITE,
    )
    async def update_calendar(
        self,
        calendar_id: uuid.UUID,
        data: CalendarUpdate,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
    ) -> Response[CalendarOut]:
        calendar = await calendar_service.update_calendar(
            session, actor, calendar_id, data, expected_version=if_match(request, required=False), now=now
        )
        return _one(calendar)

    @delete("/{calendar_id:uuid}", summary="Delete a calendar no clause refers to", opt=WRITE)
    async def delete_calendar(self, calendar_id: uuid.UUID, session: AsyncSession, actor: Actor) -> None:
        await calendar_service.delete_calendar(session, actor, calendar_id)
