"""Data for tests whose subject is not the agreement flow: parties and tokens through the real services (`World`),
the injectable clock, API client rows, and agreements written as rows.

`agreement_rows` writes an active agreement straight into the tables (no events, no invitations, no timers): for
tests about reads (statement counts, scoping, billing figures) that need agreements to exist, not to be negotiated.
How an agreement becomes active is `tests/flows.py`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.settings import Settings
from db.models import Agreement, AgreementVersion, ApiClient, Clause, Membership, Party
from db.values import AgreementStatus, ClauseKind, Role, VersionStatus
from services.actors import PARTY_SCOPES
from services.agreements.clause_terms import validate_terms
from services.auth.tokens import mint_operator_token, mint_party_token
from services.parties import PartyInput, create_party
from tests.flows import OPERATOR, sla_clauses


class Clock:
    """An injectable clock; tests move it explicitly."""

    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now


@dataclass
class World:
    """Factories for parties and tokens, all through the real services."""

    session: AsyncSession
    settings: Settings
    clock: Clock
    parties: dict[str, Party] = field(default_factory=dict)

    async def party(self, name: str, **refs: str) -> Party:
        party = await create_party(
            self.session, OPERATOR, PartyInput(name=name, external_refs=refs or None), now=self.clock()
        )
        await self.session.commit()
        self.parties[name] = party
        return party

    async def token(self, party: Party | None, scopes: list[str] | None = None) -> str:
        if party is None:
            return await mint_operator_token(self.session, settings=self.settings, now=self.clock())
        return await mint_party_token(
            self.session,
            settings=self.settings,
            party_id=party.id,
            scopes=scopes if scopes is not None else list(PARTY_SCOPES),
            now=self.clock(),
        )

    async def headers(self, party: Party | None, scopes: list[str] | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {await self.token(party, scopes)}"}


async def register_client(session: AsyncSession, party_id: uuid.UUID, client_id: str) -> None:
    """An API client row for tokens minted directly with `client_id` (the verifier refuses a client it does not know,
    as it refuses a revoked one)."""
    session.add(
        ApiClient(
            client_id=client_id, secret_hash="unused", party_id=party_id, name=client_id, scopes=list(PARTY_SCOPES)
        )
    )
    await session.commit()


async def agreement_rows(
    session: AsyncSession,
    members: dict[Role, Party],
    *,
    now: datetime,
    clauses: list[dict[str, Any]] | None = None,
    title: str = "Rows agreement",
    status: AgreementStatus = AgreementStatus.ACTIVE,
) -> Agreement:
    """An agreement with one accepted version in effect since `now` and `members` already joined, written as rows.
    The clause terms are normalised as the services store them."""
    agreement = Agreement(
        id=uuid.uuid4(),
        reference=f"ROW-{uuid.uuid4().hex[:10]}",
        title=title,
        status=status,
        timezone="UTC",
        effective_from=now,
        row_version=1,
        last_event_sequence=0,
        created_at=now,
        updated_at=now,
    )
    version = AgreementVersion(
        id=uuid.uuid4(),
        agreement_id=agreement.id,
        number=1,
        status=VersionStatus.ACCEPTED,
        effective_from=now,
        proposed_at=now,
        decided_at=now,
        created_at=now,
    )
    session.add(agreement)
    await session.flush()
    session.add(version)
    session.add_all(
        Membership(agreement_id=agreement.id, party_id=party.id, role=role, created_at=now)
        for role, party in members.items()
    )
    for position, clause in enumerate(clauses if clauses is not None else sla_clauses()):
        session.add(
            Clause(
                id=uuid.uuid4(),
                version_id=version.id,
                position=position,
                key=clause["key"],
                kind=ClauseKind(clause["kind"]),
                title=clause["title"],
                body=clause.get("body", ""),
                terms=validate_terms(clause["kind"], clause.get("terms", {})),
                shared_with_third_parties=clause.get("shared_with_third_parties", False),
            )
        )
    await session.flush()
    return agreement
