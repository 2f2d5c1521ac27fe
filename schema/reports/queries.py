"""`Agreement.reports(first, after)` and `Agreement.report(period)`: the GraphQL side of
`GET /v1/agreements/{id}/reports` and `…/reports/{period}`, through the same service functions (scoped there, a
third party's rendering without cost or credit figures), behind the same `agreements:read` scope."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db import models
from schema.context import actor_of
from schema.errors import as_graphql_error
from schema.pagination import DEFAULT_PAGE_SIZE, Connection, connection
from schema.reports.types import ReportSummary, ServiceReport
from services.errors import DomainError, NotFound
from services.pagination import encode_cursor
from services.reports.reports import list_reports, read_report
from services.reports.views import ReportSummary as ReportSummaryView


def report_cursor(report: ReportSummaryView) -> str:
    """The sort key `services.reports.reports.list_reports` pages by."""
    return encode_cursor(report.period)


async def agreement_reports(
    agreement: strawberry.Parent[models.Agreement],
    info: strawberry.Info,
    first: int = DEFAULT_PAGE_SIZE,
    after: str | None = None,
) -> Connection[ReportSummary]:
    try:
        async with info.context.sessions.session() as session:
            page = await list_reports(session, actor_of(info), agreement.id, limit=first, cursor=after)
    except NotFound:
        return connection([], None, report_cursor)
    except DomainError as exc:
        raise as_graphql_error(exc) from None
    return connection(page.items, page.next_cursor, report_cursor)


async def agreement_report(
    agreement: strawberry.Parent[models.Agreement],
    info: strawberry.Info,
    period: Annotated[
        str,
        strawberry.argument(description="2026-W48 (ISO week), 2026-11 (month), 2026-Q4 (quarter) or 2026 (year)."),
    ],
) -> ServiceReport | None:
    try:
        async with info.context.sessions.session() as session:
            report = await read_report(session, actor_of(info), agreement.id, period)
    except NotFound:
        return None
    except DomainError as exc:
        raise as_graphql_error(exc) from None
    return report  # type: ignore[return-value]  # the view's attributes are the type's fields
