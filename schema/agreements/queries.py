"""`agreement(id)` and `agreements(filter, first, after)` — the GraphQL side of `/v1/agreements`."""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from db.values import Scope
from schema.agreements.types import Agreement, AgreementRole, AgreementStatus
from schema.context import actor_of
from schema.errors import as_graphql_error
from schema.pagination import DEFAULT_PAGE_SIZE, Connection, agreement_cursor, connection, node_fields
from schema.permissions import requires_scope
from services.agreements import drafts as agreement_service
from services.agreements import inputs as service_inputs
from services.errors import DomainError, NotFound

# The `type: ignore[arg-type]` / `[return-value]` below are one pattern: a resolver hands strawberry the ORM row, which
# it resolves as the declared GraphQL type (the type's fields read the row's attributes); mypy sees two classes.

READ = [requires_scope(Scope.AGREEMENTS_READ)]
# Asked of the agreements of a page, these are read for the whole page in one statement (`Loaders.prefetch_page`).
_PREFETCHED = frozenset({"memberships", "currentVersion"})


@strawberry.input(description="All given conditions must hold.")
class AgreementFilter:
    status: AgreementStatus | None = None
    role: AgreementRole | None = strawberry.field(default=None, description="The caller's role on the agreement.")
    counter_party: uuid.UUID | None = strawberry.field(default=None, description="Agreements this party is on.")
    as_of: datetime | None = strawberry.field(default=None, description="Agreements in effect at this time.")


@strawberry.type
class AgreementQueries:
    @strawberry.field(
        description="An agreement the caller is a member of; null if there is none with this id "
        "or it is not the caller's (the two are indistinguishable).",
        extensions=READ,
    )
    async def agreement(self, info: strawberry.Info, id: uuid.UUID) -> Agreement | None:
        try:
            async with info.context.sessions.session() as session:
                agreement, role = await agreement_service.get_agreement(session, actor_of(info), id)
        except NotFound:
            return None
        info.context.loaders.role.prime(agreement.id, role)
        return agreement  # type: ignore[return-value]

    @strawberry.field(description="Agreements the caller is a member of, newest first.", extensions=READ)
    async def agreements(
        self,
        info: strawberry.Info,
        filter: AgreementFilter | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Agreement]:
        given = filter or AgreementFilter()
        filters = service_inputs.AgreementFilter(
            status=given.status.value if given.status else None,
            role=given.role.value if given.role else None,
            counter_party=given.counter_party,
            as_of=given.as_of,
        )
        try:
            async with info.context.sessions.session() as session:
                rows, next_cursor = await agreement_service.list_agreements(
                    session, actor_of(info), filters, now=info.context.now, limit=first, cursor=after
                )
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        if _PREFETCHED & node_fields(info):
            await info.context.loaders.prefetch_page([row.id for row in rows])
        return connection(rows, next_cursor, agreement_cursor)
