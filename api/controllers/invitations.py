"""`/v1/invitations`: the invitations addressed to the caller's party, and its answer to each."""

from __future__ import annotations

import uuid
from datetime import datetime

from litestar import Controller, Request, Response, get, post
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Limit
from api.pagination import paged
from api.representations import Page
from db.values import MembershipStatus, Scope
from services.actors import Actor
from services.agreements import invitations as invitation_service
from services.agreements.views import InvitationOut

READ = {"scope": Scope.AGREEMENTS_READ}
WRITE = {"scope": Scope.AGREEMENTS_WRITE}


class InvitationController(Controller):
    path = "/v1/invitations"
    tags = ["agreements"]

    @get("/", summary="Invitations addressed to the caller's party, oldest first", opt=READ)
    async def list_invitations(
        self,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        limit: Limit = 50,
        cursor: str | None = None,
        status: MembershipStatus | None = None,
    ) -> Response[Page[InvitationOut]]:
        items, next_cursor = await invitation_service.list_invitations(
            session, actor, status=status, limit=limit, cursor=cursor
        )
        return paged(request, items, next_cursor)

    @get("/{invitation_id:uuid}", summary="An invitation", opt=READ)
    async def get_invitation(self, invitation_id: uuid.UUID, session: AsyncSession, actor: Actor) -> InvitationOut:
        return await invitation_service.get_invitation(session, actor, invitation_id)

    @post(
        "/{invitation_id:uuid}/accept",
        summary="Accept: the caller's party joins the agreement",
        opt=WRITE,
        status_code=200,
    )
    async def accept(
        self, invitation_id: uuid.UUID, session: AsyncSession, actor: Actor, now: datetime
    ) -> InvitationOut:
        return await invitation_service.answer_invitation(
            session, actor, invitation_id, MembershipStatus.ACCEPTED, now=now
        )

    @post(
        "/{invitation_id:uuid}/decline",
        summary="Decline: the caller's party stays out of the agreement",
        opt=WRITE,
        status_code=200,
    )
    async def decline(
        self, invitation_id: uuid.UUID, session: AsyncSession, actor: Actor, now: datetime
    ) -> InvitationOut:
        return await invitation_service.answer_invitation(
            session, actor, invitation_id, MembershipStatus.DECLINED, now=now
        )
