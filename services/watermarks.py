"""A party's watermark: one value that changes whenever anything the party can read about its agreements changes.

Response caches validate a stored answer by it (`schema/response_cache.py`): an answer computed at watermark W is
served again only while the party's watermark is still W. It is read by one statement over the party's
memberships (index `agreement_memberships.party_id`) and it covers:

- every event about an agreement the party is a member of: `record_event` raises the agreement's
  `last_event_sequence` in the same transaction, and the agreement's `row_version` moves on every edit of its row;
- the set of agreements the party is a member of (joining or leaving one changes the digest even when the event
  that says so is not addressed to the party);
- events addressed to the party itself (`subject_party_id`: `party.updated`, `party.invited`, …), by the
  highest `events.position` it sees there (index `ix_events_subject_party_id_position`);
- the profiles of the parties it shares an agreement with (a rename is a `party.updated` event of the renamed
  party alone, so their `row_version`/`updated_at` are part of the digest);
- time: an answer that reads "now" (an agreement's status past its end, the version in effect) changes at the next
  `effective_to` or accepted version's `effective_from` after now, so the watermark also says until when an answer
  computed now holds (`valid_until`).

A watermark is compared for equality only, never ordered: any change, including one that removes what a party saw,
makes a different value.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.types import DateTime, Uuid

_WATERMARK = text(
    """
WITH mine AS (
    SELECT agreement_id FROM agreement_memberships WHERE party_id = :party_id
), seen AS (
    SELECT a.id, a.last_event_sequence, a.row_version, a.effective_to
    FROM agreements AS a JOIN mine ON a.id = mine.agreement_id
)
SELECT
    (SELECT coalesce(max(position), 0) FROM events WHERE subject_party_id = :party_id) AS own_events,
    (SELECT md5(coalesce(string_agg(id::text || ':' || last_event_sequence || ':' || row_version, ',' ORDER BY id), ''))
     FROM seen) AS agreements,
    (SELECT md5(coalesce(string_agg(p.id::text || ':' || p.row_version || ':' || p.updated_at, ',' ORDER BY p.id), ''))
     FROM parties AS p
     WHERE p.id = :party_id
        OR p.id IN (SELECT m.party_id FROM agreement_memberships AS m JOIN mine USING (agreement_id))) AS parties,
    (SELECT min(boundary) FROM (
        SELECT effective_to AS boundary FROM seen WHERE effective_to > :now
        UNION ALL
        SELECT v.effective_from FROM agreement_versions AS v JOIN mine ON v.agreement_id = mine.agreement_id
        WHERE v.status = 'accepted' AND v.effective_from > :now
    ) AS boundaries) AS valid_until
"""
).bindparams(bindparam("party_id", type_=Uuid), bindparam("now", type_=DateTime(timezone=True)))


@dataclass(frozen=True, slots=True)
class Watermark:
    """What a party can see, as one comparable value, and until when an answer computed now holds (None: no
    instant ahead changes it)."""

    value: str
    valid_until: datetime | None


async def party_watermark(reader: AsyncConnection | AsyncSession, party_id: uuid.UUID, now: datetime) -> Watermark:
    row: Any = (await reader.execute(_WATERMARK, {"party_id": party_id, "now": now})).one()
    return Watermark(f"{row.own_events}.{row.agreements}.{row.parties}", row.valid_until)


async def read_party_watermark(
    sessionmaker: async_sessionmaker[AsyncSession], party_id: uuid.UUID, now: datetime
) -> Watermark:
    """The watermark read on an autocommit connection (no BEGIN and ROLLBACK around one statement) when the
    sessionmaker is bound to an engine; on a session otherwise (tests bind one to their rolled-back transaction)."""
    bind = sessionmaker.kw.get("bind")
    if isinstance(bind, AsyncEngine):
        async with bind.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            return await party_watermark(connection, party_id, now)
    async with sessionmaker() as session:
        return await party_watermark(session, party_id, now)
