"""Response shapes of the REST API. The snapshots from services are converted into these typed structs, so
the OpenAPI document describes exactly what is sent (and webhook `data` has the same shapes)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, TypeVar

import msgspec

T = TypeVar("T")


class MembershipOut(msgspec.Struct):
    party_id: str
    role: str
    status: str  # accepted (a member), invited (no answer yet) or declined


class InvitationAgreementOut(msgspec.Struct):
    id: str
    reference: str
    title: str


class InvitationOut(msgspec.Struct):
    id: str
    party_id: str
    role: str
    status: str
    agreement: InvitationAgreementOut
    invited_by_party_id: str | None
    created_at: datetime
    decided_at: datetime | None


class PartyOut(msgspec.Struct):
    id: str
    name: str
    kind: str
    contact_email: str | None
    external_refs: dict[str, str]
    created_at: datetime
    updated_at: datetime
    version: int


class ApiClientOut(msgspec.Struct):
    id: str
    client_id: str
    party_id: str | None
    name: str
    scopes: list[str]
    created_at: datetime
    revoked_at: datetime | None


class ApiClientCreated(ApiClientOut):
    client_secret: str


class AgreementOut(msgspec.Struct):
    id: str
    reference: str
    title: str
    description: str | None
    status: str
    timezone: str
    effective_from: datetime | None
    effective_to: datetime | None
    current_version: int | None
    memberships: list[MembershipOut]
    created_at: datetime
    updated_at: datetime
    version: int


class ClauseOut(msgspec.Struct):
    id: str
    key: str
    kind: str
    title: str
    body: str
    terms: dict[str, Any]
    shared_with_third_parties: bool


class ApprovalOut(msgspec.Struct):
    party_id: str
    decision: str
    comment: str | None
    decided_at: datetime


class VersionOut(msgspec.Struct):
    id: str
    number: int
    status: str
    summary: str | None
    effective_from: datetime | None
    proposed_by_party_id: str | None
    proposed_at: datetime | None
    decided_at: datetime | None
    approvals: list[ApprovalOut] = []
    clauses: list[ClauseOut] = []


class ClausesOut(msgspec.Struct):
    agreement_id: str
    version: int | None
    version_status: str | None
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


class EventActor(msgspec.Struct):
    party_id: str | None
    client_id: str | None
    token_id: str | None


class EventOut(msgspec.Struct):
    id: str
    type: str
    agreement_id: str | None
    sequence: int | None
    occurred_at: datetime
    actor: EventActor
    data: dict[str, Any]


class Page(msgspec.Struct, Generic[T]):
    items: list[T]
    next_cursor: str | None


class Me(msgspec.Struct):
    party: PartyOut | None
    operator: bool
    scopes: list[str]
    client_id: str | None
    token_id: str | None


class TokenResponse(msgspec.Struct):
    access_token: str
    token_type: str
    expires_in: int
    scope: str


def shaped(data: Any, type_: type[T]) -> T:
    return msgspec.convert(data, type_, from_attributes=True)
