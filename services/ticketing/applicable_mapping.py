"""The applicable-SLA lookup's customer → agreements → versions mapping, cached per process.

Which agreement and version apply to a ticket depends on the caller, the customer and the ticket's opening time.
The part that does not depend on the time — the caller's agreements with that customer (status, dates, role) and
each one's accepted versions with the instant each took effect and the versions of the stored calendars its
clauses name — is read by one statement and kept under (caller, roles, customer reference, agreement asked for);
the opening time is then applied in memory. A lookup answered from here runs no statement at all once its version
and schedules are compiled (`services/ticketing/applicable.py`).

Freshness: every change to what this maps (agreements' status and dates, memberships, accepted versions, external
refs, calendars) sends `NOTIFY sla_webhooks, 'applicable'` from a trigger on commit (migration 0050), and every
API process's `OutboxListener` drops the whole mapping when it arrives, so the next lookup on any instance reads
afresh. The cache is used only while that LISTEN connection is up (it is dropped on losing and on regaining the
connection), and an entry is never used more than `applicable_mapping_seconds` (default 5 s) after it was read:
that is the staleness bound should a notification be lost on a connection that still looks alive. A lookup
that read the database while a notification arrived does not keep what it read (generation check).
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import String, Uuid

from db.reading import Reader
from services.actors import Actor
from services.ticketing.views import AgreementRef

NOTIFY_PAYLOAD = "applicable"

_MAPPING_SQL = """
WITH customer AS (
    SELECT id FROM parties WHERE id = :party_id
    UNION ALL
    SELECT party_id FROM party_external_refs WHERE system = :system AND external_id = :external_id
    LIMIT 1
)
SELECT customer.id AS customer_id, found.*
FROM customer
LEFT JOIN LATERAL (
    SELECT a.id, a.reference, a.title, a.timezone, a.status, a.effective_from AS agreement_from,
           a.effective_to AS agreement_to, a.created_at, caller.role,
           v.id AS version_id, v.number, v.effective_from, v.in_effect_from, stamps.calendars
    FROM agreement_memberships AS named
    JOIN agreements AS a ON a.id = named.agreement_id
    {caller_join} agreement_memberships AS caller
        ON caller.agreement_id = a.id AND caller.party_id = :caller_id {caller_roles}
    LEFT JOIN LATERAL (
        SELECT av.id, av.number, av.effective_from, coalesce(av.effective_from, av.decided_at) AS in_effect_from
        FROM agreement_versions AS av
        WHERE av.agreement_id = a.id AND av.status = 'accepted'
    ) AS v ON a.status = 'active'
    LEFT JOIN LATERAL (
        SELECT coalesce(
            jsonb_object_agg(cal.id::text, coalesce(cal.weekly_windows->>'version', '1')), '{{}}'::jsonb
        ) AS calendars
        FROM calendars AS cal
        WHERE cal.id IN (
            SELECT CASE WHEN ref ~* '^[0-9a-f]{{8}}-?[0-9a-f]{{4}}-?[0-9a-f]{{4}}-?[0-9a-f]{{4}}-?[0-9a-f]{{12}}$'
                        THEN ref::uuid END
            FROM (
                SELECT cl.terms->>'calendar_id' AS ref FROM clauses AS cl
                WHERE cl.version_id = v.id AND cl.kind = 'schedule'
                UNION
                SELECT jsonb_path_query(cl.terms, '$.targets[*].calendar') #>> '{{}}' FROM clauses AS cl
                WHERE cl.version_id = v.id AND cl.kind = 'service_level'
            ) AS refs
        )
    ) AS stamps ON v.id IS NOT NULL
    WHERE named.party_id = customer.id AND named.role = 'customer'
      AND a.status IN ('active', 'suspended')
      AND (CAST(:agreement_id AS uuid) IS NULL OR a.id = :agreement_id)
) AS found ON true
"""


def _mapping_statement(caller_join: str, caller_roles: str) -> Any:
    return (
        text(_MAPPING_SQL.format(caller_join=caller_join, caller_roles=caller_roles))
        .bindparams(
            bindparam("party_id", type_=Uuid),
            bindparam("caller_id", type_=Uuid),
            bindparam("agreement_id", type_=Uuid),
            bindparam("system", type_=String),
            bindparam("external_id", type_=String),
        )
        .columns(calendars=JSONB)
    )


_AS_PARTY = _mapping_statement("JOIN", "AND caller.role = ANY(CAST(:roles AS varchar[]))")
_AS_OPERATOR = _mapping_statement("LEFT JOIN", "")


@dataclass(frozen=True, slots=True)
class MappedVersion:
    id: uuid.UUID
    number: int
    effective_from: datetime | None
    in_effect_from: datetime
    calendars: dict[str, str]


@dataclass(frozen=True, slots=True)
class MappedAgreement:
    agreement: AgreementRef
    status: str
    role: str | None
    effective_from: datetime | None
    effective_to: datetime | None
    created_at: datetime
    versions: tuple[MappedVersion, ...]  # accepted ones of an active agreement, newest first


@dataclass(frozen=True, slots=True)
class Mapping:
    customer_id: uuid.UUID | None
    agreements: tuple[MappedAgreement, ...]  # newest effective_from first, then newest created


class MappingCache:
    """(caller, roles, customer ref, agreement id) → Mapping, bounded, with a read time per entry."""

    def __init__(self, size: int = 16384) -> None:
        self.size = size
        self.seconds = 0.0
        self.listening = False
        self.generation = 0
        self._items: OrderedDict[tuple[Any, ...], tuple[float, Mapping]] = OrderedDict()

    @property
    def usable(self) -> bool:
        return self.listening and self.seconds > 0

    def __len__(self) -> int:
        return len(self._items)

    def resize(self, size: int) -> None:
        """A new bound; the least recently used entries beyond it are dropped now."""
        self.size = max(size, 0)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self.generation += 1
        self._items.clear()

    def get(self, key: tuple[Any, ...], now: float) -> Mapping | None:
        """The mapping kept under `key` if it was read at most `seconds` before `now` (a monotonic reading)."""
        found = self._items.get(key)
        if found is None:
            return None
        read_at, mapping = found
        if now - read_at > self.seconds:
            del self._items[key]
            return None
        self._items.move_to_end(key)
        return mapping

    def put(self, key: tuple[Any, ...], mapping: Mapping, *, generation: int, read_at: float) -> None:
        if generation != self.generation:
            return  # a change was notified while this was read: it may predate the change
        self._items[key] = (read_at, mapping)
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)


MAPPINGS = MappingCache()


def listener_changed(listening: bool) -> None:
    """`OutboxListener.on_live`: the mapping is used only while changes are heard, and starts empty each time."""
    MAPPINGS.listening = listening
    MAPPINGS.clear()


async def read_mapping(
    reader: Reader,
    actor: Actor,
    customer: tuple[uuid.UUID | None, str | None, str | None],
    *,
    caller_roles: tuple[str, ...],
    agreement_id: uuid.UUID | None,
) -> Mapping:
    """The mapping for a customer given as (party id, or external system and id)."""
    party_id, system, external_id = customer
    params: dict[str, Any] = {
        "party_id": party_id,
        "system": system,
        "external_id": external_id,
        "caller_id": actor.party_id,
        "agreement_id": agreement_id,
    }
    if actor.is_operator:
        rows = (await reader.execute(_AS_OPERATOR, params)).all()
    else:
        rows = (await reader.execute(_AS_PARTY, {**params, "roles": list(caller_roles)})).all()
    return _mapping(rows)


def _mapping(rows: Sequence[Any]) -> Mapping:
    if not rows or rows[0].customer_id is None:
        return Mapping(None, ())
    if rows[0].id is None:
        return Mapping(rows[0].customer_id, ())
    by_agreement: dict[uuid.UUID, list[Any]] = {}
    for row in rows:
        by_agreement.setdefault(row.id, []).append(row)
    agreements = []
    for agreement_rows in by_agreement.values():
        first = agreement_rows[0]
        versions = sorted(
            (
                MappedVersion(r.version_id, r.number, r.effective_from, r.in_effect_from, r.calendars or {})
                for r in agreement_rows
                if r.version_id is not None
            ),
            key=lambda v: v.number,
            reverse=True,
        )
        agreements.append(
            MappedAgreement(
                AgreementRef(id=first.id, reference=first.reference, title=first.title, timezone=first.timezone),
                first.status,
                first.role,
                first.agreement_from,
                first.agreement_to,
                first.created_at,
                tuple(versions),
            )
        )
    # The lookup's order: newest effective_from first (never-started last), then newest created.
    agreements.sort(key=lambda a: a.created_at, reverse=True)
    agreements.sort(key=lambda a: (a.effective_from is not None, a.effective_from or a.created_at), reverse=True)
    return Mapping(rows[0].customer_id, tuple(agreements))
