"""Service reports as use cases: the worker publishes each completed period's report `due_after_period_end` after
it ends (frozen once, announced as `report.published` to the clause's recipients); parties list and read them,
third parties in their own rendering without cost or credit figures."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, AgreementVersion, Clause, Timer
from db.models import ServiceReport as ServiceReportRow
from db.values import ClauseKind, EventType, Role, TimerKind, TimerStatus, VersionStatus
from services.actors import Actor
from services.calendar_arithmetic import CalendarDuration, add_calendar
from services.errors import InvalidInput, NotFound
from services.events import record_event
from services.pagination import check_limit, decode_cursor, encode_cursor
from services.periods import FREQUENCIES, Frequency, ReportPeriod
from services.reports.content import (
    compose_report,
    content_hash,
    report_content,
    reporting_terms,
    third_party_content,
)
from services.reports.views import ReportPage, ReportPublished, ReportSummary, ServiceReport
from services.scoping import every_agreement, get_readable_agreement, members_by_role
from services.timers import timer_handler
from services.values import check_duration


def report_href(agreement_id: uuid.UUID, period: str) -> str:
    return f"/v1/agreements/{agreement_id}/reports/{period}"


def parse_report_period(text: str) -> ReportPeriod:
    try:
        return ReportPeriod.parse(text)
    except ValueError as exc:
        raise InvalidInput(str(exc), field="period") from None


def _for_reader(row: ServiceReportRow, role: str | None) -> tuple[dict[str, Any], str]:
    """The frozen content as this reader may see it, with the hash of exactly that."""
    if role == Role.THIRD_PARTY:
        redacted = third_party_content(row.content)
        return redacted, content_hash(redacted)
    return row.content, row.sha256


async def publish_report(
    session: AsyncSession, agreement_id: uuid.UUID, period: ReportPeriod, *, now: datetime
) -> bool:
    """Freeze and announce the period's report; False when there is nothing to publish (no `reporting` clause in
    effect at the period's end) or it is already published."""
    agreement = await session.get(Agreement, agreement_id)
    if agreement is None or await session.get(ServiceReportRow, (agreement_id, str(period))) is not None:
        return False
    report = await compose_report(session, agreement, period, now=now)
    if report is None:
        return False
    content = report_content(report)
    digest = content_hash(content)
    inserted = await session.scalar(
        insert(ServiceReportRow)
        .values(agreement_id=agreement_id, period=str(period), content=content, sha256=digest, published_at=now)
        .on_conflict_do_nothing()
        .returning(ServiceReportRow.period)
    )
    if inserted is None:
        return False
    terms = await _terms_at_end(session, agreement, period)
    recipients = terms.recipients if terms is not None else []
    roles = (await members_by_role(session, every_agreement([agreement_id])))[agreement_id]
    signatories = roles[Role.PROVIDER] + roles[Role.CUSTOMER]
    href = report_href(agreement_id, str(period))
    await record_event(
        session,
        None,
        EventType.REPORT_PUBLISHED,
        now=now,
        agreement_id=agreement_id,
        payload=ReportPublished(period=str(period), sha256=digest, href=href, recipients=recipients),
        audience=signatories,
    )
    if Role.THIRD_PARTY in recipients and roles[Role.THIRD_PARTY]:
        # Third parties named as recipients hear of their own rendering, with its own hash.
        await record_event(
            session,
            None,
            EventType.REPORT_PUBLISHED,
            now=now,
            agreement_id=agreement_id,
            payload=ReportPublished(
                period=str(period), sha256=content_hash(third_party_content(content)), href=href, recipients=recipients
            ),
            audience=roles[Role.THIRD_PARTY],
        )
    return True


async def _terms_at_end(session: AsyncSession, agreement: Agreement, period: ReportPeriod) -> Any:
    _, end = period.bounds(agreement.timezone)
    version_id = await session.scalar(
        select(AgreementVersion.id)
        .where(
            AgreementVersion.agreement_id == agreement.id,
            AgreementVersion.status == VersionStatus.ACCEPTED,
            AgreementVersion.effective_from < end,
        )
        .order_by(AgreementVersion.effective_from.desc())
        .limit(1)
    )
    if version_id is None:
        return None
    return reporting_terms(list(await session.scalars(select(Clause).where(Clause.version_id == version_id))))


@timer_handler("report.publish")
async def publish_when_due(session: AsyncSession, timer: Timer, now: datetime) -> None:
    await publish_report(
        session, uuid.UUID(timer.payload["agreement_id"]), ReportPeriod.parse(timer.payload["period"]), now=now
    )


async def schedule_due_reports(session: AsyncSession, *, now: datetime) -> None:
    """For every agreement in effect whose accepted versions have a `reporting` clause, a timer for the report of the
    last completed period of the clause's `frequency` (ISO week, month, calendar quarter or year in the agreement's
    zone), `due_after_period_end` after that period ended (idempotent; the worker calls this on each round, as it
    does for closing billing periods). The newest accepted version in effect says the
    frequency."""
    rows = await session.execute(
        select(Agreement.id, Agreement.timezone, Agreement.effective_from, Agreement.effective_to, Clause.terms)
        .join(AgreementVersion, AgreementVersion.agreement_id == Agreement.id)
        .join(Clause, Clause.version_id == AgreementVersion.id)
        .where(
            Agreement.effective_from.is_not(None),
            AgreementVersion.status == VersionStatus.ACCEPTED,
            AgreementVersion.effective_from <= now,
            Clause.kind == ClauseKind.REPORTING,
        )
        .order_by(Agreement.id, AgreementVersion.number.desc(), Clause.position)
    )
    timers: dict[uuid.UUID, dict[str, Any]] = {}
    for agreement_id, zone, effective_from, effective_to, terms in rows:
        if agreement_id in timers:
            continue  # the newest accepted version's (first) reporting clause decides
        # Clauses stored before the frequency was checked are reported monthly, as they always were.
        frequency = terms.get("frequency") if terms.get("frequency") in FREQUENCIES else Frequency.MONTHLY
        period = ReportPeriod.containing(now, zone, frequency).previous()
        start, end = period.bounds(zone)
        if effective_from >= end or (effective_to is not None and effective_to <= start):
            continue
        delay = terms.get("due_after_period_end") or "PT0S"
        due_at = add_calendar(
            end, CalendarDuration.of(check_duration(delay, what="due_after_period_end")), ZoneInfo(zone)
        )
        timers[agreement_id] = {
            "kind": TimerKind.REPORT_PUBLISH,
            "key": f"{agreement_id}/{period}",
            "due_at": due_at,
            "payload": {"agreement_id": str(agreement_id), "period": str(period)},
            "status": TimerStatus.PENDING,
        }
    if timers:
        await session.execute(insert(Timer).values(list(timers.values())).on_conflict_do_nothing())


async def list_reports(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, *, limit: int = 50, cursor: str | None = None
) -> ReportPage:
    """The agreement's published reports, newest period first."""
    agreement, role = await get_readable_agreement(session, actor, agreement_id)
    limit = check_limit(limit)
    stmt = select(ServiceReportRow).where(ServiceReportRow.agreement_id == agreement.id)
    if cursor is not None:
        (after,) = decode_cursor(cursor, 1)
        stmt = stmt.where(ServiceReportRow.period < str(after))
    rows = list(await session.scalars(stmt.order_by(ServiceReportRow.period.desc()).limit(limit + 1)))
    items = [
        ReportSummary(
            period=row.period,
            sha256=_for_reader(row, role)[1],
            published_at=row.published_at,
            href=report_href(agreement.id, row.period),
        )
        for row in rows[:limit]
    ]
    return ReportPage(items=items, next_cursor=encode_cursor(rows[limit - 1].period) if len(rows) > limit else None)


async def read_report(session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, period_text: str) -> ServiceReport:
    """One published report as the caller may read it (third parties: without cost or credit figures)."""
    period = parse_report_period(period_text)
    agreement, role = await get_readable_agreement(session, actor, agreement_id)
    row = await session.get(ServiceReportRow, (agreement.id, str(period)))
    if row is None:
        raise NotFound(f"report for {period}")
    content, digest = _for_reader(row, role)
    return msgspec.convert({**content, "sha256": digest, "published_at": row.published_at.isoformat()}, ServiceReport)
