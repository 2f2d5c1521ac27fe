"""Service reports as GraphQL types. They resolve straight off the views of `services.reports.views` (same attribute
names): the frozen report as the caller may read it, the main figures typed, the whole content as JSON, and links to
the HTML and PDF renderings. A third party's report has no `credits` or `totals` (null) and none in `content`."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

import strawberry

from schema.billing.types import Credit, TargetAttainment
from schema.clause_terms import Money
from schema.scalars import JSON
from schema.tickets.types import AgreementRef
from services.reports import views
from services.reports.content import report_content
from services.reports.reports import report_href


def _html_href(parent: strawberry.Parent[views.ReportSummary]) -> str:
    return f"{parent.href}?format=html"


def _pdf_href(parent: strawberry.Parent[views.ReportSummary]) -> str:
    return f"{parent.href}?format=pdf"


@strawberry.type(description="A published report in the agreement's list: which period, its hash, where to read it.")
class ReportSummary:
    period: str = strawberry.field(
        description="The period's identifier: 2026-W48 (ISO week), 2026-11 (month), 2026-Q4 (quarter) or 2026 (year)."
    )
    sha256: str = strawberry.field(description="The SHA-256 of the caller's rendering's canonical JSON.")
    published_at: datetime
    href: str = strawberry.field(description="The REST resource: JSON, HTML or PDF by `Accept` (or `?format=`).")
    html_href: str = strawberry.field(resolver=_html_href, description="The self-contained HTML page.")
    pdf_href: str = strawberry.field(resolver=_pdf_href, description="The PDF rendering.")


@strawberry.type(description="One period's figure in a trend.")
class TrendPoint:
    period: str
    measured: Decimal | None


@strawberry.type(description="One target's attainment over the last (up to) 12 periods of the report's frequency.")
class AttainmentTrend:
    target_key: str
    target: Decimal | None
    points: list[TrendPoint]


@strawberry.type(description="Breached clocks with a due time in the period, by priority and metric.")
class BreachCount:
    priority: str | None
    metric: str
    breached: int


@strawberry.type(description="An incident or maintenance window that overlapped the period.")
class ReportedIncident:
    id: uuid.UUID
    kind: str
    service: str | None
    started_at: datetime
    ended_at: datetime
    accepted_maintenance: bool


@strawberry.type(description="A measured indicator over the period against its objective, with its error budget.")
class IndicatorFigure:
    indicator: str
    objective: Decimal
    attainment: Decimal | None = strawberry.field(description="Percent, truncated to 4 places; null without events.")
    met: bool | None
    budget_remaining_percent: Decimal = strawberry.field(description="100 untouched, 0 spent, below 0 overspent.")

    # Counts are exact decimals: a month of events outgrows GraphQL's 32-bit `Int`.
    @strawberry.field(description="Good events (a whole number).")
    @staticmethod
    def good(parent: strawberry.Parent[views.IndicatorFigure]) -> Decimal:
        return Decimal(parent.good)

    @strawberry.field(description="Events (a whole number).")
    @staticmethod
    def total(parent: strawberry.Parent[views.IndicatorFigure]) -> Decimal:
        return Decimal(parent.total)


@strawberry.type(description="Disputes open at the period's end and resolved in it.")
class DisputeCounts:
    open_at_period_end: int
    resolved_in_period: int


@strawberry.type(description="A review due in the period, or the next one due after it, as it stands now.")
class ReviewState:
    status: str
    due_at: datetime
    outcome: str | None


@strawberry.type(description="A version that took effect in the period.")
class VersionChange:
    number: int
    summary: str | None
    effective_from: datetime | None


def _content(parent: strawberry.Parent[views.ServiceReport]) -> Any:
    return report_content(parent)


def _report_href(parent: strawberry.Parent[views.ServiceReport]) -> str:
    return report_href(parent.agreement.id, parent.period)


def _report_html_href(parent: strawberry.Parent[views.ServiceReport]) -> str:
    return f"{report_href(parent.agreement.id, parent.period)}?format=html"


def _report_pdf_href(parent: strawberry.Parent[views.ServiceReport]) -> str:
    return f"{report_href(parent.agreement.id, parent.period)}?format=pdf"


def _totals(parent: strawberry.Parent[views.ServiceReport]) -> list[Money] | None:
    if parent.totals is None:
        return None
    return [Money(amount=total.amount, currency=total.currency) for total in parent.totals]


@strawberry.type(
    description="A frozen service report for one completed period, as the caller may read it: the signatories' "
    "rendering, or a third party's without any cost or credit figure. Sections the reporting clause's `contents` "
    "does not list are null."
)
class ServiceReport:
    agreement: AgreementRef
    period: str = strawberry.field(description="2026-W48 (ISO week), 2026-11 (month), 2026-Q4 (quarter) or 2026.")
    period_start: datetime
    period_end: datetime
    contents: list[str] = strawberry.field(description="The sections the reporting clause lists (as rendered).")
    audience: str = strawberry.field(description="signatories, or third_party (no cost or credit figures).")
    sha256: str = strawberry.field(description="The SHA-256 of this rendering's canonical JSON (`content`).")
    published_at: datetime
    attainment: list[TargetAttainment] | None
    trend: list[AttainmentTrend] | None
    breaches: list[BreachCount] | None
    incidents: list[ReportedIncident] | None
    indicators: list[IndicatorFigure] | None
    credits: list[Credit] | None = strawberry.field(description="Signatories only: the credits of the period.")
    totals: list[Money] | None = strawberry.field(
        resolver=_totals, description="Signatories only: per currency, charges less owed credits."
    )
    disputes: DisputeCounts | None
    review: list[ReviewState] | None
    changes: list[VersionChange] | None
    content: JSON = strawberry.field(
        resolver=_content, description="The whole report as the REST JSON has it, without `sha256`/`publishedAt`."
    )
    href: str = strawberry.field(resolver=_report_href, description="The REST resource (JSON by default).")
    html_href: str = strawberry.field(resolver=_report_html_href, description="The self-contained HTML page.")
    pdf_href: str = strawberry.field(resolver=_report_pdf_href, description="The PDF rendering.")
