"""Zendesk SLA policies, schedules and holidays ⇄ `service_level` and `schedule` clauses. Pure: no I/O.

Zendesk's formats (developer.zendesk.com, "SLA Policies", "Schedules"): a policy has `filter` (`all` and `any`
conditions), `position`, and `policy_metrics` of (`priority`, `metric`, `target` in minutes, `business_hours`); a
schedule has a Rails `time_zone` and `intervals` of minutes from Sunday 00:00; holidays are named date ranges.

Each policy becomes one `service_level` clause (key `zendesk-policy-<id>`, clauses kept in position order, so the
first matching target wins as in Zendesk), each schedule a `schedule` clause (`zendesk-schedule-<id>`) whose
holidays are closures. Business-hours targets count on the default schedule. Whatever cannot be expressed is
returned in `unmapped` with the reason, never dropped silently."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import isodate

from services.integrations.rails_zones import iana_zone, rails_zone

DEFAULT_PRIORITIES = {"urgent": "P1", "high": "P2", "normal": "P3", "low": "P4"}
WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
MINUTES_PER_DAY = 24 * 60
MAX_HOLIDAY_DAYS = 366
# Zendesk metric → our metric, and the statuses that pause it (Zendesk's own definitions: requester wait time
# pauses while pending, agent work time while pending or on-hold, pausable update time while pending).
METRICS: dict[str, tuple[str, tuple[str, ...]]] = {
    "first_reply_time": ("first_response", ()),
    "next_reply_time": ("next_response", ()),
    "periodic_update_time": ("periodic_update", ()),
    "pausable_update_time": ("periodic_update", ("pending",)),
    "requester_wait_time": ("resolution", ("pending",)),
    "agent_work_time": ("resolution", ("on_hold", "pending")),
}
ZENDESK_METRIC = {value: name for name, value in METRICS.items()}
POLICY_KEY = re.compile(r"^zendesk-policy-(.+)$")
SCHEDULE_KEY = re.compile(r"^zendesk-schedule-(.+)$")


@dataclass
class Conversion:
    clauses: list[dict[str, Any]] = field(default_factory=list)
    unmapped: list[dict[str, Any]] = field(default_factory=list)
    # Mapped, but applying to more tickets than in Zendesk (see `_precedence`).
    warnings: list[dict[str, Any]] = field(default_factory=list)

    def refuse(self, item: str, reason: str) -> None:
        self.unmapped.append({"item": item, "reason": reason})


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def _minutes(duration: str) -> int | None:
    parsed = isodate.parse_duration(duration)
    if not isinstance(parsed, timedelta) or parsed % timedelta(minutes=1):
        return None
    return int(parsed / timedelta(minutes=1))


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _schedule_clause(schedule: dict[str, Any], out: Conversion) -> dict[str, Any] | None:
    ident, name = schedule.get("id"), str(schedule.get("name") or "Zendesk schedule")
    label = f"schedule {ident} ({name})"
    zone = iana_zone(str(schedule.get("time_zone") or ""))
    if zone is None:
        out.refuse(label, f"time zone {schedule.get('time_zone')!r} is not a Rails or IANA zone name")
        return None
    windows: dict[str, list[dict[str, str]]] = {}
    for interval in schedule.get("intervals") or []:
        start, end = interval.get("start_time"), interval.get("end_time")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= 7 * MINUTES_PER_DAY:
            out.refuse(f"{label} interval {interval}", "start_time and end_time are minutes within the week")
            continue
        while start < end:  # an interval over midnight is one window per day
            day, offset = divmod(start, MINUTES_PER_DAY)
            stop = min(end, (day + 1) * MINUTES_PER_DAY)
            windows.setdefault(WEEKDAYS[day % 7], []).append(
                {"start": _hhmm(offset), "end": _hhmm(stop - day * MINUTES_PER_DAY)}
            )
            start = stop
    closures = []
    for holiday in schedule.get("holidays") or []:
        try:
            first, last = date.fromisoformat(holiday["start_date"]), date.fromisoformat(holiday["end_date"])
        except (KeyError, TypeError, ValueError):
            out.refuse(f"{label} holiday {holiday.get('name')!r}", "start_date and end_date must be YYYY-MM-DD")
            continue
        if not 0 <= (last - first).days < MAX_HOLIDAY_DAYS:
            out.refuse(f"{label} holiday {holiday.get('name')!r}", "a holiday runs forward, for at most a year")
            continue
        closures += [
            {"date": (first + timedelta(days=n)).isoformat(), "reason": str(holiday.get("name") or "Holiday")}
            for n in range((last - first).days + 1)
        ]
    terms: dict[str, Any] = {"timezone": zone, "weekly_windows": {d: windows[d] for d in WEEKDAYS if d in windows}}
    if closures:
        terms["closures"] = sorted(closures, key=lambda c: c["date"])
    return {"key": f"zendesk-schedule-{ident}", "kind": "schedule", "title": name, "terms": terms}


def _match(policy: dict[str, Any], label: str, out: Conversion) -> dict[str, str | list[str]] | None:
    """The policy's filter as match attributes: `is` conditions in `all`, and `any` conditions on one field."""
    conditions = policy.get("filter") or {}
    attributes: dict[str, str | list[str]] = {}
    for condition in conditions.get("all") or []:
        if condition.get("operator") != "is" or condition.get("field") in (None, "priority"):
            out.refuse(label, f"condition {condition} cannot be a match condition (only `is` on a ticket field)")
            return None
        attributes[str(condition["field"])] = str(condition.get("value"))
    any_of = conditions.get("any") or []
    if any_of:
        fields = {c.get("field") for c in any_of}
        if len(fields) != 1 or any(c.get("operator") != "is" for c in any_of) or fields & {None, "priority"}:
            out.refuse(label, "`any` conditions map only when all are `is` on one ticket field")
            return None
        (name,) = fields
        if name in attributes:
            out.refuse(label, f"{name} is both in `all` and in `any`")
            return None
        attributes[str(name)] = [str(c.get("value")) for c in any_of]
    return attributes


def clauses_from_zendesk(
    policies: list[dict[str, Any]],
    schedules: list[dict[str, Any]],
    *,
    priorities: dict[str, str] | None = None,
    default_schedule_id: Any = None,
) -> Conversion:
    out = Conversion()
    priority_of = priorities or DEFAULT_PRIORITIES
    schedule_clauses = [c for s in schedules if (c := _schedule_clause(s, out)) is not None]
    default = next(
        (c for c in schedule_clauses if c["key"] == f"zendesk-schedule-{default_schedule_id}"),
        schedule_clauses[0] if schedule_clauses else None,
    )
    for policy in sorted(policies, key=lambda p: (p.get("position") or 0, str(p.get("id")))):
        label = f"policy {policy.get('id')} ({policy.get('title')})"
        attributes = _match(policy, label, out)
        if attributes is None:
            continue
        targets: list[dict[str, Any]] = []
        for item in policy.get("policy_metrics") or []:
            what = f"{label} {item.get('priority')} {item.get('metric')}"
            if item.get("metric") not in METRICS:
                out.refuse(what, f"no metric here is Zendesk's {item.get('metric')!r}")
                continue
            if item.get("priority") not in priority_of:
                out.refuse(what, f"priority {item.get('priority')!r} has no agreement priority in `priorities`")
                continue
            minutes = item.get("target")
            if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 < minutes <= 60 * 24 * 366:
                out.refuse(what, "target must be a positive whole number of minutes (at most a year)")
                continue
            metric, pauses = METRICS[item["metric"]]
            priority = priority_of[item["priority"]]
            if any(t["metric"] == metric and t["match"]["priority"] == priority for t in targets):
                out.refuse(what, f"the policy already has a {metric} target for {priority}; only the first applies")
                continue
            if item.get("business_hours") and default is None:
                out.refuse(what, "a business-hours target needs a schedule; send the account's schedules")
                continue
            target: dict[str, Any] = {
                "key": f"{item['priority']}-{item['metric']}",
                "metric": metric,
                "match": {"priority": priority, **({"attributes": attributes} if attributes else {})},
                "duration": _duration(minutes),
                "time": "business" if item.get("business_hours") else "calendar",
            }
            if item.get("business_hours") and default is not None:
                target["calendar"] = default["key"]
            if pauses:
                target["pause_statuses"] = list(pauses)
            targets.append(target)
        if targets:
            out.clauses.append(
                {
                    "key": f"zendesk-policy-{policy.get('id')}",
                    "kind": "service_level",
                    "title": str(policy.get("title") or "Zendesk SLA policy"),
                    "body": str(policy.get("description") or ""),
                    "terms": {"targets": targets},
                }
            )
        elif attributes is not None:
            out.refuse(label, "no metric of the policy could be mapped")
    _precedence(out)
    out.clauses = schedule_clauses + out.clauses
    return out


def _values(value: str | list[str]) -> set[str]:
    return set(value) if isinstance(value, list) else {value}


def _precedence(out: Conversion) -> None:
    """Zendesk gives a ticket the first policy whose filter matches and only that policy's metrics; here each metric
    takes the first matching target. So a later policy's target also reaches tickets of an earlier, overlapping
    policy that has no target for that metric and priority: said, since no match condition can exclude them."""
    policies = [(c["key"], c["terms"]["targets"]) for c in out.clauses]
    for index, (key, targets) in enumerate(policies):
        for earlier_key, earlier in policies[:index]:
            first, later = earlier[0]["match"].get("attributes", {}), targets[0]["match"].get("attributes", {})
            if any(not _values(first[k]) & _values(later[k]) for k in first.keys() & later.keys()):
                continue  # no ticket matches both filters
            covered = {(t["metric"], t["match"]["priority"]) for t in earlier}
            for target in targets:
                if (target["metric"], target["match"]["priority"]) not in covered:
                    out.warnings.append(
                        {
                            "item": f"{key} target {target['key']}",
                            "reason": f"also applies to tickets that match {earlier_key}, which Zendesk would "
                            f"give no {target['metric']} target for {target['match']['priority']}",
                        }
                    )


def _intervals(windows: dict[str, list[dict[str, str]]]) -> list[dict[str, int]]:
    intervals = []
    for index, day in enumerate(WEEKDAYS):
        for window in windows.get(day, []):
            start = int(window["start"][:2]) * 60 + int(window["start"][3:])
            end = int(window["end"][:2]) * 60 + int(window["end"][3:])
            intervals.append({"start_time": index * MINUTES_PER_DAY + start, "end_time": index * MINUTES_PER_DAY + end})
    return intervals


def _holidays(closures: list[dict[str, str]]) -> list[dict[str, str]]:
    """Consecutive closure dates with one reason become one holiday."""
    holidays: list[dict[str, str]] = []
    for closure in sorted(closures, key=lambda c: c["date"]):
        name = closure.get("reason") or "Closure"
        day = date.fromisoformat(closure["date"])
        if (
            holidays
            and holidays[-1]["name"] == name
            and date.fromisoformat(holidays[-1]["end_date"]) == day - timedelta(days=1)
        ):
            holidays[-1]["end_date"] = day.isoformat()
        else:
            holidays.append({"name": name, "start_date": day.isoformat(), "end_date": day.isoformat()})
    return holidays


def zendesk_from_clauses(clauses: list[dict[str, Any]], *, priorities: dict[str, str] | None = None) -> dict[str, Any]:
    """The reverse: SLA policies and schedules Zendesk's APIs take, and what has no Zendesk form, with the reason."""
    zendesk_priority = {ours: theirs for theirs, ours in (priorities or DEFAULT_PRIORITIES).items()}
    unmapped: list[dict[str, Any]] = []
    schedules, policies = [], []
    schedule_ids: dict[str, str] = {}
    for clause in clauses:
        if clause["kind"] != "schedule":
            continue
        terms = clause["terms"]
        label = f"schedule clause {clause['key']}"
        zone = rails_zone(terms.get("timezone") or "")
        if terms.get("calendar_id") or terms.get("holidays") or zone is None:
            unmapped.append(
                {"item": label, "reason": "Zendesk schedules take a Rails time zone and explicit dates only"}
            )
            continue
        found = SCHEDULE_KEY.match(clause["key"])
        ident = found.group(1) if found else clause["key"]
        schedule_ids[clause["key"]] = ident
        schedule: dict[str, Any] = {
            "id": int(ident) if ident.isdigit() else ident,
            "name": clause["title"],
            "time_zone": zone,
            "intervals": _intervals(terms.get("weekly_windows") or {}),
        }
        if terms.get("closures"):
            schedule["holidays"] = _holidays(terms["closures"])
        schedules.append(schedule)
    first_schedule = next(iter(schedule_ids), None)
    for position, clause in enumerate((c for c in clauses if c["kind"] == "service_level"), start=1):
        found = POLICY_KEY.match(clause["key"])
        ident = found.group(1) if found else clause["key"]
        metrics, conditions = [], None
        for index, target in enumerate(clause["terms"].get("targets", [])):
            label = f"{clause['key']} target {target.get('key') or index}"
            match = target.get("match") or {}
            pauses = tuple(sorted(target.get("pause_statuses") or ()))
            metric = ZENDESK_METRIC.get((target["metric"], pauses))
            named = match.get("priority")
            priority = zendesk_priority.get(named) if isinstance(named, str) else None
            minutes = _minutes(target["duration"]) if target.get("duration") else None
            business = target.get("time", "business") == "business"
            if metric is None:
                unmapped.append(
                    {"item": label, "reason": f"{target['metric']} pausing in {list(pauses)} has no Zendesk metric"}
                )
            elif priority is None or match.get("service"):
                unmapped.append({"item": label, "reason": "Zendesk targets are per priority (one of its four)"})
            elif minutes is None:
                unmapped.append({"item": label, "reason": "the target is not a whole number of minutes"})
            elif business and target.get("calendar") not in (None, first_schedule):
                unmapped.append({"item": label, "reason": "Zendesk counts business hours on the ticket's schedule"})
            elif conditions is not None and conditions != (match.get("attributes") or {}):
                unmapped.append({"item": label, "reason": "a Zendesk policy has one filter for all its targets"})
            else:
                conditions = match.get("attributes") or {}
                metrics.append({"priority": priority, "metric": metric, "target": minutes, "business_hours": business})
        if not metrics:
            continue
        all_, any_ = [], []
        for name, value in (conditions or {}).items():
            if isinstance(value, list):
                any_ += [{"field": name, "operator": "is", "value": v} for v in value]
            else:
                all_.append({"field": name, "operator": "is", "value": value})
        policies.append(
            {
                "id": int(ident) if ident.isdigit() else ident,
                "title": clause["title"],
                "description": clause.get("body") or "",
                "position": position,
                "filter": {"all": all_, "any": any_},
                "policy_metrics": metrics,
            }
        )
    return {"sla_policies": policies, "schedules": schedules, "unmapped": unmapped}
