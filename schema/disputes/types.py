"""Dispute cases, resolved straight off the ORM rows `services.disputes.cases` returns.

Only the dispute's two parties (and the operator) ever get a dispute row; its timeline and evidence load
through the request's DataLoaders. Evidence is described, never served: attachment content stays behind REST's
`GET /v1/disputes/{id}/evidence/{evidenceId}`.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

import strawberry

from db import models, values
from schema.clause_terms import Money
from schema.parties.types import Party
from schema.scalars import JSON
from services.disputes.views import current_stage

# The `type: ignore[arg-type]` / `[return-value]` below are one pattern: a resolver hands strawberry the ORM row, which
# it resolves as the declared GraphQL type (the type's fields read the row's attributes); mypy sees two classes.

DisputeStatus = strawberry.enum(values.DisputeStatus)


DisputeSubject = strawberry.enum(values.DisputeSubject, description="What the dispute is about.")


DisputeEntryKind = strawberry.enum(values.DisputeEntryKind)


EvidenceKind = strawberry.enum(values.EvidenceKind)


@strawberry.type(description="The external ticket a dispute is about.")
class TicketRef:
    source: str
    external_id: str


@strawberry.type(description="One step of a dispute: opened, a comment, a status change or an escalation.")
class DisputeTimelineEntry:
    id: uuid.UUID
    kind: DisputeEntryKind
    actor_party_id: uuid.UUID | None = strawberry.field(description="Null when the worker acted (a stage deadline).")
    body: str | None
    from_status: DisputeStatus | None
    to_status: DisputeStatus | None
    details: JSON = strawberry.field(description="For escalations: level, contact, channel, stage, stage_deadline.")
    created_at: datetime

    @strawberry.field
    @staticmethod
    async def actor(entry: strawberry.Parent[models.DisputeEntry], info: strawberry.Info) -> Party | None:
        if entry.actor_party_id is None:
            return None
        return await info.context.loaders.party.load(entry.actor_party_id)


@strawberry.type(
    description="A piece of evidence: a link, or an attachment described by name, type, size and "
    "SHA-256 (its content is served by REST only)."
)
class DisputeEvidence:
    id: uuid.UUID
    kind: EvidenceKind
    url: str | None
    filename: str | None
    content_type: str | None
    size: int | None = strawberry.field(description="Bytes, for attachments.")
    sha256: str
    added_by_party_id: uuid.UUID
    created_at: datetime


@strawberry.type(
    description="A disagreement one member party raised against another about an agreement, a clause "
    "or a ticket's SLA, settled by the agreement's dispute procedure."
)
class Dispute:
    id: uuid.UUID
    reference: str = strawberry.field(description="The stable human reference, e.g. DSP-2026-0007.")
    agreement_id: uuid.UUID
    raised_by_party_id: uuid.UUID
    respondent_party_id: uuid.UUID
    clause_key: str | None = strawberry.field(
        description="For CLAUSE: the clause; for CREDIT: the service_credit clause."
    )
    credit_period: str | None = strawberry.field(
        description="For CREDIT: the period (YYYY-MM) of the credit, held while the dispute is open."
    )
    subject: str
    description: str
    status: DisputeStatus
    stage_deadline: datetime | None = strawberry.field(description="When the current stage escalates by itself.")
    escalation_level: int
    raiser_must_accept: bool = strawberry.field(description="Only the raising party may resolve the dispute.")
    resolution: str | None
    closed_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @strawberry.field
    @staticmethod
    def about(dispute: strawberry.Parent[models.Dispute]) -> DisputeSubject:
        return DisputeSubject(dispute.subject_type)

    @strawberry.field
    @staticmethod
    def ticket(dispute: strawberry.Parent[models.Dispute]) -> TicketRef | None:
        if dispute.subject_type != "ticket":
            return None
        return TicketRef(source=dispute.ticket_source or "", external_id=dispute.ticket_external_id or "")

    @strawberry.field(description="The current stage of the procedure, e.g. negotiation; null past the last one.")
    @staticmethod
    def stage(dispute: strawberry.Parent[models.Dispute]) -> str | None:
        return current_stage(dispute)

    @strawberry.field(description="The adjustment agreed in the resolution, if any.")
    @staticmethod
    def adjustment(dispute: strawberry.Parent[models.Dispute]) -> Money | None:
        if dispute.adjustment_amount is None:
            return None
        return Money(amount=Decimal(dispute.adjustment_amount), currency=dispute.adjustment_currency or "")

    @strawberry.field(description="Increases with every change.")
    @staticmethod
    def version(dispute: strawberry.Parent[models.Dispute]) -> int:
        return dispute.row_version

    @strawberry.field
    @staticmethod
    async def raised_by(dispute: strawberry.Parent[models.Dispute], info: strawberry.Info) -> Party | None:
        return await info.context.loaders.party.load(dispute.raised_by_party_id)

    @strawberry.field
    @staticmethod
    async def respondent(dispute: strawberry.Parent[models.Dispute], info: strawberry.Info) -> Party | None:
        return await info.context.loaders.party.load(dispute.respondent_party_id)

    @strawberry.field(description="Every step, oldest first.")
    @staticmethod
    async def timeline(dispute: strawberry.Parent[models.Dispute], info: strawberry.Info) -> list[DisputeTimelineEntry]:
        return await info.context.loaders.dispute_timeline.load(dispute)  # type: ignore[return-value]

    @strawberry.field(description="Links and attachments the parties added, oldest first (metadata only).")
    @staticmethod
    async def evidence(dispute: strawberry.Parent[models.Dispute], info: strawberry.Info) -> list[DisputeEvidence]:
        return await info.context.loaders.dispute_evidence.load(dispute)  # type: ignore[return-value]
