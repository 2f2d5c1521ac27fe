"""The agreement, version and review state machines, and the approval rule. Pure: no I/O."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime

from db.values import ReviewStatus, Role
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

# The signatories: an agreement needs both before a version is proposed, approved or activated.
REQUIRED_ROLES = frozenset({Role.PROVIDER, Role.CUSTOMER})
# A review still to be held.
OPEN_REVIEW = (ReviewStatus.SCHEDULED, ReviewStatus.DUE, ReviewStatus.OVERDUE)


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


def review_transition(current: str, action: str) -> str:
    """The review state machine: `scheduled → due → overdue`, and from any open status `completed | cancelled`."""
    allowed = {"due": ("scheduled",), "overdue": ("scheduled", "due"), "complete": OPEN_REVIEW, "cancel": OPEN_REVIEW}[
        action
    ]
    if current not in allowed:
        verb = {"complete": "complete", "cancel": "cancel"}.get(action, f"mark {action}")
        raise Conflict(f"cannot {verb} a review that is {current}", "invalid_transition")
    return {"due": "due", "overdue": "overdue", "complete": "completed", "cancel": "cancelled"}[action]
