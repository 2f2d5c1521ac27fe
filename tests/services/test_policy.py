"""The policy table and the scoping rules, checked as written."""

from __future__ import annotations

import ast
import typing
import uuid
from collections import Counter
from pathlib import Path

import pytest

from db.values import Role
from services import policy, scoping
from services.actors import PARTY_SCOPES, Actor
from services.agreements.reviews import cycles_for, reviews_for
from services.billing.records import incidents_for
from services.errors import Forbidden
from tests.flows import OPERATOR

SERVICES = Path(__file__).parents[2] / "services"
PARTY = Actor(party_id=uuid.uuid4(), scopes=frozenset(PARTY_SCOPES))

# Uses of `Membership` left outside `scoping.py`, by file: the count may only go down. Membership writes (drafts)
# belong to their use case; the reads here (the agreement list filters, billing's customer joins, the event and
# ticket joins) are still to move. A new filter on `Membership` belongs in `services/scoping.py`.
MEMBERSHIP_READS_TO_MOVE = {
    "agreements/drafts.py": 11,
    "agreements/reads.py": 8,  # moved out of drafts.py: the member list and the signatories-joined check
    "agreements/invitations.py": 1,
    "billing/statements.py": 18,
    "events.py": 5,
    "ticketing/tickets.py": 5,
}


def _membership_filters(path: Path) -> int:
    """Uses of the `Membership` model (its columns in a filter, `aliased(Membership)`, a join), imports aside."""
    tree = ast.parse(path.read_text())
    return sum(1 for node in ast.walk(tree) if isinstance(node, ast.Name) and node.id == "Membership")


def test_memberships_are_filtered_only_in_scoping():
    found = Counter()
    for path in SERVICES.rglob("*.py"):
        relative = path.relative_to(SERVICES).as_posix()
        if relative != "scoping.py" and (count := _membership_filters(path)):
            found[relative] = count
    grown = {f: n for f, n in found.items() if n > MEMBERSHIP_READS_TO_MOVE.get(f, 0)}
    assert not grown, f"filter memberships in services/scoping.py, not here: {grown}"
    assert _membership_filters(SERVICES / "scoping.py") > 0


def test_the_scan_sees_a_membership_filter(tmp_path):
    source = tmp_path / "x.py"
    source.write_text("from db.models import Membership\nstmt = select(A).where(Membership.party_id == me)\n")
    assert _membership_filters(source) == 1
    source.write_text("member = aliased(Membership)\n")
    assert _membership_filters(source) == 1


@pytest.mark.parametrize("batch", [reviews_for, cycles_for, incidents_for])
def test_batch_reads_take_only_ids_scoping_produced(batch):
    assert typing.get_type_hints(batch)["agreement_ids"] is scoping.ReadableAgreementIds


def test_readable_among_keeps_the_agreements_the_party_is_on():
    mine, theirs = uuid.uuid4(), uuid.uuid4()
    roles = {mine: Role.CUSTOMER, theirs: None}
    assert scoping.readable_among(PARTY, [mine, theirs], roles) == (mine,)
    assert scoping.readable_among(OPERATOR, [mine, theirs], {}) == (mine, theirs)


def test_every_action_has_one_rule():
    assert set(policy.POLICY) == set(policy.Action)
    assert all(rule.denied for rule in policy.POLICY.values())


@pytest.mark.parametrize("action", list(policy.Action))
def test_policy_table_decides(action):
    rule = policy.POLICY[action]
    for role in Role:
        if role in rule.roles:
            policy.require(action, PARTY, role, proposer=True)
            if rule.proposer_only:
                with pytest.raises(Forbidden) as denied:
                    policy.require(action, PARTY, role, proposer=False)
                assert denied.value.code == rule.code
        else:
            with pytest.raises(Forbidden) as denied:
                policy.require(action, PARTY, role)
            assert denied.value.code == rule.code
    with pytest.raises(Forbidden):
        policy.require(action, PARTY, None)
    if rule.operator:
        policy.require(action, OPERATOR, None)
    else:
        with pytest.raises(Forbidden):
            policy.require(action, OPERATOR, None)


def test_the_operator_neither_proposes_nor_decides_versions_but_manages_the_rest():
    no_operator = {a for a, rule in policy.POLICY.items() if not rule.operator}
    # Measurements come from the data source a verification clause names, a party's integration: not the operator.
    assert no_operator == {
        policy.Action.PROPOSE_VERSION,
        policy.Action.DECIDE_VERSION,
        policy.Action.RECORD_MEASUREMENT,
    }
    assert policy.POLICY[policy.Action.REPORT_INCIDENT].roles == {Role.PROVIDER}
    assert policy.POLICY[policy.Action.ACCEPT_MAINTENANCE].roles == {Role.CUSTOMER}
    # Parties are the operator's alone; a version is withdrawn by whoever proposed it (or the operator).
    assert policy.POLICY[policy.Action.MANAGE_PARTIES].roles == frozenset()
    assert policy.POLICY[policy.Action.WITHDRAW_VERSION].proposer_only


@pytest.mark.parametrize("must_accept", [False, True])
def test_a_resolution_is_the_raisers_to_accept_when_the_procedure_says_so(must_accept):
    respondent = Actor(party_id=uuid.uuid4(), scopes=frozenset(PARTY_SCOPES))
    resolve = policy.DisputeAction.RESOLVE
    policy.require_dispute(resolve, respondent, policy.Side.RAISER, raiser_must_accept=must_accept)
    if must_accept:
        with pytest.raises(Forbidden) as denied:
            policy.require_dispute(resolve, respondent, policy.Side.RESPONDENT, raiser_must_accept=True)
        assert denied.value.code == "raiser_must_accept"
    else:
        policy.require_dispute(resolve, respondent, policy.Side.RESPONDENT, raiser_must_accept=False)
