"""The Python client generated from the committed OpenAPI document (`clients/python`) works against the app: it
gets a token from `/oauth/token` (the document gives it a request body), creates an agreement with a typed clause,
sends `If-Match` from the `ETag` it read, and parses answers and problems as typed objects."""

from __future__ import annotations

import httpx
import pytest
from sla_client import AuthenticatedClient, Client
from sla_client.api.agreements import create_agreement, get_agreement, update_agreement
from sla_client.api.auth import create_token
from sla_client.api.parties import list_api_clients
from sla_client.api.webhooks import list_event_types
from sla_client.models import (
    AgreementCreate,
    AgreementOut,
    AgreementUpdate,
    ApiClientOutPage,
    GeneralClauseInput,
    GeneralTerms,
    MembershipInput,
    Problem,
    Role,
    TokenRequest,
    TokenResponse,
)
from sla_client.types import UNSET

from services.auth.clients import create_api_client

BASE = "http://testserver"


def _transport(app, **headers: str) -> httpx.AsyncClient:
    # In-process (the test's rolled-back transaction); a client given its own httpx client leaves headers to it.
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE, headers=headers)


@pytest.fixture
async def credentials(world, session, clock):
    party = await world.party("Acme")
    customer = await world.party("Globex")
    row, secret = await create_api_client(
        session, party_id=party.id, name="sdk", scopes=["agreements:read", "agreements:write"], now=clock()
    )
    await session.commit()
    return party, customer, row.client_id, secret


async def test_the_generated_client_gets_a_token_and_updates_with_if_match(app, credentials):
    party, customer, client_id, secret = credentials
    anonymous = Client(base_url=BASE).set_async_httpx_client(_transport(app))
    token = await create_token.asyncio(
        client=anonymous,
        body=TokenRequest(grant_type="client_credentials", client_id=client_id, client_secret=secret),
    )
    assert isinstance(token, TokenResponse) and token.token_type == "Bearer"

    bearer = f"Bearer {token.access_token}"
    sla = AuthenticatedClient(base_url=BASE, token=token.access_token).set_async_httpx_client(
        _transport(app, Authorization=bearer)
    )
    created = await create_agreement.asyncio_detailed(
        client=sla,
        body=AgreementCreate(
            title="Support",
            memberships=[
                MembershipInput(party_id=party.id, role=Role.PROVIDER),
                MembershipInput(party_id=customer.id, role=Role.CUSTOMER),
            ],
            clauses=[GeneralClauseInput(key="scope", kind="general", title="Scope", terms=GeneralTerms())],
        ),
    )
    assert created.status_code == 201, created.content
    agreement = created.parsed
    assert isinstance(agreement, AgreementOut) and agreement.title == "Support"
    assert created.headers["location"] == f"/v1/agreements/{agreement.id}"

    read = await get_agreement.asyncio_detailed(agreement.id, client=sla)
    etag = read.headers["etag"]
    updated = await update_agreement.asyncio_detailed(
        agreement.id, client=sla, body=AgreementUpdate(title="Premium support"), if_match=etag
    )
    assert updated.status_code == 200 and updated.parsed.title == "Premium support"

    stale = await update_agreement.asyncio_detailed(
        agreement.id, client=sla, body=AgreementUpdate(title="Lost update"), if_match=etag
    )
    assert stale.status_code == 412
    assert isinstance(stale.parsed, Problem) and stale.parsed.code == "precondition_failed"
    assert (await get_agreement.asyncio(agreement.id, client=sla)).title == "Premium support"


async def test_the_generated_client_pages_through_a_list_and_reads_the_event_catalogue(
    app, credentials, session, clock
):
    party, customer, client_id, secret = credentials
    anonymous = Client(base_url=BASE).set_async_httpx_client(_transport(app))
    token = await create_token.asyncio(
        client=anonymous,
        body=TokenRequest(grant_type="client_credentials", client_id=client_id, client_secret=secret),
    )
    sla = AuthenticatedClient(base_url=BASE, token=token.access_token).set_async_httpx_client(
        _transport(app, Authorization=f"Bearer {token.access_token}")
    )
    for name in ("portal", "billing"):
        await create_api_client(session, party_id=party.id, name=name, scopes=["agreements:read"], now=clock())
    await session.commit()

    # The party's API clients are a typed page like every other list: one per page, following next_cursor.
    names, cursor = [], UNSET
    while True:
        page = await list_api_clients.asyncio(party.id, client=sla, limit=1, cursor=cursor)
        assert isinstance(page, ApiClientOutPage) and len(page.items) == 1
        names.append(page.items[0].name)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert sorted(names) == ["billing", "portal", "sdk"]

    catalogue = await list_event_types.asyncio(client=sla, limit=100)
    types = {t.type_: t for t in catalogue.items}
    assert "sla.breached" in types and catalogue.next_cursor is None
    assert types["sla.breached"].schema.additional_properties["$schema"].endswith("2020-12/schema")
