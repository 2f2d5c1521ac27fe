"""Calendars (service hours): a party's own, the operator's shared ones and the built-in 24×7; and turning a
calendar, or a `schedule` clause, into the business-time `Schedule` that deadlines are computed on.

Stored shape (no migration needed for it): `weekly_windows` holds `{"days": {"mon": [{"start", "end"}], …},
"version": n, "updated_at": …}` because the table has no row-version column; `closures` holds one entry per
date, `{"date", "reason"?}` closing it or `{"date", "windows": [...], "reason"?}` giving its special hours.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Annotated, Any, Protocol

import holidays as holiday_data
import msgspec
from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Select

from db.models import Calendar, Clause
from services.actors import Actor
from services.agreements.clause_terms import check_holiday_region
from services.calendar_arithmetic import Minutes, merge_windows
from services.errors import Conflict, Forbidden, InvalidInput, NotFound, PreconditionFailed
from services.pagination import check_limit, cursor_instant, decode_cursor, encode_cursor
from services.ticketing.bounded_cache import BoundedCache
from services.ticketing.business_time import Schedule, always_open
from services.ticketing.views import (
    CalendarUsed,
    CalendarView,
    ClosedDate,
    HolidayRegion,
    SpecialHours,
    TimeWindow,
    WeekWindows,
)
from services.values import InvalidValue, check_timezone

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = date.weekday()
DEFAULT_CALENDAR_ID = uuid.UUID("00000000-0000-0000-0000-000000000247")
DEFAULT_CALENDAR_NAME = "24×7"
DEFAULT_REFERENCES = frozenset({"24x7", "24×7", str(DEFAULT_CALENDAR_ID)})
MAX_DATED_ENTRIES = 2000  # closures plus special hours: years of them, still a small JSON document

HHMM = Annotated[str, msgspec.Meta(description="HH:MM local time, 00:00–24:00", examples=["09:00"])]


# ---------------------------------------------------------------- input


class ScheduleSource(Protocol):
    """What schedule resolution reads of a clause: a `Clause` row or a compiled copy of one."""

    @property
    def key(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def terms(self) -> dict[str, Any]: ...


class WindowInput(msgspec.Struct, forbid_unknown_fields=True):
    start: HHMM
    end: HHMM


class WeeklyWindows(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """Opening windows per weekday; several per day allowed, overlapping or adjacent ones are merged."""

    mon: list[WindowInput] = []
    tue: list[WindowInput] = []
    wed: list[WindowInput] = []
    thu: list[WindowInput] = []
    fri: list[WindowInput] = []
    sat: list[WindowInput] = []
    sun: list[WindowInput] = []


class HolidaysInput(msgspec.Struct, forbid_unknown_fields=True):
    country: Annotated[
        str, msgspec.Meta(description="ISO 3166-1 alpha-2, as the `holidays` package knows it", examples=["FR"])
    ]
    subdivision: str | None = None


class ClosureInput(msgspec.Struct, forbid_unknown_fields=True):
    date: date
    reason: str | None = None


class SpecialHoursInput(msgspec.Struct, forbid_unknown_fields=True):
    date: date
    windows: list[WindowInput]
    reason: str | None = None


class CalendarInput(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    timezone: Annotated[str, msgspec.Meta(description="IANA time zone", examples=["Europe/Paris"])]
    weekly_windows: WeeklyWindows = msgspec.field(default_factory=WeeklyWindows)
    holidays: HolidaysInput | None = None
    closures: list[ClosureInput] = []
    special_hours: list[SpecialHoursInput] = []


class CalendarUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """A partial update: absent fields stay; a field that is present replaces the stored one wholly."""

    name: str | msgspec.UnsetType = msgspec.UNSET
    timezone: str | msgspec.UnsetType = msgspec.UNSET
    weekly_windows: WeeklyWindows | msgspec.UnsetType = msgspec.UNSET
    holidays: HolidaysInput | None | msgspec.UnsetType = msgspec.UNSET
    closures: list[ClosureInput] | msgspec.UnsetType = msgspec.UNSET
    special_hours: list[SpecialHoursInput] | msgspec.UnsetType = msgspec.UNSET


# ---------------------------------------------------------------- validation (pure)


def parse_hhmm(value: str, *, field: str, end: bool = False) -> int:
    """Minutes after local midnight for `HH:MM` (00:00–23:59; 24:00 too when it ends a window)."""
    hours, sep, minutes = value.partition(":")
    if (
        sep
        and len(hours) == 2
        and len(minutes) == 2
        and hours.isdigit()
        and minutes.isdigit()
        and int(minutes) < 60
        and (int(hours) < 24 or (end and value == "24:00"))
    ):
        return int(hours) * 60 + int(minutes)
    if value == "24:00":
        raise InvalidInput(
            f"{field} 24:00 only ends a window; a window starting at midnight starts at 00:00", field=field
        )
    raise InvalidInput(f"{field} must be HH:MM between 00:00 and 24:00, got {value!r}", field=field)


def format_minutes(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def check_windows(windows: Sequence[WindowInput], *, field: str, day: str | None = None) -> tuple[Minutes, ...]:
    """Windows as minutes, checked (within one day, end after start) and merged."""
    minutes: list[Minutes] = []
    for index, window in enumerate(windows):
        where = f"{field}[{index}]"
        start = parse_hhmm(window.start, field=f"{where}.start")
        end = parse_hhmm(window.end, field=f"{where}.end", end=True)
        if end < start:
            following = WEEKDAYS[(WEEKDAYS.index(day) + 1) % 7] if day else "the next day"
            raise InvalidInput(
                f"window {window.start}–{window.end} crosses midnight; split it into {window.start}–24:00 and "
                f"00:00–{window.end} on {following}",
                field=f"{where}.end",
            )
        if end == start:
            raise InvalidInput(
                f"window {window.start}–{window.end} is empty; a window must end after it starts", field=f"{where}.end"
            )
        minutes.append((start, end))
    return merge_windows(minutes)


def windows_document(windows: Iterable[Minutes]) -> list[dict[str, str]]:
    return [{"start": format_minutes(start), "end": format_minutes(end)} for start, end in windows]


def check_weekly(weekly: WeeklyWindows) -> dict[str, list[dict[str, str]]]:
    return {
        day: windows_document(check_windows(getattr(weekly, day), field=f"weekly_windows.{day}", day=day))
        for day in WEEKDAYS
    }


def check_holidays(value: HolidaysInput | None) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    if value.subdivision is not None and not 1 <= len(value.subdivision) <= 16:
        raise InvalidInput("holidays.subdivision must be 1–16 characters", field="holidays.subdivision")
    try:
        check_holiday_region(value.country, value.subdivision)
    except InvalidValue as exc:
        raise InvalidInput(str(exc), field=f"holidays.{exc.field or 'country'}") from None
    return value.country, value.subdivision


def check_dated(closures: Sequence[ClosureInput], special_hours: Sequence[SpecialHoursInput]) -> list[dict[str, Any]]:
    """Closures and special hours as one list of dated entries (one per date, in date order)."""
    if len(closures) + len(special_hours) > MAX_DATED_ENTRIES:
        raise InvalidInput(f"at most {MAX_DATED_ENTRIES} closures and special hours together", field="closures")
    seen: dict[date, str] = {}
    entries: list[dict[str, Any]] = []
    for index, closure in enumerate(closures):
        where = f"closures[{index}]"
        if closure.date in seen:
            raise InvalidInput(f"{closure.date} already appears at {seen[closure.date]}", field=f"{where}.date")
        seen[closure.date] = where
        entries.append({"date": closure.date.isoformat(), **_reason(closure.reason, where)})
    for index, special in enumerate(special_hours):
        where = f"special_hours[{index}]"
        if special.date in seen:
            raise InvalidInput(
                f"{special.date} already appears at {seen[special.date]}; a date is either closed or has special hours",
                field=f"{where}.date",
            )
        seen[special.date] = where
        if not special.windows:
            raise InvalidInput(
                "special hours need at least one window; to close the date, list it in closures",
                field=f"{where}.windows",
            )
        windows = check_windows(special.windows, field=f"{where}.windows")
        entries.append(
            {"date": special.date.isoformat(), "windows": windows_document(windows), **_reason(special.reason, where)}
        )
    return sorted(entries, key=lambda entry: entry["date"])


def _reason(reason: str | None, where: str) -> dict[str, str]:
    if reason is None:
        return {}
    if len(reason) > 200:
        raise InvalidInput("reason must be at most 200 characters", field=f"{where}.reason")
    return {"reason": reason}


def _check_name(name: str) -> str:
    if not name.strip():
        raise InvalidInput("name must not be empty", field="name")
    if len(name) > 200:
        raise InvalidInput("name must be at most 200 characters", field="name")
    return name


def _check_zone(name: str) -> str:
    try:
        check_timezone(name)
    except InvalidValue as exc:
        raise InvalidInput(str(exc), field="timezone") from None
    return name


# ---------------------------------------------------------------- stored shape


def _days(calendar: Calendar) -> dict[str, list[dict[str, str]]]:
    document = calendar.weekly_windows or {}
    days = document.get("days", document)  # rows written without the envelope hold the days themselves
    return {day: list(days.get(day, [])) for day in WEEKDAYS}


def calendar_version(calendar: Calendar) -> int:
    return int((calendar.weekly_windows or {}).get("version", 1))


def _updated_at(calendar: Calendar) -> datetime | None:
    raw = (calendar.weekly_windows or {}).get("updated_at")
    return datetime.fromisoformat(raw) if raw else calendar.created_at


def _envelope(days: dict[str, list[dict[str, str]]], version: int, now: datetime) -> dict[str, Any]:
    return {"days": days, "version": version, "updated_at": now.isoformat()}


def is_builtin(calendar: Calendar) -> bool:
    return calendar.id == DEFAULT_CALENDAR_ID


def default_calendar() -> Calendar:
    """The built-in 24×7 calendar: never stored, never added to a session."""
    return Calendar(
        id=DEFAULT_CALENDAR_ID,
        owner_party_id=None,
        name=DEFAULT_CALENDAR_NAME,
        timezone="UTC",
        weekly_windows={"days": {day: [{"start": "00:00", "end": "24:00"}] for day in WEEKDAYS}, "version": 1},
        holiday_country=None,
        holiday_subdivision=None,
        closures=[],
        created_at=None,
    )


def calendar_view(calendar: Calendar) -> CalendarView:
    dated = list(calendar.closures or [])
    days = {day: [TimeWindow(w["start"], w["end"]) for w in windows] for day, windows in _days(calendar).items()}
    return CalendarView(
        id=calendar.id,
        name=calendar.name,
        timezone=calendar.timezone,
        owner_party_id=calendar.owner_party_id,
        builtin=is_builtin(calendar),
        weekly_windows=WeekWindows(**days),
        holidays=(
            HolidayRegion(calendar.holiday_country, calendar.holiday_subdivision) if calendar.holiday_country else None
        ),
        closures=[ClosedDate(e["date"], e.get("reason")) for e in dated if "windows" not in e],
        special_hours=[
            SpecialHours(e["date"], [TimeWindow(w["start"], w["end"]) for w in e["windows"]], e.get("reason"))
            for e in dated
            if "windows" in e
        ],
        created_at=calendar.created_at,
        updated_at=_updated_at(calendar),
        version=calendar_version(calendar),
    )


# ---------------------------------------------------------------- scoping and use cases


def readable_calendars(actor: Actor) -> Select[Calendar]:
    """The operator sees every calendar; a party its own and the shared ones (no owner)."""
    stmt = select(Calendar)
    if not actor.is_operator:
        stmt = stmt.where(or_(Calendar.owner_party_id == actor.party_id, Calendar.owner_party_id.is_(None)))
    return stmt


async def create_calendar(session: AsyncSession, actor: Actor, data: CalendarInput, *, now: datetime) -> Calendar:
    """A calendar owned by the caller's party; the operator's have no owner and are shared with every party."""
    if actor.party_id is None and not actor.is_operator:
        raise Forbidden("calendars belong to a party; use a party token", "party_only")
    name, zone, days = _check_name(data.name), _check_zone(data.timezone), check_weekly(data.weekly_windows)
    country, subdivision = check_holidays(data.holidays)
    calendar = Calendar(
        id=uuid.uuid4(),
        owner_party_id=actor.party_id,
        name=name,
        timezone=zone,
        weekly_windows=_envelope(days, 1, now),
        holiday_country=country,
        holiday_subdivision=subdivision,
        closures=check_dated(data.closures, data.special_hours),
        created_at=now,
    )
    session.add(calendar)
    await session.flush()
    return calendar


async def get_calendar(
    session: AsyncSession, actor: Actor, calendar_id: uuid.UUID, *, for_update: bool = False
) -> Calendar:
    """A calendar the caller may read (the built-in 24×7 included); another party's answers NotFound."""
    if calendar_id == DEFAULT_CALENDAR_ID:
        return default_calendar()
    stmt = readable_calendars(actor).where(Calendar.id == calendar_id)
    if for_update:
        stmt = stmt.with_for_update()
    calendar = await session.scalar(stmt)
    if calendar is None:
        raise NotFound("calendar")
    return calendar


async def list_calendars(
    session: AsyncSession, actor: Actor, *, limit: int = 50, cursor: str | None = None
) -> tuple[list[Calendar], str | None]:
    """The built-in 24×7 first, then the caller's own and the shared calendars, oldest first."""
    check_limit(limit)
    stmt = readable_calendars(actor)
    items: list[Calendar] = []
    if cursor:
        created, ident = decode_cursor(cursor, 2)
        if created != "":  # "" marks a page that ended with the built-in calendar
            try:
                key = (cursor_instant(created), uuid.UUID(ident))
            except (AttributeError, TypeError, ValueError):
                raise InvalidInput("cursor is not one this API issued", field="cursor") from None
            stmt = stmt.where(func.row(Calendar.created_at, Calendar.id) > func.row(*key))
    else:
        items.append(default_calendar())
    room = limit - len(items)
    rows = list(await session.scalars(stmt.order_by(Calendar.created_at, Calendar.id).limit(room + 1)))
    items.extend(rows[:room])
    if len(rows) <= room:
        return items, None
    last = items[-1]
    if is_builtin(last):
        return items, encode_cursor("", "")
    return items, encode_cursor(last.created_at.isoformat(), str(last.id))


async def _editable(session: AsyncSession, actor: Actor, calendar_id: uuid.UUID, what: str) -> Calendar:
    if calendar_id == DEFAULT_CALENDAR_ID:
        raise Conflict(
            f"the built-in 24×7 calendar is read-only and cannot be {what}; create a calendar of your own instead",
            "builtin_calendar",
        )
    calendar = await get_calendar(session, actor, calendar_id, for_update=True)
    if calendar.owner_party_id is None and not actor.is_operator:
        raise Forbidden(f"shared calendars are {what} by the operator only", "operator_only")
    return calendar


async def update_calendar(
    session: AsyncSession,
    actor: Actor,
    calendar_id: uuid.UUID,
    changes: CalendarUpdate,
    *,
    expected_version: int | None,
    now: datetime,
) -> Calendar:
    calendar = await _editable(session, actor, calendar_id, "edited")
    version = calendar_version(calendar)
    if expected_version is not None and expected_version != version:
        raise PreconditionFailed("the calendar changed since you read it (ETag mismatch)")
    # Every field is checked before any is applied, so a bad one stores nothing.
    name = _check_name(changes.name) if changes.name is not msgspec.UNSET else calendar.name
    zone = _check_zone(changes.timezone) if changes.timezone is not msgspec.UNSET else calendar.timezone
    days = check_weekly(changes.weekly_windows) if changes.weekly_windows is not msgspec.UNSET else _days(calendar)
    if changes.holidays is not msgspec.UNSET:
        country, subdivision = check_holidays(changes.holidays)
    else:
        country, subdivision = calendar.holiday_country, calendar.holiday_subdivision
    if changes.closures is not msgspec.UNSET or changes.special_hours is not msgspec.UNSET:
        current = calendar_view(calendar)
        closures = (
            changes.closures
            if changes.closures is not msgspec.UNSET
            else [ClosureInput(date.fromisoformat(c.date), c.reason) for c in current.closures]
        )
        special = (
            changes.special_hours
            if changes.special_hours is not msgspec.UNSET
            else [
                SpecialHoursInput(
                    date.fromisoformat(s.date), [WindowInput(w.start, w.end) for w in s.windows], s.reason
                )
                for s in current.special_hours
            ]
        )
        calendar.closures = check_dated(closures, special)
    calendar.name, calendar.timezone = name, zone
    calendar.holiday_country, calendar.holiday_subdivision = country, subdivision
    calendar.weekly_windows = _envelope(days, version + 1, now)
    await session.flush()
    return calendar


async def delete_calendar(session: AsyncSession, actor: Actor, calendar_id: uuid.UUID) -> None:
    """Refused while any clause names the calendar: what parties agreed to must stay computable."""
    calendar = await _editable(session, actor, calendar_id, "deleted")
    ident = str(calendar.id)
    in_use = await session.scalar(
        select(func.count())
        .select_from(Clause)
        .where(
            or_(
                Clause.terms.contains({"calendar_id": ident}),
                Clause.terms.contains({"targets": [{"calendar": ident}]}),
            )
        )
    )
    if in_use:
        raise Conflict(
            f"the calendar is referenced by {in_use} clause(s) of agreements and cannot be deleted", "calendar_in_use"
        )
    await session.delete(calendar)
    await session.flush()


# ---------------------------------------------------------------- schedules (pure)


def holiday_dates(country: str, subdivision: str | None, years: Iterable[int]) -> dict[date, str]:
    """Public holidays by date with their names (English where the package has it)."""
    return dict(_holidays(country, subdivision, tuple(sorted(set(years)))))


@functools.lru_cache(maxsize=512)
def _holidays(country: str, subdivision: str | None, years: tuple[int, ...]) -> tuple[tuple[date, str], ...]:
    language = "en_US" if "en_US" in holiday_data.country_holidays(country).supported_languages else None
    table = holiday_data.country_holidays(country, subdiv=subdivision, years=years, language=language)
    return tuple(sorted(table.items()))


def _minutes_of(windows: Iterable[Mapping[str, str]]) -> tuple[Minutes, ...]:
    return merge_windows(
        (parse_hhmm(w["start"], field="start"), parse_hhmm(w["end"], field="end", end=True)) for w in windows
    )


# Schedules by what they are made of: the agreements whose schedule clauses (or calendars) say the same thing run on
# one `Schedule`, so the per-day memo it keeps is warm for all of them. A schedule is frozen and built only from
# its key's content, so an entry never goes stale; the bound (SLA_SCHEDULES_BUILT_CACHED) keeps memory flat.
BUILT_SCHEDULES: BoundedCache[bytes, Schedule] = BoundedCache(256)


def shared_always_open(zone: str) -> Schedule:
    """The 24×7 schedule of a zone, one per process (and zone)."""
    key = msgspec.json.encode(("24x7", zone))
    return BUILT_SCHEDULES.get(key) or BUILT_SCHEDULES.put(key, always_open(zone))


def _schedule(
    zone: str,
    days: Mapping[str, Iterable[Mapping[str, str]]],
    country: str | None,
    subdivision: str | None,
    dated: Iterable[Mapping[str, Any]],
    years: Iterable[int],
) -> Schedule:
    dated, years = list(dated), sorted(set(years))
    key = msgspec.json.encode(
        ("schedule", zone, {d: list(w) for d, w in days.items()}, country, subdivision, dated, years),
        order="deterministic",
    )
    found = BUILT_SCHEDULES.get(key)
    if found is None:
        found = BUILT_SCHEDULES.put(key, _build_schedule(zone, days, country, subdivision, dated, years))
    return found


def _build_schedule(
    zone: str,
    days: Mapping[str, Iterable[Mapping[str, str]]],
    country: str | None,
    subdivision: str | None,
    dated: Iterable[Mapping[str, Any]],
    years: Iterable[int],
) -> Schedule:
    names = dict(holiday_dates(country, subdivision, years)) if country else {}
    closed = set(names)
    special: dict[date, tuple[Minutes, ...]] = {}
    for entry in dated:
        day = date.fromisoformat(entry["date"])
        if entry.get("windows"):
            special[day] = _minutes_of(entry["windows"])
            if entry.get("reason"):
                names[day] = entry["reason"]
        else:
            closed.add(day)
            names[day] = entry.get("reason") or names.get(day) or "closed"
    weekly = {index: _minutes_of(days.get(day, ())) for index, day in enumerate(WEEKDAYS)}
    return Schedule(check_timezone(zone), {k: v for k, v in weekly.items() if v}, frozenset(closed), special, names)


def schedule_from_calendar(calendar: Calendar, years: Iterable[int]) -> Schedule:
    return _schedule(
        calendar.timezone,
        _days(calendar),
        calendar.holiday_country,
        calendar.holiday_subdivision,
        calendar.closures or [],
        years,
    )


def schedule_from_terms(schedule_terms: Mapping[str, Any], years: Iterable[int]) -> Schedule:
    """The schedule of an inline `schedule` clause (its terms, as validated and stored)."""
    if schedule_terms.get("calendar_id") is not None:
        raise ValueError("these terms name a calendar rather than define one; resolve them with resolve_schedule")
    holidays = schedule_terms.get("holidays") or {}
    return _schedule(
        schedule_terms.get("timezone") or "UTC",
        schedule_terms.get("weekly_windows") or {},
        holidays.get("country"),
        holidays.get("subdivision"),
        schedule_terms.get("closures") or [],
        years,
    )


async def resolve_schedule(
    session: AsyncSession, reference: str | None, clauses: Sequence[Clause], agreement_timezone: str, years: range
) -> tuple[Schedule, CalendarUsed]:
    """The schedule a target runs on, and what it came from (for explanations): `schedule_of` with the calendars
    it names read from the database."""
    named = calendar_references(reference, clauses)
    calendars = (
        {c.id: c for c in await session.scalars(select(Calendar).where(Calendar.id.in_(named)))} if named else {}
    )
    return schedule_of(reference, clauses, agreement_timezone, years, calendars)


def calendar_references(reference: str | None, clauses: Sequence[ScheduleSource]) -> set[uuid.UUID]:
    """The stored calendars `schedule_of(reference, clauses, …)` may read."""
    refs = [reference] + [(c.terms or {}).get("calendar_id") for c in clauses if c.kind == "schedule"]
    return {calendar_id for ref in refs if (calendar_id := _calendar_id(ref)) is not None}


def schedule_of(
    reference: str | None,
    clauses: Sequence[ScheduleSource],
    agreement_timezone: str,
    years: range,
    calendars: Mapping[uuid.UUID, Calendar],
) -> tuple[Schedule, CalendarUsed]:
    """The schedule a target runs on, and what it came from (for explanations). Pure: `calendars` holds the stored
    calendars among `calendar_references(reference, clauses)`; one missing from it does not exist.

    `reference` is a calendar id, "24x7" or the key of a `schedule` clause among `clauses`; None means the first
    `schedule` clause, else 24×7 in the agreement's zone. Calendars named by a clause are read whoever owns them:
    the clause's parties agreed on them.
    """
    schedules = [c for c in clauses if c.kind == "schedule"]
    if reference is None:
        if not schedules:
            return _always_open(agreement_timezone)
        return _from_clause(schedules[0], agreement_timezone, years, calendars)
    if reference in DEFAULT_REFERENCES:
        return _always_open(agreement_timezone)
    for clause in schedules:
        if clause.key == reference:
            return _from_clause(clause, agreement_timezone, years, calendars)
    calendar = _stored(reference, calendars)
    if calendar is None:
        raise InvalidInput(
            f"calendar {reference!r} names no calendar and no schedule clause of this agreement", field="calendar"
        )
    return schedule_from_calendar(calendar, years), _calendar_source(calendar)


def _always_open(zone: str) -> tuple[Schedule, CalendarUsed]:
    return shared_always_open(zone), CalendarUsed(
        kind="24x7", id=DEFAULT_CALENDAR_ID, name=DEFAULT_CALENDAR_NAME, timezone=zone
    )


def _calendar_source(calendar: Calendar) -> CalendarUsed:
    return CalendarUsed(kind="calendar", id=calendar.id, name=calendar.name, timezone=calendar.timezone)


def _calendar_id(reference: str | None) -> uuid.UUID | None:
    if reference is None or reference in DEFAULT_REFERENCES:
        return None
    try:
        return uuid.UUID(reference)
    except ValueError:
        return None


def _stored(reference: str, calendars: Mapping[uuid.UUID, Calendar]) -> Calendar | None:
    calendar_id = _calendar_id(reference)
    return calendars.get(calendar_id) if calendar_id is not None else None


def _from_clause(
    clause: ScheduleSource, agreement_timezone: str, years: range, calendars: Mapping[uuid.UUID, Calendar]
) -> tuple[Schedule, CalendarUsed]:
    terms = clause.terms or {}
    calendar_ref = terms.get("calendar_id")
    if calendar_ref is None:
        return schedule_from_terms(terms, years), CalendarUsed(
            kind="schedule_clause", key=clause.key, name=clause.title, timezone=terms.get("timezone") or "UTC"
        )
    if calendar_ref in DEFAULT_REFERENCES:
        schedule, _ = _always_open(agreement_timezone)
        return schedule, CalendarUsed(
            kind="schedule_clause",
            key=clause.key,
            name=clause.title,
            calendar_id=DEFAULT_CALENDAR_ID,
            timezone=agreement_timezone,
        )
    calendar = _stored(calendar_ref, calendars)
    if calendar is None:
        raise InvalidInput(
            f"schedule clause {clause.key!r} names calendar {calendar_ref!r}, which does not exist", field="calendar"
        )
    return schedule_from_calendar(calendar, years), CalendarUsed(
        kind="schedule_clause", key=clause.key, name=clause.title, calendar_id=calendar.id, timezone=calendar.timezone
    )
