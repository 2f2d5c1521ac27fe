"""`invitations`, `acceptInvitation` and `declineInvitation` — the GraphQL side of `/v1/invitations`."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from db import values
from db.values import Scope
from schema.agreements.types import AgreementRole, MembershipStatus
from schema.context import actor_of
from schema.errors import MutationError, as_graphql_error
from schema.pagination import DEFAULT_PAGE_SIZE, Connection, connection
from schema.permissions import requires_scope
from schema.transactions import in_transaction
from services.agreements import invitations as invitation_service
from services.agreements.views import InvitationOut
from services.errors import DomainError
from services.pagination import encode_cursor


@strawberry.type(description="The agreement an invitation is for: what the invited party sees before it accepts.")
class InvitedAgreement:
    id: uuid.UUID
    reference: str
    title: str


@strawberry.type(description="An invitation to join an agreement in a role.")
class Invitation:
    id: uuid.UUID
    party_id: uuid.UUID = strawberry.field(description="The invited party.")
    role: AgreementRole
    status: MembershipStatus
    agreement: InvitedAgreement
    invited_by_party_id: uuid.UUID | None
    created_at: datetime
    decided_at: datetime | None

    @classmethod
    def of(cls, view: InvitationOut) -> Invitation:
        return cls(
            id=view.id,
            party_id=view.party_id,
            role=AgreementRole(view.role),
            status=MembershipStatus(view.status),
            agreement=InvitedAgreement(
                id=view.agreement.id, reference=view.agreement.reference, title=view.agreement.title
            ),
            invited_by_party_id=view.invited_by_party_id,
            created_at=view.created_at,
            decided_at=view.decided_at,
        )


def _cursor(invitation: Invitation) -> str:
    # The sort key of services.agreements.invitations.list_invitations.
    return encode_cursor(invitation.created_at.isoformat(), str(invitation.id))


@strawberry.type
class InvitationQueries:
    @strawberry.field(
        description="Invitations addressed to the caller's party, oldest first.",
        extensions=[requires_scope(Scope.AGREEMENTS_READ)],
    )
    async def invitations(
        self,
        info: strawberry.Info,
        status: MembershipStatus | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Invitation]:
        try:
            async with info.context.sessions.session() as session:
                rows, next_cursor = await invitation_service.list_invitations(
                    session, actor_of(info), status=status.value if status else None, limit=first, cursor=after
                )
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        return connection([Invitation.of(r) for r in rows], next_cursor, _cursor)


@strawberry.type
class AcceptInvitationPayload:
    invitation: Invitation


@strawberry.type
class DeclineInvitationPayload:
    invitation: Invitation


AcceptInvitationResult = Annotated[AcceptInvitationPayload | MutationError, strawberry.union("AcceptInvitationResult")]
DeclineInvitationResult = Annotated[
    DeclineInvitationPayload | MutationError, strawberry.union("DeclineInvitationResult")
]


@strawberry.type
class InvitationMutations:
    @strawberry.mutation(
        description="Accept an invitation: the caller's party joins the agreement in the role offered.",
        extensions=[requires_scope(Scope.AGREEMENTS_WRITE)],
    )
    async def accept_invitation(self, info: strawberry.Info, id: uuid.UUID) -> AcceptInvitationResult:
        async def use_case(session: AsyncSession) -> AcceptInvitationPayload:
            answered = await invitation_service.answer_invitation(
                session, actor_of(info), id, values.MembershipStatus.ACCEPTED, now=info.context.now
            )
            return AcceptInvitationPayload(invitation=Invitation.of(answered))

        return await in_transaction(info, use_case)

    @strawberry.mutation(
        description="Decline an invitation: the caller's party stays out of the agreement.",
        extensions=[requires_scope(Scope.AGREEMENTS_WRITE)],
    )
    async def decline_invitation(self, info: strawberry.Info, id: uuid.UUID) -> DeclineInvitationResult:
        async def use_case(session: AsyncSession) -> DeclineInvitationPayload:
            answered = await invitation_service.answer_invitation(
                session, actor_of(info), id, values.MembershipStatus.DECLINED, now=info.context.now
            )
            return DeclineInvitationPayload(invitation=Invitation.of(answered))

        return await in_transaction(info, use_case)
