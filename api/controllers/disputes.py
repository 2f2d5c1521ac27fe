"""Dispute cases: `/v1/disputes` and the steps of their procedure."""

from __future__ import annotations

import uuid
from datetime import datetime
from urllib.parse import quote

from litestar import Controller, Request, Response, get, post
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Limit, etag, if_match
from api.pagination import paged
from api.representations import Page
from db.models import Dispute
from db.values import DisputeRole, DisputeStatus, Scope
from services.actors import Actor
from services.disputes import cases as dispute_service
from services.disputes.cases import (
    CommentInput,
    DisputeFilter,
    DisputeOpen,
    ResolutionInput,
    StatusNote,
    download_filename,
    served_content_type,
)
from services.disputes.views import DisputeDetail, DisputeOut, dispute_detail, dispute_out

# An uploader chose these bytes: the browser must neither guess their type nor run them in this origin.
DOWNLOAD_HEADERS = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"}


def content_disposition(filename: str | None) -> str:
    """RFC 6266: an ASCII `filename` for old clients and the exact (sanitised) name as RFC 5987 `filename*`."""
    name = download_filename(filename)
    fallback = "".join(c if " " <= c <= "~" else "_" for c in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


READ = {"scope": Scope.DISPUTES_READ}
WRITE = {"scope": Scope.DISPUTES_WRITE}


async def detail(session: AsyncSession, dispute: Dispute) -> Response[DisputeDetail]:
    entries, evidence = await dispute_service.dispute_details(session, dispute)
    return Response(dispute_detail(dispute, entries, evidence), headers={"ETag": etag(dispute.row_version)})


class DisputeController(Controller):
    path = "/v1/disputes"
    tags = ["disputes"]

    @get("/", summary="Disputes the caller raised or is named in, newest first", opt=READ)
    async def list_disputes(
        self,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        limit: Limit = 50,
        cursor: str | None = None,
        status: DisputeStatus | None = None,
        agreement_id: uuid.UUID | None = None,
        role: DisputeRole | None = None,
    ) -> Response[Page[DisputeOut]]:
        items, next_cursor = await dispute_service.list_disputes(
            session,
            actor,
            DisputeFilter(status=status, agreement_id=agreement_id, role=role),
            limit=limit,
            cursor=cursor,
        )
        return paged(request, [dispute_out(d) for d in items], next_cursor)

    @post("/", summary="Open a dispute about an agreement, a clause or a ticket's SLA", opt=WRITE)
    async def open_dispute(
        self, data: DisputeOpen, session: AsyncSession, actor: Actor, now: datetime
    ) -> Response[DisputeDetail]:
        dispute = await dispute_service.open_dispute(session, actor, data, now=now)
        response = await detail(session, dispute)
        response.status_code = 201
        response.headers["Location"] = f"/v1/disputes/{dispute.id}"
        return response

    @get("/{dispute_id:uuid}", summary="A dispute with its timeline and evidence", opt=READ)
    async def get_dispute(self, dispute_id: uuid.UUID, session: AsyncSession, actor: Actor) -> Response[DisputeDetail]:
        return await detail(session, await dispute_service.get_dispute(session, actor, dispute_id))

    @get(
        "/{dispute_id:uuid}/evidence/{evidence_id:uuid}",
        summary="An attachment's content",
        opt=READ,
        media_type="application/octet-stream",
    )
    async def evidence(
        self, dispute_id: uuid.UUID, evidence_id: uuid.UUID, session: AsyncSession, actor: Actor
    ) -> Response[bytes]:
        item = await dispute_service.evidence_content(session, actor, dispute_id, evidence_id)
        if item.content is None:
            return Response(b"", status_code=303, headers={"Location": item.url or "", **DOWNLOAD_HEADERS})
        return Response(
            item.content,
            media_type=served_content_type(item.content_type),
            headers={
                "Digest": f"sha-256={item.sha256}",
                "Content-Disposition": content_disposition(item.filename),
                **DOWNLOAD_HEADERS,
            },
        )

    @post(
        "/{dispute_id:uuid}/comments",
        summary="Comment (either party), optionally with evidence",
        opt=WRITE,
        status_code=201,
    )
    async def comment(
        self,
        dispute_id: uuid.UUID,
        data: CommentInput,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
    ) -> Response[DisputeDetail]:
        dispute = await dispute_service.comment(
            session, actor, dispute_id, data, now=now, expected_version=if_match(request, required=False)
        )
        response = await detail(session, dispute)
        response.status_code = 201
        return response

    async def _step(
        self,
        action: str,
        dispute_id: uuid.UUID,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        note: str | None = None,
        resolution: ResolutionInput | None = None,
    ) -> Response[DisputeDetail]:
        dispute = await dispute_service.transition(
            session,
            actor,
            dispute_id,
            action,
            now=now,
            note=note,
            resolution=resolution,
            expected_version=if_match(request, required=False),
        )
        return await detail(session, dispute)

    @post(
        "/{dispute_id:uuid}/acknowledge", summary="The respondent acknowledges the dispute", opt=WRITE, status_code=200
    )
    async def acknowledge(
        self,
        dispute_id: uuid.UUID,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        data: StatusNote | None = None,
    ) -> Response[DisputeDetail]:
        return await self._step(
            "acknowledge", dispute_id, request, session, actor, now, note=data.note if data else None
        )

    @post("/{dispute_id:uuid}/escalate", summary="Escalate to the next level and stage", opt=WRITE, status_code=200)
    async def escalate(
        self,
        dispute_id: uuid.UUID,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        data: StatusNote | None = None,
    ) -> Response[DisputeDetail]:
        return await self._step("escalate", dispute_id, request, session, actor, now, note=data.note if data else None)

    @post(
        "/{dispute_id:uuid}/resolve",
        summary="Resolve with an outcome and an optional agreed adjustment",
        opt=WRITE,
        status_code=200,
    )
    async def resolve(
        self,
        dispute_id: uuid.UUID,
        request: Request,
        data: ResolutionInput,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
    ) -> Response[DisputeDetail]:
        return await self._step("resolve", dispute_id, request, session, actor, now, resolution=data)

    @post("/{dispute_id:uuid}/reject", summary="The respondent rejects the claim", opt=WRITE, status_code=200)
    async def reject(
        self,
        dispute_id: uuid.UUID,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        data: StatusNote | None = None,
    ) -> Response[DisputeDetail]:
        return await self._step("reject", dispute_id, request, session, actor, now, note=data.note if data else None)

    @post("/{dispute_id:uuid}/withdraw", summary="The raising party withdraws the dispute", opt=WRITE, status_code=200)
    async def withdraw(
        self,
        dispute_id: uuid.UUID,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        data: StatusNote | None = None,
    ) -> Response[DisputeDetail]:
        return await self._step("withdraw", dispute_id, request, session, actor, now, note=data.note if data else None)
