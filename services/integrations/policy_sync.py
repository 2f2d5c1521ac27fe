"""Zendesk SLA policies into an agreement (on its draft, or as a proposed version of an agreement in force) and
out of it: the use cases around the pure conversion in `zendesk_policies`."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from services.actors import Actor
from services.agreements.drafts import (
    AgreementUpdate,
    ClauseInput,
    agreement_clauses,
    clause_snapshot,
    get_agreement,
    update_draft,
)
from services.agreements.proposals import VersionProposal, propose_version
from services.errors import InvalidInput
from services.integrations.zendesk_policies import clauses_from_zendesk, zendesk_from_clauses

MAX_POLICIES = 200
MAX_SCHEDULES = 50


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
    agreement, _ = await get_agreement(session, actor, agreement_id)
    converted = clauses_from_zendesk(
        data.sla_policies, data.schedules, priorities=data.priorities, default_schedule_id=data.default_schedule_id
    )
    if not any(c["kind"] == "service_level" for c in converted.clauses):
        reasons = "; ".join(f"{u['item']}: {u['reason']}" for u in converted.unmapped) or "no policies given"
        raise InvalidInput(f"no SLA policy could be mapped ({reasons})"[:2000], field="sla_policies")
    incoming = [msgspec.convert(c, ClauseInput) for c in converted.clauses]
    number = None
    if agreement.status == "draft":
        _, existing = await agreement_clauses(session, actor, agreement_id, now=now)
        replaced = {c.key: c for c in incoming}
        kept = [
            msgspec.convert({k: v for k, v in clause_snapshot(c).items() if k != "id"}, ClauseInput)
            for c in existing
            if c.key not in replaced
        ]
        await update_draft(
            session,
            actor,
            agreement_id,
            AgreementUpdate(clauses=kept + incoming),
            expected_version=expected_version,
            now=now,
        )
        applied = "draft"
    else:
        version = await propose_version(
            session,
            actor,
            agreement_id,
            VersionProposal(clauses=incoming, summary=data.summary or "SLA policies imported from Zendesk"),
            now=now,
            expected_version=expected_version,
        )
        applied, number = "proposal", version.number
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
