"""One mutation per REST write on `/v1/disputes`: open, comment, and each step of the procedure.

Each calls one use case of `services.disputes.cases` inside `in_transaction` (commit on success, roll back and answer a
typed error otherwise). Who may take which step (only the respondent acknowledges or rejects, only the raiser
withdraws, and resolves when the procedure says the raiser must accept) is decided there.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Annotated, Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from db.values import Scope
from schema.context import actor_of
from schema.disputes.types import Dispute, DisputeSubject
from schema.errors import MutationError
from schema.permissions import requires_scope
from schema.transactions import in_transaction
from services.disputes import cases as dispute_service
from services.errors import InvalidInput
from services.values import Money, check_currency

# The `type: ignore[arg-type]` / `[return-value]` below are one pattern: a resolver hands strawberry the ORM row, which
# it resolves as the declared GraphQL type (the type's fields read the row's attributes); mypy sees two classes.

WRITE = [requires_scope(Scope.DISPUTES_WRITE)]


@strawberry.input(
    description="A link (`url`), or a small attachment (`filename`, `contentType` and base64 `content`, "
    "at most 256 KiB)."
)
class EvidenceInput:
    url: str | None = None
    filename: str | None = None
    content_type: str | None = None
    content: str | None = strawberry.field(default=None, description="Base64.")


@strawberry.input
class OpenDisputeInput:
    agreement_id: uuid.UUID
    respondent_party_id: uuid.UUID = strawberry.field(description="Another member party of the agreement.")
    subject: str
    description: str
    about: DisputeSubject = DisputeSubject.AGREEMENT
    clause_key: str | None = strawberry.field(
        default=None, description="For CLAUSE: the clause's key; for CREDIT: the service_credit clause's key."
    )
    credit_period: str | None = strawberry.field(default=None, description="For CREDIT: the period, YYYY-MM.")
    ticket_source: str | None = strawberry.field(default=None, description="For TICKET.")
    ticket_external_id: str | None = strawberry.field(default=None, description="For TICKET.")
    evidence: list[EvidenceInput] = strawberry.field(default_factory=list)


@strawberry.input
class CommentOnDisputeInput:
    body: str
    evidence: list[EvidenceInput] = strawberry.field(default_factory=list)


@strawberry.input(description='An exact amount of money: `amount` is a decimal string such as "150.00", never a float.')
class MoneyInput:
    amount: Decimal
    currency: str = strawberry.field(description="ISO 4217 code, e.g. EUR.")


@strawberry.input
class ResolveDisputeInput:
    outcome: str = strawberry.field(description="What the parties settled on.")
    adjustment: MoneyInput | None = strawberry.field(default=None, description="An agreed adjustment, e.g. a credit.")


@strawberry.type
class OpenDisputePayload:
    dispute: Dispute


@strawberry.type
class CommentOnDisputePayload:
    dispute: Dispute


@strawberry.type
class AcknowledgeDisputePayload:
    dispute: Dispute


@strawberry.type
class EscalateDisputePayload:
    dispute: Dispute


@strawberry.type
class ResolveDisputePayload:
    dispute: Dispute


@strawberry.type
class RejectDisputePayload:
    dispute: Dispute


@strawberry.type
class WithdrawDisputePayload:
    dispute: Dispute


def _result(payload: type, name: str) -> Any:
    return Annotated[payload | MutationError, strawberry.union(name)]


OpenDisputeResult = _result(OpenDisputePayload, "OpenDisputeResult")
CommentOnDisputeResult = _result(CommentOnDisputePayload, "CommentOnDisputeResult")
AcknowledgeDisputeResult = _result(AcknowledgeDisputePayload, "AcknowledgeDisputeResult")
EscalateDisputeResult = _result(EscalateDisputePayload, "EscalateDisputeResult")
ResolveDisputeResult = _result(ResolveDisputePayload, "ResolveDisputeResult")
RejectDisputeResult = _result(RejectDisputePayload, "RejectDisputeResult")
WithdrawDisputeResult = _result(WithdrawDisputePayload, "WithdrawDisputeResult")

NOTE = "Shown on the dispute's timeline."


def _evidence(items: list[EvidenceInput]) -> list[dispute_service.EvidenceInput]:
    return [
        dispute_service.EvidenceInput(url=e.url, filename=e.filename, content_type=e.content_type, content=e.content)
        for e in items
    ]


def _money(money: MoneyInput, field: str) -> Money:
    """`services.values.Money`, checked as REST's body decoding checks it, with the offending field named."""
    try:
        check_currency(money.currency)
    except ValueError as exc:
        raise InvalidInput(str(exc), field=f"{field}.currency") from None
    try:
        return Money(amount=str(money.amount), currency=money.currency)
    except ValueError as exc:
        raise InvalidInput(str(exc), field=f"{field}.amount") from None


async def _step(
    info: strawberry.Info,
    action: str,
    payload: type,
    id: uuid.UUID,
    note: str | None = None,
    resolution: ResolveDisputeInput | None = None,
    expected_version: int | None = None,
) -> Any:
    async def use_case(session: AsyncSession) -> Any:
        resolved = None
        if resolution is not None:
            adjustment = _money(resolution.adjustment, "adjustment") if resolution.adjustment is not None else None
            resolved = dispute_service.ResolutionInput(outcome=resolution.outcome, adjustment=adjustment)
        dispute = await dispute_service.transition(
            session,
            actor_of(info),
            id,
            action,
            now=info.context.now,
            note=note,
            resolution=resolved,
            expected_version=expected_version,
        )
        return payload(dispute=dispute)

    return await in_transaction(info, use_case)


EXPECTED = "The dispute's `version` you last read; a different current version answers PreconditionError."


@strawberry.type
class DisputeMutations:
    @strawberry.mutation(
        description="Open a dispute about an agreement, a clause or a ticket's SLA, against another member party.",
        extensions=WRITE,
    )
    async def open_dispute(self, info: strawberry.Info, input: OpenDisputeInput) -> OpenDisputeResult:
        async def use_case(session: AsyncSession) -> OpenDisputePayload:
            data = dispute_service.DisputeOpen(
                agreement_id=input.agreement_id,
                respondent_party_id=input.respondent_party_id,
                subject=input.subject,
                description=input.description,
                about=input.about.value,
                clause_key=input.clause_key,
                credit_period=input.credit_period,
                ticket_source=input.ticket_source,
                ticket_external_id=input.ticket_external_id,
                evidence=_evidence(input.evidence),
            )
            dispute = await dispute_service.open_dispute(session, actor_of(info), data, now=info.context.now)
            return OpenDisputePayload(dispute=dispute)  # type: ignore[arg-type]

        return await in_transaction(info, use_case)

    @strawberry.mutation(
        description="Comment (either party), optionally with evidence. An acknowledged dispute moves to IN_RESOLUTION.",
        extensions=WRITE,
    )
    async def comment_on_dispute(
        self,
        info: strawberry.Info,
        id: uuid.UUID,
        input: CommentOnDisputeInput,
        expected_version: Annotated[int | None, strawberry.argument(description=EXPECTED)] = None,
    ) -> CommentOnDisputeResult:
        async def use_case(session: AsyncSession) -> CommentOnDisputePayload:
            data = dispute_service.CommentInput(body=input.body, evidence=_evidence(input.evidence))
            dispute = await dispute_service.comment(
                session, actor_of(info), id, data, now=info.context.now, expected_version=expected_version
            )
            return CommentOnDisputePayload(dispute=dispute)  # type: ignore[arg-type]

        return await in_transaction(info, use_case)

    @strawberry.mutation(description="The respondent acknowledges the dispute.", extensions=WRITE)
    async def acknowledge_dispute(
        self,
        info: strawberry.Info,
        id: uuid.UUID,
        note: Annotated[str | None, strawberry.argument(description=NOTE)] = None,
        expected_version: Annotated[int | None, strawberry.argument(description=EXPECTED)] = None,
    ) -> AcknowledgeDisputeResult:
        return await _step(info, "acknowledge", AcknowledgeDisputePayload, id, note, expected_version=expected_version)

    @strawberry.mutation(description="Escalate to the next level and stage of the procedure.", extensions=WRITE)
    async def escalate_dispute(
        self,
        info: strawberry.Info,
        id: uuid.UUID,
        note: Annotated[str | None, strawberry.argument(description=NOTE)] = None,
        expected_version: Annotated[int | None, strawberry.argument(description=EXPECTED)] = None,
    ) -> EscalateDisputeResult:
        return await _step(info, "escalate", EscalateDisputePayload, id, note, expected_version=expected_version)

    @strawberry.mutation(
        description="Resolve with an outcome and an optional agreed adjustment. When the procedure "
        "says so, only the raising party may resolve.",
        extensions=WRITE,
    )
    async def resolve_dispute(
        self,
        info: strawberry.Info,
        id: uuid.UUID,
        input: ResolveDisputeInput,
        expected_version: Annotated[int | None, strawberry.argument(description=EXPECTED)] = None,
    ) -> ResolveDisputeResult:
        return await _step(
            info, "resolve", ResolveDisputePayload, id, resolution=input, expected_version=expected_version
        )

    @strawberry.mutation(description="The respondent rejects the claim.", extensions=WRITE)
    async def reject_dispute(
        self,
        info: strawberry.Info,
        id: uuid.UUID,
        note: Annotated[str | None, strawberry.argument(description=NOTE)] = None,
        expected_version: Annotated[int | None, strawberry.argument(description=EXPECTED)] = None,
    ) -> RejectDisputeResult:
        return await _step(info, "reject", RejectDisputePayload, id, note, expected_version=expected_version)

    @strawberry.mutation(description="The raising party withdraws the dispute.", extensions=WRITE)
    async def withdraw_dispute(
        self,
        info: strawberry.Info,
        id: uuid.UUID,
        note: Annotated[str | None, strawberry.argument(description=NOTE)] = None,
        expected_version: Annotated[int | None, strawberry.argument(description=EXPECTED)] = None,
    ) -> WithdrawDisputeResult:
        return await _step(info, "withdraw", WithdrawDisputePayload, id, note, expected_version=expected_version)
