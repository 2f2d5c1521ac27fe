"""Service levels as Jira Service Management SLA goals: a document a JSM admin follows in the project's SLA
settings and calendars. Pure: no I/O.

The mapping table is in the README ("Integrations"): metric → JSM SLA with its start and stop conditions,
pause statuses → pause conditions, match → the goal's JQL, duration → the goal, time and schedule → the goal's
calendar, target order → goal order (both take the first match).
"""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta
from typing import Any

import isodate
import msgspec

from db.values import IntegrationKind
from services.agreements.clause_terms import validate_terms
from services.errors import InvalidInput
from services.integrations.mapping import DEFAULT_PRIORITIES, DEFAULT_STATUSES

SLA_METRICS = {
    "first_response": ("Time to first response", ["Issue created"], ["Comment: For Customers"]),
    "next_response": ("Time to next response", ["Comment: By Customer"], ["Comment: For Customers"]),
    "resolution": ("Time to resolution", ["Issue created"], ["Entered Status: Resolved", "Entered Status: Closed"]),
    "periodic_update": ("Time between updates", ["Comment: For Customers"], ["Comment: For Customers"]),
}
DAYS = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}


def _capitalised(name: str) -> str:
    """The mapping keeps names lower-cased; JSM shows them with a capital first letter ("Waiting for customer")."""
    return name[:1].upper() + name[1:]


def _jql_value(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _jql(match: dict[str, Any], priority_names: dict[str, str]) -> str:
    conditions: list[tuple[str, Any]] = [("priority", match.get("priority")), ('"Service"', match.get("service"))]
    conditions += [(_jql_value(name), value) for name, value in (match.get("attributes") or {}).items()]
    parts = []
    for field, value in conditions:
        if value is None:
            continue
        values = [str(v) for v in (value if isinstance(value, list) else [value])]
        if field == "priority":
            values = [priority_names.get(v, v) for v in values]
        if len(values) == 1:
            parts.append(f"{field} = {_jql_value(values[0])}")
        else:
            parts.append(f"{field} in ({', '.join(_jql_value(v) for v in values)})")
    return " AND ".join(parts)


def _hours_minutes(duration: str) -> str | None:
    parsed = isodate.parse_duration(duration)
    if not isinstance(parsed, timedelta) or parsed % timedelta(minutes=1):
        return None
    minutes = int(parsed / timedelta(minutes=1))
    hours, rest = divmod(minutes, 60)
    return " ".join(part for part in (f"{hours}h" if hours else "", f"{rest}m" if rest else "") if part)


def jira_sla_goals(clauses: list[dict[str, Any]]) -> dict[str, Any]:
    """JSM SLA metrics with their goals, and JSM calendars, from the service-level and schedule clauses."""
    # Our priority → the JSM priority name, and our status → a JSM status, through the Jira integration defaults.
    priority_names = {
        ours: _capitalised(theirs) for theirs, ours in reversed(DEFAULT_PRIORITIES[IntegrationKind.JIRA].items())
    }
    status_names: dict[str, str] = {}
    for theirs, ours in DEFAULT_STATUSES[IntegrationKind.JIRA].items():
        status_names.setdefault(ours, _capitalised(theirs))
    schedules = [c for c in clauses if c["kind"] == "schedule"]
    calendars = []
    for clause in schedules:
        terms = clause["terms"]
        calendars.append(
            {
                "name": clause["title"],
                "key": clause["key"],
                "timeZone": terms.get("timezone"),
                "workingTime": [
                    {"day": DAYS[day], "from": w["start"], "to": w["end"]}
                    for day in DAYS
                    for w in (terms.get("weekly_windows") or {}).get(day, [])
                ],
                "holidays": [
                    {"date": c["date"], "name": c.get("reason") or "Closed"} for c in terms.get("closures") or []
                ],
                "publicHolidays": terms.get("holidays"),
            }
        )
    metrics: dict[str, dict[str, Any]] = {}
    unmapped = []
    for clause in clauses:
        if clause["kind"] != "service_level":
            continue
        for index, target in enumerate(clause["terms"].get("targets", [])):
            label = f"{clause['key']} target {target.get('key') or index}"
            if target["metric"] not in SLA_METRICS:
                unmapped.append({"item": label, "reason": f"JSM SLAs measure time; {target['metric']} is not a time"})
                continue
            goal_time = _hours_minutes(target["duration"])
            if goal_time is None:
                unmapped.append({"item": label, "reason": "JSM goals are hours and minutes"})
                continue
            if target.get("time", "business") == "calendar" or not schedules or target.get("calendar") == "24x7":
                calendar = "24/7"
            else:
                named = next((s for s in schedules if s["key"] == target.get("calendar", schedules[0]["key"])), None)
                if named is None:
                    unmapped.append(
                        {"item": label, "reason": "its calendar is a stored calendar, not a schedule clause"}
                    )
                    continue
                calendar = named["title"]
            name, start, stop = SLA_METRICS[target["metric"]]
            metric = metrics.setdefault(
                target["metric"], {"name": name, "start": start, "pause": [], "stop": stop, "goals": []}
            )
            pauses = [f"Status: {status_names.get(s, s)}" for s in target.get("pause_statuses") or []]
            if metric["goals"] and pauses != metric["pause"]:
                # JSM pauses a whole SLA metric, not one goal: its goals share the first target's conditions.
                unmapped.append(
                    {"item": label, "reason": f"JSM pauses all {name} goals alike: {metric['pause'] or 'never'}"}
                )
            elif not metric["goals"]:
                metric["pause"] = pauses
            for extra in ("warn_at_percent", "compliance_target"):
                if target.get(extra):
                    unmapped.append({"item": f"{label} {extra}", "reason": "JSM goals have no such setting"})
            metric["goals"].append(
                {
                    "jql": _jql(target.get("match") or {}, priority_names),
                    "goal": goal_time,
                    "calendar": calendar,
                    "from": label,
                }
            )
    return {"slas": list(metrics.values()), "calendars": calendars, "unmapped": unmapped}


# ---- import: the export's JSON (or an admin's own, in the same shape) back into clauses --------------------------

CONVERTED_PAUSE = "Status: "
TWENTY_FOUR_SEVEN = "24/7"
DAY_KEYS = {name.lower(): key for key, name in DAYS.items()}
_TOKEN = re.compile(r'\s*(?:(?P<string>"(?:[^"\\]|\\.)*")|(?P<word>[A-Za-z0-9_.\-]+)|(?P<op>[=(),]))')
_GOAL_PART = re.compile(r"(\d+)([hm])")


class JsmGoal(msgspec.Struct, forbid_unknown_fields=True):
    goal: str
    jql: str = ""
    calendar: str = TWENTY_FOUR_SEVEN
    # "<clause key> target <target key or position>": where an exported goal came from, so it returns there.
    source: str | None = msgspec.field(default=None, name="from")


class JsmSla(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    start: list[str]
    stop: list[str]
    goals: list[JsmGoal]
    pause: list[str] = []


class JsmWorkingTime(msgspec.Struct, forbid_unknown_fields=True):
    day: str
    start: str = msgspec.field(name="from")
    end: str = msgspec.field(name="to")


class JsmHoliday(msgspec.Struct, forbid_unknown_fields=True):
    date: str
    name: str | None = None


class JsmCalendar(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    timeZone: str | None = None  # noqa: N815 - JSM's (and the export's) spelling
    workingTime: list[JsmWorkingTime] = []  # noqa: N815
    holidays: list[JsmHoliday] = []
    # Ours, kept by the export: the schedule clause's key and its public-holiday region.
    key: str | None = None
    publicHolidays: dict[str, Any] | None = None  # noqa: N815


@dataclasses.dataclass
class JsmConversion:
    clauses: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    unmapped: list[dict[str, str]] = dataclasses.field(default_factory=list)

    def skip(self, item: str, reason: str) -> None:
        self.unmapped.append({"item": item, "reason": reason})


class _JqlNotMapped(ValueError):
    pass


def _jql_tokens(jql: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    while position < len(jql.rstrip()):
        found = _TOKEN.match(jql, position)
        if found is None or found.end() == position:
            raise _JqlNotMapped(f"cannot read the JQL from {jql[position:].strip()[:40]!r}")
        kind = found.lastgroup or ""
        text = found.group(kind)
        if kind == "string":
            text = re.sub(r"\\(.)", r"\1", text[1:-1])
        tokens.append((kind, text))
        position = found.end()
    return tokens


def match_from_jql(jql: str, priorities: dict[str, str]) -> dict[str, Any]:
    """A target's `match` from the JQL the export writes: `field = value` and `field in (v, …)` joined by AND;
    `priority` through the priority mapping (JSM name, any case → ours), `"Service"` the service, any other field an
    attribute. Anything else (OR, NOT, !=, ~, functions, ORDER BY) raises `_JqlNotMapped` with the reason."""
    tokens = _jql_tokens(jql)
    match: dict[str, Any] = {}
    attributes: dict[str, Any] = {}
    index = 0

    def take(kind: str | None = None, text: str | None = None) -> tuple[str, str]:
        nonlocal index
        if index >= len(tokens):
            raise _JqlNotMapped("the JQL ends too early")
        token = tokens[index]
        if (kind and token[0] != kind) or (text and token[1].lower() != text):
            raise _JqlNotMapped(f"only `field = value` and `field in (…)` joined by AND map, not {token[1]!r}")
        index += 1
        return token

    while index < len(tokens):
        if match or attributes:
            take("word", "and")
        kind, name = take()
        if kind not in ("word", "string"):
            raise _JqlNotMapped(f"a field name was expected, not {name!r}")
        operator = take()
        values: list[str]
        if operator == ("op", "="):
            values = [take_value(take)]
        elif operator[0] == "word" and operator[1].lower() == "in":
            take("op", "(")
            values = [take_value(take)]
            while tokens[index : index + 1] == [("op", ",")]:
                index += 1
                values.append(take_value(take))
            take("op", ")")
        else:
            raise _JqlNotMapped(f"only the operators = and in map, not {operator[1]!r}")
        if kind == "word" and name.lower() == "priority":
            target, key = match, "priority"
            values = [priorities.get(v.lower(), v) for v in values]
        elif name == "Service":
            target, key = match, "service"
        else:
            target, key = attributes, name
        if key in target:
            raise _JqlNotMapped(f"{name} is named twice")
        target[key] = values[0] if len(values) == 1 else values
    if attributes:
        match["attributes"] = attributes
    return match


def take_value(take: Any) -> str:
    kind, text = take()
    if kind not in ("word", "string"):
        raise _JqlNotMapped(f"a value was expected, not {text!r}")
    return str(text)


def duration_from_goal(goal: str) -> str | None:
    """`4h`, `1h 30m`, `45m` → PT4H, PT1H30M, PT45M (None for any other form)."""
    parts = goal.split()
    found = [_GOAL_PART.fullmatch(p) for p in parts]
    if not parts or not all(found) or len({m.group(2) for m in found if m}) != len(parts):
        return None
    minutes = sum(int(m.group(1)) * (60 if m.group(2) == "h" else 1) for m in found if m)
    if minutes <= 0:
        return None
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest else "")


def _metric_of(sla: JsmSla) -> str | None:
    """The metric whose start conditions the SLA has, stopping on (some of) its stop conditions."""
    for metric, (_, start, stop) in SLA_METRICS.items():
        if set(sla.start) == set(start) and sla.stop and set(sla.stop) <= set(stop):
            return metric
    return None


def _source(label: str | None) -> tuple[str | None, str | None]:
    """(clause key, target key) from an exported goal's `from`; a position (digits) is no key."""
    if not label or " target " not in label:
        return None, None
    clause, _, target = label.rpartition(" target ")
    return clause.strip() or None, (None if target.isdigit() else target.strip() or None)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "calendar"


def _schedule_terms(calendar: JsmCalendar) -> dict[str, Any]:
    windows: dict[str, list[dict[str, str]]] = {}
    for working in calendar.workingTime:
        day = DAY_KEYS.get(working.day.lower())
        if day is None:
            raise InvalidInput(f"{working.day!r} is not a day of the week")
        windows.setdefault(day, []).append({"start": working.start, "end": working.end})
    terms: dict[str, Any] = {
        "timezone": calendar.timeZone,
        "weekly_windows": windows,
        # The export names a closure without a reason "Closed": that name comes back as no reason.
        "closures": [
            {"date": h.date, **({"reason": h.name} if h.name and h.name != "Closed" else {})} for h in calendar.holidays
        ],
    }
    if calendar.publicHolidays:
        terms["holidays"] = calendar.publicHolidays
    return validate_terms("schedule", terms)


def clauses_from_jira_sla(
    slas: list[JsmSla],
    calendars: list[JsmCalendar],
    *,
    priorities: dict[str, str] | None = None,
    statuses: dict[str, str] | None = None,
) -> JsmConversion:
    """Schedule clauses from the calendars and service-level clauses from the SLA goals, as `jira_sla_goals` writes
    them (so importing an export gives its clauses back); each goal or calendar that cannot be mapped is listed with
    the reason. Goals return to the clause and target named by their `from`; goals without one go to `jsm-slas`."""
    priority_map = {k.lower(): v for k, v in (priorities or DEFAULT_PRIORITIES[IntegrationKind.JIRA]).items()}
    status_map = {k.lower(): v for k, v in (statuses or DEFAULT_STATUSES[IntegrationKind.JIRA]).items()}
    conversion = JsmConversion()
    schedule_keys: dict[str, str] = {}  # calendar name → schedule clause key
    for calendar in calendars:
        label = f"calendar {calendar.name!r}"
        if calendar.name == TWENTY_FOUR_SEVEN or calendar.name in schedule_keys:
            conversion.skip(label, "calendar names must be unique and not 24/7")
            continue
        if calendar.timeZone is None:
            conversion.skip(label, "a calendar needs a time zone (a schedule on a stored calendar has none here)")
            continue
        try:
            terms = _schedule_terms(calendar)
        except InvalidInput as exc:
            conversion.skip(label, exc.message)
            continue
        key = calendar.key or f"jsm-calendar-{_slug(calendar.name)}"
        schedule_keys[calendar.name] = key
        conversion.clauses.append({"key": key, "kind": "schedule", "title": calendar.name, "terms": terms})
    first_schedule = next(iter(schedule_keys.values()), None)
    targets: dict[str, list[dict[str, Any]]] = {}
    for sla in slas:
        metric = _metric_of(sla)
        if metric is None:
            conversion.skip(
                f"SLA {sla.name!r}",
                f"start {sla.start} and stop {sla.stop} are no metric here (see the README's JSM table)",
            )
            continue
        pauses: list[str] = []
        for condition in sla.pause:
            if condition.startswith(CONVERTED_PAUSE):
                name = condition.removeprefix(CONVERTED_PAUSE).strip()
                pauses.append(status_map.get(name.lower(), name))
            else:
                conversion.skip(
                    f"SLA {sla.name!r} pause {condition!r}", "only status pause conditions map; the goals run on then"
                )
        for position, goal in enumerate(sla.goals):
            label = goal.source or f"SLA {sla.name!r} goal {position + 1}"
            duration = duration_from_goal(goal.goal)
            if duration is None:
                conversion.skip(label, f"goal {goal.goal!r} is not hours and minutes (4h, 1h 30m)")
                continue
            try:
                match = match_from_jql(goal.jql, priority_map)
            except _JqlNotMapped as exc:
                conversion.skip(label, f"JQL {goal.jql!r}: {exc}")
                continue
            clause_key, target_key = _source(goal.source)
            target: dict[str, Any] = {"metric": metric, "key": target_key, "match": match, "duration": duration}
            if pauses:
                target["pause_statuses"] = list(dict.fromkeys(pauses))
            if goal.calendar == TWENTY_FOUR_SEVEN:
                target["time"] = "calendar"
            elif goal.calendar not in schedule_keys:
                conversion.skip(label, f"calendar {goal.calendar!r} is not among the calendars sent")
                continue
            elif schedule_keys[goal.calendar] != first_schedule:
                target["calendar"] = schedule_keys[goal.calendar]
            try:
                checked = validate_terms("service_level", {"targets": [target]})["targets"][0]
            except InvalidInput as exc:
                conversion.skip(label, exc.message)
                continue
            targets.setdefault(clause_key or "jsm-slas", []).append(checked)
    for key, clause_targets in targets.items():
        names = [SLA_METRICS[m][0] for m in dict.fromkeys(t["metric"] for t in clause_targets)]
        if len({t.get("key") for t in clause_targets if t.get("key")}) != len(
            [t for t in clause_targets if t.get("key")]
        ):
            conversion.skip(f"clause {key}", "two goals name the same target")
            continue
        conversion.clauses.append(
            {"key": key, "kind": "service_level", "title": ", ".join(names), "terms": {"targets": clause_targets}}
        )
    return conversion
