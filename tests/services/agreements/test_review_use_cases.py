"""Reviews through the use cases (services/agreements/reviews.py): completing with a typed amendment proposes a
version through the amendment flow, the cadence schedules the next review, and cancelling keeps the cycle going."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from db.models import AgreementVersion, Review
from db.values import ReviewCycleSource, ReviewOutcome, ReviewStatus, VersionStatus
from services.agreements.inputs import (
    ClauseInput,
    ReviewCancellation,
    ReviewCompletion,
    ReviewCycleInput,
    VersionProposal,
)
from services.agreements.reviews import cancel_review, complete_review, list_reviews, set_review_cycle
from services.errors import InvalidInput, NotFound
from tests.flows import OPERATOR, activate_agreement, party_actor, sla_clauses
from tests.support.procedures import PROCEDURE_CLAUSES


async def _reviewed(session, cast, clock):
    agreement = await activate_agreement(
        session, cast.provider, cast.customer, now=clock(), clauses=[*sla_clauses(), *PROCEDURE_CLAUSES]
    )
    (review,) = await session.scalars(select(Review).where(Review.agreement_id == agreement.id))
    return agreement, review


async def test_completing_with_an_amendment_proposes_it(session, cast, clock):
    agreement, review = await _reviewed(session, cast, clock)
    amendment = VersionProposal(
        summary="monthly reviews",
        clauses=[ClauseInput(key="review", kind="review", title="Monthly review", terms={"cadence": "P1M"})],
    )
    completion = ReviewCompletion(outcome=ReviewOutcome.AMENDMENT_PROPOSED, findings="too rare", amendment=amendment)
    completed = await complete_review(session, party_actor(cast.customer.id), review.id, completion, now=clock())
    assert (completed.status, completed.proposed_version_number) == (ReviewStatus.COMPLETED, 2)
    proposed = await session.scalar(
        select(AgreementVersion).where(AgreementVersion.agreement_id == agreement.id, AgreementVersion.number == 2)
    )
    assert (proposed.status, proposed.summary, proposed.proposed_by_party_id) == (
        VersionStatus.PROPOSED,
        "monthly reviews",
        cast.customer.id,
    )
    _, reviews = await list_reviews(session, OPERATOR, agreement.id)
    assert [r.status for r in reviews] == [ReviewStatus.COMPLETED, ReviewStatus.SCHEDULED]


@pytest.mark.parametrize(
    "completion, field",
    [
        (ReviewCompletion(outcome=ReviewOutcome.AMENDMENT_PROPOSED), "amendment"),
        (
            ReviewCompletion(outcome=ReviewOutcome.AMENDMENT_PROPOSED, amendment=VersionProposal(), proposed_version=1),
            "amendment",
        ),
        (ReviewCompletion(outcome=ReviewOutcome.NO_CHANGE, amendment=VersionProposal()), "outcome"),
    ],
)
async def test_an_amendment_outcome_needs_exactly_one_amendment(session, cast, clock, completion, field):
    _, review = await _reviewed(session, cast, clock)
    with pytest.raises(InvalidInput) as refused:
        await complete_review(session, party_actor(cast.provider.id), review.id, completion, now=clock())
    assert [p.field for p in refused.value.problems] == [field]
    assert review.status == ReviewStatus.SCHEDULED  # refused before anything changed


async def test_an_explicit_cycle_replaces_the_clause_and_cancelling_schedules_the_next(session, cast, clock):
    agreement, review = await _reviewed(session, cast, clock)
    cycle = await set_review_cycle(
        session, party_actor(cast.provider.id), agreement.id, ReviewCycleInput(cadence="P1M"), now=clock()
    )
    assert (cycle.source, cycle.cadence) == (ReviewCycleSource.EXPLICIT, "P1M")
    clock.now += timedelta(days=1)
    await cancel_review(session, OPERATOR, review.id, ReviewCancellation(reason="moved"), now=clock())
    _, reviews = await list_reviews(session, party_actor(cast.customer.id), agreement.id)
    assert [(r.status, r.cancel_reason) for r in reviews][0] == (ReviewStatus.CANCELLED, "moved")
    # The next one is a month after the cancelled one: the cadence is the explicit cycle's now.
    assert reviews[-1].status == ReviewStatus.SCHEDULED and 28 <= (reviews[-1].due_at - review.due_at).days <= 31


async def test_an_outsider_finds_no_review_and_a_bad_cadence_is_named(session, cast, clock):
    agreement, review = await _reviewed(session, cast, clock)
    with pytest.raises(NotFound):
        await cancel_review(session, party_actor(cast.outsider.id), review.id, ReviewCancellation(), now=clock())
    with pytest.raises(InvalidInput) as refused:
        await set_review_cycle(
            session, party_actor(cast.provider.id), agreement.id, ReviewCycleInput(cadence="quarterly"), now=clock()
        )
    assert [p.field for p in refused.value.problems] == ["cadence"]
