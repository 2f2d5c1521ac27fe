"""`/v1/agreements`: drafts, versions, clauses, lifecycle and history."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec
from litestar import Controller, Request, Response, get, patch, post
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Limit, etag, if_match, unless_unchanged
from api.pagination import paged, slice_page
from api.representations import Page
from db.models import Agreement
from db.values import AgreementStatus, ApprovalDecision, Role, Scope
from services.actors import Actor
from services.agreements import drafts as agreement_service
from services.agreements import lifecycle
from services.agreements import proposals as version_service
from services.agreements.inputs import AgreementCreate, AgreementFilter, AgreementUpdate, Decision, VersionProposal
from services.agreements.views import (
    AgreementOut,
    ClausesOut,
    VersionDiff,
    VersionOut,
    agreement_outs,
    clauses_out,
    version_outs,
)
from services.events import EventOut, event_out, get_event, list_events

# Bounded by the column's type, so an absurd number is a 400 rather than a database error.
VersionNumber = Annotated[int, Parameter(ge=1, le=2_147_483_647, description="A version number: 1, 2, …")]
# Litestar applies the bounds only when the Annotated wraps the optional type itself.
OptionalVersionNumber = Annotated[int | None, Parameter(ge=1, le=2_147_483_647, description="A version number")]
READ = {"scope": Scope.AGREEMENTS_READ}
WRITE = {"scope": Scope.AGREEMENTS_WRITE}


class Transition(msgspec.Struct, forbid_unknown_fields=True):
    reason: str | None = None


async def _one(
    session: AsyncSession, agreement: Agreement, now: datetime, status_code: int = 200
) -> Response[AgreementOut]:
    (out,) = await agreement_outs(session, [agreement], now=now)
    return Response(out, status_code=status_code, headers={"ETag": etag(agreement.row_version)})


class AgreementController(Controller):
    path = "/v1/agreements"
    tags = ["agreements"]

    @get("/", summary="Agreements the caller is a member of, newest first", opt=READ)
    async def list_agreements(
        self,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        limit: Limit = 50,
        cursor: str | None = None,
        status: AgreementStatus | None = None,
        role: Role | None = None,
        counter_party: uuid.UUID | None = None,
        as_of: datetime | None = None,
    ) -> Response[Page[AgreementOut]]:
        filters = AgreementFilter(status=status, role=role, counter_party=counter_party, as_of=as_of)
        items, next_cursor = await agreement_service.list_agreements(
            session, actor, filters, now=now, limit=limit, cursor=cursor
        )
        return paged(request, await agreement_outs(session, items, now=now), next_cursor, etagged=True)

    @post("/", summary="Create a draft agreement with its memberships and clauses", opt=WRITE)
    async def create_agreement(
        self, data: AgreementCreate, session: AsyncSession, actor: Actor, now: datetime
    ) -> Response[AgreementOut]:
        agreement = await agreement_service.create_agreement(session, actor, data, now=now)
        response = await _one(session, agreement, now, status_code=201)
        response.headers["Location"] = f"/v1/agreements/{agreement.id}"
        return response

    @get("/{agreement_id:uuid}", summary="An agreement", opt=READ)
    async def get_agreement(
        self, agreement_id: uuid.UUID, session: AsyncSession, actor: Actor, now: datetime
    ) -> Response[AgreementOut]:
        agreement, _ = await agreement_service.get_agreement(session, actor, agreement_id)
        return await _one(session, agreement, now)

    @patch("/{agreement_id:uuid}", summary="Update a draft; needs If-Match with the ETag", opt=WRITE)
    async def update_agreement(
        self,
        agreement_id: uuid.UUID,
        data: AgreementUpdate,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
    ) -> Response[AgreementOut]:
        agreement = await agreement_service.update_draft(
            session, actor, agreement_id, data, expected_version=if_match(request), now=now
        )
        return await _one(session, agreement, now)

    @get("/{agreement_id:uuid}/clauses", summary="Clauses of the version in effect (or ?version= / ?as_of=)", opt=READ)
    async def clauses(
        self,
        request: Request,
        agreement_id: uuid.UUID,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        version: OptionalVersionNumber = None,
        as_of: datetime | None = None,
    ) -> Response[ClausesOut]:
        found, clauses = await agreement_service.agreement_clauses(
            session, actor, agreement_id, now=now, version_number=version, as_of=as_of
        )
        return unless_unchanged(request, clauses_out(agreement_id, found, clauses))

    @get("/{agreement_id:uuid}/history", summary="The agreement's events, oldest first", opt=READ)
    async def history(
        self,
        request: Request,
        agreement_id: uuid.UUID,
        session: AsyncSession,
        actor: Actor,
        limit: Limit = 50,
        cursor: str | None = None,
    ) -> Response[Page[EventOut]]:
        await agreement_service.get_agreement(session, actor, agreement_id)
        items, next_cursor = await list_events(session, actor, agreement_id=agreement_id, limit=limit, cursor=cursor)
        return paged(request, [event_out(e, role, actor) for e, role in items], next_cursor)

    async def _transition(
        self,
        action: str,
        agreement_id: uuid.UUID,
        data: Transition | None,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
    ) -> Response[AgreementOut]:
        agreement = await lifecycle.transition_agreement(
            session,
            actor,
            agreement_id,
            action,
            now=now,
            expected_version=if_match(request, required=False),
            reason=data.reason if data else None,
        )
        return await _one(session, agreement, now)

    @post("/{agreement_id:uuid}/activate", summary="Activate (needs an accepted version)", opt=WRITE, status_code=200)
    async def activate(
        self,
        agreement_id: uuid.UUID,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        data: Transition | None = None,
    ) -> Response[AgreementOut]:
        return await self._transition("activate", agreement_id, data, request, session, actor, now)

    @post("/{agreement_id:uuid}/suspend", summary="Suspend an active agreement", opt=WRITE, status_code=200)
    async def suspend(
        self,
        agreement_id: uuid.UUID,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        data: Transition | None = None,
    ) -> Response[AgreementOut]:
        return await self._transition("suspend", agreement_id, data, request, session, actor, now)

    @post("/{agreement_id:uuid}/resume", summary="Resume a suspended agreement", opt=WRITE, status_code=200)
    async def resume(
        self,
        agreement_id: uuid.UUID,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        data: Transition | None = None,
    ) -> Response[AgreementOut]:
        return await self._transition("resume", agreement_id, data, request, session, actor, now)

    @post("/{agreement_id:uuid}/terminate", summary="Terminate the agreement", opt=WRITE, status_code=200)
    async def terminate(
        self,
        agreement_id: uuid.UUID,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        data: Transition | None = None,
    ) -> Response[AgreementOut]:
        return await self._transition("terminate", agreement_id, data, request, session, actor, now)


class VersionController(Controller):
    path = "/v1/agreements/{agreement_id:uuid}/versions"
    tags = ["versions"]

    @get("/", summary="The agreement's versions with their approvals and clauses", opt=READ)
    async def list_versions(
        self,
        request: Request,
        agreement_id: uuid.UUID,
        session: AsyncSession,
        actor: Actor,
        limit: Limit = 50,
        cursor: str | None = None,
    ) -> Response[Page[VersionOut]]:
        _, role, versions = await version_service.list_versions(session, actor, agreement_id)
        page, next_cursor = slice_page(versions, limit, cursor)
        return paged(request, await version_outs(session, page, role), next_cursor)

    @post("/", summary="Propose a new version (an amendment, or the draft as the first proposal)", opt=WRITE)
    async def propose(
        self,
        agreement_id: uuid.UUID,
        data: VersionProposal,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
    ) -> Response[VersionOut]:
        version = await version_service.propose_version(
            session, actor, agreement_id, data, now=now, expected_version=if_match(request, required=False)
        )
        (out,) = await version_outs(session, [version], None)
        return Response(
            out, status_code=201, headers={"Location": f"/v1/agreements/{agreement_id}/versions/{version.number}"}
        )

    @get("/{number:int}", summary="One version", opt=READ)
    async def get_version(
        self, agreement_id: uuid.UUID, number: VersionNumber, session: AsyncSession, actor: Actor
    ) -> Response[VersionOut]:
        version, role = await version_service.get_version(session, actor, agreement_id, number)
        # What the version would have given over recorded months (POST, read-only): see the simulate operation.
        simulation = f'</v1/agreements/{agreement_id}/versions/{number}/simulate>; rel="simulate"'
        return Response((await version_outs(session, [version], role))[0], headers={"Link": simulation})

    @post(
        "/{number:int}/approve", summary="Approve a proposed version for the caller's party", opt=WRITE, status_code=200
    )
    async def approve(
        self,
        agreement_id: uuid.UUID,
        number: VersionNumber,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        data: Decision | None = None,
    ) -> VersionOut:
        version = await version_service.decide_version(
            session, actor, agreement_id, number, ApprovalDecision.APPROVED, data or Decision(), now=now
        )
        return (await version_outs(session, [version], None))[0]

    @post(
        "/{number:int}/reject", summary="Reject a proposed version for the caller's party", opt=WRITE, status_code=200
    )
    async def reject(
        self,
        agreement_id: uuid.UUID,
        number: VersionNumber,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        data: Decision | None = None,
    ) -> VersionOut:
        version = await version_service.decide_version(
            session, actor, agreement_id, number, ApprovalDecision.REJECTED, data or Decision(), now=now
        )
        return (await version_outs(session, [version], None))[0]

    @post("/{number:int}/withdraw", summary="Withdraw the caller's own proposal", opt=WRITE, status_code=200)
    async def withdraw(
        self, agreement_id: uuid.UUID, number: VersionNumber, session: AsyncSession, actor: Actor, now: datetime
    ) -> VersionOut:
        version = await version_service.withdraw_version(session, actor, agreement_id, number, now=now)
        return (await version_outs(session, [version], None))[0]

    @get("/{number:int}/diff", summary="What changed from version `against` to this one, by clause key", opt=READ)
    async def diff(
        self,
        agreement_id: uuid.UUID,
        number: VersionNumber,
        session: AsyncSession,
        actor: Actor,
        against: VersionNumber,
    ) -> VersionDiff:
        return await version_service.diff_versions(session, actor, agreement_id, number, against)


class EventController(Controller):
    path = "/v1/events"
    tags = ["events"]

    @get("/", summary="The caller's events, oldest first (a polling alternative to webhooks)", opt=READ)
    async def list_events(
        self,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        limit: Limit = 50,
        cursor: str | None = None,
        type: list[str] | None = None,
    ) -> Response[Page[EventOut]]:
        items, next_cursor = await list_events(session, actor, types=type, limit=limit, cursor=cursor)
        return paged(request, [event_out(e, role, actor) for e, role in items], next_cursor)

    @get("/{event_id:uuid}", summary="One event", opt=READ)
    async def get_event(self, event_id: uuid.UUID, session: AsyncSession, actor: Actor) -> EventOut:
        event, role = await get_event(session, actor, event_id)
        return event_out(event, role, actor)
