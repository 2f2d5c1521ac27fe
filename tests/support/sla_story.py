"""What consumers were told about a ticket's clocks must add up to the clocks as they finally are."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Event

OUTCOMES = {"sla.met": "met", "sla.breached": "breached"}
RETRACTIONS = {"sla.met_retracted": "met", "sla.breach_retracted": "breached"}


async def assert_consistent_story(
    session: AsyncSession, ticket_id: str, final: dict[tuple[str, str], str]
) -> Counter[str]:
    """`final` maps (metric, opened_by) to each clock's final status. Walks the ticket's outcome events in order:
    an outcome is announced only when none stands for that cycle, a retraction takes back the one that stands, and
    at the end exactly the final outcomes stand. Returns how many events of each type were told."""
    events = await session.scalars(
        select(Event)
        .where(Event.type.in_([*OUTCOMES, *RETRACTIONS]), Event.payload["ticket"]["id"].astext == ticket_id)
        .order_by(Event.position)
    )
    standing: dict[tuple[str, str], str] = {}
    told: Counter[str] = Counter()
    for event in events:
        told[event.type] += 1
        clock = event.payload["clock"]
        key = (clock["metric"], clock["opened_by"])
        if event.type in OUTCOMES:
            assert key not in standing, f"{event.type} for {key} while {standing.get(key)} stands, not retracted"
            standing[key] = OUTCOMES[event.type]
        else:
            assert standing.pop(key, None) == RETRACTIONS[event.type], f"{event.type} for {key}: nothing to retract"
            assert event.payload["retracted"] == f"sla.{RETRACTIONS[event.type]}"
    expected = {key: status for key, status in final.items() if status in ("met", "breached")}
    assert standing == expected
    return told
