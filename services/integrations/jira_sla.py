"""Service levels as Jira Service Management SLA goals: a document a JSM admin follows in the project's SLA
settings and calendars. Pure: no I/O.

The mapping table is in the README ("Integrations"): metric → JSM SLA with its start and stop conditions,
pause statuses → pause conditions, match → the goal's JQL, duration → the goal, time and schedule → the goal's
calendar, target order → goal order (both take the first match).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import isodate

from db.values import IntegrationKind
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
            name, start, stop = SLA_METRICS[target["metric"]]
            metric = metrics.setdefault(
                target["metric"], {"name": name, "start": start, "pause": [], "stop": stop, "goals": []}
            )
            for status in target.get("pause_statuses") or []:
                condition = f"Status: {status_names.get(status, status)}"
                if condition not in metric["pause"]:
                    metric["pause"].append(condition)
            if target.get("time", "business") == "calendar" or not schedules:
                calendar = "24/7"
            else:
                named = next((s for s in schedules if s["key"] == target.get("calendar")), schedules[0])
                calendar = named["title"]
            metric["goals"].append(
                {
                    "jql": _jql(target.get("match") or {}, priority_names),
                    "goal": goal_time,
                    "calendar": calendar,
                    "from": label,
                }
            )
    return {"slas": list(metrics.values()), "calendars": calendars, "unmapped": unmapped}
