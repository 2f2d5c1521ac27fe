"""Plain rows of the hot reads: msgspec structs with a table's columns (the same names and types as `db.models`),
built from a Core row or decoded straight from JSON that PostgreSQL built — no ORM instance, no identity map. Read
only: nothing writes through them."""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec

from db.values import ClauseKind, PartyKind, VersionStatus


class VersionRow(msgspec.Struct, frozen=True):
    """An agreement version's columns (as `AgreementVersion`), decoded straight from JSON: no ORM instance."""

    id: uuid.UUID
    agreement_id: uuid.UUID
    number: int
    status: VersionStatus
    summary: str | None
    effective_from: datetime | None
    proposed_by_party_id: uuid.UUID | None
    proposed_at: datetime | None
    decided_at: datetime | None
    created_at: datetime


class ClauseHeading(msgspec.Struct, frozen=True):
    """A clause's columns but `terms` (as `clause_headings_for` reads them)."""

    id: uuid.UUID
    version_id: uuid.UUID
    key: str
    kind: ClauseKind
    title: str
    body: str
    shared_with_third_parties: bool
    position: int


class PartyRow(msgspec.Struct, frozen=True):
    """A party's columns (as `Party`)."""

    id: uuid.UUID
    name: str
    kind: PartyKind
    contact_email: str | None
    row_version: int
    created_at: datetime
    updated_at: datetime
