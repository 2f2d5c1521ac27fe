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

import time
import uuid
from collections import OrderedDict
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


# Where migration 0090's triggers announce a change to anything a watermark reads (payload WATERMARK_PAYLOAD).
WATERMARK_CHANNEL = "sla_watermarks"
WATERMARK_PAYLOAD = "watermark"


class WatermarkMemo:
    """The watermarks this process read, kept until a change is notified on WATERMARK_CHANNEL.

    Used only while the process's LISTEN connection is up (`listener_changed`); an entry is dropped on any notified
    change, after `seconds` in any case (the bound on staleness should a notification be lost), and when the instant
    it was valid until has come. A read that a notification overtook is not kept (`generation`).
    """

    def __init__(self, size: int = 10_000) -> None:
        self.size = size
        self.seconds = 0.0
        self.listening = False
        self.generation = 0
        self._entries: OrderedDict[uuid.UUID, tuple[Watermark, float]] = OrderedDict()

    @property
    def usable(self) -> bool:
        return self.listening and self.seconds > 0

    def changed(self) -> None:
        self.generation += 1
        self._entries.clear()

    def listener_changed(self, listening: bool) -> None:
        self.listening = listening
        self.changed()

    def get(self, party_id: uuid.UUID, now: datetime, monotonic: float) -> Watermark | None:
        entry = self._entries.get(party_id)
        if entry is None:
            return None
        watermark, read_at = entry
        if monotonic - read_at > self.seconds or (watermark.valid_until is not None and now >= watermark.valid_until):
            del self._entries[party_id]
            return None
        return watermark

    def put(self, party_id: uuid.UUID, watermark: Watermark, *, generation: int, monotonic: float) -> None:
        if generation != self.generation or not self.usable:
            return
        self._entries[party_id] = (watermark, monotonic)
        self._entries.move_to_end(party_id)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)


WATERMARKS = WatermarkMemo()


async def read_party_watermark(
    sessionmaker: async_sessionmaker[AsyncSession], party_id: uuid.UUID, now: datetime
) -> Watermark:
    """The party's watermark: from this process's memo while no change was notified since it was read (no
    statement), else read on an autocommit connection (no BEGIN and ROLLBACK around one statement) when the
    sessionmaker is bound to an engine, or on a session (tests bind one to their rolled-back transaction)."""
    if WATERMARKS.usable:
        kept = WATERMARKS.get(party_id, now, time.monotonic())
        if kept is not None:
            return kept
        generation = WATERMARKS.generation
        watermark = await _read_party_watermark(sessionmaker, party_id, now)
        WATERMARKS.put(party_id, watermark, generation=generation, monotonic=time.monotonic())
        return watermark
    return await _read_party_watermark(sessionmaker, party_id, now)


async def _read_party_watermark(
    sessionmaker: async_sessionmaker[AsyncSession], party_id: uuid.UUID, now: datetime
) -> Watermark:
    bind = sessionmaker.kw.get("bind")
    if isinstance(bind, AsyncEngine):
        async with bind.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            return await party_watermark(connection, party_id, now)
    async with sessionmaker() as session:
        return await party_watermark(session, party_id, now)
