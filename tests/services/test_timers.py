"""Timers fire at the right time, once, even with two workers; here: `agreement.expiring`."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select

from db.models import Event, Timer
from services.actors import PARTY_SCOPES, Actor
from services.agreements.lifecycle import transition_agreement
from tests.flows import activate_agreement
from tests.support.committed import committed_app
from worker.timers import fire_due_timers


async def _active_agreement(env, now, ends_in: timedelta):
    provider, customer = await env.party("Acme"), await env.party("Globex")
    async with env.sessionmaker.begin() as session:
        return await activate_agreement(
            session,
            provider,
            customer,
            now=now,
            effective_to=now + ends_in,
            clauses=[{"key": "g", "kind": "general", "title": "General"}],
            title="Fixed term",
        )


async def _expiring_events(env, agreement) -> int:
    return len(await env.event_types(agreement.id, "agreement.expiring"))


async def test_expiring_fires_once_at_its_time_with_two_workers(engine, database_url):
    async with committed_app(engine, database_url) as env:
        now = env.app.state.clock()
        agreement = await _active_agreement(env, now, ends_in=timedelta(days=90))
        async with env.sessionmaker() as session:
            timer = await session.scalar(select(Timer).where(Timer.key == str(agreement.id)))
        assert timer.due_at == agreement.effective_to - timedelta(days=30)

        await fire_due_timers(env.sessionmaker, now=now + timedelta(days=59))
        assert await _expiring_events(env, agreement) == 0

        due = now + timedelta(days=60, seconds=1)
        await asyncio.gather(*(fire_due_timers(env.sessionmaker, now=due) for _ in range(2)))
        assert await _expiring_events(env, agreement) == 1
        await fire_due_timers(env.sessionmaker, now=due + timedelta(days=1))
        assert await _expiring_events(env, agreement) == 1


async def test_termination_cancels_the_expiry_notice(engine, database_url):
    async with committed_app(engine, database_url) as env:
        now = env.app.state.clock()
        agreement = await _active_agreement(env, now, ends_in=timedelta(days=10))
        async with env.sessionmaker.begin() as session:
            member = (
                await session.scalars(
                    select(Event.actor_party_id).where(
                        Event.agreement_id == agreement.id, Event.type == "agreement.activated"
                    )
                )
            ).first()
            await transition_agreement(
                session, Actor(party_id=member, scopes=frozenset(PARTY_SCOPES)), agreement.id, "terminate", now=now
            )
        await fire_due_timers(env.sessionmaker, now=now + timedelta(days=20))
        assert await _expiring_events(env, agreement) == 0
