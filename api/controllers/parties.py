"""`/v1/me` and `/v1/parties`."""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec
from litestar import Controller, Request, Response, get, patch, post
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Limit, etag, if_match
from api.pagination import paged, slice_page
from api.representations import ApiClientCreated, ApiClientOut, Me, Page, shaped
from db.reading import ReadSource
from db.values import PartyKind, Scope
from services import parties as party_service
from services.actors import Actor
from services.auth import clients as client_service
from services.parties import PartyOut, party_outs


class PartyCreate(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    kind: PartyKind = PartyKind.ORGANIZATION
    contact_email: str | None = None
    external_refs: dict[str, str] = {}


class PartyUpdate(msgspec.Struct, forbid_unknown_fields=True):
    name: str | msgspec.UnsetType = msgspec.UNSET
    kind: PartyKind | msgspec.UnsetType = msgspec.UNSET
    contact_email: str | None | msgspec.UnsetType = msgspec.UNSET
    external_refs: dict[str, str] | msgspec.UnsetType = msgspec.UNSET


class ClientCreate(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    scopes: list[str] | None = None


class MeController(Controller):
    path = "/v1/me"
    tags = ["parties"]

    @get("/", summary="The caller: its party and scopes")
    async def me(self, session: AsyncSession, actor: Actor) -> Me:
        return await me_of(session, actor)


async def me_of(session: ReadSource, actor: Actor) -> Me:
    """`GET /v1/me`'s answer (also given by `api.hot_reads`, without Litestar around it)."""
    return Me(
        party=await party_service.own_party(session, actor),
        operator=actor.is_operator,
        scopes=sorted(actor.scopes),
        client_id=actor.client_id,
        token_id=actor.token_id,
    )


class ApiClientController(Controller):
    path = "/v1/clients"
    tags = ["parties"]

    @get("/{api_client_id:uuid}", summary="An API client (the operator, or its own party)")
    async def get_client(self, api_client_id: uuid.UUID, session: AsyncSession, actor: Actor) -> ApiClientOut:
        client = await client_service.get_api_client(session, actor, api_client_id)
        return shaped(client_service.client_snapshot(client), ApiClientOut)

    @post(
        "/{api_client_id:uuid}/revoke",
        summary="Revoke an API client (operator): its tokens stop working at once",
        opt={"scope": "parties:admin"},
        status_code=200,
    )
    async def revoke_client(
        self, request: Request, api_client_id: uuid.UUID, session: AsyncSession, actor: Actor, now: datetime
    ) -> ApiClientOut:
        client = await client_service.revoke_api_client(session, actor, api_client_id, now=now)
        request.app.state.token_verifier.forget_client(client.client_id)
        return shaped(client_service.client_snapshot(client), ApiClientOut)


class PartyController(Controller):
    path = "/v1/parties"
    tags = ["parties"]

    @get("/", summary="Parties the caller can see", opt={"scope": Scope.AGREEMENTS_READ})
    async def list_parties(
        self, request: Request, session: AsyncSession, actor: Actor, limit: Limit = 50, cursor: str | None = None
    ) -> Response[Page[PartyOut]]:
        items, next_cursor = await party_service.list_parties(session, actor, limit=limit, cursor=cursor)
        return paged(request, await party_outs(session, items), next_cursor)

    @post("/", summary="Create a party (operator)", opt={"scope": Scope.PARTIES_ADMIN})
    async def create_party(
        self, data: PartyCreate, session: AsyncSession, actor: Actor, now: datetime
    ) -> Response[PartyOut]:
        party = await party_service.create_party(
            session,
            actor,
            party_service.PartyInput(data.name, data.kind, data.contact_email, data.external_refs),
            now=now,
        )
        (out,) = await party_outs(session, [party])
        return Response(
            out, status_code=201, headers={"ETag": etag(party.row_version), "Location": f"/v1/parties/{party.id}"}
        )

    @get("/{party_id:uuid}", summary="A party", opt={"scope": Scope.AGREEMENTS_READ})
    async def get_party(self, party_id: uuid.UUID, session: AsyncSession, actor: Actor) -> Response[PartyOut]:
        party = await party_service.get_party(session, actor, party_id)
        (out,) = await party_outs(session, [party])
        return Response(out, headers={"ETag": etag(party.row_version)})

    @patch("/{party_id:uuid}", summary="Edit a party (operator); needs If-Match", opt={"scope": Scope.PARTIES_ADMIN})
    async def update_party(
        self,
        party_id: uuid.UUID,
        data: PartyUpdate,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
    ) -> Response[PartyOut]:
        changes = {k: v for k, v in msgspec.structs.asdict(data).items() if v is not msgspec.UNSET}
        party = await party_service.update_party(
            session, actor, party_id, changes, expected_version=if_match(request), now=now
        )
        (out,) = await party_outs(session, [party])
        return Response(out, headers={"ETag": etag(party.row_version)})

    @get("/{party_id:uuid}/clients", summary="A party's API clients (the party itself or the operator)")
    async def list_clients(
        self,
        request: Request,
        party_id: uuid.UUID,
        session: AsyncSession,
        actor: Actor,
        limit: Limit = 50,
        cursor: str | None = None,
    ) -> Response[Page[ApiClientOut]]:
        clients, next_cursor = slice_page(
            await client_service.list_api_clients(session, actor, party_id), limit, cursor
        )
        return paged(request, [shaped(client_service.client_snapshot(c), ApiClientOut) for c in clients], next_cursor)

    @post(
        "/{party_id:uuid}/clients",
        summary="Create an API client (operator); the secret is shown once",
        opt={"scope": Scope.PARTIES_ADMIN},
    )
    async def create_client(
        self, party_id: uuid.UUID, data: ClientCreate, session: AsyncSession, actor: Actor, now: datetime
    ) -> Response[ApiClientCreated]:
        client, secret = await client_service.create_api_client(
            session, party_id=party_id, name=data.name, scopes=data.scopes, now=now, actor=actor
        )
        out = shaped({**client_service.client_snapshot(client), "client_secret": secret}, ApiClientCreated)
        return Response(out, status_code=201, headers={"Cache-Control": "no-store"})
