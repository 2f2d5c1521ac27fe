"""What callers send to the agreement use cases, and the checks that need nothing but the input (pure: no I/O).

The bottom layer of the package: every other module of `services.agreements` may import it, it imports none of them
except the pure clause terms.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec

from db.values import ClauseKind, ProposalMode, ReviewOutcome, Role
from services.agreements.clause_terms import validate_terms
from services.errors import InvalidInput
from services.values import check_timezone, instant_input


class ClauseInput(msgspec.Struct, forbid_unknown_fields=True):
    key: str
    kind: str
    title: str
    body: str = ""
    terms: dict[str, Any] = {}
    shared_with_third_parties: bool = False


class MembershipInput(msgspec.Struct, forbid_unknown_fields=True):
    party_id: uuid.UUID
    role: Role


class AgreementCreate(msgspec.Struct, forbid_unknown_fields=True):
    title: str
    memberships: list[MembershipInput]
    clauses: list[ClauseInput] = []
    description: str | None = None
    timezone: str = "UTC"
    effective_from: datetime | None = None
    effective_to: datetime | None = None


class AgreementUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """A partial update of a draft; absent fields stay as they are. `clauses` replaces the whole draft set."""

    title: str | msgspec.UnsetType = msgspec.UNSET
    description: str | None | msgspec.UnsetType = msgspec.UNSET
    timezone: str | msgspec.UnsetType = msgspec.UNSET
    effective_from: datetime | None | msgspec.UnsetType = msgspec.UNSET
    effective_to: datetime | None | msgspec.UnsetType = msgspec.UNSET
    memberships: list[MembershipInput] | msgspec.UnsetType = msgspec.UNSET
    clauses: list[ClauseInput] | msgspec.UnsetType = msgspec.UNSET


class AgreementFilter(msgspec.Struct):
    status: str | None = None
    role: str | None = None
    counter_party: uuid.UUID | None = None
    as_of: datetime | None = None


class VersionProposal(msgspec.Struct, forbid_unknown_fields=True):
    """An amendment. `mode: replace` gives the whole clause set; `merge` upserts by key and drops `remove`."""

    clauses: list[ClauseInput] | None = None
    mode: ProposalMode = ProposalMode.MERGE
    remove: list[str] = []
    summary: str | None = None
    effective_from: datetime | None = None


class Decision(msgspec.Struct, forbid_unknown_fields=True):
    comment: str | None = None
    # Accepted only to refuse it clearly: a party decides for itself, never for another.
    party_id: uuid.UUID | None = None


class ReviewCycleInput(msgspec.Struct, forbid_unknown_fields=True):
    cadence: str
    notice: str | None = None
    participants: list[str] = []


class ReviewCompletion(msgspec.Struct, forbid_unknown_fields=True):
    outcome: ReviewOutcome
    participants: list[str] = []
    findings: str | None = None
    # For `amendment_proposed`: either propose here (the usual amendment flow) or name a version already proposed.
    amendment: VersionProposal | None = None
    proposed_version: int | None = None


class ReviewCancellation(msgspec.Struct, forbid_unknown_fields=True):
    reason: str | None = None


class ReviewSchedule(msgspec.Struct, forbid_unknown_fields=True):
    due_at: datetime
    participants: list[str] = []


class CheckedClause(msgspec.Struct, frozen=True):
    """A clause whose key, title and terms passed validation: ready to be stored."""

    key: str
    kind: ClauseKind
    title: str
    body: str
    terms: dict[str, Any]
    shared_with_third_parties: bool


def check_text(value: str, *, field: str, max_length: int) -> None:
    if not value.strip():
        raise InvalidInput(f"{field} must not be empty", field=field)
    if len(value) > max_length:
        raise InvalidInput(f"{field} must be at most {max_length} characters", field=field)


def check_agreement_timezone(value: str) -> None:
    try:
        check_timezone(value)
    except ValueError as exc:
        raise InvalidInput(str(exc), field="timezone") from None


def check_period(effective_from: datetime | None, effective_to: datetime | None) -> None:
    for name, value in (("effective_from", effective_from), ("effective_to", effective_to)):
        if value is not None:
            instant_input(value, what=name)
    if effective_from and effective_to and effective_to <= effective_from:
        raise InvalidInput("effective_to must be after effective_from", field="effective_to")


def validate_clauses(clauses: list[ClauseInput], *, field: str = "clauses") -> list[CheckedClause]:
    seen: set[str] = set()
    checked = []
    for index, clause in enumerate(clauses):
        where = f"{field}[{index}]"
        if not clause.key or len(clause.key) > 100 or not all(ch.isalnum() or ch in "-_." for ch in clause.key):
            raise InvalidInput("clause keys are 1–100 letters, digits, '-', '_' or '.'", field=f"{where}.key")
        if clause.key in seen:
            raise InvalidInput(f"clause key {clause.key!r} appears twice", field=f"{where}.key")
        seen.add(clause.key)
        check_text(clause.title, field=f"{where}.title", max_length=300)
        terms = validate_terms(clause.kind, clause.terms, field=f"{where}.terms")
        checked.append(
            CheckedClause(
                key=clause.key,
                kind=ClauseKind(clause.kind),
                title=clause.title,
                body=clause.body,
                terms=terms,
                shared_with_third_parties=clause.shared_with_third_parties,
            )
        )
    return checked
