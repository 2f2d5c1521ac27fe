"""The agreement flow as tests drive it: join, propose, accept, activate. One copy of each step.

Through REST (`client`, a `Deal`) for tests of the API, through the use cases (`session`, actors) for tests of the
services; both run the real code, so a test built on a flow also checks the flow still works.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, Invitation, Party
from db.values import ApprovalDecision, MembershipStatus, Role
from services.actors import ALL_SCOPES, PARTY_SCOPES, Actor
from services.agreements.drafts import create_agreement
from services.agreements.inputs import AgreementCreate, ClauseInput, Decision, MembershipInput, VersionProposal
from services.agreements.invitations import answer_invitation
from services.agreements.lifecycle import transition_agreement
from services.agreements.proposals import decide_version, propose_version

# The one operator actor of the tests.
OPERATOR = Actor(party_id=None, scopes=frozenset(ALL_SCOPES), subject="operator")


def party_actor(party_id: uuid.UUID, scopes: frozenset[str] = frozenset(PARTY_SCOPES)) -> Actor:
    """A party acting through the services, with every party scope unless told otherwise."""
    return Actor(party_id=party_id, scopes=scopes, subject="test")


@dataclass
class Deal:
    """Three member parties and an outsider, their request headers by name (and the operator's), and a draft
    agreement the provider created with `sla_clauses()` that the customer and the third party joined."""

    provider: Party
    customer: Party
    third: Party
    outsider: Party
    agreement_id: str
    h: dict[str, dict[str, str]]

    @property
    def path(self) -> str:
        return f"/v1/agreements/{self.agreement_id}"


def sla_clauses() -> list[dict[str, Any]]:
    return [
        {
            "key": "response-times",
            "kind": "service_level",
            "title": "Response times",
            "terms": {
                "targets": [
                    {
                        "key": "p1-first-response",
                        "metric": "first_response",
                        "match": {"priority": "P1"},
                        "duration": "PT1H",
                        "time": "calendar",
                        "warn_at_percent": [75],
                    },
                    {
                        "key": "p2-first-response",
                        "metric": "first_response",
                        "match": {"priority": "P2"},
                        "duration": "PT4H",
                    },
                ]
            },
        },
        {
            "key": "fees",
            "kind": "cost",
            "title": "Fees",
            "terms": {
                "price_lines": [
                    {
                        "code": "base",
                        "description": "Monthly base fee",
                        "amount": {"amount": "1200.00", "currency": "EUR"},
                        "unit": "month",
                    }
                ]
            },
        },
        {
            "key": "escalation",
            "kind": "escalation",
            "title": "Escalation",
            "terms": {
                "levels": [{"level": 1, "after": "PT2H", "to": {"role": "provider", "email": "duty@example.com"}}]
            },
        },
    ]


# ---------------------------------------------------------------- through REST


async def accept_invitations(client: httpx.AsyncClient, agreement_id: str, *invited: dict[str, str]) -> None:
    """Each invited party (given by its headers) accepts its invitation to the agreement."""
    for headers in invited:
        listed = await client.get("/v1/invitations", params={"status": "invited", "limit": 100}, headers=headers)
        assert listed.status_code == 200, listed.text
        (invitation,) = [i for i in listed.json()["items"] if i["agreement"]["id"] == agreement_id]
        response = await client.post(f"/v1/invitations/{invitation['id']}/accept", headers=headers)
        assert response.status_code == 200, response.text


async def draft_agreement(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    members: dict[str, Any],
    *,
    title: str = "Another agreement",
    join: tuple[dict[str, str], ...] = (),
    **extra: Any,
) -> dict[str, Any]:
    """A draft agreement; `members` maps role -> party; the parties whose headers are in `join` accept."""
    body = {
        "title": title,
        "memberships": [{"party_id": str(p.id), "role": role} for role, p in members.items()],
        "clauses": sla_clauses(),
        **extra,
    }
    response = await client.post("/v1/agreements", json=body, headers=headers)
    assert response.status_code == 201, response.text
    await accept_invitations(client, response.json()["id"], *join)
    return response.json()


async def propose(client: httpx.AsyncClient, deal: Deal, side: str = "provider", **body: Any) -> httpx.Response:
    """`side` proposes a version (the working draft as it is, unless `body` says otherwise); the answer unchecked."""
    return await client.post(f"{deal.path}/versions", json=body or {"summary": "terms"}, headers=deal.h[side])


async def accept(client: httpx.AsyncClient, deal: Deal, number: int = 1) -> None:
    """The provider and the customer approve version `number`, which is then accepted."""
    for side in ("provider", "customer"):
        response = await client.post(f"{deal.path}/versions/{number}/approve", headers=deal.h[side])
        assert response.status_code == 200, response.text
    assert response.json()["status"] == "accepted"


async def activate(
    client: httpx.AsyncClient, deal: Deal, *, clauses: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Propose the draft (merging `clauses` into it, if given), accept it on both sides, activate; the agreement
    as `POST …/activate` answered it."""
    response = await (propose(client, deal, clauses=list(clauses)) if clauses else propose(client, deal))
    assert response.status_code == 201, response.text
    await accept(client, deal, response.json()["number"])
    response = await client.post(f"{deal.path}/activate", headers=deal.h["provider"])
    assert response.status_code == 200, response.text
    activated: dict[str, Any] = response.json()
    return activated


# ---------------------------------------------------------------- through the use cases


async def accept_all_invitations(session: AsyncSession, agreement_id: uuid.UUID, now: datetime) -> None:
    """Every party invited to the agreement accepts."""
    invited = list(
        await session.scalars(
            select(Invitation).where(
                Invitation.agreement_id == agreement_id, Invitation.status == MembershipStatus.INVITED
            )
        )
    )
    for invitation in invited:
        actor = party_actor(invitation.party_id)
        await answer_invitation(session, actor, invitation.id, MembershipStatus.ACCEPTED, now=now)


async def activate_agreement(
    session: AsyncSession,
    provider: Party,
    customer: Party,
    *,
    now: datetime,
    clauses: list[dict[str, Any]] | None = None,
    effective_to: datetime | None = None,
    title: str = "Acme ↔ Globex",
) -> Agreement:
    """The whole flow through the use cases: the provider creates the agreement naming the customer, the customer
    joins, the provider proposes, both approve, the provider activates."""
    as_provider, as_customer = party_actor(provider.id), party_actor(customer.id)
    agreement = await create_agreement(
        session,
        as_provider,
        AgreementCreate(
            title=title,
            effective_to=effective_to,
            memberships=[MembershipInput(provider.id, Role.PROVIDER), MembershipInput(customer.id, Role.CUSTOMER)],
            clauses=[ClauseInput(**clause) for clause in (clauses if clauses is not None else sla_clauses())],
        ),
        now=now,
    )
    await accept_all_invitations(session, agreement.id, now)
    version = await propose_version(session, as_provider, agreement.id, VersionProposal(summary="terms"), now=now)
    for actor in (as_provider, as_customer):
        await decide_version(
            session, actor, agreement.id, version.number, ApprovalDecision.APPROVED, Decision(), now=now
        )
    return await transition_agreement(session, as_provider, agreement.id, "activate", now=now)
