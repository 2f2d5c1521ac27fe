"""The applicable-SLA lookup as a compiled read: the hot path of every ticketing integration.

An accepted version never changes, so what the lookup derives from it — its clauses as each role sees them, the
service-level targets with their parsed durations, the escalation levels, and the schedules with their holidays and
closures — is compiled once per process and kept by version id. Stored calendars can change: a schedule built from
one is kept by (calendar id, calendar version), and the lookup's query returns the current version of every calendar
the version's clauses name, so an edited calendar is used from the next request on.

Which agreement and version apply is never cached: it is the one statement a request costs (customer → the caller's
agreements in effect → their current version → the versions of the calendars they name), so a change is seen by
the next request on every instance, with no invalidation to get wrong. When the request has not started a
transaction, that statement runs on an autocommit connection: no BEGIN/ROLLBACK round trips around a read.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

import msgspec
from sqlalchemy import Row, bindparam, select, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.types import DateTime, String, Uuid

from db.models import Calendar, Clause
from db.reading import LazyReader, Reader, ReadSource, reading
from db.values import AgreementStatus, Metric
from services.actors import Actor
from services.agreements.clause_terms import visible_to_role
from services.errors import NotFound
from services.ticketing.applicable_mapping import MAPPINGS, read_mapping
from services.ticketing.bounded_cache import BoundedCache
from services.ticketing.business_time import Schedule, add_business_each, open_intervals, skipped_dates
from services.ticketing.calendars import BUILT_SCHEDULES, calendar_references, schedule_of, shared_always_open
from services.ticketing.sla_clock import Facts, MatchedTarget, match_targets, target_duration
from services.ticketing.views import (
    AgreementRef,
    ApplicableExplanation,
    ApplicableSla,
    ApplicableTarget,
    CalendarUsed,
    EscalationTime,
    OpenWindow,
    SkippedDate,
    TargetExplanation,
    VersionRef,
    WarningTime,
)
from services.values import instant_input

MEMO_PER_VIEW = 64
MAX_WINDOWS_SHOWN = 20  # an explanation lists the first open windows a deadline consumed, not years of them


class ApplicableQuery(msgspec.Struct):
    customer: str
    opened_at: datetime
    service: str | None = None
    priority: str | None = None
    attributes: dict[str, str] = {}
    # The agreement to use when the customer has several in effect (else the latest effective_from wins).
    agreement: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class CompiledClause:
    key: str
    kind: str
    title: str
    terms: dict[str, Any]
    shared_with_third_parties: bool


@dataclass(slots=True)
class RoleView:
    """A version as a member with one role sees it (None: the operator)."""

    clauses: tuple[CompiledClause, ...]
    service_levels: list[tuple[str, dict[str, Any]]]
    escalation: list[tuple[dict[str, Any], timedelta]]
    durations: dict[str, timedelta] = field(default_factory=dict)  # by ISO 8601 text
    # Memos of what ingestion asks of a view for every ticket, each emptied when it reaches MEMO_PER_VIEW entries
    # (the view itself lives in the bounded VERSIONS cache): the targets a ticket's facts match, the schedule of
    # every target (by zone, first year and calendar stamps), and the stored calendars the targets may name.
    matches: dict[tuple[Any, ...], list[MatchedTarget]] = field(default_factory=dict)
    schedules: dict[tuple[Any, ...], dict[str, Schedule]] = field(default_factory=dict)
    named_calendars: frozenset[uuid.UUID] | None = None

    def duration(self, iso: str) -> timedelta:
        found = self.durations.get(iso)
        if found is None:
            found = self.durations[iso] = target_duration(iso)
        return found

    def matching(self, facts: Facts) -> list[MatchedTarget]:
        """The targets a ticket with these facts matches (first match per metric); the list is shared: read it."""
        key = (facts.service, facts.priority, tuple(sorted(facts.attributes.items())))
        found = self.matches.get(key)
        if found is None:
            if len(self.matches) >= MEMO_PER_VIEW:
                self.matches.clear()
            found = self.matches[key] = match_targets(self.service_levels, facts)[0]
        return found

    def calendars_named(self) -> frozenset[uuid.UUID]:
        """The stored calendars the schedules of this view's targets may read."""
        if self.named_calendars is None:
            self.named_calendars = frozenset().union(
                *(
                    calendar_references(target.get("calendar"), self.clauses)
                    for _, terms in self.service_levels
                    for target in terms.get("targets", [])
                )
            )
        return self.named_calendars


@dataclass(slots=True)
class CompiledVersion:
    id: uuid.UUID
    clauses: tuple[CompiledClause, ...]
    views: dict[str | None, RoleView] = field(default_factory=dict)

    def seen_by(self, role: str | None) -> RoleView:
        view = self.views.get(role)
        if view is None:
            visible = tuple(c for c in self.clauses if visible_to_role(c.kind, c.shared_with_third_parties, role))
            escalation = next((c for c in visible if c.kind == "escalation"), None)
            levels = [
                (level, target_duration(level["after"]))
                for level in (escalation.terms if escalation else {}).get("levels", [])
            ]
            view = self.views[role] = RoleView(
                visible, [(c.key, c.terms) for c in visible if c.kind == "service_level"], levels
            )
        return view


# Accepted versions are immutable: a compiled one stays right for as long as the process lives.
VERSIONS: BoundedCache[uuid.UUID, CompiledVersion] = BoundedCache(4096)
# (version, role, schedule reference or "calendar time", agreement zone, first year, stamps of its calendars) → the
# schedule (shared by content, `calendars.BUILT_SCHEDULES`) and what it came from.
SCHEDULES: BoundedCache[tuple[Any, ...], tuple[Schedule, CalendarUsed]] = BoundedCache(16384)
CALENDAR_TIME = "calendar time"


def configure(*, versions: int, schedules: int, built_schedules: int, mappings: int) -> None:
    """Size the per-process caches of the ticketing hot paths (from the settings, when the app is built)."""
    VERSIONS.resize(versions)
    SCHEDULES.resize(schedules)
    BUILT_SCHEDULES.resize(built_schedules)
    MAPPINGS.resize(mappings)


def schedule_key(
    version_id: uuid.UUID, role: str | None, target: dict[str, Any], zone: str, years: range, stamps: tuple[Any, ...]
) -> tuple[Any, ...]:
    """What the schedule a target runs on depends on: targets naming the same calendar share an entry."""
    reference = CALENDAR_TIME if target.get("time", "business") == "calendar" else target.get("calendar")
    return (version_id, role, reference, zone, years.start, stamps)


_LOOKUP_SQL = """
WITH customer AS (
    SELECT id FROM parties WHERE id = :party_id
    UNION ALL
    SELECT party_id FROM party_external_refs WHERE system = :system AND external_id = :external_id
    LIMIT 1
)
SELECT customer.id AS customer_id, found.*
FROM customer
LEFT JOIN LATERAL (
    SELECT a.id, a.reference, a.title, a.timezone, a.status, a.effective_from AS agreement_from, a.created_at,
           caller.role, v.id AS version_id, v.number, v.effective_from, stamps.calendars
    FROM agreement_memberships AS named
    JOIN agreements AS a ON a.id = named.agreement_id
    {caller_join} agreement_memberships AS caller
        ON caller.agreement_id = a.id AND caller.party_id = :caller_id {caller_roles}
    LEFT JOIN LATERAL (
        SELECT av.id, av.number, av.effective_from FROM agreement_versions AS av
        WHERE av.agreement_id = a.id AND av.status = 'accepted' AND coalesce(av.effective_from, av.decided_at) <= :at
        ORDER BY av.number DESC LIMIT 1
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
      AND (a.effective_from IS NULL OR a.effective_from <= :at)
      AND (a.effective_to IS NULL OR a.effective_to > :at)
      AND (CAST(:agreement_id AS uuid) IS NULL OR a.id = :agreement_id)
) AS found ON true
"""
_NEWEST_FIRST = "found.agreement_from DESC NULLS LAST, found.created_at DESC"

# The same lookup for many (customer, instant, agreement) questions at once, answered in the order asked (`n`).
_MANY_SQL = """
SELECT q.n, found.* FROM unnest(
    CAST(:ns AS int[]), CAST(:party_ids AS uuid[]), CAST(:systems AS varchar[]), CAST(:external_ids AS varchar[]),
    CAST(:ats AS timestamptz[]), CAST(:agreement_ids AS uuid[])
) AS q(n, party_id, system, external_id, at, agreement_id)
CROSS JOIN LATERAL ({one}) AS found
""".format(
    one=_LOOKUP_SQL.replace("CAST(:agreement_id AS uuid)", "q.agreement_id")
    .replace(":agreement_id", "q.agreement_id")
    .replace(":party_id", "q.party_id")
    .replace(":system", "q.system")
    .replace(":external_id", "q.external_id")
    .replace(":at", "q.at")
)


def _lookup_statement(caller_join: str, caller_roles: str) -> Any:
    sql = _LOOKUP_SQL.format(caller_join=caller_join, caller_roles=caller_roles)
    return (
        text(f"{sql} ORDER BY {_NEWEST_FIRST}")
        .bindparams(
            bindparam("party_id", type_=Uuid),
            bindparam("caller_id", type_=Uuid),
            bindparam("agreement_id", type_=Uuid),
            bindparam("at", type_=DateTime(timezone=True)),
            bindparam("system", type_=String),
            bindparam("external_id", type_=String),
        )
        .columns(calendars=JSONB)
    )


# Built once: a party sees the agreements it is a member of in one of the given roles; the operator sees all.
_AS_PARTY = _lookup_statement("JOIN", "AND caller.role = ANY(CAST(:roles AS varchar[]))")
_AS_OPERATOR = _lookup_statement("LEFT JOIN", "")


# What the stored calendars a version names are at (`calendars`): the lookup's schedules depend on it; ingestion
# matches tickets without it (it reads the calendars once per batch afterwards), which saves a JSON path scan of
# every candidate version's clauses.
_STAMPS = _LOOKUP_SQL[
    _LOOKUP_SQL.index("    LEFT JOIN LATERAL (\n        SELECT coalesce(") : _LOOKUP_SQL.index(
        "    WHERE named.party_id"
    )
]


def _many_statement(caller_join: str, caller_roles: str, *, stamps: bool = True) -> Any:
    sql = _MANY_SQL.format(caller_join=caller_join, caller_roles=caller_roles)
    if not stamps:
        sql = sql.replace(_STAMPS.format(), "").replace("stamps.calendars", "'{}'::jsonb AS calendars")
    return (
        text(f"{sql} ORDER BY q.n, {_NEWEST_FIRST}")
        .bindparams(bindparam("caller_id", type_=Uuid))
        .columns(calendars=JSONB)
    )


_MANY_AS_PARTY = _many_statement("JOIN", "AND caller.role = ANY(CAST(:roles AS varchar[]))")
_MANY_AS_OPERATOR = _many_statement("LEFT JOIN", "")
_MATCH_AS_PARTY = _many_statement("JOIN", "AND caller.role = ANY(CAST(:roles AS varchar[]))", stamps=False)
_MATCH_AS_OPERATOR = _many_statement("LEFT JOIN", "", stamps=False)
_CLAUSES = (
    select(Clause.key, Clause.kind, Clause.title, Clause.terms, Clause.shared_with_third_parties)
    .where(Clause.version_id == bindparam("version_id"))
    .order_by(Clause.position)
)
_CLAUSES_OF_MANY = (
    select(Clause.version_id, Clause.key, Clause.kind, Clause.title, Clause.terms, Clause.shared_with_third_parties)
    .where(Clause.version_id.in_(bindparam("ids", expanding=True)))
    .order_by(Clause.version_id, Clause.position)
)
_CALENDARS = select(Calendar).where(Calendar.id.in_(bindparam("ids", expanding=True)))


@dataclass(frozen=True, slots=True)
class Candidate:
    """One of the caller's agreements in effect for the customer, and the version that applies (None: none does)."""

    agreement: AgreementRef
    status: str
    role: str | None
    version: CompiledVersion | None
    number: int | None
    effective_from: datetime | None
    calendars: dict[str, str]


async def candidates_for(
    reader: Reader,
    actor: Actor,
    customer_ref: str,
    at: datetime,
    *,
    caller_roles: tuple[str, ...] = ("provider", "customer", "third_party"),
    agreement_id: uuid.UUID | None = None,
) -> tuple[uuid.UUID | None, list[Candidate]]:
    """The customer's id and the agreements in effect at `at` where it is the customer and the caller a member in
    one of `caller_roles`, newest first; only `agreement_id` when the caller names one. An unknown customer and
    someone else's customer answer alike: no id and no agreements."""
    party_id, system, external_id = _customer_ref(customer_ref)
    if party_id is None and system is None:
        return None, []
    params: dict[str, Any] = {
        "party_id": party_id,
        "system": system,
        "external_id": external_id,
        "caller_id": actor.party_id,
        "agreement_id": agreement_id,
        "at": at,
    }
    if actor.is_operator:
        rows = (await reader.execute(_AS_OPERATOR, params)).all()
    else:
        rows = (await reader.execute(_AS_PARTY, {**params, "roles": list(caller_roles)})).all()
    return await _candidates(reader, rows)


async def candidates_for_many(
    reader: Reader,
    actor: Actor,
    questions: list[tuple[str, datetime, uuid.UUID | None]],
    *,
    caller_roles: tuple[str, ...],
    with_calendars: bool = True,
) -> list[tuple[uuid.UUID | None, list[Candidate]]]:
    """`candidates_for` for each (customer ref, instant, agreement id) in `questions`, in one statement; without
    `with_calendars`, the candidates' `calendars` are left empty (cheaper, for a caller that reads them itself)."""
    asked = [(n, _customer_ref(ref), at, agreement_id) for n, (ref, at, agreement_id) in enumerate(questions)]
    asked = [a for a in asked if a[1] != (None, None, None)]
    by_question: dict[int, list[Row[Any]]] = {}
    rows: Sequence[Row[Any]] = []
    if asked:
        params: dict[str, Any] = {
            "ns": [n for n, *_ in asked],
            "party_ids": [ref[0] for _, ref, _, _ in asked],
            "systems": [ref[1] for _, ref, _, _ in asked],
            "external_ids": [ref[2] for _, ref, _, _ in asked],
            "ats": [at for *_, at, _ in asked],
            "agreement_ids": [agreement_id for *_, agreement_id in asked],
            "caller_id": actor.party_id,
        }
        if actor.is_operator:
            rows = (await reader.execute(_MANY_AS_OPERATOR if with_calendars else _MATCH_AS_OPERATOR, params)).all()
        else:
            statement = _MANY_AS_PARTY if with_calendars else _MATCH_AS_PARTY
            rows = (await reader.execute(statement, {**params, "roles": list(caller_roles)})).all()
        for row in rows:
            by_question.setdefault(row.n, []).append(row)
    compiled = await compiled_versions(reader, {row.version_id for row in rows if row.version_id is not None})
    return [await _candidates(reader, by_question.get(n, []), compiled) for n in range(len(questions))]


async def mapped_candidates(
    reader: Reader,
    actor: Actor,
    customer_ref: str,
    at: datetime,
    *,
    agreement_id: uuid.UUID | None = None,
    caller_roles: tuple[str, ...] = ("provider", "customer", "third_party"),
) -> tuple[uuid.UUID | None, list[Candidate]]:
    """`candidates_for`, from the per-process mapping (`applicable_mapping`) when it may be used: only on an
    autocommit reader (a request holding a transaction must see its own writes) while the outbox listener is up."""
    if not (MAPPINGS.usable and isinstance(reader, LazyReader | AsyncConnection)):
        return await candidates_for(
            reader, actor, customer_ref, at, caller_roles=caller_roles, agreement_id=agreement_id
        )
    customer = _customer_ref(customer_ref)
    if customer == (None, None, None):
        return None, []
    key = (actor.party_id, actor.is_operator, caller_roles, customer_ref, agreement_id)
    mapping = MAPPINGS.get(key, time.monotonic())
    if mapping is None:
        generation, read_at = MAPPINGS.generation, time.monotonic()
        mapping = await read_mapping(reader, actor, customer, caller_roles=caller_roles, agreement_id=agreement_id)
        MAPPINGS.put(key, mapping, generation=generation, read_at=read_at)
    found = []
    for mapped in mapping.agreements:
        if (mapped.effective_from is not None and mapped.effective_from > at) or (
            mapped.effective_to is not None and mapped.effective_to <= at
        ):
            continue
        version = next((v for v in mapped.versions if v.in_effect_from <= at), None)
        found.append(
            Candidate(
                mapped.agreement,
                mapped.status,
                mapped.role,
                await compiled_version(reader, version.id) if version is not None else None,
                version.number if version else None,
                version.effective_from if version else None,
                version.calendars if version else {},
            )
        )
    if mapping.customer_id is None or not found:
        return None, []
    return mapping.customer_id, found


def _customer_ref(ref: str) -> tuple[uuid.UUID | None, str | None, str | None]:
    """A party id, or an external ref `system:id`; (None, None, None) for neither."""
    try:
        return uuid.UUID(ref), None, None
    except ValueError:
        system, sep, external_id = ref.partition(":")
        return (None, system, external_id) if sep else (None, None, None)


async def _candidates(
    reader: Reader,
    rows: Sequence[Row[Any]],
    compiled: Mapping[uuid.UUID, CompiledVersion] | None = None,
) -> tuple[uuid.UUID | None, list[Candidate]]:
    if not rows or rows[0].id is None:
        return None, []
    found = []
    for row in rows:
        version = None
        if row.version_id is not None:
            version = (compiled or {}).get(row.version_id) or await compiled_version(reader, row.version_id)
        found.append(_candidate(row, version))
    return rows[0].customer_id, found


def _candidate(row: Row[Any], version: CompiledVersion | None) -> Candidate:
    agreement = AgreementRef(id=row.id, reference=row.reference, title=row.title, timezone=row.timezone)
    return Candidate(agreement, row.status, row.role, version, row.number, row.effective_from, row.calendars or {})


async def compiled_version(reader: Reader, version_id: uuid.UUID) -> CompiledVersion:
    version = VERSIONS.get(version_id)
    if version is None:
        rows = await reader.execute(_CLAUSES, {"version_id": version_id})
        version = VERSIONS.put(
            version_id, CompiledVersion(version_id, tuple(CompiledClause(*cast(tuple[Any, ...], r)) for r in rows))
        )
    return version


async def compiled_versions(reader: Reader, version_ids: set[uuid.UUID]) -> dict[uuid.UUID, CompiledVersion]:
    """`compiled_version` for many versions: those not compiled yet are read with one statement."""
    found: dict[uuid.UUID, CompiledVersion] = {}
    missing = []
    for version_id in version_ids:
        version = VERSIONS.get(version_id)
        if version is None:
            missing.append(version_id)
        else:
            found[version_id] = version
    if missing:
        clauses: dict[uuid.UUID, list[CompiledClause]] = {v: [] for v in missing}
        for row in await reader.execute(_CLAUSES_OF_MANY, {"ids": missing}):
            version_id, *clause = cast(tuple[Any, ...], row)
            clauses[version_id].append(CompiledClause(*clause))
        for version_id in missing:
            found[version_id] = VERSIONS.put(version_id, CompiledVersion(version_id, tuple(clauses[version_id])))
    return found


def years_around(at: datetime) -> range:
    return range(at.year - 1, at.year + 3)


def target_schedule(
    view: RoleView, target: dict[str, Any], zone: str, years: range, calendars: Mapping[uuid.UUID, Calendar]
) -> tuple[Schedule, CalendarUsed]:
    """The schedule `target` runs on, and what it came from; `calendars` holds the stored calendars it may name."""
    if target.get("time", "business") == "calendar":
        return shared_always_open(zone), CalendarUsed(kind="24x7", name=CALENDAR_TIME, timezone=zone)
    return schedule_of(target.get("calendar"), view.clauses, zone, years, calendars)


def target_schedules(
    view: RoleView,
    version_id: uuid.UUID,
    zone: str,
    years: range,
    stamps: tuple[Any, ...],
    calendars: Mapping[uuid.UUID, Calendar],
) -> dict[str, Schedule]:
    """The schedule each time target of the version runs on, by target key, as the operator sees the version (the
    view of role None): what replaying a ticket's events needs, looked up once per version, zone and years."""
    key = (zone, years.start, stamps)
    found = view.schedules.get(key)
    if found is None:
        found = {}
        for clause_key, terms in view.service_levels:
            for index, target in enumerate(terms.get("targets", [])):
                if target["metric"] == "availability":
                    continue
                cache_key = schedule_key(version_id, None, target, zone, years, stamps)
                compiled = SCHEDULES.get(cache_key) or SCHEDULES.put(
                    cache_key, target_schedule(view, target, zone, years, calendars)
                )
                found[MatchedTarget(clause_key, index, target, ()).key] = compiled[0]
        if len(view.schedules) >= MEMO_PER_VIEW:
            view.schedules.clear()
        view.schedules[key] = found
    return found


async def schedule_for(
    reader: Reader, candidate: Candidate, target: MatchedTarget, at: datetime
) -> tuple[Schedule, CalendarUsed]:
    """The schedule `target` runs on for a ticket opened at `at`, and what it came from: built once per version,
    role, zone, years and versions of the stored calendars it names."""
    assert candidate.version is not None
    zone, years = candidate.agreement.timezone, years_around(at)
    key = schedule_key(
        candidate.version.id, candidate.role, target.target, zone, years, tuple(sorted(candidate.calendars.items()))
    )
    found = SCHEDULES.get(key)
    if found is None:
        calendars: dict[uuid.UUID, Calendar] = {}
        if candidate.calendars:
            ids = [uuid.UUID(i) for i in candidate.calendars]
            calendars = {c.id: c for c in (await reader.execute(_CALENDARS, {"ids": ids})).scalars()}
        view = candidate.version.seen_by(candidate.role)
        found = SCHEDULES.put(key, target_schedule(view, target.target, zone, years, calendars))
    return found


def no_agreement(customer_ref: str, at: datetime) -> str:
    """The one answer for an unknown customer, someone else's customer, and one the caller may not report for."""
    return f"customer {customer_ref!r}: no agreement with you in effect at {at.isoformat()}"


async def applicable_sla(session: ReadSource, actor: Actor, query: ApplicableQuery, *, now: datetime) -> ApplicableSla:
    """Which agreement, version and targets apply to a ticket (`GET /v1/sla/applicable`, `applicableSla`)."""
    instant_input(query.opened_at, what="opened_at")
    found = await applicable(session, actor, query)
    if found is None:
        # Not yours and unknown answer alike: nothing tells the caller about others' customers or agreements.
        raise NotFound(no_agreement(query.customer, query.opened_at))
    return found


async def applicable(session: ReadSource, actor: Actor, query: ApplicableQuery) -> ApplicableSla | None:
    """The compiled read behind `applicable_sla`; None when the customer is unknown or not the caller's."""
    facts = Facts(query.service, query.priority, dict(query.attributes))
    async with reading(session) as reader:
        party_id, candidates = await mapped_candidates(
            reader, actor, query.customer, query.opened_at, agreement_id=query.agreement
        )
        if party_id is None:
            return None
        # Why the caller's agreements in effect do not apply: first those that cannot, then those whose targets miss.
        reasons, viable = [], []
        for candidate in candidates:
            reference = candidate.agreement.reference
            if candidate.status == AgreementStatus.SUSPENDED:
                reasons.append(f"{reference} is suspended")
            elif candidate.version is None:
                reasons.append(f"{reference} had no accepted version in effect at {query.opened_at.isoformat()}")
            else:
                viable.append(candidate)
        for candidate in viable:
            reference = candidate.agreement.reference
            assert candidate.version is not None
            view = candidate.version.seen_by(candidate.role)
            matched, misses = match_targets(view.service_levels, facts)
            if not matched:
                reasons.append(
                    f"{reference} v{candidate.number}: no target matches "
                    f"({'; '.join(misses) or 'no service-level targets'})"
                )
                continue
            targets = await _describe_targets(reader, candidate, view, matched, query.opened_at)
            return ApplicableSla(
                customer_party_id=party_id,
                agreement=candidate.agreement,
                version=VersionRef(
                    id=candidate.version.id, number=candidate.number, effective_from=candidate.effective_from
                ),
                opened_at=query.opened_at,
                targets=targets,
                reason=None,
                explanation=ApplicableExplanation(
                    agreement=f"{reference} is the agreement in effect for this customer at "
                    f"opened_at; version {candidate.number} applies",
                    not_matched=misses,
                ),
            )
    if not reasons:
        return None
    return ApplicableSla(
        customer_party_id=party_id,
        agreement=None,
        version=None,
        opened_at=query.opened_at,
        targets=[],
        reason="; ".join(reasons),
        explanation=ApplicableExplanation(not_matched=reasons),
    )


@dataclass(frozen=True, slots=True)
class _TargetPlan:
    target: MatchedTarget
    schedule: Schedule
    calendar: CalendarUsed
    percents: list[int]
    durations: list[timedelta]  # the deadline's, then each warning's, then each escalation's, all from opened_at


async def _describe_targets(
    reader: Reader, candidate: Candidate, view: RoleView, matched: list[MatchedTarget], opened_at: datetime
) -> list[ApplicableTarget]:
    """Each matched target's deadline, warnings, escalations and explanation. Everything starts at `opened_at`, so
    the instants of all targets on one schedule come from one walk of its calendar (compiled schedules are shared by
    content: targets on the same calendar hold the same object), not one walk per instant."""
    plans = []
    for target in matched:
        schedule, calendar = await schedule_for(reader, candidate, target, opened_at)
        duration = view.duration(target.target["duration"])
        percents = target.target.get("warn_at_percent") or []
        durations = [duration, *(duration * p / 100 for p in percents), *(after for _, after in view.escalation)]
        plans.append(_TargetPlan(target, schedule, calendar, percents, durations))
    instants: list[list[datetime]] = [[] for _ in plans]
    by_schedule: dict[int, list[int]] = {}
    for index, plan in enumerate(plans):
        by_schedule.setdefault(id(plan.schedule), []).append(index)
    for indexes in by_schedule.values():
        walked = add_business_each(
            plans[indexes[0]].schedule, opened_at, [d for i in indexes for d in plans[i].durations]
        )
        for i in indexes:
            instants[i], walked = walked[: len(plans[i].durations)], walked[len(plans[i].durations) :]
    return [_describe_target(plan, view, opened_at, found) for plan, found in zip(plans, instants, strict=True)]


def _describe_target(
    plan: _TargetPlan, view: RoleView, opened_at: datetime, instants: list[datetime]
) -> ApplicableTarget:
    target, schedule, percents = plan.target, plan.schedule, plan.percents
    due_at, *later = instants
    warned_at, escalated_at = later[: len(percents)], later[len(percents) :]
    windows = []
    for a, b in open_intervals(schedule, opened_at, due_at):
        windows.append(OpenWindow(from_=a, to=b))
        if len(windows) == MAX_WINDOWS_SHOWN:
            break
    return ApplicableTarget(
        metric=Metric(target.target["metric"]),
        target_key=target.key,
        clause_key=target.clause_key,
        duration=target.target["duration"],
        time=target.target.get("time", "business"),
        calendar=plan.calendar,
        due_at=due_at,
        warnings=[WarningTime(percent=p, at=at) for p, at in zip(percents, warned_at, strict=True)],
        escalations=[
            EscalationTime(
                level=level["level"],
                at=at,
                after=level["after"],
                to=level.get("to"),
                channel=level.get("channel"),
            )
            for (level, _), at in zip(view.escalation, escalated_at, strict=True)
        ],
        pause_statuses=target.target.get("pause_statuses") or [],
        explanation=TargetExplanation(
            matched=f"target {target.key} of clause {target.clause_key} (position {target.index + 1})",
            because=list(target.reasons),
            windows=windows,
            skipped=[SkippedDate(date=d, reason=why) for d, why in skipped_dates(schedule, opened_at, due_at)],
        ),
    )


__all__ = [
    "ApplicableQuery",
    "Candidate",
    "applicable",
    "applicable_sla",
    "candidates_for",
    "candidates_for_many",
    "compiled_version",
    "compiled_versions",
    "configure",
    "no_agreement",
    "mapped_candidates",
    "reading",
    "schedule_for",
    "schedule_key",
    "target_schedules",
    "target_schedule",
    "years_around",
]
