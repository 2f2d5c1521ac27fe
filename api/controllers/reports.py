"""Service reports (the `reporting` clause): the list, and one period's report as JSON or a self-contained HTML page
by `Accept` negotiation, or PDF."""

from __future__ import annotations

import uuid
from typing import Annotated

import msgspec
from litestar import Controller, Request, Response, get
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Limit
from db.values import Scope
from services.actors import Actor
from services.errors import DomainError, InvalidInput
from services.reports.html import render_html
from services.reports.pdf import render_pdf
from services.reports.reports import list_reports, read_report
from services.reports.views import ReportPage

JSON, HTML, PDF = "application/json", "text/html", "application/pdf"
OFFERED = (JSON, HTML, PDF)
# `?format=` for links that cannot set `Accept` (a browser, an e-mail, GraphQL's `htmlHref`/`pdfHref`); it wins.
FORMATS = {"json": JSON, "html": HTML, "pdf": PDF}


class ReportsController(Controller):
    path = "/v1/agreements/{agreement_id:uuid}/reports"
    tags = ["reports"]

    @get(
        "/",
        summary="The agreement's published service reports, newest period first",
        opt={"scope": Scope.AGREEMENTS_READ},
    )
    async def list(
        self,
        agreement_id: uuid.UUID,
        session: AsyncSession,
        actor: Actor,
        limit: Limit = 50,
        cursor: str | None = None,
    ) -> ReportPage:
        return await list_reports(session, actor, agreement_id, limit=limit, cursor=cursor)

    @get(
        "/{period:str}",
        summary="One period's service report: JSON, a self-contained HTML page or PDF (by Accept)",
        opt={"scope": Scope.AGREEMENTS_READ},
        media_type=JSON,
    )
    async def read(
        self,
        agreement_id: uuid.UUID,
        period: str,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        format: Annotated[
            str | None, Parameter(query="format", description="json, html or pdf: overrides `Accept`.")
        ] = None,
    ) -> Response[bytes]:
        if format is not None and format not in FORMATS:
            raise InvalidInput(f"format must be one of {', '.join(FORMATS)}, got {format!r}", field="format")
        # No Accept header means anything; an Accept naming neither type is a 406, not a silent JSON answer.
        if format is not None:
            media_type: str | None = FORMATS[format]
        else:
            media_type = request.accept.best_match(list(OFFERED)) if "accept" in request.headers else JSON
        if media_type is None:
            raise DomainError(f"this report is available as {' or '.join(OFFERED)}", "not_acceptable", 406)
        report = await read_report(session, actor, agreement_id, period)
        if media_type == PDF:
            return Response(render_pdf(report), media_type=PDF)
        if media_type == HTML:
            return Response(render_html(report).encode(), media_type=HTML)
        return Response(msgspec.json.encode(report), media_type=JSON)
