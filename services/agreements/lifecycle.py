"""The agreement and version state machines. Pure: no I/O."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime

from services.errors import Conflict

AGREEMENT_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "propose": (frozenset({"draft"}), "proposed"),
    "reopen": (frozenset({"proposed"}), "draft"),  # the first proposal was rejected or withdrawn
    "activate": (frozenset({"proposed"}), "active"),
    "suspend": (frozenset({"active"}), "suspended"),
    "resume": (frozenset({"suspended"}), "active"),
    "terminate": (frozenset({"draft", "proposed", "active", "suspended"}), "terminated"),
}

VERSION_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "propose": (frozenset({"draft"}), "proposed"),
    "accept": (frozenset({"proposed"}), "accepted"),
    "reject": (frozenset({"proposed"}), "rejected"),
    "withdraw": (frozenset({"draft", "proposed"}), "withdrawn"),
}

REQUIRED_ROLES = frozenset({"provider", "customer"})


def effective_status(status: str, effective_to: datetime | None, now: datetime) -> str:
    """Agreements past their end read as expired without anyone having to flip them."""
    if status in ("active", "suspended") and effective_to is not None and effective_to <= now:
        return "expired"
    return status


def agreement_transition(current: str, action: str) -> str:
    allowed, target = AGREEMENT_TRANSITIONS[action]
    if current not in allowed:
        raise Conflict(
            f"cannot {action} an agreement that is {current} (allowed from: {', '.join(sorted(allowed))})",
            "invalid_transition",
        )
    return target


def version_transition(current: str, action: str) -> str:
    allowed, target = VERSION_TRANSITIONS[action]
    if current not in allowed:
        raise Conflict(f"cannot {action} a version that is {current}", "invalid_transition")
    return target


def approval_outcome(signatories: set[uuid.UUID], decisions: Mapping[uuid.UUID, str]) -> str:
    """`rejected` as soon as one signatory rejects, `accepted` once all approved, else `pending`."""
    if any(decisions.get(p) == "rejected" for p in signatories):
        return "rejected"
    if signatories and all(decisions.get(p) == "approved" for p in signatories):
        return "accepted"
    return "pending"
