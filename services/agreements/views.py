"""What the agreement use cases answer: typed views of agreements, versions, clauses, invitations and reviews.

Declared once: REST returns them as they are (their names are the OpenAPI components' and the generated SDK's),
GraphQL reads the computed ones, and every event payload is `msgspec.to_builtins` of one of the `*EventData` views,
so webhooks carry the same shapes as the API.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, AgreementVersion, Approval, Clause, Invitation, Review, ReviewCycle
from db.values import (
    AgreementStatus,
    ApprovalDecision,
    ClauseKind,
    MembershipStatus,
    ReviewCycleSource,
    ReviewOutcome,
    ReviewStatus,
    Role,
    VersionStatus,
)
from services.agreements.reads import (
    MembershipState,
    approvals_for,
    clauses_for,
    current_version,
    current_versions_for,
    memberships_for,
)
from services.agreements.states import effective_status
from services.scoping import visible_clauses

# ---------------------------------------------------------------- agreements and invitations


class MembershipOut(msgspec.Struct):
    party_id: uuid.UUID
    role: Role
    status: MembershipStatus  # accepted (a member), invited (no answer yet) or declined


class AgreementOut(msgspec.Struct):
    id: uuid.UUID
    reference: str
    title: str
    description: str | None
    status: AgreementStatus
    timezone: str
    effective_from: datetime | None
    effective_to: datetime | None
    current_version: int | None
    memberships: list[MembershipOut]
    created_at: datetime
    updated_at: datetime
    version: int


class InvitationAgreementOut(msgspec.Struct):
    id: uuid.UUID
    reference: str
    title: str


class InvitationOut(msgspec.Struct):
    id: uuid.UUID
    party_id: uuid.UUID
    role: Role
    status: MembershipStatus
    agreement: InvitationAgreementOut
    invited_by_party_id: uuid.UUID | None
    created_at: datetime
    decided_at: datetime | None


def agreement_out(
    agreement: Agreement,
    memberships: list[MembershipState],
    *,
    now: datetime,
    current_version_number: int | None = None,
) -> AgreementOut:
    return AgreementOut(
        id=agreement.id,
        reference=agreement.reference,
        title=agreement.title,
        description=agreement.description,
        status=AgreementStatus(effective_status(agreement.status, agreement.effective_to, now)),
        timezone=agreement.timezone,
        effective_from=agreement.effective_from,
        effective_to=agreement.effective_to,
        current_version=current_version_number,
        memberships=[MembershipOut(party_id=m.party_id, role=m.role, status=m.status) for m in memberships],
        created_at=agreement.created_at,
        updated_at=agreement.updated_at,
        version=agreement.row_version,
    )


async def agreement_outs(session: AsyncSession, agreements: list[Agreement], *, now: datetime) -> list[AgreementOut]:
    """Many agreements in two batch reads: their memberships and the versions in effect at `now`."""
    ids = [a.id for a in agreements]
    memberships = await memberships_for(session, ids)
    current = await current_versions_for(session, ids, as_of=now)
    return [
        agreement_out(
            a, memberships[a.id], now=now, current_version_number=current[a.id].number if a.id in current else None
        )
        for a in agreements
    ]


def invitation_out(invitation: Invitation, agreement: Agreement) -> InvitationOut:
    """What the invited party sees: the agreement's id, reference and title, and the role offered."""
    return InvitationOut(
        id=invitation.id,
        party_id=invitation.party_id,
        role=invitation.role,
        status=invitation.status,
        agreement=InvitationAgreementOut(id=agreement.id, reference=agreement.reference, title=agreement.title),
        invited_by_party_id=invitation.invited_by_party_id,
        created_at=invitation.created_at,
        decided_at=invitation.decided_at,
    )


# ---------------------------------------------------------------- versions and clauses


class ClauseOut(msgspec.Struct):
    id: uuid.UUID
    key: str
    kind: ClauseKind
    title: str
    body: str
    terms: dict[str, Any]
    shared_with_third_parties: bool


class ApprovalOut(msgspec.Struct):
    party_id: uuid.UUID
    decision: ApprovalDecision
    comment: str | None
    decided_at: datetime


class VersionOut(msgspec.Struct):
    id: uuid.UUID
    number: int
    status: VersionStatus
    summary: str | None
    effective_from: datetime | None
    proposed_by_party_id: uuid.UUID | None
    proposed_at: datetime | None
    decided_at: datetime | None
    approvals: list[ApprovalOut] = []
    clauses: list[ClauseOut] = []


class ClausesOut(msgspec.Struct):
    agreement_id: uuid.UUID
    version: int | None
    version_status: VersionStatus | None
    effective_from: datetime | None
    items: list[ClauseOut]


class ClauseChange(msgspec.Struct):
    key: str
    fields: list[str]
    before: dict[str, Any]
    after: dict[str, Any]


class VersionDiff(msgspec.Struct):
    version: int
    against: int
    added: list[ClauseOut]
    removed: list[ClauseOut]
    changed: list[ClauseChange]
    unchanged: list[str]


def clause_out(clause: Clause) -> ClauseOut:
    return ClauseOut(
        id=clause.id,
        key=clause.key,
        kind=clause.kind,
        title=clause.title,
        body=clause.body,
        terms=clause.terms,
        shared_with_third_parties=clause.shared_with_third_parties,
    )


def version_out(version: AgreementVersion, clauses: list[Clause], approvals: list[Approval]) -> VersionOut:
    return VersionOut(
        id=version.id,
        number=version.number,
        status=version.status,
        summary=version.summary,
        effective_from=version.effective_from,
        proposed_by_party_id=version.proposed_by_party_id,
        proposed_at=version.proposed_at,
        decided_at=version.decided_at,
        approvals=[
            ApprovalOut(party_id=a.party_id, decision=a.decision, comment=a.comment, decided_at=a.decided_at)
            for a in approvals
        ],
        clauses=[clause_out(c) for c in clauses],
    )


async def version_outs(session: AsyncSession, versions: list[AgreementVersion], role: str | None) -> list[VersionOut]:
    """Many versions with their approvals and the clauses `role` may see, in two batch reads."""
    ids = [v.id for v in versions]
    clauses = await clauses_for(session, ids)
    approvals = await approvals_for(session, ids)
    return [version_out(v, visible_clauses(clauses[v.id], role), approvals[v.id]) for v in versions]


def clauses_out(agreement_id: uuid.UUID, version: AgreementVersion | None, clauses: list[Clause]) -> ClausesOut:
    return ClausesOut(
        agreement_id=agreement_id,
        version=version.number if version else None,
        version_status=version.status if version else None,
        effective_from=version.effective_from if version else None,
        items=[clause_out(c) for c in clauses],
    )


# ---------------------------------------------------------------- reviews


class ReviewOut(msgspec.Struct):
    id: uuid.UUID
    agreement_id: uuid.UUID
    status: ReviewStatus
    due_at: datetime
    notice_at: datetime
    participants: list[str]
    findings: str | None
    outcome: ReviewOutcome | None
    proposed_version: int | None
    completed_by_party_id: uuid.UUID | None
    completed_at: datetime | None
    cancelled_at: datetime | None
    cancel_reason: str | None
    created_at: datetime
    version: int


class ReviewCycleOut(msgspec.Struct):
    cadence: str
    notice: str | None
    participants: list[str]
    source: ReviewCycleSource


class AgreementReviews(msgspec.Struct):
    agreement_id: uuid.UUID
    cycle: ReviewCycleOut | None
    items: list[ReviewOut]


def review_out(review: Review) -> ReviewOut:
    return ReviewOut(
        id=review.id,
        agreement_id=review.agreement_id,
        status=review.status,
        due_at=review.due_at,
        notice_at=review.notice_at,
        participants=list(review.participants),
        findings=review.findings,
        outcome=review.outcome,
        proposed_version=review.proposed_version_number,
        completed_by_party_id=review.completed_by_party_id,
        completed_at=review.completed_at,
        cancelled_at=review.cancelled_at,
        cancel_reason=review.cancel_reason,
        created_at=review.created_at,
        version=review.row_version,
    )


def review_cycle_out(cycle: ReviewCycle) -> ReviewCycleOut:
    return ReviewCycleOut(
        cadence=cycle.cadence, notice=cycle.notice, participants=list(cycle.participants), source=cycle.source
    )


def agreement_reviews(agreement_id: uuid.UUID, cycle: ReviewCycle | None, reviews: list[Review]) -> AgreementReviews:
    return AgreementReviews(
        agreement_id=agreement_id,
        cycle=review_cycle_out(cycle) if cycle else None,
        items=[review_out(r) for r in reviews],
    )


# ---------------------------------------------------------------- event payloads (`data` of events and webhooks)


class DecisionOut(msgspec.Struct):
    party_id: uuid.UUID | None
    decision: ApprovalDecision
    comment: str | None


class SimulationLink(msgspec.Struct):
    """Where a signatory can see what a proposed version would have meant over recorded months (POST, read-only)."""

    method: str
    href: str


class AgreementEventData(msgspec.Struct):
    """`agreement.*` and `invitation.*` events: the agreement, and the version concerned with its clauses (filtered
    per role when read). The unset parts belong to some event types only and are left out of the JSON."""

    agreement: AgreementOut
    version: VersionOut | msgspec.UnsetType = msgspec.UNSET
    decision: DecisionOut | msgspec.UnsetType = msgspec.UNSET  # agreement.version_approved / _rejected / amended
    reason: str | msgspec.UnsetType = msgspec.UNSET  # a lifecycle transition's stated reason
    expires_at: datetime | msgspec.UnsetType = msgspec.UNSET  # agreement.expiring
    simulation: SimulationLink | msgspec.UnsetType = msgspec.UNSET  # agreement.version_proposed
    invitation: InvitationOut | msgspec.UnsetType = msgspec.UNSET  # invitation.accepted / declined


class InvitationEventData(msgspec.Struct):
    """`party.invited`, to the invited party alone."""

    invitation: InvitationOut


class ReviewEventData(msgspec.Struct):
    """`review.*` events."""

    review: ReviewOut


async def agreement_event_data(
    session: AsyncSession, agreement: Agreement, *, now: datetime, version: AgreementVersion | None = None
) -> AgreementEventData:
    """The agreement as it is now, and `version` (if given) with all its clauses and approvals."""
    memberships = await memberships_for(session, [agreement.id])
    current = await current_version(session, agreement.id, as_of=now)
    data = AgreementEventData(
        agreement=agreement_out(
            agreement, memberships[agreement.id], now=now, current_version_number=current.number if current else None
        )
    )
    if version is not None:
        clauses = (await clauses_for(session, [version.id]))[version.id]
        approvals = (await approvals_for(session, [version.id]))[version.id]
        data.version = version_out(version, clauses, approvals)
    return data
