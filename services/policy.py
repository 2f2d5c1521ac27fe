"""Who may do what, in one table: for each use case that acts on an agreement or a dispute, the roles (or the
dispute sides) allowed and whether the operator is. The use cases call `require(...)`; scopes are checked earlier, at
the edge, and reading (not-yours answers not-found) is `services/scoping.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from db.values import Role
from services.actors import Actor
from services.errors import Forbidden

SIGNATORIES = frozenset({Role.PROVIDER, Role.CUSTOMER})


class Action(StrEnum):
    EDIT_DRAFT = "edit_draft"
    ACTIVATE_AGREEMENT = "activate_agreement"
    SUSPEND_AGREEMENT = "suspend_agreement"
    RESUME_AGREEMENT = "resume_agreement"
    TERMINATE_AGREEMENT = "terminate_agreement"
    PROPOSE_VERSION = "propose_version"
    DECIDE_VERSION = "decide_version"
    WITHDRAW_VERSION = "withdraw_version"
    SET_REVIEW_CYCLE = "set_review_cycle"
    SCHEDULE_REVIEW = "schedule_review"
    COMPLETE_REVIEW = "complete_review"
    CANCEL_REVIEW = "cancel_review"
    RECORD_USAGE = "record_usage"
    REPORT_INCIDENT = "report_incident"
    ACCEPT_MAINTENANCE = "accept_maintenance"
    MANAGE_PARTIES = "manage_parties"
    RECORD_MEASUREMENT = "record_measurement"
    SIMULATE_VERSION = "simulate_version"


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role]  # the caller's role on the agreement
    operator: bool  # whether the operator (no role) may act
    denied: str  # the 403's message
    code: str = "not_a_signatory"
    proposer_only: bool = False  # besides the role: only the party that proposed the version concerned


def _signatories(denied: str, *, operator: bool = True) -> Rule:
    return Rule(SIGNATORIES, operator, denied)


POLICY: dict[Action, Rule] = {
    Action.EDIT_DRAFT: _signatories("only the provider or the customer may edit the draft"),
    Action.ACTIVATE_AGREEMENT: _signatories("only the provider or the customer may activate the agreement"),
    Action.SUSPEND_AGREEMENT: _signatories("only the provider or the customer may suspend the agreement"),
    Action.RESUME_AGREEMENT: _signatories("only the provider or the customer may resume the agreement"),
    Action.TERMINATE_AGREEMENT: _signatories("only the provider or the customer may terminate the agreement"),
    # Agreeing is the parties' own act: the operator neither proposes nor decides.
    Action.PROPOSE_VERSION: _signatories("only the provider or the customer may propose a version", operator=False),
    Action.DECIDE_VERSION: _signatories(
        "only the provider and the customer approve or reject versions", operator=False
    ),
    # Withdrawing is taking back one's own proposal: any member role, but only the proposing party.
    Action.WITHDRAW_VERSION: Rule(
        frozenset(Role),
        True,
        "only the party that proposed a version may withdraw it",
        "not_the_proposer",
        proposer_only=True,
    ),
    Action.SET_REVIEW_CYCLE: _signatories("only the provider or the customer manage reviews"),
    Action.SCHEDULE_REVIEW: _signatories("only the provider or the customer manage reviews"),
    Action.COMPLETE_REVIEW: _signatories("only the provider or the customer manage reviews"),
    Action.CANCEL_REVIEW: _signatories("only the provider or the customer manage reviews"),
    Action.RECORD_USAGE: Rule(
        SIGNATORIES, True, "only the provider or the customer may do this", "not_allowed_for_role"
    ),
    Action.REPORT_INCIDENT: Rule(
        frozenset({Role.PROVIDER}), True, "only the provider may do this", "not_allowed_for_role"
    ),
    Action.ACCEPT_MAINTENANCE: Rule(
        frozenset({Role.CUSTOMER}), True, "only the customer may do this", "not_allowed_for_role"
    ),
    # Parties exist before any agreement: no role applies, only the operator creates and edits them.
    Action.MANAGE_PARTIES: Rule(frozenset(), True, "only the operator manages parties", "operator_only"),
    # Which of the two posts an indicator's measurements is the verification clause's word (its data source).
    Action.RECORD_MEASUREMENT: Rule(
        SIGNATORIES,
        False,
        "measurements come from the data source the verification clause names",
        "not_the_data_source",
    ),
    # A simulation shows charges and credits: for the signatories (and the operator), like statements.
    Action.SIMULATE_VERSION: Rule(
        SIGNATORIES, True, "only the provider or the customer may simulate a version", "not_a_signatory"
    ),
}


def require(action: Action, actor: Actor, role: str | None, *, proposer: bool = False) -> None:
    """Forbidden unless the table allows `actor` (with `role` on the agreement, and `proposer` when it proposed the
    version concerned) to take `action`."""
    rule = POLICY[action]
    if actor.is_operator and rule.operator:
        return
    if role not in rule.roles or (rule.proposer_only and not proposer):
        raise Forbidden(rule.denied, rule.code)


# ---------------------------------------------------------------- disputes: by side, not by role


class Side(StrEnum):
    RAISER = "raiser"
    RESPONDENT = "respondent"


@dataclass(frozen=True)
class DisputeRule:
    sides: frozenset[Side]
    operator: bool
    denied: str = ""  # the 403's message for a party on another side
    code: str = ""
    operator_denied: str = ""  # the 403's message for the operator, when it may not act


class DisputeAction(StrEnum):
    COMMENT = "comment"
    ACKNOWLEDGE = "acknowledge"
    ESCALATE = "escalate"
    RESOLVE = "resolve"
    RESOLVE_WHEN_RAISER_MUST_ACCEPT = "resolve_when_raiser_must_accept"
    REJECT = "reject"
    WITHDRAW = "withdraw"


_BOTH = frozenset(Side)

DISPUTE_POLICY: dict[DisputeAction, DisputeRule] = {
    DisputeAction.COMMENT: DisputeRule(_BOTH, False, operator_denied="comments come from the dispute's parties"),
    DisputeAction.ESCALATE: DisputeRule(_BOTH, True),
    DisputeAction.RESOLVE: DisputeRule(_BOTH, True),
    # When the agreement's procedure says so, only the raiser accepts a resolution (`raiser_must_accept`).
    DisputeAction.RESOLVE_WHEN_RAISER_MUST_ACCEPT: DisputeRule(
        frozenset({Side.RAISER}),
        True,
        "the dispute procedure says the raising party must accept the resolution",
        "raiser_must_accept",
    ),
    DisputeAction.ACKNOWLEDGE: DisputeRule(
        frozenset({Side.RESPONDENT}), False, "only the respondent may acknowledge a dispute", "not_the_respondent"
    ),
    DisputeAction.REJECT: DisputeRule(
        frozenset({Side.RESPONDENT}), False, "only the respondent may reject a dispute", "not_the_respondent"
    ),
    DisputeAction.WITHDRAW: DisputeRule(
        frozenset({Side.RAISER}), False, "only the party that raised a dispute may withdraw it", "not_the_raiser"
    ),
}


def require_dispute(action: DisputeAction, actor: Actor, side: Side | None, *, raiser_must_accept: bool) -> None:
    """Forbidden unless the table allows `actor` (on `side` of the dispute, or none) to take `action` on a dispute
    whose procedure says whether only the raiser accepts a resolution."""
    if action == DisputeAction.RESOLVE and raiser_must_accept:
        action = DisputeAction.RESOLVE_WHEN_RAISER_MUST_ACCEPT
    rule = DISPUTE_POLICY[action]
    if actor.is_operator:
        if not rule.operator:
            raise Forbidden(rule.operator_denied or f"only a party of the dispute may {action} it", "party_only")
        return
    if side not in rule.sides:
        raise Forbidden(rule.denied, rule.code)
