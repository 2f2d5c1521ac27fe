"""`me`, `party(id)`, `parties(first, after)` — the GraphQL side of `/v1/me` and `/v1/parties`."""

from __future__ import annotations

import uuid

import strawberry

from db.values import Scope
from schema.context import actor_of
from schema.errors import as_graphql_error
from schema.pagination import DEFAULT_PAGE_SIZE, Connection, connection, party_cursor
from schema.parties.types import Me, Party
from schema.permissions import requires_scope
from services import parties as party_service
from services.errors import DomainError


@strawberry.type
class PartyQueries:
    @strawberry.field(description="The caller: its party and scopes.")
    def me(self, info: strawberry.Info) -> Me:
        return Me(actor=actor_of(info))

    @strawberry.field(
        description="A party the caller can see (itself, or one it shares an agreement with); "
        "null if there is none with this id or it is not visible.",
        extensions=[requires_scope(Scope.AGREEMENTS_READ)],
    )
    async def party(self, info: strawberry.Info, id: uuid.UUID) -> Party | None:
        return await info.context.loaders.party.load(id)

    @strawberry.field(
        description="Parties the caller can see, oldest first.", extensions=[requires_scope(Scope.AGREEMENTS_READ)]
    )
    async def parties(
        self, info: strawberry.Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[Party]:
        try:
            async with info.context.sessions.session() as session:
                rows, next_cursor = await party_service.list_parties(session, actor_of(info), limit=first, cursor=after)
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        return connection(rows, next_cursor, party_cursor)
