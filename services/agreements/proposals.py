"""Versions: proposing amendments, approving, rejecting, withdrawing, and diffs by clause key."""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, AgreementVersion, Approval, Clause
from db.values import AgreementStatus, ApprovalDecision, EventType, ProposalMode, VersionStatus
from services import policy, scoping
from services.actors import Actor
from services.agreements.drafts import add_clauses, check_if_match
from services.agreements.inputs import CheckedClause, Decision, VersionProposal, validate_clauses
from services.agreements.reads import (
    check_signatories_joined,
    clauses_for,
    has_accepted_version,
    latest_version,
    next_version_number,
    version_numbered,
)
from services.agreements.review_schedule import start_review_cycle
from services.agreements.states import agreement_transition, approval_outcome, version_transition
from services.agreements.views import (
    ClauseChange,
    DecisionOut,
    SimulationLink,
    VersionDiff,
    agreement_event_data,
    clause_out,
)
from services.errors import Conflict, Forbidden, InvalidInput
from services.events import record_event
from services.policy import Action
from services.scoping import get_readable_agreement, visible_clauses
from services.values import instant_input


async def list_versions(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID
) -> tuple[Agreement, str | None, list[AgreementVersion]]:
    agreement, role = await get_readable_agreement(session, actor, agreement_id)
    rows = await session.scalars(
        select(AgreementVersion).where(AgreementVersion.agreement_id == agreement.id).order_by(AgreementVersion.number)
    )
    return agreement, role, list(rows)


async def get_version(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, number: int
) -> tuple[AgreementVersion, str | None]:
    agreement, role = await get_readable_agreement(session, actor, agreement_id)
    return await version_numbered(session, agreement.id, number), role


async def propose_version(
    session: AsyncSession,
    actor: Actor,
    agreement_id: uuid.UUID,
    proposal: VersionProposal,
    *,
    now: datetime,
    expected_version: int | None = None,
) -> AgreementVersion:
    agreement, role = await get_readable_agreement(session, actor, agreement_id, for_update=True)
    check_if_match(agreement.row_version, expected_version)
    policy.require(Action.PROPOSE_VERSION, actor, role)
    if agreement.status == AgreementStatus.TERMINATED:
        raise Conflict(f"cannot propose a version of a {agreement.status} agreement", "invalid_transition")
    await check_signatories_joined(session, agreement.id)
    if proposal.effective_from is not None:
        instant_input(proposal.effective_from, what="effective_from")
    open_version = await session.scalar(
        select(AgreementVersion)
        .where(
            AgreementVersion.agreement_id == agreement.id,
            AgreementVersion.status.in_((VersionStatus.DRAFT, VersionStatus.PROPOSED)),
        )
        .with_for_update()
    )
    if open_version is not None and open_version.status == VersionStatus.PROPOSED:
        raise Conflict(
            f"version {open_version.number} is still awaiting approval; approve, reject or withdraw it first",
            "proposal_pending",
        )
    base = open_version or await latest_version(session, agreement.id, status=VersionStatus.ACCEPTED)
    if base is None:
        # Nothing accepted yet and the first proposal was rejected or withdrawn: the next one revises it, so a merge
        # changes only the clauses it names (the agreement's clauses read as that proposal's meanwhile).
        base = await latest_version(session, agreement.id)
    base_clauses = (await clauses_for(session, [base.id]))[base.id] if base else []
    clauses = _compose(base_clauses, proposal)
    if not clauses:
        raise InvalidInput("a version needs at least one clause", field="clauses")
    if open_version is not None:  # the working draft becomes the proposal
        version = open_version
        if proposal.clauses is not None or proposal.remove:
            await session.execute(delete(Clause).where(Clause.version_id == version.id))
            add_clauses(session, version.id, clauses)
    else:
        version = AgreementVersion(
            id=uuid.uuid4(),
            agreement_id=agreement.id,
            number=await next_version_number(session, agreement.id),
            status=VersionStatus.DRAFT,
            created_at=now,
        )
        session.add(version)
        try:
            await session.flush()
        except IntegrityError:
            raise Conflict(
                "another proposal was made at the same time; read the versions again", "proposal_pending"
            ) from None
        add_clauses(session, version.id, clauses)
    version.status = VersionStatus(version_transition(version.status, "propose"))
    version.summary = proposal.summary
    version.effective_from = proposal.effective_from
    if version.effective_from is None and not await has_accepted_version(session, agreement.id):
        # The first version governs the agreement from its own start, unless it names another date.
        version.effective_from = agreement.effective_from
    version.proposed_by_party_id = actor.party_id
    version.proposed_at = now
    if agreement.status == AgreementStatus.DRAFT:
        agreement.status = AgreementStatus(agreement_transition(agreement.status, "propose"))
    agreement.row_version += 1
    agreement.updated_at = now
    await session.flush()
    await record_event(
        session,
        actor,
        EventType.AGREEMENT_VERSION_PROPOSED,
        now=now,
        agreement_id=agreement.id,
        payload=msgspec.structs.replace(
            await agreement_event_data(session, agreement, now=now, version=version),
            # A signatory can see what the proposal would have meant over recorded months before deciding.
            simulation=SimulationLink("POST", f"/v1/agreements/{agreement.id}/versions/{version.number}/simulate"),
        ),
    )
    return version


def _compose(base: list[Clause], proposal: VersionProposal) -> list[CheckedClause]:
    given = validate_clauses(proposal.clauses or [])
    if proposal.mode == ProposalMode.REPLACE:
        if proposal.clauses is None:
            raise InvalidInput("mode replace needs the full clause set in `clauses`", field="clauses")
        if proposal.remove:
            raise InvalidInput("`remove` is only for mode merge", field="remove")
        return given
    existing = {
        c.key: CheckedClause(
            key=c.key,
            kind=c.kind,
            title=c.title,
            body=c.body,
            terms=c.terms,
            shared_with_third_parties=c.shared_with_third_parties,
        )
        for c in base
    }
    for index, key in enumerate(proposal.remove):
        if key not in existing:
            raise InvalidInput(f"no clause with key {key!r} to remove", field=f"remove[{index}]")
        del existing[key]
    for clause in given:
        existing[clause.key] = clause
    return list(existing.values())


async def decide_version(
    session: AsyncSession,
    actor: Actor,
    agreement_id: uuid.UUID,
    number: int,
    decision: ApprovalDecision,
    body: Decision,
    *,
    now: datetime,
) -> AgreementVersion:
    """One signatory's approval or rejection; the version is accepted once every signatory approved."""
    agreement, role = await get_readable_agreement(session, actor, agreement_id, for_update=True)
    version = await version_numbered(session, agreement.id, number, for_update=True)
    if body.party_id is not None and body.party_id != actor.party_id:
        raise Forbidden("a party decides only for itself", "not_your_party")
    policy.require(Action.DECIDE_VERSION, actor, role)
    if version.status != VersionStatus.PROPOSED:
        raise Conflict(
            f"version {number} is {version.status}; only a proposed version can be decided", "invalid_transition"
        )
    await check_signatories_joined(session, agreement.id)
    already = await session.scalar(
        select(Approval).where(Approval.version_id == version.id, Approval.party_id == actor.party_id)
    )
    if already is not None:
        raise Conflict(f"your party already {already.decision} version {number}", "already_decided")
    session.add(
        Approval(
            id=uuid.uuid4(),
            version_id=version.id,
            party_id=actor.party_id,
            decision=decision,
            comment=body.comment,
            client_id=actor.client_id,
            decided_at=now,
        )
    )
    await session.flush()
    signatories = await scoping.signatory_party_ids(session, agreement.id)
    decisions = dict(
        (
            await session.execute(select(Approval.party_id, Approval.decision).where(Approval.version_id == version.id))
        ).all()
    )
    outcome = approval_outcome(signatories, decisions)
    amended = False
    events = [
        EventType.AGREEMENT_VERSION_APPROVED
        if decision == ApprovalDecision.APPROVED
        else EventType.AGREEMENT_VERSION_REJECTED
    ]
    if outcome == "accepted":
        version.status = VersionStatus(version_transition(version.status, "accept"))
        version.decided_at = now
        if version.effective_from is None:
            version.effective_from = now
        if agreement.status in (AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED):
            events.append(EventType.AGREEMENT_AMENDED)
            amended = True
    elif outcome == "rejected":
        version.status = VersionStatus(version_transition(version.status, "reject"))
        version.decided_at = now
        await _reopen_if_first(session, agreement)
    agreement.row_version += 1
    agreement.updated_at = now
    await session.flush()
    for event_type in events:
        payload = await agreement_event_data(session, agreement, now=now, version=version)
        payload.decision = DecisionOut(party_id=actor.party_id, decision=decision, comment=body.comment)
        await record_event(session, actor, event_type, now=now, agreement_id=agreement.id, payload=payload)
    if amended:
        # An amendment may change the review clause, and with it the cadence.
        await start_review_cycle(session, actor, agreement, now=now)
    return version


async def _reopen_if_first(session: AsyncSession, agreement: Agreement) -> None:
    """A rejected or withdrawn first proposal sends the agreement back to draft."""
    if agreement.status == AgreementStatus.PROPOSED and not await has_accepted_version(session, agreement.id):
        agreement.status = AgreementStatus(agreement_transition(agreement.status, "reopen"))


async def withdraw_version(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, number: int, *, now: datetime
) -> AgreementVersion:
    agreement, role = await get_readable_agreement(session, actor, agreement_id, for_update=True)
    version = await version_numbered(session, agreement.id, number, for_update=True)
    if version.status != VersionStatus.PROPOSED:
        raise Conflict(
            f"version {number} is {version.status}; only a proposed version can be withdrawn", "invalid_transition"
        )
    if not actor.is_operator and version.proposed_by_party_id != actor.party_id:
        raise Forbidden("only the party that proposed a version may withdraw it", "not_the_proposer")
    version.status = VersionStatus(version_transition(version.status, "withdraw"))
    version.decided_at = now
    await _reopen_if_first(session, agreement)
    agreement.row_version += 1
    agreement.updated_at = now
    await session.flush()
    await record_event(
        session,
        actor,
        EventType.AGREEMENT_VERSION_WITHDRAWN,
        now=now,
        agreement_id=agreement.id,
        payload=await agreement_event_data(session, agreement, now=now, version=version),
    )
    return version


async def diff_versions(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, number: int, against: int
) -> VersionDiff:
    """What changed from version `against` to version `number`, by clause key, as the caller may see it."""
    agreement, role = await get_readable_agreement(session, actor, agreement_id)
    new = await version_numbered(session, agreement.id, number)
    old = await version_numbered(session, agreement.id, against)
    clauses = await clauses_for(session, [new.id, old.id])
    before = {c.key: c for c in visible_clauses(clauses[old.id], role)}
    after = {c.key: c for c in visible_clauses(clauses[new.id], role)}
    fields = ("kind", "title", "body", "terms", "shared_with_third_parties")
    changed = []
    for key in sorted(before.keys() & after.keys()):
        differing = [f for f in fields if getattr(before[key], f) != getattr(after[key], f)]
        if differing:
            changed.append(
                ClauseChange(
                    key=key,
                    fields=differing,
                    before={f: getattr(before[key], f) for f in differing},
                    after={f: getattr(after[key], f) for f in differing},
                )
            )
    changed_keys = {c.key for c in changed}
    return VersionDiff(
        version=number,
        against=against,
        added=[clause_out(after[k]) for k in sorted(after.keys() - before.keys())],
        removed=[clause_out(before[k]) for k in sorted(before.keys() - after.keys())],
        changed=changed,
        unchanged=sorted(k for k in before.keys() & after.keys() if k not in changed_keys),
    )
