"""The agreement and version state machines and the approval rule (services/agreements/states.py, pure)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.agreements.states import (
    AGREEMENT_TRANSITIONS,
    REQUIRED_ROLES,
    VERSION_TRANSITIONS,
    agreement_transition,
    approval_outcome,
    effective_status,
    version_transition,
)
from services.errors import Conflict

AGREEMENT_STATUSES = ("draft", "proposed", "active", "suspended", "expired", "terminated")
VERSION_STATUSES = ("draft", "proposed", "accepted", "rejected", "withdrawn")

ALLOWED_AGREEMENT = {
    ("draft", "propose"): "proposed",
    ("proposed", "reopen"): "draft",
    ("proposed", "activate"): "active",
    ("active", "suspend"): "suspended",
    ("suspended", "resume"): "active",
    ("draft", "terminate"): "terminated",
    ("proposed", "terminate"): "terminated",
    ("active", "terminate"): "terminated",
    ("suspended", "terminate"): "terminated",
}
ALLOWED_VERSION = {
    ("draft", "propose"): "proposed",
    ("proposed", "accept"): "accepted",
    ("proposed", "reject"): "rejected",
    ("proposed", "withdraw"): "withdrawn",
    ("draft", "withdraw"): "withdrawn",
}


@pytest.mark.parametrize("status", AGREEMENT_STATUSES)
@pytest.mark.parametrize("action", sorted(AGREEMENT_TRANSITIONS))
def test_agreement_transitions_exactly_as_designed(status, action):
    expected = ALLOWED_AGREEMENT.get((status, action))
    if expected is None:
        with pytest.raises(Conflict) as caught:
            agreement_transition(status, action)
        assert caught.value.status == 409 and caught.value.code == "invalid_transition"
        assert status in caught.value.message
    else:
        assert agreement_transition(status, action) == expected


@pytest.mark.parametrize("status", VERSION_STATUSES)
@pytest.mark.parametrize("action", sorted(VERSION_TRANSITIONS))
def test_version_transitions_exactly_as_designed(status, action):
    expected = ALLOWED_VERSION.get((status, action))
    if expected is None:
        with pytest.raises(Conflict) as caught:
            version_transition(status, action)
        assert caught.value.status == 409 and caught.value.code == "invalid_transition"
    else:
        assert version_transition(status, action) == expected


@pytest.mark.parametrize("final", ["terminated", "expired"])
def test_final_states_allow_nothing(final):
    for action in AGREEMENT_TRANSITIONS:
        with pytest.raises(Conflict):
            agreement_transition(final, action)


@pytest.mark.parametrize("final", ["accepted", "rejected", "withdrawn"])
def test_decided_versions_are_immutable(final):
    for action in VERSION_TRANSITIONS:
        with pytest.raises(Conflict):
            version_transition(final, action)


def test_required_signatories_are_provider_and_customer():
    assert REQUIRED_ROLES == {"provider", "customer"}


NOW = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "effective_to", "expected"),
    [
        ("active", NOW - timedelta(seconds=1), "expired"),
        ("active", NOW, "expired"),
        ("active", NOW + timedelta(seconds=1), "active"),
        ("active", None, "active"),
        ("suspended", NOW - timedelta(days=1), "expired"),
        ("draft", NOW - timedelta(days=1), "draft"),
        ("proposed", NOW - timedelta(days=1), "proposed"),
        ("terminated", NOW - timedelta(days=1), "terminated"),
    ],
)
def test_effective_status_reads_past_end_as_expired(status, effective_to, expected):
    assert effective_status(status, effective_to, NOW) == expected


def test_approval_outcome_examples():
    a, b = uuid.uuid4(), uuid.uuid4()
    assert approval_outcome({a, b}, {}) == "pending"
    assert approval_outcome({a, b}, {a: "approved"}) == "pending"
    assert approval_outcome({a, b}, {a: "approved", b: "approved"}) == "accepted"
    assert approval_outcome({a, b}, {a: "approved", b: "rejected"}) == "rejected"
    assert approval_outcome({a, b}, {b: "rejected"}) == "rejected"
    # A decision by someone who is not a signatory counts for nothing.
    assert approval_outcome({a, b}, {a: "approved", uuid.uuid4(): "approved"}) == "pending"
    assert approval_outcome({a}, {uuid.uuid4(): "rejected"}) == "pending"
    # No signatories: nothing can be accepted.
    assert approval_outcome(set(), {a: "approved"}) == "pending"


@given(
    st.integers(1, 5).flatmap(
        lambda n: st.tuples(
            st.just([uuid.UUID(int=i + 1) for i in range(n)]),
            st.lists(st.sampled_from([None, "approved", "rejected"]), min_size=n, max_size=n),
        )
    )
)
def test_approval_outcome_property(case):
    signatories, choices = case
    decisions = {p: d for p, d in zip(signatories, choices, strict=True) if d is not None}
    outcome = approval_outcome(set(signatories), decisions)
    if "rejected" in choices:
        assert outcome == "rejected"
    elif all(c == "approved" for c in choices):
        assert outcome == "accepted"
    else:
        assert outcome == "pending"


@given(st.lists(st.sampled_from(sorted(AGREEMENT_TRANSITIONS)), max_size=12))
def test_any_sequence_of_actions_stays_in_known_statuses_and_terminated_is_final(actions):
    status = "draft"
    terminated = False
    for action in actions:
        try:
            status = agreement_transition(status, action)
        except Conflict:
            pass
        assert status in AGREEMENT_STATUSES
        terminated = terminated or status == "terminated"
        if terminated:
            assert status == "terminated"
