"""Per-request DataLoaders, each backed by one batch function in `services/`.

Nested reads (agreement → memberships → parties, → versions → approvals, clauses) cost one SQL statement per
loader per request, whatever the number of rows. The loaders are created in the context getter for one request
and one caller — never shared across requests or parties — and the scoped ones (parties, roles, reviews) pass the
caller to the service, which applies the per-party scoping.

The review and incident batch functions (`services.agreements.reviews.reviews_for`, `cycles_for`,
`services.billing.records.incidents_for`) take `services.scoping.ReadableAgreementIds`: the loaders get them from
`scoping.readable_among` over the `role` loader (before their own session opens). The dispute loaders take dispute
rows, which only the scoped dispute reads hand out.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from datetime import datetime
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from db import models
from schema.sessions import SessionSource
from services import parties as party_service
from services import scoping
from services.actors import Actor
from services.agreements import reads as agreement_reads
from services.agreements import reviews as review_service
from services.billing import records as billing_service
from services.disputes import cases as dispute_service
from services.rows import ClauseHeading, PartyRow, VersionRow

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
        # By version id; clauses unfiltered — `schema.agreements.types.visible_clauses_of` applies visibility. Rows
        # without `terms`, which the `clause_terms` loader (by clause id) reads only when a query asks for them.
        self.clauses = self._loader(self._clauses)
        self.clause_terms = self._loader(self._clause_terms)
        self.approvals = self._loader(self._approvals)
        # By party id; a party the caller may not see loads as None.
        self.party = self._loader(self._parties)
        self.external_refs = self._loader(self._external_refs)
        # By agreement id, scoped to the caller: the review cycle (or None) and the reviews by due date.
        self.review_cycle = self._scoped_loader(review_service.cycles_for, lambda: None)
        self.reviews = self._scoped_loader(review_service.reviews_for, list)
        self.incidents = self._scoped_loader(billing_service.incidents_for, list)
        # By agreement id: only the disputes the caller raised or received (the service scopes them).
        self.disputes = self._loader(self._disputes)
        # By dispute row (cached by its id; the rows come from the scoped dispute reads): timeline and evidence.
        self.dispute_timeline = self._loader(self._dispute_timelines, cache_key_fn=lambda dispute: dispute.id)
        self.dispute_evidence = self._loader(self._dispute_evidence, cache_key_fn=lambda dispute: dispute.id)

    def _loader(
        self,
        batch: Callable[[AsyncSession, list[Key]], Awaitable[Sequence[Value]]],
        cache_key_fn: Callable[[Key], Hashable] | None = None,
    ) -> DataLoader[Key, Value]:
        async def load(keys: list[Key]) -> Sequence[Value]:
            async with self._sessions.session() as session:
                return await batch(session, keys)

        return DataLoader(load_fn=load, cache_key_fn=cache_key_fn)

    async def prefetch_page(self, agreement_ids: list[uuid.UUID]) -> None:
        """Prime the caller's role, the memberships, the current version, its clauses and the members' parties for a
        page of agreements the caller may read, from one statement (`agreement_reads.nested_reads_for`) instead of
        one batch per loader. The values are those the loaders would read themselves: member parties only where the
        caller is on the agreement (or is the operator) — `readable_parties` — and never a party only invited."""
        if not agreement_ids:
            return
        async with self._sessions.session() as session:
            found = await agreement_reads.nested_reads_for(session, self.actor.party_id, agreement_ids, as_of=self.now)
        for agreement_id, nested in found.items():
            self.role.prime(agreement_id, nested.role)
            self.memberships.prime(agreement_id, nested.memberships)
            self.current_version.prime(agreement_id, nested.current_version)
            if nested.current_version is not None:
                self.clauses.prime(nested.current_version.id, nested.clauses)
            if nested.role is not None or self.actor.is_operator:
                for party in nested.member_parties:
                    self.party.prime(party.id, party)

    def _scoped_loader(
        self,
        fetch: Callable[[AsyncSession, scoping.ReadableAgreementIds], Awaitable[Mapping[uuid.UUID, Value]]],
        missing: Callable[[], Value],
    ) -> DataLoader[uuid.UUID, Value]:
        """By agreement id, over a batch function that leaves scoping to its caller: `fetch` gets only the
        agreements the caller may read; the others, like readable ones without rows, load as `missing()`."""

        async def load(ids: list[uuid.UUID]) -> Sequence[Value]:
            # Loaded before the session opens (a loader awaited while holding a session could wait for a slot).
            readable = await self._readable(ids)
            found: Mapping[uuid.UUID, Value] = {}
            if readable:
                async with self._sessions.session() as session:
                    found = await fetch(session, readable)
            return [found[i] if i in found else missing() for i in ids]

        return DataLoader(load_fn=load)

    async def _readable(self, ids: list[uuid.UUID]) -> scoping.ReadableAgreementIds:
        """The agreements among `ids` the caller may read: all for the operator, else those it has a role on."""
        if self.actor.is_operator:
            return scoping.readable_among(self.actor, ids, {})
        roles = await self.role.load_many(ids)
        return scoping.readable_among(self.actor, ids, dict(zip(ids, roles, strict=True)))

    @property
    def actor(self) -> Actor:
        if self._actor is None:  # pragma: no cover - every field that loads is behind a scope permission
            raise PermissionError("not authenticated")
        return self._actor

    async def _memberships(
        self, session: AsyncSession, ids: list[uuid.UUID]
    ) -> list[list[agreement_reads.MembershipState]]:
        found = await agreement_reads.memberships_for(session, ids)
        return [found.get(i, []) for i in ids]

    async def _versions(self, session: AsyncSession, ids: list[uuid.UUID]) -> list[list[models.AgreementVersion]]:
        found = await agreement_reads.versions_for(session, ids)
        return [found.get(i, []) for i in ids]

    async def _current_versions(self, session: AsyncSession, ids: list[uuid.UUID]) -> list[VersionRow | None]:
        found = await agreement_reads.current_version_rows_for(session, ids, as_of=self.now)
        return [found.get(i) for i in ids]

    async def _disputes(self, session: AsyncSession, ids: list[uuid.UUID]) -> list[list[models.Dispute]]:
        found = await dispute_service.disputes_for(session, self.actor, ids)
        return [found.get(i, []) for i in ids]

    async def _roles(self, session: AsyncSession, ids: list[uuid.UUID]) -> list[str | None]:
        found = await scoping.roles_on(session, self.actor, ids)
        return [found.get(i) for i in ids]

    async def _clauses(self, session: AsyncSession, ids: list[uuid.UUID]) -> list[list[ClauseHeading]]:
        found = await agreement_reads.clause_headings_for(session, ids)
        return [found.get(i, []) for i in ids]

    async def _clause_terms(self, session: AsyncSession, ids: list[uuid.UUID]) -> list[dict]:
        found = await agreement_reads.clause_terms_for(session, ids)
        return [found[i] for i in ids]

    async def _approvals(self, session: AsyncSession, ids: list[uuid.UUID]) -> list[list[models.Approval]]:
        found = await agreement_reads.approvals_for(session, ids)
        return [found.get(i, []) for i in ids]

    async def _parties(self, session: AsyncSession, ids: list[uuid.UUID]) -> list[PartyRow | None]:
        found = await scoping.readable_party_rows(session, self.actor, ids)
        return [found.get(i) for i in ids]

    async def _external_refs(self, session: AsyncSession, ids: list[uuid.UUID]) -> list[dict[str, str]]:
        found = await party_service.external_refs_for(session, ids)
        return [found.get(i, {}) for i in ids]

    async def _dispute_timelines(
        self, session: AsyncSession, disputes: list[models.Dispute]
    ) -> list[list[models.DisputeEntry]]:
        found = await dispute_service.timelines_for(session, [d.id for d in disputes])
        return [found.get(d.id, []) for d in disputes]

    async def _dispute_evidence(
        self, session: AsyncSession, disputes: list[models.Dispute]
    ) -> list[list[models.DisputeEvidence]]:
        found = await dispute_service.evidence_for(session, [d.id for d in disputes])
        return [found.get(d.id, []) for d in disputes]
