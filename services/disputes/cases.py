"""Dispute cases: a disagreement one member party raises against another, settled by the procedure the
agreement describes (`dispute_resolution` stages with time limits, `escalation` levels and contacts).

`open → acknowledged → in_resolution → escalated → resolved | rejected | withdrawn`. Only the two parties of a
dispute (and the operator) see it; a third party sees the disputes it raised or is named in.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy import ColumnElement, Sequence, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from db.base import Base
from db.models import Agreement, Dispute, DisputeEntry, DisputeEvidence, Timer
from db.values import ClauseKind, DisputeRole, DisputeStatus, DisputeSubject, EventType
from services import policy, scoping
from services.actors import Actor
from services.agreements.drafts import agreement_clauses
from services.agreements.reads import clauses_for, current_version
from services.batch_reads import group_by
from services.billing.credits import Period
from services.calendar_arithmetic import CalendarDuration, add_calendar
from services.disputes.views import DisputeEventData, dispute_out
from services.errors import Conflict, Forbidden, InvalidInput, NotFound, check_expected_version
from services.events import record_event
from services.pagination import after_time_and_id, check_limit, time_and_id_cursor
from services.policy import DisputeAction
from services.scoping import get_readable_agreement
from services.ticketing.business_time import add_business_days
from services.ticketing.calendars import resolve_schedule
from services.timers import cancel_timer, schedule_timer, timer_handler
from services.values import Money, check_duration

REFERENCE_SEQUENCE = Sequence("dispute_reference_seq", metadata=Base.metadata)
TERMINAL = (DisputeStatus.RESOLVED, DisputeStatus.REJECTED, DisputeStatus.WITHDRAWN)
ACTIVE = tuple(s for s in DisputeStatus if s not in TERMINAL)
MAX_ATTACHMENT_BYTES = 256 * 1024


class EvidenceInput(msgspec.Struct, forbid_unknown_fields=True):
    """A link (`url`) or a small attachment (`filename`, `content_type`, base64 `content`)."""

    url: str | None = None
    filename: str | None = None
    content_type: str | None = None
    content: str | None = None


class DisputeOpen(msgspec.Struct, forbid_unknown_fields=True):
    agreement_id: uuid.UUID
    respondent_party_id: uuid.UUID
    subject: str
    description: str
    about: DisputeSubject = DisputeSubject.AGREEMENT
    clause_key: str | None = None
    credit_period: str | None = None
    ticket_source: str | None = None
    ticket_external_id: str | None = None
    evidence: list[EvidenceInput] = []


class CommentInput(msgspec.Struct, forbid_unknown_fields=True):
    body: str
    evidence: list[EvidenceInput] = []


class StatusNote(msgspec.Struct, forbid_unknown_fields=True):
    note: str | None = None


class ResolutionInput(msgspec.Struct, forbid_unknown_fields=True):
    outcome: str
    adjustment: Money | None = None


class DisputeFilter(msgspec.Struct):
    status: str | None = None
    agreement_id: uuid.UUID | None = None
    role: DisputeRole | None = None


# Which action moves which status where, and who may take it.
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "acknowledge": (("open",), "acknowledged"),
    "begin": (("acknowledged",), "in_resolution"),
    "escalate": (("open", "acknowledged", "in_resolution", "escalated"), "escalated"),
    "resolve": (("acknowledged", "in_resolution", "escalated"), "resolved"),
    "reject": (("open", "acknowledged", "in_resolution", "escalated"), "rejected"),
    "withdraw": (ACTIVE, "withdrawn"),
}


STEP_EVENTS = {
    "acknowledge": EventType.DISPUTE_ACKNOWLEDGED,
    "escalate": EventType.DISPUTE_ESCALATED,
    "resolve": EventType.DISPUTE_RESOLVED,
    "reject": EventType.DISPUTE_REJECTED,
    "withdraw": EventType.DISPUTE_WITHDRAWN,
}


def dispute_transition(current: str, action: str) -> DisputeStatus:
    """The dispute state machine (pure)."""
    allowed, target = TRANSITIONS[action]
    if current not in allowed:
        raise Conflict(f"cannot {action} a dispute that is {current}", "invalid_transition")
    return DisputeStatus(target)


def side_of(dispute: Dispute, party_id: uuid.UUID | None) -> policy.Side | None:
    if party_id is not None and party_id == dispute.raised_by_party_id:
        return policy.Side.RAISER
    if party_id is not None and party_id == dispute.respondent_party_id:
        return policy.Side.RESPONDENT
    return None


def _require(action: DisputeAction, dispute: Dispute, actor: Actor) -> None:
    policy.require_dispute(
        action, actor, side_of(dispute, actor.party_id), raiser_must_accept=dispute.raiser_must_accept
    )


def _visible(actor: Actor) -> ColumnElement[bool]:
    if actor.is_operator:
        return true()
    return or_(Dispute.raised_by_party_id == actor.party_id, Dispute.respondent_party_id == actor.party_id)


# A filename travels in a Content-Disposition header: no line breaks or quotes that would end or split it.
_UNSAFE_FILENAME = re.compile(r'[\x00-\x1f\x7f"\\]')
_MEDIA_TYPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}")
# Served with their own type; anything else (text/html, image/svg+xml, …) is served as application/octet-stream.
SAFE_EVIDENCE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg", "image/gif", "text/plain"})


def served_content_type(stored: str | None) -> str:
    """The type an attachment is downloaded as: its own only when a browser cannot run it."""
    base = (stored or "").split(";")[0].strip().lower()
    return base if base in SAFE_EVIDENCE_TYPES else "application/octet-stream"


def download_filename(name: str | None) -> str:
    """The stored name made safe for any header: control characters, quotes, slashes and backslashes replaced."""
    cleaned = re.sub(r'[\x00-\x1f\x7f"\\/;]', "_", name or "").strip(" .")
    return cleaned or "evidence"


def _evidence(items: list[EvidenceInput], *, field: str) -> list[dict[str, Any]]:
    checked: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        where = f"{field}[{index}]"
        if (item.url is None) == (item.content is None):
            raise InvalidInput("evidence is either a `url` or an attachment with `content`", field=where)
        if item.url is not None:
            if not item.url.startswith(("https://", "http://")) or len(item.url) > 2048:
                raise InvalidInput("evidence links must be http(s) URLs up to 2048 characters", field=f"{where}.url")
            checked.append({"kind": "link", "url": item.url, "sha256": hashlib.sha256(item.url.encode()).hexdigest()})
            continue
        if not item.filename:
            raise InvalidInput("an attachment needs a filename", field=f"{where}.filename")
        if _UNSAFE_FILENAME.search(item.filename):
            raise InvalidInput(
                "a filename must not contain control characters (CR, LF, …), quotes or backslashes",
                field=f"{where}.filename",
            )
        if item.content_type is not None and not _MEDIA_TYPE.fullmatch(item.content_type):
            raise InvalidInput(
                "content_type must be a media type such as application/pdf", field=f"{where}.content_type"
            )
        try:
            content = base64.b64decode(item.content or "", validate=True)
        except (binascii.Error, ValueError):
            raise InvalidInput("attachment content must be base64", field=f"{where}.content") from None
        if len(content) > MAX_ATTACHMENT_BYTES:
            raise InvalidInput(
                f"attachments are at most {MAX_ATTACHMENT_BYTES // 1024} KiB; link larger files",
                field=f"{where}.content",
            )
        checked.append(
            {
                "kind": "attachment",
                "filename": item.filename[:255],
                "content_type": item.content_type or "application/octet-stream",
                "size": len(content),
                "sha256": hashlib.sha256(content).hexdigest(),
                "content": content,
            }
        )
    return checked


def _add_evidence(
    session: AsyncSession, dispute: Dispute, party_id: uuid.UUID, items: list[dict[str, Any]], now: datetime
) -> None:
    for item in items:
        session.add(
            DisputeEvidence(id=uuid.uuid4(), dispute_id=dispute.id, added_by_party_id=party_id, created_at=now, **item)
        )


def _entry(
    session: AsyncSession,
    dispute: Dispute,
    kind: str,
    actor_party_id: uuid.UUID | None,
    now: datetime,
    *,
    body: str | None = None,
    from_status: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    session.add(
        DisputeEntry(
            id=uuid.uuid4(),
            dispute_id=dispute.id,
            kind=kind,
            actor_party_id=actor_party_id,
            body=body,
            from_status=from_status,
            to_status=dispute.status,
            details=details or {},
            created_at=now,
        )
    )


async def _event(
    session: AsyncSession,
    actor: Actor | None,
    type_: EventType,
    dispute: Dispute,
    now: datetime,
    *,
    comment: str | msgspec.UnsetType = msgspec.UNSET,
    escalation: dict[str, Any] | msgspec.UnsetType = msgspec.UNSET,
) -> None:
    await record_event(
        session,
        actor,
        type_,
        now=now,
        agreement_id=dispute.agreement_id,
        payload=DisputeEventData(dispute=dispute_out(dispute), comment=comment, escalation=escalation),
        audience=[dispute.raised_by_party_id, dispute.respondent_party_id],
    )


async def _procedure(
    session: AsyncSession, agreement_id: uuid.UUID, now: datetime
) -> tuple[list[dict[str, Any]], bool, list[dict[str, Any]]]:
    """Stages and escalation levels from the clauses of the version in effect."""
    version = await current_version(session, agreement_id, as_of=now)
    if version is None:
        return [], False, []
    clauses = (await clauses_for(session, [version.id]))[version.id]
    resolution = next((c for c in clauses if c.kind == ClauseKind.DISPUTE_RESOLUTION), None)
    escalation = next((c for c in clauses if c.kind == ClauseKind.ESCALATION), None)
    stages = list(resolution.terms.get("stages", [])) if resolution else []
    return (
        stages,
        bool(resolution and resolution.terms.get("raiser_must_accept")),
        list(escalation.terms.get("levels", [])) if escalation else [],
    )


def _stage_timer(dispute: Dispute, stage_index: int) -> str:
    # One timer per stage, so firing one stage's timer never collides with scheduling the next.
    return f"{dispute.id}:{stage_index}"


async def stage_deadline(
    session: AsyncSession, agreement_id: uuid.UUID, stage: dict[str, Any], start: datetime
) -> datetime:
    """When a stage started at `start` runs out: a calendar duration added in the agreement's time zone (P14D keeps
    the local time across DST), or business days counted on the stage's calendar."""
    agreement = await session.get(Agreement, agreement_id)
    if agreement is None:
        raise NotFound("agreement")
    zone = agreement.timezone
    if stage.get("business_days") is None:
        limit = CalendarDuration.of(check_duration(stage["time_limit"], what="time_limit"))
        return add_calendar(start, limit, ZoneInfo(zone))
    version = await current_version(session, agreement_id, as_of=start)
    clauses = (await clauses_for(session, [version.id]))[version.id] if version is not None else []
    days = int(stage["business_days"])
    # Holidays for every year the count can reach (a business day is at least one in seven).
    years = range(start.year - 1, start.year + 3 + days // 250)
    schedule, _ = await resolve_schedule(session, stage.get("calendar"), clauses, zone, years)
    return add_business_days(schedule, start, days)


async def _start_stage(session: AsyncSession, dispute: Dispute, now: datetime) -> None:
    """Set the current stage's deadline and the timer that escalates when it passes."""
    if dispute.stage_index > 0:
        await cancel_timer(session, "dispute.stage_deadline", _stage_timer(dispute, dispute.stage_index - 1))
    if dispute.stage_index < len(dispute.stages):
        dispute.stage_deadline = await stage_deadline(
            session, dispute.agreement_id, dispute.stages[dispute.stage_index], now
        )
        await schedule_timer(
            session,
            "dispute.stage_deadline",
            _stage_timer(dispute, dispute.stage_index),
            dispute.stage_deadline,
            {"dispute_id": str(dispute.id), "stage_index": dispute.stage_index},
        )
    else:
        dispute.stage_deadline = None


async def open_dispute(session: AsyncSession, actor: Actor, data: DisputeOpen, *, now: datetime) -> Dispute:
    if actor.party_id is None:
        raise Forbidden("disputes are raised by a party; use a party token", "party_only")
    agreement, role = await get_readable_agreement(session, actor, data.agreement_id)
    if data.respondent_party_id == actor.party_id:
        raise InvalidInput("the respondent must be another party", field="respondent_party_id")
    respondent_role = await scoping.party_role_on(session, data.respondent_party_id, agreement.id)
    if respondent_role is None:
        raise InvalidInput("the respondent is not a member of this agreement", field="respondent_party_id")
    for field, value, limit in (("subject", data.subject, 300), ("description", data.description, 20000)):
        if not value.strip() or len(value) > limit:
            raise InvalidInput(f"{field} must be 1–{limit} characters", field=field)
    if data.about == "credit":
        # A credit is named by its service_credit clause and its period (YYYY-MM); it is held while disputed.
        try:
            Period.parse(data.credit_period or "")
        except ValueError as exc:
            raise InvalidInput(str(exc), field="credit_period") from None
        _, clauses = await agreement_clauses(session, actor, agreement.id, now=now)
        if data.clause_key not in {c.key for c in clauses if c.kind == ClauseKind.SERVICE_CREDIT}:
            raise InvalidInput(f"the agreement has no service_credit clause {data.clause_key!r}", field="clause_key")
    elif data.credit_period is not None:
        raise InvalidInput("credit_period goes with about: credit", field="credit_period")
    if data.about == "clause":
        if not data.clause_key:
            raise InvalidInput("a dispute about a clause names its clause_key", field="clause_key")
        _, clauses = await agreement_clauses(session, actor, agreement.id, now=now)
        if data.clause_key not in {c.key for c in clauses}:
            raise InvalidInput(f"the agreement has no clause {data.clause_key!r}", field="clause_key")
    elif data.clause_key is not None and data.about != "credit":
        raise InvalidInput("clause_key goes with about: clause or credit", field="clause_key")
    if data.about == "ticket":
        if not data.ticket_source or not data.ticket_external_id:
            raise InvalidInput(
                "a dispute about a ticket names ticket_source and ticket_external_id", field="ticket_external_id"
            )
    elif data.ticket_source or data.ticket_external_id:
        raise InvalidInput("ticket_source and ticket_external_id go with about: ticket", field="about")
    evidence = _evidence(data.evidence, field="evidence")
    stages, raiser_must_accept, _ = await _procedure(session, agreement.id, now)
    number = await session.scalar(select(REFERENCE_SEQUENCE.next_value()))
    dispute = Dispute(
        id=uuid.uuid4(),
        reference=f"DSP-{now.year}-{number:04d}",
        agreement_id=agreement.id,
        raised_by_party_id=actor.party_id,
        respondent_party_id=data.respondent_party_id,
        subject_type=data.about,
        clause_key=data.clause_key,
        ticket_source=data.ticket_source,
        ticket_external_id=data.ticket_external_id,
        credit_period=data.credit_period,
        subject=data.subject,
        description=data.description,
        status="open",
        stages=stages,
        stage_index=0,
        escalation_level=0,
        raiser_must_accept=raiser_must_accept,
        row_version=1,
        created_at=now,
        updated_at=now,
    )
    session.add(dispute)
    await session.flush()
    _add_evidence(session, dispute, actor.party_id, evidence, now)
    await _start_stage(session, dispute, now)
    _entry(session, dispute, "opened", actor.party_id, now, body=data.description)
    await session.flush()
    await _event(session, actor, EventType.DISPUTE_OPENED, dispute, now)
    return dispute


async def get_dispute(
    session: AsyncSession, actor: Actor, dispute_id: uuid.UUID, *, for_update: bool = False
) -> Dispute:
    stmt = select(Dispute).where(Dispute.id == dispute_id, _visible(actor))
    if for_update:
        stmt = stmt.with_for_update()
    dispute = await session.scalar(stmt)
    if dispute is None:
        raise NotFound("dispute")
    return dispute


async def dispute_details(session: AsyncSession, dispute: Dispute) -> tuple[list[DisputeEntry], list[DisputeEvidence]]:
    return (await timelines_for(session, [dispute.id]))[dispute.id], (await evidence_for(session, [dispute.id]))[
        dispute.id
    ]


async def list_disputes(
    session: AsyncSession, actor: Actor, filters: DisputeFilter, *, limit: int = 50, cursor: str | None = None
) -> tuple[list[Dispute], str | None]:
    check_limit(limit)
    stmt = select(Dispute).where(_visible(actor))
    if filters.status is not None:
        if filters.status not in ACTIVE + TERMINAL:
            raise InvalidInput(f"status must be one of: {', '.join(ACTIVE + TERMINAL)}", field="status")
        stmt = stmt.where(Dispute.status == filters.status)
    if filters.agreement_id is not None:
        stmt = stmt.where(Dispute.agreement_id == filters.agreement_id)
    if filters.role == "raised":
        stmt = stmt.where(Dispute.raised_by_party_id == actor.party_id)
    elif filters.role == "received":
        stmt = stmt.where(Dispute.respondent_party_id == actor.party_id)
    if cursor:
        key = after_time_and_id(cursor)
        stmt = stmt.where(func.row(Dispute.created_at, Dispute.id) < func.row(*key))
    rows = list(await session.scalars(stmt.order_by(Dispute.created_at.desc(), Dispute.id.desc()).limit(limit + 1)))
    items = rows[:limit]
    next_cursor = time_and_id_cursor(items[-1].created_at, items[-1].id) if len(rows) > limit else None
    return items, next_cursor


def _touch(dispute: Dispute, now: datetime) -> None:
    dispute.row_version += 1
    dispute.updated_at = now


async def comment(
    session: AsyncSession,
    actor: Actor,
    dispute_id: uuid.UUID,
    data: CommentInput,
    *,
    now: datetime,
    expected_version: int | None = None,
) -> Dispute:
    dispute = await get_dispute(session, actor, dispute_id, for_update=True)
    check_expected_version(dispute.row_version, expected_version, "dispute")
    _require(DisputeAction.COMMENT, dispute, actor)
    if dispute.status in TERMINAL:
        raise Conflict(f"the dispute is {dispute.status}; it takes no more comments", "invalid_transition")
    if not data.body.strip() or len(data.body) > 20000:
        raise InvalidInput("body must be 1–20000 characters", field="body")
    evidence = _evidence(data.evidence, field="evidence")
    assert actor.party_id is not None  # the policy lets only the dispute's parties comment, never the operator
    previous = dispute.status
    if dispute.status == "acknowledged":
        dispute.status = dispute_transition(dispute.status, "begin")  # the parties are now working on it
    _add_evidence(session, dispute, actor.party_id, evidence, now)
    _entry(
        session,
        dispute,
        "comment",
        actor.party_id,
        now,
        body=data.body,
        from_status=previous if previous != dispute.status else None,
    )
    _touch(dispute, now)
    await session.flush()
    await _event(session, actor, EventType.DISPUTE_COMMENTED, dispute, now, comment=data.body)
    return dispute


async def transition(
    session: AsyncSession,
    actor: Actor,
    dispute_id: uuid.UUID,
    action: str,
    *,
    now: datetime,
    note: str | None = None,
    resolution: ResolutionInput | None = None,
    expected_version: int | None = None,
) -> Dispute:
    dispute = await get_dispute(session, actor, dispute_id, for_update=True)
    check_expected_version(dispute.row_version, expected_version, "dispute")
    _require(DisputeAction(action), dispute, actor)
    previous = dispute.status
    dispute.status = dispute_transition(dispute.status, action)
    details: dict[str, Any] = {}
    if action == "escalate":
        details = await _escalate(session, dispute, now)
    if action == "resolve":
        assert resolution is not None
        if not resolution.outcome.strip():
            raise InvalidInput("outcome must not be empty", field="outcome")
        dispute.resolution = resolution.outcome
        if resolution.adjustment is not None:
            dispute.adjustment_amount = resolution.adjustment.amount
            dispute.adjustment_currency = resolution.adjustment.currency
    if dispute.status in TERMINAL:
        dispute.closed_at = now
        dispute.stage_deadline = None
        await cancel_timer(session, "dispute.stage_deadline", _stage_timer(dispute, dispute.stage_index))
    _entry(
        session,
        dispute,
        "escalation" if action == "escalate" else "status",
        actor.party_id,
        now,
        body=note or (resolution.outcome if resolution else None),
        from_status=previous,
        details=details,
    )
    _touch(dispute, now)
    await session.flush()
    await _event(session, actor, STEP_EVENTS[action], dispute, now, escalation=details if details else msgspec.UNSET)
    return dispute


async def _escalate(session: AsyncSession, dispute: Dispute, now: datetime) -> dict[str, Any]:
    """Next level and next stage; the contact comes from the agreement's escalation clause."""
    dispute.escalation_level += 1
    dispute.stage_index = min(dispute.stage_index + 1, len(dispute.stages))
    await _start_stage(session, dispute, now)
    _, _, levels = await _procedure(session, dispute.agreement_id, now)
    level = next((lv for lv in levels if lv.get("level") == dispute.escalation_level), None)
    stage = dispute.stages[dispute.stage_index] if dispute.stage_index < len(dispute.stages) else None
    return {
        "level": dispute.escalation_level,
        "contact": level.get("to") if level else None,
        "channel": level.get("channel") if level else None,
        "stage": stage["name"] if stage else None,
        "stage_deadline": dispute.stage_deadline.isoformat() if dispute.stage_deadline else None,
    }


@timer_handler("dispute.stage_deadline")
async def escalate_overdue_stage(session: AsyncSession, timer: Timer, now: datetime) -> None:
    """A stage's deadline passed unresolved: escalate to the next level, once."""
    dispute = await session.get(Dispute, uuid.UUID(timer.payload["dispute_id"]), with_for_update=True)
    if dispute is None or dispute.status in TERMINAL or dispute.stage_index != timer.payload.get("stage_index"):
        return
    previous = dispute.status
    dispute.status = DisputeStatus.ESCALATED
    details = await _escalate(session, dispute, now)
    details["reason"] = "stage deadline passed"
    _entry(session, dispute, "escalation", None, now, from_status=previous, details=details)
    _touch(dispute, now)
    await session.flush()
    await _event(session, None, EventType.DISPUTE_ESCALATED, dispute, now, escalation=details)


async def evidence_content(
    session: AsyncSession, actor: Actor, dispute_id: uuid.UUID, evidence_id: uuid.UUID
) -> DisputeEvidence:
    dispute = await get_dispute(session, actor, dispute_id)
    item = await session.scalar(
        select(DisputeEvidence).where(DisputeEvidence.id == evidence_id, DisputeEvidence.dispute_id == dispute.id)
    )
    if item is None:
        raise NotFound("evidence")
    return item


async def timelines_for(session: AsyncSession, dispute_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[DisputeEntry]]:
    """Batch reads for DataLoaders (callers have already scoped the disputes)."""
    ids = list(dispute_ids)
    rows = await session.scalars(
        select(DisputeEntry).where(DisputeEntry.dispute_id.in_(ids)).order_by(DisputeEntry.position)
    )
    return group_by(rows, lambda e: e.dispute_id, ids)


async def evidence_for(
    session: AsyncSession, dispute_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[DisputeEvidence]]:
    ids = list(dispute_ids)
    rows = await session.scalars(
        select(DisputeEvidence)
        .where(DisputeEvidence.dispute_id.in_(ids))
        .order_by(DisputeEvidence.created_at, DisputeEvidence.id)
    )
    return group_by(rows, lambda e: e.dispute_id, ids)


async def disputes_for(
    session: AsyncSession, actor: Actor, agreement_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[Dispute]]:
    """The caller's disputes (raised or received; all for the operator) per agreement, newest first."""
    ids = list(agreement_ids)
    rows = await session.scalars(
        select(Dispute)
        .where(Dispute.agreement_id.in_(ids), _visible(actor))
        .order_by(Dispute.agreement_id, Dispute.created_at.desc(), Dispute.id.desc())
    )
    return group_by(rows, lambda d: d.agreement_id, ids)
