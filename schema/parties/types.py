"""Parties, the caller (`Me`) and API clients.

These types resolve straight off the ORM rows the services return (`db.models.Party`, `db.models.ApiClient`):
fields named like a column need no resolver; the others take the row as `strawberry.Parent`.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from db import models, values
from services.actors import Actor

# strawberry.enum marks the value set itself as a GraphQL enum; fields are annotated with the class.
PartyKind = values.PartyKind
strawberry.enum(PartyKind)


@strawberry.type(description="The party's id in another tool, e.g. system `zendesk`, id `org-1`.")
class ExternalRef:
    system: str
    external_id: str


@strawberry.type(description="An organisation (or system) that takes part in agreements.")
class Party:
    id: uuid.UUID
    name: str
    kind: PartyKind
    contact_email: str | None
    created_at: datetime
    updated_at: datetime

    @strawberry.field(description="Increases with every change; pass it as `expectedVersion` to `updateParty`.")
    @staticmethod
    def version(party: strawberry.Parent[models.Party]) -> int:
        return party.row_version

    @strawberry.field
    @staticmethod
    async def external_refs(party: strawberry.Parent[models.Party], info: strawberry.Info) -> list[ExternalRef]:
        refs = await info.context.loaders.external_refs.load(party.id)
        return [ExternalRef(system=system, external_id=external_id) for system, external_id in sorted(refs.items())]


@strawberry.type(description="The caller: its party (absent for the operator) and the scopes of its token.")
class Me:
    actor: strawberry.Private[Actor]

    @strawberry.field
    async def party(self, info: strawberry.Info) -> Party | None:
        if self.actor.party_id is None:
            return None
        return await info.context.loaders.party.load(self.actor.party_id)

    @strawberry.field
    def operator(self) -> bool:
        return self.actor.is_operator

    @strawberry.field
    def scopes(self) -> list[str]:
        return sorted(self.actor.scopes)

    @strawberry.field
    def client_id(self) -> str | None:
        return self.actor.client_id

    @strawberry.field
    def token_id(self) -> str | None:
        return self.actor.token_id


@strawberry.type(description="A party's credentials for the OAuth 2.0 client-credentials grant.")
class ApiClient:
    id: uuid.UUID
    client_id: str
    party_id: uuid.UUID | None
    name: str
    scopes: list[str]
    created_at: datetime
    revoked_at: datetime | None
