"""Response shapes of the REST API that services do not answer themselves: the page envelope, `/v1/me`, tokens and
API clients. The agreement, party, dispute and event answers are the services' own views (`services/*/views.py`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, TypeVar

import msgspec

from services.auth.clients import ApiClientOut
from services.parties import PartyOut

T = TypeVar("T")


class ApiClientCreated(ApiClientOut):
    client_secret: str


class FeedTokenOut(msgspec.Struct):
    id: str
    party_id: str
    name: str
    created_at: datetime
    revoked_at: datetime | None


class FeedTokenCreated(FeedTokenOut):
    token: str


class Page(msgspec.Struct, Generic[T]):
    items: list[T]
    next_cursor: str | None


class Me(msgspec.Struct):
    party: PartyOut | None
    operator: bool
    scopes: list[str]
    client_id: str | None
    token_id: str | None


class TokenResponse(msgspec.Struct):
    access_token: str
    token_type: str
    expires_in: int
    scope: str


def shaped(data: Any, type_: type[T]) -> T:
    return msgspec.convert(data, type_, from_attributes=True)
