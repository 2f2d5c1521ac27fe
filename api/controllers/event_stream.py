"""`GET /v1/events/stream`: the caller's events as Server-Sent Events, for portals and other live clients.

Outside the request transaction (`api.transactions` lets this path through unbuffered): the stream reads in short
transactions of its own (`services.event_stream`) and sends each event as it is found. The bearer token is checked
again on every wake-up, so the stream ends when the token expires or its API client is revoked.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Annotated

import jwt
import msgspec
from litestar import Controller, Request, get
from litestar.params import Parameter
from litestar.response import ServerSentEvent
from litestar.response.sse import ServerSentEventMessage

from db.engine import asyncpg_url
from db.values import Scope
from services.actors import Actor
from services.auth.tokens import TokenVerifier
from services.errors import Unauthorized
from services.event_stream import StreamWakeups, events_after, latest_position
from services.pagination import position_after

STREAM_PATH = "/v1/events/stream"


def _bearer(request: Request) -> str:
    return request.headers.get("authorization", "").partition(" ")[2].strip()


def _expires_at(token: str) -> float | None:
    # The signature was verified by the auth middleware; only `exp` is read here, to wake up when it passes.
    exp = jwt.decode(token, options={"verify_signature": False}).get("exp")
    return float(exp) if isinstance(exp, int | float) else None


class EventStreamController(Controller):
    path = STREAM_PATH
    tags = ["events"]

    @get(
        "/",
        summary="The caller's events as Server-Sent Events, as they are committed",
        opt={"scope": Scope.AGREEMENTS_READ},
        media_type="text/event-stream",
        response_description="An endless `text/event-stream`: one message per event, heartbeat comments between",
    )
    async def stream_events(
        self,
        request: Request,
        actor: Actor,
        type: list[str] | None = None,
        last_event_id: Annotated[
            str | None,
            Parameter(
                header="Last-Event-ID",
                description="Resume after this event: the `id` of the last event received (browsers send it again "
                "on reconnect). Without it the stream starts with the events committed after it opened.",
            ),
        ] = None,
    ) -> ServerSentEvent:
        state = request.app.state
        settings = state.settings
        if last_event_id is not None:
            position_after(last_event_id)  # a malformed id is a 422 now, not a broken stream later
            start = last_event_id
        else:
            start = await latest_position(state.sessionmaker)
        dsn = asyncpg_url(settings.database_url).replace("+asyncpg", "", 1) if settings.database_url else None
        token = _bearer(request)
        verifier: TokenVerifier = state.token_verifier
        heartbeat = settings.event_stream_heartbeat_seconds
        expires_at = _expires_at(token)

        async def messages() -> AsyncIterator[ServerSentEventMessage]:
            after = start
            async with StreamWakeups(dsn) as wakeups:
                while True:
                    wakeups.arm()
                    try:
                        await verifier.verify(token)
                    except Unauthorized as exc:
                        yield ServerSentEventMessage(
                            event="stream.closed", data=msgspec.json.encode({"reason": exc.message}).decode()
                        )
                        return
                    for streamed in await events_after(state.sessionmaker, actor, after=after, types=type):
                        yield ServerSentEventMessage(
                            id=streamed.resume_id,
                            event=streamed.event.type,
                            data=msgspec.json.encode(streamed.event).decode(),
                        )
                        after = streamed.resume_id
                    timeout = heartbeat
                    if expires_at is not None:
                        # Wake when the token expires (JWT leeway included), to close the stream then.
                        timeout = max(0.05, min(timeout, expires_at + 31 - time.time()))
                    if not await wakeups.wait(timeout):
                        yield ServerSentEventMessage(comment="heartbeat")

        return ServerSentEvent(messages(), headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
