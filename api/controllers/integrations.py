"""`/v1/integrations`: the party's connections from ticketing tools (mapping, signing secret, audit), and the
endpoints the tools deliver their own webhook payloads to."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Limit, etag, if_match
from api.representations import Page, shaped
from db.models import Integration
from db.values import IntegrationKind, Scope
from services.actors import Actor
from services.errors import DomainError
from services.integrations import connections
from services.integrations.connections import IntegrationCreate, IntegrationUpdate, SecretRotation
from services.integrations.deliveries import receive_delivery, record_refusal
from services.integrations.mapping import Mapping
from services.integrations.policy_sync import (
    JiraSlaImport,
    OpenSloImport,
    ZendeskPolicyImport,
    export_jira_sla,
    export_openslo,
    export_zendesk_policies,
    import_jira_sla,
    import_openslo,
    import_zendesk_policies,
)

# Integrations feed the party's ticket events: whoever may write those configures them.
MANAGE = {"scope": Scope.TICKETS_WRITE}
READ_AGREEMENTS = {"scope": Scope.AGREEMENTS_READ}
# Within PostgreSQL's integer, as the version numbers of every other route.
VersionNumber = Annotated[int | None, Parameter(ge=1, le=2_147_483_647, description="A version number")]
WRITE_AGREEMENTS = {"scope": Scope.AGREEMENTS_WRITE}


class IntegrationOut(msgspec.Struct):
    id: str
    party_id: str
    kind: str
    name: str
    source: str
    status: str
    events_url: str
    mapping: Mapping
    created_at: datetime
    updated_at: datetime
    version: int


class IntegrationWithSecret(IntegrationOut):
    signing_secret: str


class IntegrationDeliveryOut(msgspec.Struct):
    id: str
    received_at: datetime
    outcome: str
    status_code: int
    reason: str | None
    delivery_ref: str | None
    ticket_ref: str | None
    events_accepted: int
    events_duplicate: int
    ignored: list[dict[str, str]]
    body_sha256: str


class DeliveredEvent(msgspec.Struct):
    event_id: str
    type: str
    ticket_id: str


class DeliveryReceipt(msgspec.Struct):
    integration_id: str
    outcome: str
    accepted: int
    duplicates: int
    events: list[DeliveredEvent]
    ignored: list[dict[str, str]]
    tickets: list[dict[str, Any]]


def _out(integration: Integration, secret: str | None = None) -> IntegrationOut:
    snapshot = connections.integration_snapshot(integration, secret=secret)
    return shaped(snapshot, IntegrationWithSecret if secret else IntegrationOut)


class IntegrationController(Controller):
    path = "/v1/integrations"
    tags = ["integrations"]

    @post("/", summary="Connect a ticketing tool; the signing secret is shown once", opt=MANAGE)
    async def create(
        self, data: IntegrationCreate, request: Request, session: AsyncSession, actor: Actor, now: datetime
    ) -> Response[IntegrationOut]:
        integration, secret = await connections.create_integration(
            session, actor, data, now=now, keyring=request.app.state.keyring
        )
        return Response(
            _out(integration, secret),
            status_code=201,
            headers={
                "ETag": etag(integration.row_version),
                "Location": f"/v1/integrations/{integration.id}",
                "Cache-Control": "no-store",
            },
        )

    @get("/", summary="The party's integrations", opt=MANAGE)
    async def list_integrations(self, session: AsyncSession, actor: Actor) -> list[IntegrationOut]:
        return [_out(i) for i in await connections.list_integrations(session, actor)]

    @get("/{integration_id:uuid}", summary="One integration with the mapping in force", opt=MANAGE)
    async def get_integration(
        self, integration_id: uuid.UUID, session: AsyncSession, actor: Actor
    ) -> Response[IntegrationOut]:
        integration = await connections.get_integration(session, actor, integration_id)
        return Response(_out(integration), headers={"ETag": etag(integration.row_version)})

    @patch("/{integration_id:uuid}", summary="Rename, pause or resume, or change the mapping", opt=MANAGE)
    async def update(
        self,
        integration_id: uuid.UUID,
        data: IntegrationUpdate,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
    ) -> Response[IntegrationOut]:
        integration = await connections.update_integration(
            session, actor, integration_id, data, expected_version=if_match(request, required=False), now=now
        )
        return Response(_out(integration), headers={"ETag": etag(integration.row_version)})

    @delete("/{integration_id:uuid}", summary="Disconnect the tool (its tickets stay)", opt=MANAGE)
    async def remove(self, integration_id: uuid.UUID, session: AsyncSession, actor: Actor) -> None:
        await connections.delete_integration(session, actor, integration_id)

    @post(
        "/{integration_id:uuid}/rotate-secret",
        summary="A new signing secret; older ones verify until their grace (24 hours) ends",
        opt=MANAGE,
        status_code=200,
    )
    async def rotate_secret(
        self,
        integration_id: uuid.UUID,
        data: SecretRotation,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
    ) -> Response[IntegrationWithSecret]:
        integration, secret = await connections.rotate_secret(
            session, actor, integration_id, data, now=now, keyring=request.app.state.keyring
        )
        snapshot = connections.integration_snapshot(integration, secret=secret)
        return Response(shaped(snapshot, IntegrationWithSecret), headers={"Cache-Control": "no-store"})

    @get("/{integration_id:uuid}/deliveries", summary="Every delivery received, newest first", opt=MANAGE)
    async def deliveries(
        self,
        integration_id: uuid.UUID,
        session: AsyncSession,
        actor: Actor,
        limit: Limit = 50,
        cursor: str | None = None,
    ) -> Page[IntegrationDeliveryOut]:
        items, next_cursor = await connections.list_deliveries(
            session, actor, integration_id, limit=limit, cursor=cursor
        )
        return Page(
            items=[shaped(connections.delivery_snapshot(d), IntegrationDeliveryOut) for d in items],
            next_cursor=next_cursor,
        )


async def _receive(
    kind: IntegrationKind, integration: uuid.UUID | None, request: Request, session: AsyncSession, now: datetime
) -> DeliveryReceipt:
    body = await request.body()
    headers = {name.lower(): value for name, value in request.headers.items()}
    state = request.app.state
    try:
        receipt = await receive_delivery(session, kind, integration, headers, body, now=now, keyring=state.keyring)
    except DomainError as refused:
        # Nothing of the delivery is kept; its audit line is written in a transaction of its own.
        await session.rollback()
        async with state.sessionmaker() as audit:
            await record_refusal(audit, kind, integration, refused, body, now=now)
            await audit.commit()
        raise
    return shaped(receipt, DeliveryReceipt)


class IntegrationEventController(Controller):
    path = "/v1/integrations"
    tags = ["integrations"]

    @post("/zendesk/events", summary="Zendesk's ticket event webhooks, signed by Zendesk", status_code=200)
    async def zendesk_events(
        self, request: Request, session: AsyncSession, now: datetime, integration: uuid.UUID | None = None
    ) -> DeliveryReceipt:
        return await _receive(IntegrationKind.ZENDESK, integration, request, session, now)

    @post("/jira/events", summary="Jira Service Management's issue and comment webhooks, signed", status_code=200)
    async def jira_events(
        self, request: Request, session: AsyncSession, now: datetime, integration: uuid.UUID | None = None
    ) -> DeliveryReceipt:
        return await _receive(IntegrationKind.JIRA, integration, request, session, now)


class UnmappedItem(msgspec.Struct):
    item: str
    reason: str


class ZendeskImportOut(msgspec.Struct):
    agreement_id: str
    applied_as: str
    version: int | None
    clauses: list[dict[str, Any]]
    unmapped: list[UnmappedItem]
    warnings: list[UnmappedItem]


class ZendeskExportOut(msgspec.Struct):
    sla_policies: list[dict[str, Any]]
    schedules: list[dict[str, Any]]
    unmapped: list[UnmappedItem]


class OpenSloImportOut(msgspec.Struct):
    agreement_id: str
    applied_as: str
    version: int | None
    clauses: list[dict[str, Any]]
    unmapped: list[UnmappedItem]


class OpenSloExportOut(msgspec.Struct):
    yaml: str
    documents: list[dict[str, Any]]
    unmapped: list[UnmappedItem]


class JiraGoalOut(msgspec.Struct):
    jql: str
    goal: str
    calendar: str
    # Which target of which clause the goal comes from.
    source: str = msgspec.field(name="from")


class JiraSlaOut(msgspec.Struct):
    name: str
    start: list[str]
    pause: list[str]
    stop: list[str]
    goals: list[JiraGoalOut]


class JiraExportOut(msgspec.Struct):
    slas: list[JiraSlaOut]
    calendars: list[dict[str, Any]]
    unmapped: list[UnmappedItem]


class JiraImportOut(msgspec.Struct):
    agreement_id: str
    applied_as: str
    version: int | None
    clauses: list[dict[str, Any]]
    unmapped: list[UnmappedItem]


class AgreementPolicyExchangeController(Controller):
    path = "/v1/agreements/{agreement_id:uuid}"
    tags = ["integrations"]

    @post(
        "/import/zendesk",
        summary="Zendesk SLA policies and schedules into the draft, or proposed as a new version",
        opt=WRITE_AGREEMENTS,
        status_code=200,
    )
    async def import_zendesk(
        self,
        agreement_id: uuid.UUID,
        data: ZendeskPolicyImport,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
    ) -> ZendeskImportOut:
        answer = await import_zendesk_policies(
            session, actor, agreement_id, data, expected_version=if_match(request, required=False), now=now
        )
        return shaped(answer, ZendeskImportOut)

    @get("/export/zendesk", summary="The service levels and schedules as Zendesk SLA policies", opt=READ_AGREEMENTS)
    async def export_zendesk(
        self, agreement_id: uuid.UUID, session: AsyncSession, actor: Actor, now: datetime, version: VersionNumber = None
    ) -> ZendeskExportOut:
        answer = await export_zendesk_policies(session, actor, agreement_id, now=now, version_number=version)
        return shaped(answer, ZendeskExportOut)

    @post(
        "/import/openslo",
        summary="OpenSLO v1 objectives into the draft, or proposed as a new version",
        opt=WRITE_AGREEMENTS,
        status_code=200,
    )
    async def import_openslo(
        self,
        agreement_id: uuid.UUID,
        data: OpenSloImport,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
    ) -> OpenSloImportOut:
        answer = await import_openslo(
            session, actor, agreement_id, data, expected_version=if_match(request, required=False), now=now
        )
        return shaped(answer, OpenSloImportOut)

    @get("/export/openslo", summary="The measurable targets as OpenSLO v1 documents", opt=READ_AGREEMENTS)
    async def export_openslo(
        self, agreement_id: uuid.UUID, session: AsyncSession, actor: Actor, now: datetime, version: VersionNumber = None
    ) -> OpenSloExportOut:
        answer = await export_openslo(session, actor, agreement_id, now=now, version_number=version)
        return shaped(answer, OpenSloExportOut)

    @get(
        "/export/jira",
        summary="The time targets as Jira Service Management SLA goals and calendars",
        opt=READ_AGREEMENTS,
    )
    async def export_jira(
        self, agreement_id: uuid.UUID, session: AsyncSession, actor: Actor, now: datetime, version: VersionNumber = None
    ) -> JiraExportOut:
        answer = await export_jira_sla(session, actor, agreement_id, now=now, version_number=version)
        return shaped(answer, JiraExportOut)

    @post(
        "/import/jsm",
        summary="Jira Service Management SLA goals and calendars into the draft, or proposed as a new version",
        opt=WRITE_AGREEMENTS,
        status_code=200,
    )
    async def import_jira(
        self,
        agreement_id: uuid.UUID,
        data: JiraSlaImport,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
    ) -> JiraImportOut:
        answer = await import_jira_sla(
            session, actor, agreement_id, data, expected_version=if_match(request, required=False), now=now
        )
        return shaped(answer, JiraImportOut)
