"""Parties for the agreement use-case tests: created by the real use case, in the test's rolled-back transaction."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from db.models import Party
from services.parties import PartyInput, create_party
from tests.factories import Clock
from tests.flows import OPERATOR


@dataclass
class Cast:
    provider: Party
    customer: Party
    third: Party
    outsider: Party


@pytest.fixture
async def cast(session, clock: Clock) -> Cast:
    async def party(name: str) -> Party:
        return await create_party(session, OPERATOR, PartyInput(name=name), now=clock())

    return Cast(await party("Acme"), await party("Globex"), await party("Globex Retail"), await party("Initech"))
