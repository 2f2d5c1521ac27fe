"""`createParty`, `updateParty`, `createApiClient`, `revokeApiClient` — one mutation per REST write, operator only."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import strawberry

from db.values import Scope
from schema.context import actor_of
from schema.errors import MutationError
from schema.parties.types import ApiClient, Party, PartyKind
from schema.permissions import requires_scope
from schema.rows import served_as
from schema.transactions import in_transaction
from services import parties as party_service
from services.auth import clients as client_service
from services.errors import InvalidInput


@strawberry.input
class ExternalRefInput:
    system: str = strawberry.field(description="A short name without ':', e.g. zendesk.")
    external_id: str


@strawberry.input
class CreatePartyInput:
    name: str
    kind: PartyKind = PartyKind.ORGANIZATION
    contact_email: str | None = None
    external_refs: list[ExternalRefInput] = strawberry.field(default_factory=list)


@strawberry.input(description="Only the fields given change; `externalRefs` replaces the whole set.")
class UpdatePartyInput:
    name: str | None = strawberry.UNSET
    kind: PartyKind | None = strawberry.UNSET
    contact_email: str | None = strawberry.UNSET
    external_refs: list[ExternalRefInput] | None = strawberry.UNSET


@strawberry.input
class CreateApiClientInput:
    name: str
    scopes: list[str] | None = strawberry.field(
        default=None, description="Party scopes to grant; all party scopes when omitted."
    )


@strawberry.type
class CreatePartyPayload:
    party: Party


@strawberry.type
class UpdatePartyPayload:
    party: Party


@strawberry.type
class CreateApiClientPayload:
    api_client: ApiClient
    client_secret: str = strawberry.field(description="Shown once; only its hash is kept.")


@strawberry.type
class RevokeApiClientPayload:
    api_client: ApiClient


CreatePartyResult = Annotated[CreatePartyPayload | MutationError, strawberry.union("CreatePartyResult")]
UpdatePartyResult = Annotated[UpdatePartyPayload | MutationError, strawberry.union("UpdatePartyResult")]
CreateApiClientResult = Annotated[CreateApiClientPayload | MutationError, strawberry.union("CreateApiClientResult")]
RevokeApiClientResult = Annotated[RevokeApiClientPayload | MutationError, strawberry.union("RevokeApiClientResult")]

OPERATOR = [requires_scope(Scope.PARTIES_ADMIN)]


def _refs(refs: list[ExternalRefInput] | None) -> dict[str, str]:
    by_system: dict[str, str] = {}
    for index, ref in enumerate(refs or []):
        if ref.system in by_system:
            raise InvalidInput(
                f"external ref system {ref.system!r} appears twice", field=f"external_refs[{index}].system"
            )
        by_system[ref.system] = ref.external_id
    return by_system


@strawberry.type
class PartyMutations:
    @strawberry.mutation(description="Create a party (operator).", extensions=OPERATOR)
    async def create_party(self, info: strawberry.Info, input: CreatePartyInput) -> CreatePartyResult:
        async def use_case(session):
            data = party_service.PartyInput(
                name=input.name,
                kind=input.kind.value,
                contact_email=input.contact_email,
                external_refs=_refs(input.external_refs),
            )
            party = await party_service.create_party(session, actor_of(info), data, now=info.context.now)
            return CreatePartyPayload(party=served_as(party, Party))

        return await in_transaction(info, use_case)

    @strawberry.mutation(
        description="Edit a party (operator). `expectedVersion` is the party's `version` as last read.",
        extensions=OPERATOR,
    )
    async def update_party(
        self, info: strawberry.Info, id: uuid.UUID, expected_version: int, input: UpdatePartyInput
    ) -> UpdatePartyResult:
        async def use_case(session):
            changes: dict[str, Any] = {}
            for field in ("name", "kind"):
                value = getattr(input, field)
                if value is None:
                    raise InvalidInput(f"{field} cannot be null", field=field)
                if value is not strawberry.UNSET:
                    changes[field] = value.value if isinstance(value, PartyKind) else value
            if input.contact_email is not strawberry.UNSET:
                changes["contact_email"] = input.contact_email
            if input.external_refs is not strawberry.UNSET:
                changes["external_refs"] = _refs(input.external_refs)
            party = await party_service.update_party(
                session, actor_of(info), id, changes, expected_version=expected_version, now=info.context.now
            )
            return UpdatePartyPayload(party=served_as(party, Party))

        return await in_transaction(info, use_case)

    @strawberry.mutation(
        description="Create an API client for a party (operator); the secret is shown once.", extensions=OPERATOR
    )
    async def create_api_client(
        self, info: strawberry.Info, party_id: uuid.UUID, input: CreateApiClientInput
    ) -> CreateApiClientResult:
        async def use_case(session):
            client, secret = await client_service.create_api_client(
                session,
                party_id=party_id,
                name=input.name,
                scopes=input.scopes,
                now=info.context.now,
                actor=actor_of(info),
            )
            return CreateApiClientPayload(api_client=served_as(client, ApiClient), client_secret=secret)

        return await in_transaction(info, use_case)

    @strawberry.mutation(
        description=(
            "Revoke an API client (operator): no new tokens, and the tokens it holds are refused (by every API "
            "process within 5 seconds). A `client.revoked` event; revoking again changes nothing."
        ),
        extensions=OPERATOR,
    )
    async def revoke_api_client(self, info: strawberry.Info, id: uuid.UUID) -> RevokeApiClientResult:
        async def use_case(session):
            client = await client_service.revoke_api_client(session, actor_of(info), id, now=info.context.now)
            return RevokeApiClientPayload(api_client=served_as(client, ApiClient))

        result = await in_transaction(info, use_case)
        if isinstance(result, RevokeApiClientPayload):
            # Committed: this process stops accepting its tokens now, not after its 5-second check cache.
            info.context.request.app.state.token_verifier.forget_client(result.api_client.client_id)
        return result
