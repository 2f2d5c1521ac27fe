"""Zendesk SLA policies into an agreement (on its draft, or as a proposed version of an agreement in force) and
out of it: the use cases around the pure conversion in `zendesk_policies`."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, Clause
from services.actors import Actor
from services.agreements.drafts import agreement_clauses, get_agreement, update_draft
from services.agreements.inputs import AgreementUpdate, ClauseInput, VersionProposal
from services.agreements.proposals import propose_version
from services.agreements.views import clause_out
from services.errors import InvalidInput
from services.integrations.jira_sla import JsmCalendar, JsmSla, clauses_from_jira_sla, jira_sla_goals
from services.integrations.openslo import clauses_from_openslo, openslo_documents, openslo_yaml
from services.integrations.zendesk_policies import clauses_from_zendesk, zendesk_from_clauses

MAX_POLICIES = 200


def clause_snapshot(clause: Clause) -> dict[str, Any]:
    """A clause as the JSON the translators read and write (the clause view, as plain values)."""
    snapshot: dict[str, Any] = msgspec.to_builtins(clause_out(clause))
    return snapshot


MAX_SCHEDULES = 50
MAX_YAML = 200_000


class ZendeskPolicyImport(msgspec.Struct, forbid_unknown_fields=True):
    """What Zendesk's `GET /api/v2/slas/policies` and `GET /api/v2/business_hours/schedules` answer (each schedule
    may carry the `holidays` its holidays endpoint lists)."""

    sla_policies: list[dict[str, Any]]
    schedules: list[dict[str, Any]] = []
    # Zendesk priority → the agreement's priority (default urgent/high/normal/low → P1–P4).
    priorities: dict[str, str] | None = None
    # The schedule business-hours targets count on (default: the first).
    default_schedule_id: int | str | None = None
    summary: str | None = None
    # Read and ignored, so that an export's answer can be sent back as it is.
    unmapped: list[dict[str, Any]] = []


# The parts of Zendesk's objects the conversion reads, typed: only to check their shape before it reads them (a
# metric given as a string, or a filter as a list, is a 422 naming where, not an error deep in the conversion).
# Other members are allowed and ignored, as Zendesk adds them over time.
class _ZendeskCondition(msgspec.Struct):
    field: str | None = None
    operator: str | None = None
    value: Any = None


class _ZendeskFilter(msgspec.Struct):
    all: list[_ZendeskCondition] | None = None
    any: list[_ZendeskCondition] | None = None


class _ZendeskMetric(msgspec.Struct):
    priority: Any = None
    metric: Any = None
    target: Any = None
    business_hours: Any = None


class _ZendeskPolicy(msgspec.Struct):
    filter: _ZendeskFilter | None = None
    policy_metrics: list[_ZendeskMetric] | None = None


class _ZendeskInterval(msgspec.Struct):
    start_time: Any = None
    end_time: Any = None


class _ZendeskHoliday(msgspec.Struct):
    name: Any = None
    start_date: Any = None
    end_date: Any = None


class _ZendeskSchedule(msgspec.Struct):
    intervals: list[_ZendeskInterval] | None = None
    holidays: list[_ZendeskHoliday] | None = None


class _ZendeskShape(msgspec.Struct):
    sla_policies: list[_ZendeskPolicy]
    schedules: list[_ZendeskSchedule]


def _check_zendesk_shape(data: ZendeskPolicyImport) -> None:
    try:
        msgspec.convert({"sla_policies": data.sla_policies, "schedules": data.schedules}, _ZendeskShape)
    except msgspec.ValidationError as exc:
        path = str(exc).rpartition(" - at `$.")[2].rstrip("`") or "sla_policies"
        raise InvalidInput(f"not Zendesk's shape: {exc}", field=path) from None


async def import_zendesk_policies(
    session: AsyncSession,
    actor: Actor,
    agreement_id: uuid.UUID,
    data: ZendeskPolicyImport,
    *,
    expected_version: int | None,
    now: datetime,
) -> dict[str, Any]:
    """The converted clauses replace those of the same keys in the draft, or are proposed as a new version of an
    agreement past its draft; the answer lists what could not be mapped and why."""
    if len(data.sla_policies) > MAX_POLICIES or len(data.schedules) > MAX_SCHEDULES:
        raise InvalidInput(f"at most {MAX_POLICIES} policies and {MAX_SCHEDULES} schedules", field="sla_policies")
    if not all(isinstance(p, dict) for p in data.sla_policies + data.schedules):
        raise InvalidInput("policies and schedules are JSON objects", field="sla_policies")
    _check_zendesk_shape(data)
    agreement, _ = await get_agreement(session, actor, agreement_id)
    converted = clauses_from_zendesk(
        data.sla_policies, data.schedules, priorities=data.priorities, default_schedule_id=data.default_schedule_id
    )
    if not any(c["kind"] == "service_level" for c in converted.clauses):
        reasons = "; ".join(f"{u['item']}: {u['reason']}" for u in converted.unmapped) or "no policies given"
        raise InvalidInput(f"no SLA policy could be mapped ({reasons})"[:2000], field="sla_policies")
    applied, number = await _apply(
        session,
        actor,
        agreement,
        converted.clauses,
        data.summary or "SLA policies imported from Zendesk",
        expected_version=expected_version,
        now=now,
    )
    return {
        "agreement_id": str(agreement_id),
        "applied_as": applied,
        "version": number,
        "clauses": converted.clauses,
        "unmapped": converted.unmapped,
        "warnings": converted.warnings,
    }


async def export_zendesk_policies(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, *, now: datetime, version_number: int | None = None
) -> dict[str, Any]:
    """The agreement's service levels and schedules (the version in effect, or `version_number`) as Zendesk SLA
    policies and schedules, with what has no Zendesk form and why."""
    _, clauses = await agreement_clauses(session, actor, agreement_id, now=now, version_number=version_number)
    return zendesk_from_clauses([clause_snapshot(c) for c in clauses])


async def _apply(
    session: AsyncSession,
    actor: Actor,
    agreement: Agreement,
    clauses: list[dict[str, Any]],
    summary: str,
    *,
    expected_version: int | None,
    now: datetime,
) -> tuple[str, int | None]:
    """Imported clauses replace those of the same keys in the draft, or are proposed as a new version of an
    agreement past its draft (the existing use cases, with their rules and events)."""
    incoming = [msgspec.convert(c, ClauseInput) for c in clauses]
    if agreement.status == "draft":
        _, existing = await agreement_clauses(session, actor, agreement.id, now=now)
        replaced = {c.key for c in incoming}
        kept = [
            msgspec.convert({k: v for k, v in clause_snapshot(c).items() if k != "id"}, ClauseInput)
            for c in existing
            if c.key not in replaced
        ]
        await update_draft(
            session,
            actor,
            agreement.id,
            AgreementUpdate(clauses=kept + incoming),
            expected_version=expected_version,
            now=now,
        )
        return "draft", None
    version = await propose_version(
        session,
        actor,
        agreement.id,
        VersionProposal(clauses=incoming, summary=summary),
        now=now,
        expected_version=expected_version,
    )
    return "proposal", version.number


class OpenSloImport(msgspec.Struct, forbid_unknown_fields=True):
    # OpenSLO v1 YAML: one or more documents (`SLO`, `SLI`, `Service`).
    yaml: str
    summary: str | None = None


async def import_openslo(
    session: AsyncSession,
    actor: Actor,
    agreement_id: uuid.UUID,
    data: OpenSloImport,
    *,
    expected_version: int | None,
    now: datetime,
) -> dict[str, Any]:
    """OpenSLO objectives as availability and ticket targets (and `verification` clauses for indicators measured
    elsewhere), applied like a Zendesk import."""
    if len(data.yaml) > MAX_YAML:
        raise InvalidInput(f"at most {MAX_YAML} characters of YAML", field="yaml")
    agreement, _ = await get_agreement(session, actor, agreement_id)
    converted = clauses_from_openslo(data.yaml)
    if not converted.clauses:
        reasons = "; ".join(f"{u['item']}: {u['reason']}" for u in converted.unmapped) or "no SLO documents"
        raise InvalidInput(f"no SLO could be mapped ({reasons})"[:2000], field="yaml")
    applied, number = await _apply(
        session,
        actor,
        agreement,
        converted.clauses,
        data.summary or "Objectives imported from OpenSLO",
        expected_version=expected_version,
        now=now,
    )
    return {
        "agreement_id": str(agreement_id),
        "applied_as": applied,
        "version": number,
        "clauses": converted.clauses,
        "unmapped": converted.unmapped,
    }


async def export_openslo(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, *, now: datetime, version_number: int | None = None
) -> dict[str, Any]:
    """The agreement's measurable targets as OpenSLO v1 documents (and the same as YAML)."""
    agreement, _ = await get_agreement(session, actor, agreement_id)
    _, clauses = await agreement_clauses(session, actor, agreement_id, now=now, version_number=version_number)
    documents, unmapped = openslo_documents(
        {"reference": agreement.reference, "title": agreement.title, "timezone": agreement.timezone},
        [clause_snapshot(c) for c in clauses],
    )
    return {"yaml": openslo_yaml(documents), "documents": documents, "unmapped": unmapped}


async def export_jira_sla(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, *, now: datetime, version_number: int | None = None
) -> dict[str, Any]:
    """The agreement's time targets as JSM SLA metrics with goals (JQL, target, calendar) and its schedules as JSM
    calendars."""
    _, clauses = await agreement_clauses(session, actor, agreement_id, now=now, version_number=version_number)
    return jira_sla_goals([clause_snapshot(c) for c in clauses])


class JiraSlaImport(msgspec.Struct, forbid_unknown_fields=True):
    """What `GET /v1/agreements/{id}/export/jira` answers (or an admin's own JSM SLA settings in that shape)."""

    slas: list[JsmSla]
    calendars: list[JsmCalendar] = []
    # JSM priority name (any case) → the agreement's priority (default: the Jira integration's, Highest…Lowest → P1–P5).
    priorities: dict[str, str] | None = None
    # JSM status name (any case) → ours, for the pause conditions (default: the Jira integration's).
    statuses: dict[str, str] | None = None
    summary: str | None = None
    # Read and ignored, so that an export's answer can be sent back as it is.
    unmapped: list[dict[str, Any]] = []


async def import_jira_sla(
    session: AsyncSession,
    actor: Actor,
    agreement_id: uuid.UUID,
    data: JiraSlaImport,
    *,
    expected_version: int | None,
    now: datetime,
) -> dict[str, Any]:
    """JSM SLA goals and calendars as service-level and schedule clauses, applied like a Zendesk import: replacing
    the clauses of the same keys in the draft, or proposed as a new version; the answer lists what could not be mapped.
    A clause that already exists keeps its title (JSM has no place for it)."""
    goals = sum(len(sla.goals) for sla in data.slas)
    if len(data.slas) > MAX_POLICIES or goals > MAX_POLICIES or len(data.calendars) > MAX_SCHEDULES:
        raise InvalidInput(f"at most {MAX_POLICIES} SLAs and goals and {MAX_SCHEDULES} calendars", field="slas")
    agreement, _ = await get_agreement(session, actor, agreement_id)
    converted = clauses_from_jira_sla(data.slas, data.calendars, priorities=data.priorities, statuses=data.statuses)
    if not any(c["kind"] == "service_level" for c in converted.clauses):
        reasons = "; ".join(f"{u['item']}: {u['reason']}" for u in converted.unmapped) or "no SLA goals given"
        raise InvalidInput(f"no SLA goal could be mapped ({reasons})"[:2000], field="slas")
    _, existing = await agreement_clauses(session, actor, agreement.id, now=now)
    titles = {(c.key, c.kind): c.title for c in existing}
    clauses = [{**c, "title": titles.get((c["key"], c["kind"]), c["title"])} for c in converted.clauses]
    applied, number = await _apply(
        session,
        actor,
        agreement,
        clauses,
        data.summary or "SLA goals imported from Jira Service Management",
        expected_version=expected_version,
        now=now,
    )
    return {
        "agreement_id": str(agreement_id),
        "applied_as": applied,
        "version": number,
        "clauses": clauses,
        "unmapped": converted.unmapped,
    }
