"""What a service report says, declared once: the frozen JSON is `msgspec.to_builtins(ServiceReport)` without its
read state, REST sends it, the HTML page renders it.

Money stays an exact `Decimal` with its currency (sent as a string); percentages are exact decimal strings.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

import msgspec

from services.billing.views import Credit, TargetAttainment, Total
from services.ticketing.views import AgreementRef

# The `contents` names a `reporting` clause may list, each one section of the report.
SECTIONS = (
    "attainment",
    "breaches",
    "incidents",
    "indicators",
    "error_budget",
    "credits",
    "disputes",
    "review",
    "changes",
)
# What a third party's rendering leaves out: every cost and credit figure.
SIGNATORY_ONLY = ("credits", "totals")


class TrendPoint(msgspec.Struct):
    period: str
    measured: Decimal | None


class AttainmentTrend(msgspec.Struct):
    """One target's attainment over the last (up to) 12 periods, this one last."""

    target_key: str
    target: Decimal | None
    points: list[TrendPoint]


class BreachCount(msgspec.Struct):
    priority: str | None
    metric: str
    breached: int


class ReportedIncident(msgspec.Struct):
    id: uuid.UUID
    kind: str
    service: str | None
    started_at: datetime
    ended_at: datetime
    accepted_maintenance: bool


class IndicatorFigure(msgspec.Struct):
    """A measured indicator over the period against its objective, with its error budget."""

    indicator: str
    objective: Decimal
    good: int
    total: int
    attainment: Decimal | None  # percent, 4 places, None without events
    met: bool | None
    budget_remaining_percent: Decimal  # 100 untouched, 0 spent, below 0 overspent (2 places)


class DisputeCounts(msgspec.Struct):
    open_at_period_end: int
    resolved_in_period: int


class ReviewState(msgspec.Struct):
    status: str
    due_at: datetime
    outcome: str | None


class VersionChange(msgspec.Struct):
    number: int
    summary: str | None
    effective_from: datetime | None


class ServiceReport(msgspec.Struct, omit_defaults=True):
    """One agreement's report for one completed period. Sections the clause's `contents` does not list are left
    out (None); a third party's rendering never carries `credits` or `totals`."""

    agreement: AgreementRef
    period: str
    period_start: datetime
    period_end: datetime
    contents: list[str]
    audience: str  # "signatories" or "third_party"
    attainment: list[TargetAttainment] | None = None
    trend: list[AttainmentTrend] | None = None
    breaches: list[BreachCount] | None = None
    incidents: list[ReportedIncident] | None = None
    indicators: list[IndicatorFigure] | None = None
    credits: list[Credit] | None = None
    totals: list[Total] | None = None
    disputes: DisputeCounts | None = None
    review: list[ReviewState] | None = None
    changes: list[VersionChange] | None = None
    sha256: str | None = None  # the SHA-256 of this rendering's canonical JSON (everything above)
    published_at: datetime | None = None


# How a report is being read, not what it says: left out of the canonical JSON and its hash.
READ_STATE = ("sha256", "published_at")


class ReportSummary(msgspec.Struct):
    period: str
    sha256: str
    published_at: datetime
    href: str


class ReportPage(msgspec.Struct):
    items: list[ReportSummary]
    next_cursor: str | None


class ReportPublished(msgspec.Struct):
    """The `report.published` event's payload."""

    period: str
    sha256: str
    href: str
    recipients: list[str]
