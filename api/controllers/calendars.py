"""`/v1/calendars`: service hours of the caller's party, the shared ones and the built-in 24×7."""

from __future__ import annotations

import uuid
from datetime import datetime

from litestar import Controller, Request, Response, delete, get, patch, post
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Limit, etag, if_match
from api.pagination import paged
from api.representations import Page
from db.models import Calendar
from db.values import Scope
from services.actors import Actor
from services.ticketing import calendars as calendar_service
from services.ticketing.calendars import CalendarInput, CalendarUpdate
from services.ticketing.views import CalendarView

READ = {"scope": Scope.AGREEMENTS_READ}
WRITE = {"scope": Scope.AGREEMENTS_WRITE}


def _one(calendar: Calendar, status_code: int = 200, **headers: str) -> Response[CalendarView]:
    return Response(
        calendar_service.calendar_view(calendar),
        status_code=status_code,
        headers={"ETag": etag(calendar_service.calendar_version(calendar)), **headers},
    )


class CalendarController(Controller):
    path = "/v1/calendars"
    tags = ["calendars"]

    @get("/", summary="The built-in 24×7 calendar, the caller's own and the shared calendars", opt=READ)
    async def list_calendars(
        self, request: Request, session: AsyncSession, actor: Actor, limit: Limit = 50, cursor: str | None = None
    ) -> Response[Page[CalendarView]]:
        items, next_cursor = await calendar_service.list_calendars(session, actor, limit=limit, cursor=cursor)
        return paged(request, [calendar_service.calendar_view(c) for c in items], next_cursor)

    @post("/", summary="Create a calendar for the caller's party (the operator's are shared)", opt=WRITE)
    async def create_calendar(
        self, data: CalendarInput, session: AsyncSession, actor: Actor, now: datetime
    ) -> Response[CalendarView]:
        calendar = await calendar_service.create_calendar(session, actor, data, now=now)
        return _one(calendar, 201, Location=f"/v1/calendars/{calendar.id}")

    @get("/{calendar_id:uuid}", summary="A calendar", opt=READ)
    async def get_calendar(self, calendar_id: uuid.UUID, session: AsyncSession, actor: Actor) -> Response[CalendarView]:
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
    ) -> Response[CalendarView]:
        calendar = await calendar_service.update_calendar(
            session, actor, calendar_id, data, expected_version=if_match(request, required=False), now=now
        )
        return _one(calendar)

    @delete("/{calendar_id:uuid}", summary="Delete a calendar no clause refers to", opt=WRITE)
    async def delete_calendar(self, calendar_id: uuid.UUID, session: AsyncSession, actor: Actor) -> None:
        await calendar_service.delete_calendar(session, actor, calendar_id)
