"""Dependency providers shared by the controllers."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Annotated, Any

import msgspec
from litestar import Request, Response
from litestar.di import Provide
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from services.actors import Actor
from services.errors import InvalidInput, PreconditionRequired
from services.pagination import MAX_LIMIT

# The page size of every cursor-paginated list. The services check the range (`services.pagination.check_limit`), so
# an out-of-range `limit` is a 422 `invalid_input` like a bad `cursor`; the document still states the bounds.
Limit = Annotated[int, Parameter(description="Page size, 1 to 100", schema_extra={"minimum": 1, "maximum": MAX_LIMIT})]


def provide_session(request: Request) -> AsyncSession:
    return request.scope["state"]["session"]


def provide_actor(request: Request) -> Actor:
    return request.user


def provide_now(request: Request) -> datetime:
    return request.app.state.clock()


DEPENDENCIES = {
    "session": Provide(provide_session, sync_to_thread=False),
    "actor": Provide(provide_actor, sync_to_thread=False),
    "now": Provide(provide_now, sync_to_thread=False),
}


def etag(version: int) -> str:
    return f'"{version}"'


def if_match(request: Request, *, required: bool = True) -> int | None:
    """The version the client last read, from `If-Match` (an ETag this API issued)."""
    raw = request.headers.get("if-match")
    if raw is None:
        if required:
            raise PreconditionRequired("send If-Match with the ETag you last read, so no update is lost")
        return None
    value = raw.strip()
    if value.startswith("W/"):
        value = value[2:]
    try:
        return int(value.strip('"'))
    except ValueError:
        raise InvalidInput('If-Match must be an ETag this API issued, such as "3"', field="If-Match") from None


def unless_unchanged(request: Request, content: Any, **response: Any) -> Response[Any]:
    """A GET's answer with a strong ETag over its content, or `304 Not Modified` when the client's
    `If-None-Match` already holds it. The tag is a digest of the caller's own answer, so it tells no party anything
    about another's, and it changes whenever the answer would (nothing to invalidate)."""
    encoded = content.encode() if isinstance(content, str) else msgspec.json.encode(content)
    tag = f'"{hashlib.sha256(encoded).hexdigest()[:32]}"'
    headers = {**response.pop("headers", {}), "ETag": tag}
    wanted = {t.strip().removeprefix("W/") for t in request.headers.get("if-none-match", "").split(",")}
    if tag in wanted or "*" in wanted:
        return Response(b"", status_code=304, headers=headers)
    return Response(content, headers=headers, **response)
