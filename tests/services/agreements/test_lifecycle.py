"""The lifecycle through the use cases (services/agreements/lifecycle.py): activation starts the review cadence and
the expiry notice, termination stops both, and who may do it is the policy table's."""

from __future__ import annotations

from datetime import timedelta

import msgspec
import pytest
from sqlalchemy import select

from db.models import Event, Review, Timer
from db.values import AgreementStatus, ReviewStatus, TimerStatus
from services.agreements.lifecycle import EXPIRY_NOTICE, announce_expiry, transition_agreement
from services.agreements.views import AgreementEventData
from services.errors import Conflict, NotFound
from tests.flows import OPERATOR, activate_agreement, party_actor, sla_clauses
from tests.support.procedures import PROCEDURE_CLAUSES


async def test_activation_schedules_the_first_review_and_the_expiry_notice(session, cast, clock):
    ends = clock() + timedelta(days=400)
    agreement = await activate_agreement(
        session,
        cast.provider,
        cast.customer,
        now=clock(),
        clauses=[*sla_clauses(), *PROCEDURE_CLAUSES],
        effective_to=ends,
    )
    assert agreement.status == AgreementStatus.ACTIVE and agreement.effective_from == clock()
    (review,) = await session.scalars(select(Review).where(Review.agreement_id == agreement.id))
    assert review.status == ReviewStatus.SCHEDULED and review.due_at.date() > clock().date()  # P3M from the start
    expiry = await session.scalar(
        select(Timer).where(Timer.kind == "agreement.expiring", Timer.key == str(agreement.id))
    )
    assert expiry.due_at == ends - EXPIRY_NOTICE


async def test_termination_cancels_the_open_review_and_the_expiry_notice(session, cast, clock):
    agreement = await activate_agreement(
        session,
        cast.provider,
        cast.customer,
        now=clock(),
        clauses=[*sla_clauses(), *PROCEDURE_CLAUSES],
        effective_to=clock() + timedelta(days=400),
    )
    clock.now += timedelta(days=1)
    await transition_agreement(
        session, party_actor(cast.customer.id), agreement.id, "terminate", now=clock(), reason="merged"
    )
    assert agreement.status == AgreementStatus.TERMINATED and agreement.effective_to == clock()
    (review,) = await session.scalars(select(Review).where(Review.agreement_id == agreement.id))
    assert review.status == ReviewStatus.CANCELLED and review.cancel_reason == "agreement terminated"
    expiry = await session.scalar(
        select(Timer).where(Timer.kind == "agreement.expiring", Timer.key == str(agreement.id))
    )
    assert expiry.status == TimerStatus.CANCELLED
    terminated = await session.scalar(
        select(Event).where(Event.agreement_id == agreement.id, Event.type == "agreement.terminated")
    )
    assert msgspec.convert(terminated.payload, AgreementEventData).reason == "merged"


async def test_the_operator_may_suspend_and_an_outsider_finds_nothing(session, cast, clock):
    agreement = await activate_agreement(session, cast.provider, cast.customer, now=clock())
    with pytest.raises(NotFound):
        await transition_agreement(session, party_actor(cast.outsider.id), agreement.id, "suspend", now=clock())
    suspended = await transition_agreement(session, OPERATOR, agreement.id, "suspend", now=clock())
    assert suspended.status == AgreementStatus.SUSPENDED
    with pytest.raises(Conflict) as refused:
        await transition_agreement(session, OPERATOR, agreement.id, "suspend", now=clock())
    assert refused.value.code == "invalid_transition"


async def test_the_expiry_notice_carries_the_end(session, cast, clock):
    ends = clock() + timedelta(days=40)
    agreement = await activate_agreement(session, cast.provider, cast.customer, now=clock(), effective_to=ends)
    timer = await session.scalar(
        select(Timer).where(Timer.kind == "agreement.expiring", Timer.key == str(agreement.id))
    )
    await announce_expiry(session, timer, ends - EXPIRY_NOTICE)
    event = await session.scalar(
        select(Event).where(Event.agreement_id == agreement.id, Event.type == "agreement.expiring")
    )
    assert msgspec.convert(event.payload, AgreementEventData).expires_at == ends
