"""The edge owns the transaction, for GraphQL as for REST (`api/transactions.py`).

Strawberry answers HTTP 200 even when a mutation failed, so nothing at the HTTP layer can decide to roll back:
each mutation runs its use case in its own session (`SessionSource.writing()`), commits only when the use case
returned, and rolls back explicitly when it raised. A failed mutation leaves no partial write behind.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from schema.errors import Error, MutationError, conflict_from_database, error_from_domain
from services.errors import DomainError, input_error_from_database

Payload = TypeVar("Payload")


async def in_transaction(
    info: strawberry.Info, use_case: Callable[[AsyncSession], Awaitable[Payload]]
) -> Payload | MutationError:
    """Run `use_case(session)` and commit; a DomainError (or a lost write race) rolls back and becomes an Error."""
    context = info.context
    async with context.sessions.writing() as session:
        try:
            payload = await use_case(session)
            await session.commit()
        except DomainError as exc:
            await session.rollback()
            return error_from_domain(exc)
        except DBAPIError as exc:
            await session.rollback()
            invalid = input_error_from_database(exc)
            if invalid is not None:
                return error_from_domain(invalid)
            conflict = conflict_from_database(exc)
            if conflict is None:
                raise
            return conflict
    # The payload's nested fields load after the commit; loaders must not answer from before the change.
    context.forget_loaded()
    return payload


__all__ = ["Error", "in_transaction"]
