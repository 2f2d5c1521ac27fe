"""One mutation per REST write on agreements and their versions.

Each parses its input into the service's own input struct, calls one use case in `services/` inside
`in_transaction` (commit on success, roll back and answer a typed error otherwise), and shapes the payload.
Inputs are checked by the services, which name the offending field; the GraphQL layer only refuses `null`
where a field may be left out but not cleared.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

import msgspec
import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from db import models, values
from db.values import Scope
from schema.agreements.types import Agreement, AgreementRole, AgreementVersion
from schema.context import actor_of
from schema.errors import MutationError
from schema.permissions import requires_scope
from schema.scalars import JSON
from schema.transactions import in_transaction
from services.agreements import drafts as agreement_service
from services.agreements import inputs as service_inputs
from services.agreements import lifecycle
from services.agreements import proposals as version_service
from services.errors import InvalidInput

# The `type: ignore[arg-type]` / `[return-value]` below are one pattern: a resolver hands strawberry the ORM row, which
# it resolves as the declared GraphQL type (the type's fields read the row's attributes); mypy sees two classes.

WRITE = [requires_scope(Scope.AGREEMENTS_WRITE)]


# ---------------------------------------------------------------- inputs


@strawberry.input(description="A clause. `terms` are validated against the kind's type (see the `*Terms` types).")
class ClauseInput:
    key: str = strawberry.field(description="Stable across versions: 1–100 letters, digits, '-', '_' or '.'.")
    kind: str = strawberry.field(
        description="service_level, schedule, cost, service_credit, responsibility, "
        "escalation, dispute_resolution, verification, reporting, review, general."
    )
    title: str
    body: str = ""
    # Optional rather than defaulting to {}: introspection cannot print a JSON object as a default value.
    terms: JSON | None = strawberry.field(default=None, description="Snake_case keys, as in REST; omit for none.")
    shared_with_third_parties: bool = False


@strawberry.input
class MembershipInput:
    party_id: uuid.UUID
    role: AgreementRole


@strawberry.input
class CreateAgreementInput:
    title: str
    memberships: list[MembershipInput] = strawberry.field(
        description="Needs a provider and a customer; the creating party must be one of the members."
    )
    clauses: list[ClauseInput] = strawberry.field(default_factory=list)
    description: str | None = None
    timezone: str = strawberry.field(default="UTC", description="IANA time zone, e.g. Europe/Berlin.")
    effective_from: datetime | None = None
    effective_to: datetime | None = None


@strawberry.input(description="Only the fields given change; `clauses` replaces the whole draft clause set.")
class UpdateAgreementInput:
    title: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    timezone: str | None = strawberry.UNSET
    effective_from: datetime | None = strawberry.UNSET
    effective_to: datetime | None = strawberry.UNSET
    memberships: list[MembershipInput] | None = strawberry.UNSET
    clauses: list[ClauseInput] | None = strawberry.UNSET


ProposalMode = strawberry.enum(values.ProposalMode)


@strawberry.input(
    description="An amendment: `MERGE` upserts `clauses` by key and drops `remove`; `REPLACE` gives "
    "the whole clause set. With neither, the working draft is proposed as it is."
)
class ProposeVersionInput:
    clauses: list[ClauseInput] | None = None
    mode: ProposalMode = ProposalMode.MERGE
    remove: list[str] = strawberry.field(default_factory=list)
    summary: str | None = None
    effective_from: datetime | None = None


def _clause(clause: ClauseInput) -> service_inputs.ClauseInput:
    return service_inputs.ClauseInput(
        key=clause.key,
        kind=clause.kind,
        title=clause.title,
        body=clause.body,
        terms=clause.terms if clause.terms is not None else {},
        shared_with_third_parties=clause.shared_with_third_parties,
    )


def _membership(membership: MembershipInput) -> service_inputs.MembershipInput:
    return service_inputs.MembershipInput(party_id=membership.party_id, role=membership.role.value)


def version_proposal(input: ProposeVersionInput) -> service_inputs.VersionProposal:
    """The service's proposal struct; also what `completeReview` proposes as its amendment."""
    return service_inputs.VersionProposal(
        clauses=[_clause(c) for c in input.clauses] if input.clauses is not None else None,
        mode=input.mode.value,
        remove=list(input.remove),
        summary=input.summary,
        effective_from=input.effective_from,
    )


def _given(value: Any, field: str, *, nullable: bool) -> Any:
    """strawberry.UNSET (left out) → msgspec.UNSET (unchanged); null only where the service may clear the field."""
    if value is strawberry.UNSET:
        return msgspec.UNSET
    if value is None and not nullable:
        raise InvalidInput(f"{field} cannot be null; leave it out to keep it unchanged", field=field)
    return value


def _update(input: UpdateAgreementInput) -> service_inputs.AgreementUpdate:
    memberships = _given(input.memberships, "memberships", nullable=False)
    clauses = _given(input.clauses, "clauses", nullable=False)
    return service_inputs.AgreementUpdate(
        title=_given(input.title, "title", nullable=False),
        description=_given(input.description, "description", nullable=True),
        timezone=_given(input.timezone, "timezone", nullable=False),
        effective_from=_given(input.effective_from, "effective_from", nullable=True),
        effective_to=_given(input.effective_to, "effective_to", nullable=True),
        memberships=memberships if memberships is msgspec.UNSET else [_membership(m) for m in memberships],
        clauses=clauses if clauses is msgspec.UNSET else [_clause(c) for c in clauses],
    )


# ---------------------------------------------------------------- payloads


@strawberry.type
class CreateAgreementPayload:
    agreement: Agreement


@strawberry.type
class UpdateAgreementPayload:
    agreement: Agreement


@strawberry.type
class ProposeVersionPayload:
    version: AgreementVersion
    agreement: Agreement


@strawberry.type
class ApproveVersionPayload:
    version: AgreementVersion
    agreement: Agreement


@strawberry.type
class RejectVersionPayload:
    version: AgreementVersion
    agreement: Agreement


@strawberry.type
class WithdrawVersionPayload:
    version: AgreementVersion
    agreement: Agreement


@strawberry.type
class ActivateAgreementPayload:
    agreement: Agreement


@strawberry.type
class SuspendAgreementPayload:
    agreement: Agreement


@strawberry.type
class ResumeAgreementPayload:
    agreement: Agreement


@strawberry.type
class TerminateAgreementPayload:
    agreement: Agreement


def _result(payload: type, name: str) -> Any:
    return Annotated[payload | MutationError, strawberry.union(name)]


CreateAgreementResult = _result(CreateAgreementPayload, "CreateAgreementResult")
UpdateAgreementResult = _result(UpdateAgreementPayload, "UpdateAgreementResult")
ProposeVersionResult = _result(ProposeVersionPayload, "ProposeVersionResult")
ApproveVersionResult = _result(ApproveVersionPayload, "ApproveVersionResult")
RejectVersionResult = _result(RejectVersionPayload, "RejectVersionResult")
WithdrawVersionResult = _result(WithdrawVersionPayload, "WithdrawVersionResult")
ActivateAgreementResult = _result(ActivateAgreementPayload, "ActivateAgreementResult")
SuspendAgreementResult = _result(SuspendAgreementPayload, "SuspendAgreementResult")
ResumeAgreementResult = _result(ResumeAgreementPayload, "ResumeAgreementResult")
TerminateAgreementResult = _result(TerminateAgreementPayload, "TerminateAgreementResult")


# ---------------------------------------------------------------- use cases shared by several mutations


async def _transition(
    info: strawberry.Info,
    action: str,
    payload: type,
    agreement_id: uuid.UUID,
    expected_version: int | None,
    reason: str | None,
) -> Any:
    async def use_case(session: AsyncSession) -> Any:
        agreement = await lifecycle.transition_agreement(
            session,
            actor_of(info),
            agreement_id,
            action,
            now=info.context.now,
            expected_version=expected_version,
            reason=reason,
        )
        return payload(agreement=agreement)

    return await in_transaction(info, use_case)


async def _decide(
    info: strawberry.Info,
    decision: values.ApprovalDecision,
    payload: type,
    agreement_id: uuid.UUID,
    number: int,
    comment: str | None,
) -> Any:
    async def use_case(session: AsyncSession) -> Any:
        actor = actor_of(info)
        version = await version_service.decide_version(
            session,
            actor,
            agreement_id,
            number,
            decision,
            service_inputs.Decision(comment=comment),
            now=info.context.now,
        )
        return payload(version=version, agreement=await _agreement(session, info, agreement_id))

    return await in_transaction(info, use_case)


async def _agreement(session: AsyncSession, info: strawberry.Info, agreement_id: uuid.UUID) -> models.Agreement:
    agreement, _ = await agreement_service.get_agreement(session, actor_of(info), agreement_id)
    return agreement


EXPECTED_VERSION = "The agreement's `version` as last read; the change is refused if it moved on since."


@strawberry.type
class AgreementMutations:
    @strawberry.mutation(description="Create a draft agreement with its memberships and clauses.", extensions=WRITE)
    async def create_agreement(self, info: strawberry.Info, input: CreateAgreementInput) -> CreateAgreementResult:
        async def use_case(session: AsyncSession) -> CreateAgreementPayload:
            data = service_inputs.AgreementCreate(
                title=input.title,
                memberships=[_membership(m) for m in input.memberships],
                clauses=[_clause(c) for c in input.clauses],
                description=input.description,
                timezone=input.timezone,
                effective_from=input.effective_from,
                effective_to=input.effective_to,
            )
            agreement = await agreement_service.create_agreement(session, actor_of(info), data, now=info.context.now)
            return CreateAgreementPayload(agreement=agreement)  # type: ignore[arg-type]

        return await in_transaction(info, use_case)

    @strawberry.mutation(description="Update a draft (a signatory only).", extensions=WRITE)
    async def update_agreement(
        self,
        info: strawberry.Info,
        id: uuid.UUID,
        input: UpdateAgreementInput,
        expected_version: Annotated[int, strawberry.argument(description=EXPECTED_VERSION)],
    ) -> UpdateAgreementResult:
        async def use_case(session: AsyncSession) -> UpdateAgreementPayload:
            agreement = await agreement_service.update_draft(
                session, actor_of(info), id, _update(input), expected_version=expected_version, now=info.context.now
            )
            return UpdateAgreementPayload(agreement=agreement)  # type: ignore[arg-type]

        return await in_transaction(info, use_case)

    @strawberry.mutation(
        description="Propose a new version: the draft as the first proposal, or an amendment.", extensions=WRITE
    )
    async def propose_version(
        self,
        info: strawberry.Info,
        agreement_id: uuid.UUID,
        input: ProposeVersionInput,
        expected_version: Annotated[int | None, strawberry.argument(description=EXPECTED_VERSION)] = None,
    ) -> ProposeVersionResult:
        async def use_case(session: AsyncSession) -> ProposeVersionPayload:
            version = await version_service.propose_version(
                session,
                actor_of(info),
                agreement_id,
                version_proposal(input),
                now=info.context.now,
                expected_version=expected_version,
            )
            return ProposeVersionPayload(version=version, agreement=await _agreement(session, info, agreement_id))  # type: ignore[arg-type]

        return await in_transaction(info, use_case)

    @strawberry.mutation(description="Approve a proposed version for the caller's party.", extensions=WRITE)
    async def approve_version(
        self, info: strawberry.Info, agreement_id: uuid.UUID, number: int, comment: str | None = None
    ) -> ApproveVersionResult:
        return await _decide(
            info, values.ApprovalDecision.APPROVED, ApproveVersionPayload, agreement_id, number, comment
        )

    @strawberry.mutation(description="Reject a proposed version for the caller's party.", extensions=WRITE)
    async def reject_version(
        self, info: strawberry.Info, agreement_id: uuid.UUID, number: int, comment: str | None = None
    ) -> RejectVersionResult:
        return await _decide(
            info, values.ApprovalDecision.REJECTED, RejectVersionPayload, agreement_id, number, comment
        )

    @strawberry.mutation(description="Withdraw the caller's own proposal.", extensions=WRITE)
    async def withdraw_version(
        self, info: strawberry.Info, agreement_id: uuid.UUID, number: int
    ) -> WithdrawVersionResult:
        async def use_case(session: AsyncSession) -> WithdrawVersionPayload:
            version = await version_service.withdraw_version(
                session, actor_of(info), agreement_id, number, now=info.context.now
            )
            return WithdrawVersionPayload(version=version, agreement=await _agreement(session, info, agreement_id))  # type: ignore[arg-type]

        return await in_transaction(info, use_case)

    @strawberry.mutation(description="Activate the agreement (needs an accepted version).", extensions=WRITE)
    async def activate_agreement(
        self,
        info: strawberry.Info,
        id: uuid.UUID,
        reason: str | None = None,
        expected_version: Annotated[int | None, strawberry.argument(description=EXPECTED_VERSION)] = None,
    ) -> ActivateAgreementResult:
        return await _transition(info, "activate", ActivateAgreementPayload, id, expected_version, reason)

    @strawberry.mutation(description="Suspend an active agreement.", extensions=WRITE)
    async def suspend_agreement(
        self,
        info: strawberry.Info,
        id: uuid.UUID,
        reason: str | None = None,
        expected_version: Annotated[int | None, strawberry.argument(description=EXPECTED_VERSION)] = None,
    ) -> SuspendAgreementResult:
        return await _transition(info, "suspend", SuspendAgreementPayload, id, expected_version, reason)

    @strawberry.mutation(description="Resume a suspended agreement.", extensions=WRITE)
    async def resume_agreement(
        self,
        info: strawberry.Info,
        id: uuid.UUID,
        reason: str | None = None,
        expected_version: Annotated[int | None, strawberry.argument(description=EXPECTED_VERSION)] = None,
    ) -> ResumeAgreementResult:
        return await _transition(info, "resume", ResumeAgreementPayload, id, expected_version, reason)

    @strawberry.mutation(description="Terminate the agreement.", extensions=WRITE)
    async def terminate_agreement(
        self,
        info: strawberry.Info,
        id: uuid.UUID,
        reason: str | None = None,
        expected_version: Annotated[int | None, strawberry.argument(description=EXPECTED_VERSION)] = None,
    ) -> TerminateAgreementResult:
        return await _transition(info, "terminate", TerminateAgreementPayload, id, expected_version, reason)
