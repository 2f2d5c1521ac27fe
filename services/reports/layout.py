"""What the HTML page and the PDF share: the tables' rows, how values read, and the charts' scale. Pure, no I/O.

Charts of availability would be useless on a 0–100 axis (99.79 % and 99.9 % are the same full bar), so the axis
starts at a floor low enough that the lowest figure takes about half the height, and says where it starts.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_FLOOR, Decimal
from zoneinfo import ZoneInfo

from services.reports.views import ServiceReport

HUNDRED = Decimal(100)
Row = list[object]


def axis_floor(values: list[Decimal | None], line: Decimal | None) -> Decimal:
    """Where a percentage chart's axis starts: 0, or below the lowest figure (or target) by as much as that figure is
    below 100, rounded down to a readable step."""
    shown = [v for v in [*values, line] if v is not None]
    if not shown:
        return Decimal(0)
    lowest = min(shown)
    span = max(HUNDRED - lowest, Decimal("0.01"))
    floor = lowest - span
    if floor <= 0:
        return Decimal(0)
    step = Decimal(10) ** (span.adjusted())  # 0.2 → 0.1, 20 → 10
    return (floor / step).to_integral_value(rounding=ROUND_FLOOR) * step


def bar_fraction(value: Decimal, floor: Decimal) -> float:
    """How much of the chart's height a figure fills above the axis floor (0 to 1)."""
    return float(max(Decimal(0), min(HUNDRED, value) - floor) / (HUNDRED - floor))


def yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def when(at: datetime | None) -> str | None:
    return None if at is None else f"{at.astimezone(ZoneInfo('UTC')):%Y-%m-%d %H:%M} UTC"


def local_span(report: ServiceReport) -> str:
    """The period as local dates in the agreement's zone, e.g. `1 October 2026 to 31 December 2026 (Europe/Berlin)`."""
    zone = ZoneInfo(report.agreement.timezone)
    first = report.period_start.astimezone(zone)
    last = (report.period_end - timedelta(microseconds=1)).astimezone(zone)
    return f"{first:%-d %B %Y} to {last:%-d %B %Y} ({report.agreement.timezone})"


ATTAINMENT_HEADERS = [
    "target",
    "metric",
    "attainment %",
    "target %",
    "met",
    "decided by",
    "by incidents %",
    "by measurement %",
]


def attainment_rows(report: ServiceReport) -> list[Row]:
    """Each target; for availability, which figure decided, and both figures when an indicator was measured."""
    return [
        [
            t.target_key,
            t.metric,
            t.measured,
            t.target,
            yes_no(t.met),
            t.decided_by,
            t.by_incidents,
            t.by_measurement.attainment if t.by_measurement is not None else None,
        ]
        for t in report.attainment or []
    ]


INCIDENT_HEADERS = ["kind", "service", "started", "ended", "accepted maintenance"]


def incident_rows(report: ServiceReport) -> list[Row]:
    return [
        [i.kind, i.service, when(i.started_at), when(i.ended_at), yes_no(i.accepted_maintenance)]
        for i in report.incidents or []
    ]


CREDIT_HEADERS = ["month", "target", "status", "amount", "currency"]


def credit_rows(report: ServiceReport) -> list[Row]:
    return [[c.period, c.target_key, c.status, c.amount, c.currency] for c in report.credits or []]
