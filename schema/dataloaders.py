"""Per-request DataLoaders, each backed by one batch function in `services/`.

Nested reads (agreement → memberships → parties, → versions → approvals, clauses) cost one SQL statement per
loader per request, whatever the number of rows. The loaders are created in the context getter for one request
and one caller — never shared across requests or parties — and the scoped ones (parties, roles, reviews) pass the
caller to the service, which applies the per-party scoping.

Two loaders (`reviews`, `dispute_details`) still call a one-object service function per key, all in one session
per batch, because `services/` has no batch function for them yet: their statement count grows with the rows
(`tests/schema/test_statement_count.py` holds the strict xfails that say so).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Hashable, Sequence
from datetime import datetime
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from db import models
from services import agreements as agreement_service
from services import disputes as dispute_service
from services import parties as party_service
from services import reviews as review_service
from services import scoping
from services.actors import Actor
from services.errors import NotFound
from schema.context import SessionSource

Key = TypeVar("Key")
Value = TypeVar("Value")


class Loaders:
    def __init__(self, sessions: SessionSource, actor: Actor | None, *, now: datetime) -> None:
        self._sessions = sessions
        self._actor = actor
        self.now = now
        # By agreement id.
        self.memberships = self._loader(self._memberships)
        self.versions = self._loader(self._versions)
        self.current_version = self._loader(self._current_versions)
        # The caller's role on the agreement (None for the operator, and for a party that is not a member).
        self.role = self._loader(self._roles)
        # By version id; clauses unfiltered — `schema.agreements.types.visible_clauses_of` applies visibility.
        self.clauses = self._loader(self._clauses)
        self.approvals = self._loader(self._approvals)
        # By party id; a party the caller may not see loads as None.
        self.party = self._loader(self._parties)
        self.external_refs = self._loader(self._external_refs)
        # By agreement id: (review cycle or None, reviews by due date), scoped to the caller.
        self.reviews = self._loader(self._reviews)
        # By dispute row (cached by its id; the rows come from the scoped dispute reads): (timeline, evidence).
        self.dispute_details = self._loader(self._dispute_details, cache_key_fn=lambda dispute: dispute.id)

    def _loader(
        self, batch: Callable[[AsyncSession, list[Key]], Awaitable[Sequence[Value]]],
        cache_key_fn: Callable[[Key], Hashable] | None = None,
    ) -> DataLoader[Key, Value]:
        async def load(keys: list[Key]) -> Sequence[Value]:
            async with self._sessions.session() as session:
                return await batch(session, keys)

        return DataLoader(load_fn=load, cache_key_fn=cache_key_fn)

    @property
    def actor(self) -> Actor:
        if self._actor is None:  # pragma: no cover - every field that loads is behind a scope permission
            raise PermissionError("not authenticated")
        return self._actor

    async def _memberships(self, session: AsyncSession, ids: list[uuid.UUID]) -> list[list[models.Membership]]:
        found = await agreement_service.memberships_for(session, ids)
        return [found.get(i, []) for i in ids]

    async def _versions(self, session: AsyncSession, ids: list[uuid.UUID]) -> list[list[models.AgreementVersion]]:
        found = await agreement_service.versions_for(session, ids)
        return [found.get(i, []) for i in ids]

    async def _current_versions(
        self, session: AsyncSession, ids: list[uuid.UUID]
    ) -> list[models.AgreementVersion | None]:
        found = await agreement_service.current_versions_for(session, ids, as_of=self.now)
        return [found.get(i) for i in ids]

    async def _roles(self, session: AsyncSession, ids: list[uuid.UUID]) -> list[str | None]:
        found = await scoping.roles_on(session, self.actor, ids)
        return [found.get(i) for i in ids]

    async def _clauses(self, session: AsyncSession, ids: list[uuid.UUID]) -> list[list[models.Clause]]:
        found = await agreement_service.clauses_for(session, ids)
        return [found.get(i, []) for i in ids]

    async def _approvals(self, session: AsyncSession, ids: list[uuid.UUID]) -> list[list[models.Approval]]:
        found = await agreement_service.approvals_for(session, ids)
        return [found.get(i, []) for i in ids]

    async def _parties(self, session: AsyncSession, ids: list[uuid.UUID]) -> list[models.Party | None]:
        found = await party_service.parties_by_ids(session, self.actor, ids)
        return [found.get(i) for i in ids]

    async def _external_refs(self, session: AsyncSession, ids: list[uuid.UUID]) -> list[dict[str, str]]:
        found = await party_service.external_refs_for(session, ids)
        return [found.get(i, {}) for i in ids]

    # One service call per key until services offer `reviews_for(session, actor, agreement_ids)`: about four
    # statements per agreement, all in this batch's one session.
    async def _reviews(self, session: AsyncSession,
                       ids: list[uuid.UUID]) -> list[tuple[models.ReviewCycle | None, list[models.Review]]]:
        found: list[tuple[models.ReviewCycle | None, list[models.Review]]] = []
        for agreement_id in ids:
            try:
                found.append(await review_service.list_reviews(session, self.actor, agreement_id))
            except NotFound:
                found.append((None, []))
        return found

    # One service call per key until services offer `dispute_details_for(session, dispute_ids)`: two statements
    # per dispute, all in this batch's one session.
    async def _dispute_details(
        self, session: AsyncSession, disputes: list[models.Dispute]
    ) -> list[tuple[list[models.DisputeEntry], list[models.DisputeEvidence]]]:
        return [await dispute_service.dispute_details(session, dispute) for dispute in disputes]
