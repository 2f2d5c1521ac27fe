"""What the dispute use cases answer: typed views of a dispute, its timeline and its evidence.

Declared once: REST returns them as they are (their names are the OpenAPI components' and the generated SDK's),
GraphQL reads the computed parts (the current stage), and `dispute.*` event payloads are `DisputeEventData`.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec

from db.models import Dispute, DisputeEntry, DisputeEvidence
from db.values import DisputeEntryKind, DisputeStatus, DisputeSubject, EvidenceKind
from services.values import Money


class TicketRef(msgspec.Struct):
    source: str
    external_id: str


class DisputeOut(msgspec.Struct):
    id: uuid.UUID
    reference: str
    agreement_id: uuid.UUID
    raised_by_party_id: uuid.UUID
    respondent_party_id: uuid.UUID
    about: DisputeSubject
    clause_key: str | None
    ticket: TicketRef | None
    credit_period: str | None
    subject: str
    description: str
    status: DisputeStatus
    stage: str | None
    stage_deadline: datetime | None
    escalation_level: int
    raiser_must_accept: bool
    resolution: str | None
    adjustment: Money | None
    closed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int


class TimelineEntry(msgspec.Struct):
    id: uuid.UUID
    kind: DisputeEntryKind
    actor_party_id: uuid.UUID | None
    body: str | None
    from_status: DisputeStatus | None
    to_status: DisputeStatus | None
    details: dict[str, Any]
    created_at: datetime


class EvidenceOut(msgspec.Struct):
    id: uuid.UUID
    kind: EvidenceKind
    url: str | None
    filename: str | None
    content_type: str | None
    size: int | None
    sha256: str
    added_by_party_id: uuid.UUID
    created_at: datetime


class DisputeDetail(DisputeOut):
    timeline: list[TimelineEntry] = []
    evidence: list[EvidenceOut] = []


class DisputeEventData(msgspec.Struct):
    """`dispute.*` events: the dispute, and for some types what the step added."""

    dispute: DisputeOut
    comment: str | msgspec.UnsetType = msgspec.UNSET  # dispute.commented
    # dispute.escalated: level, contact, channel, stage, stage_deadline (and why, when a deadline passed)
    escalation: dict[str, Any] | msgspec.UnsetType = msgspec.UNSET


def current_stage(dispute: Dispute) -> str | None:
    """The name of the procedure's stage the dispute is in; None past the last one."""
    if dispute.stage_index < len(dispute.stages):
        name: str = dispute.stages[dispute.stage_index]["name"]
        return name
    return None


def dispute_out(dispute: Dispute) -> DisputeOut:
    return DisputeOut(
        id=dispute.id,
        reference=dispute.reference,
        agreement_id=dispute.agreement_id,
        raised_by_party_id=dispute.raised_by_party_id,
        respondent_party_id=dispute.respondent_party_id,
        about=dispute.subject_type,
        clause_key=dispute.clause_key,
        ticket=(
            TicketRef(source=dispute.ticket_source or "", external_id=dispute.ticket_external_id or "")
            if dispute.subject_type == DisputeSubject.TICKET
            else None
        ),
        credit_period=dispute.credit_period,
        subject=dispute.subject,
        description=dispute.description,
        status=dispute.status,
        stage=current_stage(dispute),
        stage_deadline=dispute.stage_deadline,
        escalation_level=dispute.escalation_level,
        raiser_must_accept=dispute.raiser_must_accept,
        resolution=dispute.resolution,
        adjustment=(
            Money(amount=dispute.adjustment_amount, currency=dispute.adjustment_currency or "")
            if dispute.adjustment_amount is not None
            else None
        ),
        closed_at=dispute.closed_at,
        created_at=dispute.created_at,
        updated_at=dispute.updated_at,
        version=dispute.row_version,
    )


def timeline_entry(entry: DisputeEntry) -> TimelineEntry:
    return TimelineEntry(
        id=entry.id,
        kind=entry.kind,
        actor_party_id=entry.actor_party_id,
        body=entry.body,
        from_status=DisputeStatus(entry.from_status) if entry.from_status else None,
        to_status=DisputeStatus(entry.to_status) if entry.to_status else None,
        details=entry.details,
        created_at=entry.created_at,
    )


def evidence_out(item: DisputeEvidence) -> EvidenceOut:
    return EvidenceOut(
        id=item.id,
        kind=item.kind,
        url=item.url,
        filename=item.filename,
        content_type=item.content_type,
        size=item.size,
        sha256=item.sha256,
        added_by_party_id=item.added_by_party_id,
        created_at=item.created_at,
    )


def dispute_detail(dispute: Dispute, entries: list[DisputeEntry], evidence: list[DisputeEvidence]) -> DisputeDetail:
    # The detail is the dispute's own view with two lists more: built from it, so the two never disagree.
    return DisputeDetail(
        **msgspec.structs.asdict(dispute_out(dispute)),
        timeline=[timeline_entry(e) for e in entries],
        evidence=[evidence_out(e) for e in evidence],
    )
