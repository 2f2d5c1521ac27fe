"""The /graphql route: the committed SDL, GraphiQL, GET, the operation list, and per-request sessions."""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import SimpleNamespace

from graphql import (
    build_ast_schema,
    build_client_schema,
    get_introspection_query,
    lexicographic_sort_schema,
    parse,
    print_schema,
)

from api.app import graphql_limits
from schema.app import FIELD_SCOPES, MUTATION_FIELDS, QUERY_FIELDS, build_schema, sdl
from schema.context import get_context
from schema.sessions import SessionSource
from services.agreements import drafts as agreement_service
from tests.flows import Deal
from tests.schema.conftest import GraphQL

SDL_PATH = Path(__file__).parents[2] / "schema" / "schema.graphql"
REGENERATE = "schema/schema.graphql is out of date: run `python -m schema.export` and commit the result"


def test_committed_sdl_matches_the_schema():
    assert SDL_PATH.read_text() == sdl(), REGENERATE


async def test_committed_sdl_matches_what_the_app_serves(gql: GraphQL, deal: Deal, app, settings):
    served = await gql(get_introspection_query(descriptions=True, specified_by_url=True), deal.h["provider"])
    committed = build_ast_schema(parse(SDL_PATH.read_text()))
    assert print_schema(lexicographic_sort_schema(build_client_schema(served))) == print_schema(
        lexicographic_sort_schema(committed)
    ), REGENERATE
    # The app's schema is the one built for its settings; its SDL is the same whatever the limits.
    assert build_schema(graphql_limits(settings)).as_str() + "\n" == SDL_PATH.read_text(), REGENERATE


async def test_graphiql_is_served_without_a_token_but_queries_are_not(client, deal: Deal):
    page = await client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    # A GET carrying an operation needs a token like a POST (tests/schema/test_persisted.py runs queries by GET).
    response = await client.get("/graphql", params={"query": "{ me { operator } }"})
    assert response.status_code == 401, response.text
    # POST without a token is refused before GraphQL runs.
    response = await client.post("/graphql", json={"query": "{ me { operator } }"})
    assert response.status_code == 401


async def test_unexpected_errors_are_masked_and_logged(gql: GraphQL, deal: Deal, monkeypatch, caplog):
    async def broken(*args, **kwargs):
        raise RuntimeError("connection string postgres://secret@db")

    monkeypatch.setattr(agreement_service, "list_agreements", broken)
    # A filter keeps the document outside the compiled subset (schema/compiled), so Strawberry runs the broken service.
    body = await gql.raw("{ agreements(filter: {status: ACTIVE}) { edges { cursor } } }", deal.h["provider"])
    assert body["errors"][0]["message"] == "internal error"
    assert "secret" not in str(body)
    assert "secret" in caplog.text  # the operator still sees what happened


def test_operation_fields_list_every_query_and_mutation():
    assert QUERY_FIELDS == (
        "agreement",
        "agreements",
        "apiClient",
        "apiClients",
        "applicableSla",
        "attainment",
        "billingStatements",
        "calendar",
        "calendars",
        "dispute",
        "disputes",
        "events",
        "feedTokens",
        "indicators",
        "invitations",
        "me",
        "parties",
        "party",
        "rateLimit",
        "review",
        "simulateVersion",
        "ticketSla",
        "webhookSubscription",
        "webhookSubscriptions",
    )
    assert MUTATION_FIELDS == (
        "acceptInvitation",
        "acceptMaintenance",
        "acknowledgeDispute",
        "activateAgreement",
        "approveVersion",
        "cancelReview",
        "closeBillingPeriod",
        "commentOnDispute",
        "completeReview",
        "createAgreement",
        "createApiClient",
        "createCalendar",
        "createFeedToken",
        "createParty",
        "createWebhookSubscription",
        "declineInvitation",
        "deleteCalendar",
        "deleteWebhookSubscription",
        "escalateDispute",
        "openDispute",
        "pauseWebhookSubscription",
        "proposeVersion",
        "recordMeasurements",
        "recordTicketEvents",
        "recordUsage",
        "recoverWebhookDeliveries",
        "redeliverEvent",
        "rejectDispute",
        "rejectVersion",
        "reportIncident",
        "resolveDispute",
        "resumeAgreement",
        "resumeWebhookSubscription",
        "revokeApiClient",
        "revokeFeedToken",
        "rotateWebhookSecret",
        "scheduleReview",
        "setReviewCycle",
        "suspendAgreement",
        "terminateAgreement",
        "testWebhookSubscription",
        "updateAgreement",
        "updateCalendar",
        "updateParty",
        "updateWebhookSubscription",
        "withdrawDispute",
        "withdrawVersion",
    )
    assert FIELD_SCOPES["me"] is None and FIELD_SCOPES["agreement"] == "agreements:read"
    assert FIELD_SCOPES["approveVersion"] == "agreements:write" and FIELD_SCOPES["createParty"] == "parties:admin"
    # The same scopes as the REST routes of the same capability.
    assert FIELD_SCOPES["review"] == "agreements:read" and FIELD_SCOPES["completeReview"] == "reviews:write"
    assert FIELD_SCOPES["disputes"] == "disputes:read" and FIELD_SCOPES["resolveDispute"] == "disputes:write"
    assert {FIELD_SCOPES[f] for f in FIELD_SCOPES if "ebhook" in f or f == "redeliverEvent"} == {"webhooks:manage"}
    # Ticketing and billing, as `api/controllers/{calendars,tickets,billing}.py` guard them.
    assert {
        f: FIELD_SCOPES[f] for f in ("calendars", "calendar", "applicableSla", "ticketSla", "attainment")
    } == dict.fromkeys(("calendars", "calendar", "applicableSla", "ticketSla", "attainment"), "agreements:read")
    assert {
        FIELD_SCOPES[f]
        for f in (
            "createCalendar",
            "updateCalendar",
            "deleteCalendar",
            "reportIncident",
            "acceptMaintenance",
            "recordUsage",
        )
    } == {"agreements:write"}
    assert FIELD_SCOPES["recordTicketEvents"] == "tickets:write"
    assert FIELD_SCOPES["billingStatements"] == "billing:read" and FIELD_SCOPES["closeBillingPeriod"] == "parties:admin"
    assert set(FIELD_SCOPES) == set(QUERY_FIELDS + MUTATION_FIELDS)


class FakeSession:
    def __init__(self, maker: FakeSessionmaker) -> None:
        self.maker, self.closed = maker, False

    async def close(self) -> None:
        self.closed = True

    async def __aenter__(self) -> FakeSession:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


class FakeSessionmaker:
    """Records the sessions it opened and how many were in use at once."""

    def __init__(self) -> None:
        self.opened: list[FakeSession] = []
        self.in_use = 0
        self.most_in_use = 0

    def __call__(self) -> FakeSession:
        self.opened.append(FakeSession(self))
        return self.opened[-1]


async def _use_sessions_concurrently(source: SessionSource, maker: FakeSessionmaker) -> None:
    async def use() -> None:
        async with source.session() as session:
            assert not session.closed
            maker.in_use += 1
            maker.most_in_use = max(maker.most_in_use, maker.in_use)
            await asyncio.sleep(0.01)
            maker.in_use -= 1

    await asyncio.gather(*(use() for _ in range(10)))


async def test_a_request_reads_through_one_session_in_turn_and_writes_through_its_own():
    maker = FakeSessionmaker()
    source = SessionSource(maker)  # type: ignore[arg-type]
    await _use_sessions_concurrently(source, maker)
    assert len(maker.opened) == 1 and maker.most_in_use == 1
    read = maker.opened[0]
    async with source.writing() as written:
        # Nothing read before a mutation is served after it: the read session is closed first.
        assert read.closed and written is not read
    assert written.closed
    async with source.session() as again:
        assert again is not read and again is not written
    await source.close()
    assert again.closed and len(maker.opened) == 3


async def test_each_request_gets_its_own_loaders_and_session():
    state = SimpleNamespace(sessionmaker=FakeSessionmaker(), clock=lambda: None)
    request = SimpleNamespace(app=SimpleNamespace(state=state), scope={"user": None})
    contexts = [get_context(request), get_context(request)]  # type: ignore[arg-type]
    first, second = [await anext(c) for c in contexts]
    assert first.loaders is not second.loaders
    assert first.loaders.party is not second.loaders.party
    assert first.sessions is not second.sessions
    async with first.sessions.session() as session:
        pass
    for context in contexts:
        await context.aclose()
    assert session.closed, "the request's session is closed once it is answered"
