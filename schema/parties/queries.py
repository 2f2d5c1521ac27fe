"""`me`, `party(id)`, `parties(first, after)`, `apiClient(id)`, `apiClients(partyId)` — the GraphQL side of `/v1/me`,
`/v1/parties` and `/v1/clients`."""

from __future__ import annotations

import uuid

import strawberry

from db.values import Scope
from schema.context import actor_of
from schema.errors import as_graphql_error
from schema.pagination import DEFAULT_PAGE_SIZE, Connection, connection, party_cursor
from schema.parties.types import ApiClient, Me, Party
from schema.permissions import requires_scope
from schema.rows import served_as
from services import parties as party_service
from services.auth import clients as client_service
from services.errors import DomainError, NotFound


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

    @strawberry.field(
        description="An API client: the operator reads any, a party its own; null if there is none with this id or "
        "it is another party's (the two are indistinguishable)."
    )
    async def api_client(self, info: strawberry.Info, id: uuid.UUID) -> ApiClient | None:
        try:
            async with info.context.sessions.session() as session:
                row = await client_service.get_api_client(session, actor_of(info), id)
        except NotFound:
            return None
        return served_as(row, ApiClient)

    @strawberry.field(
        description="API clients, revoked ones included, oldest first: a party's own; the operator's, those of "
        "`partyId` or, without it, every party's. Another party's list is empty, like an unknown party's."
    )
    async def api_clients(self, info: strawberry.Info, party_id: uuid.UUID | None = None) -> list[ApiClient]:
        actor = actor_of(info)
        try:
            async with info.context.sessions.session() as session:
                if party_id is None and actor.is_operator:
                    rows = await client_service.list_all_api_clients(session, actor)
                else:
                    own = party_id if party_id is not None else actor.party_id
                    rows = await client_service.list_api_clients(session, actor, own) if own else []
        except NotFound:
            return []
        return [served_as(row, ApiClient) for row in rows]
