"""Two-party isolation, generated from the GraphQL schema.

Party A is the deal's provider, customer and third party (an active agreement with a review, a dispute, a webhook
subscription, events, a calendar, a ticket and an incident); party B is the deal's outsider, with agreements (one
as provider, one as customer) and a subscription of its own.

* Every query and mutation (`schema.app.QUERY_FIELDS` + `MUTATION_FIELDS`) is a parameter of
  `test_b_gets_for_as_id_exactly_what_it_gets_for_an_unknown_id`. A field that takes an object id needs an entry
  in `CASES`; one that takes none is listed in `NO_OBJECT_ID` with the reason. A new field in neither fails the
  test, and so does a `NO_OBJECT_ID` field whose arguments (input objects included) hold a UUID.
* List queries show B none of A's objects (`LIST_QUERIES`; a new list or connection query must be added there).
* Every path from a query root down to clauses or event data is walked as the third party: never a cost clause.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from graphql import (
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    Undefined,
    get_named_type,
)

from schema.app import FIELD_NAMES, build_schema
from tests.api.test_reports import publish_october
from tests.factories import World
from tests.flows import Deal, activate
from tests.schema.conftest import GraphQL, mutate
from tests.support.procedures import PROCEDURE_CLAUSES

GRAPHQL_SCHEMA = build_schema()._schema


@dataclass
class Scene:
    """A's objects (what B must not reach) and B's own (to combine with A's ids where a field takes two)."""

    a_agreement: str
    a_party: str
    a_review: str
    a_dispute: str
    a_subscription: str
    a_event: str
    b_party: str
    b_agreement: str
    b_counterparty: str
    b_subscription: str
    b_event: str
    future: str
    later: str
    a_customer: str
    a_calendar: str
    a_ticket: str
    a_incident: str
    b_customer_agreement: str
    period: str
    a_invitation: str
    a_feed_token: str
    a_api_client: str


@dataclass(frozen=True)
class Case:
    """`document` run by B with `variables(scene, target)`, once with A's object as `target`, once with a random id.

    `expect` is what both must answer: `null`, `empty` (a connection without edges), `none` (an empty list),
    `no_statements` (a billing pull without statements), a typed error's `__typename`, or `insufficient_scope` (a
    GraphQL error before any lookup).

    A payload's `__typename` as `expect` is for writes that succeed for any id alike (naming a party invites it)."""

    document: str
    variables: Callable[[Scene, str], dict[str, Any]]
    expect: str
    target: Callable[[Scene], str]


ERROR = "__typename ... on Error { code message field problems { field message } }"


def query(name: str, signature: str, arguments: str, selection: str = "id") -> str:
    return f"query({signature}) {{ {name}({arguments}) {{ {selection} }} }}"


def mutation(name: str, signature: str = "$id: UUID!", arguments: str = "id: $id") -> str:
    return f"mutation({signature}) {{ {name}({arguments}) {{ {ERROR} }} }}"


def by_id(name: str, target: Callable[[Scene], str], **extra: tuple[str, str, Any]) -> Case:
    """A mutation whose `id` argument names the object; `extra` gives other arguments (type, value)."""
    signature = ", ".join(["$id: UUID!", *(f"${k}: {t}" for k, (t, _) in extra.items())])
    arguments = ", ".join(["id: $id", *(f"{k}: ${k}" for k in extra)])
    return Case(
        mutation(name, signature, arguments),
        lambda s, t: {"id": t, **{k: v(s) if callable(v) else v for k, (_, v) in extra.items()}},
        "NotFoundError",
        target,
    )


def on_agreement(name: str, **extra: tuple[str, Any]) -> Case:
    signature = ", ".join(["$id: UUID!", *(f"${k}: {t}" for k, (t, _) in extra.items())])
    arguments = ", ".join(["agreementId: $id", *(f"{k}: ${k}" for k in extra)])
    return Case(
        mutation(name, signature, arguments),
        lambda s, t: {"id": t, **{k: v(s) if callable(v) else v for k, (_, v) in extra.items()}},
        "NotFoundError",
        lambda s: s.a_agreement,
    )


AGREEMENT = lambda s: s.a_agreement  # noqa: E731
PARTY = lambda s: s.a_party  # noqa: E731
REVIEW = lambda s: s.a_review  # noqa: E731
DISPUTE = lambda s: s.a_dispute  # noqa: E731
SUBSCRIPTION = lambda s: s.a_subscription  # noqa: E731
EVENT = lambda s: s.a_event  # noqa: E731
CUSTOMER = lambda s: s.a_customer  # noqa: E731
CALENDAR = lambda s: s.a_calendar  # noqa: E731
TICKET = lambda s: s.a_ticket  # noqa: E731
INCIDENT = lambda s: s.a_incident  # noqa: E731

INVITATION = lambda s: s.a_invitation  # noqa: E731
FEED_TOKEN = lambda s: s.a_feed_token  # noqa: E731
API_CLIENT = lambda s: s.a_api_client  # noqa: E731

# Naming a party on a draft invites it (services/agreements/invitations.py): an existing party's id and an unknown one
# are accepted alike, so B learns nothing from it, not even that the id exists.

CASES: dict[str, list[Case]] = {
    # ---------------------------------------------------------------- queries
    "agreement": [Case(query("agreement", "$id: UUID!", "id: $id"), lambda s, t: {"id": t}, "null", AGREEMENT)],
    "party": [Case(query("party", "$id: UUID!", "id: $id"), lambda s, t: {"id": t}, "null", PARTY)],
    "review": [Case(query("review", "$id: UUID!", "id: $id"), lambda s, t: {"id": t}, "null", REVIEW)],
    "dispute": [Case(query("dispute", "$id: UUID!", "id: $id"), lambda s, t: {"id": t}, "null", DISPUTE)],
    "webhookSubscription": [
        Case(query("webhookSubscription", "$id: UUID!", "id: $id"), lambda s, t: {"id": t}, "null", SUBSCRIPTION)
    ],
    "agreements": [
        Case(
            query("agreements", "$id: UUID!", "filter: {counterParty: $id}", "edges { node { id } }"),
            lambda s, t: {"id": t},
            "empty",
            PARTY,
        )
    ],
    "disputes": [
        Case(
            query("disputes", "$id: UUID!", "filter: {agreementId: $id}", "edges { node { id } }"),
            lambda s, t: {"id": t},
            "empty",
            AGREEMENT,
        )
    ],
    "calendar": [Case(query("calendar", "$id: UUID!", "id: $id"), lambda s, t: {"id": t}, "null", CALENDAR)],
    # The customer is named by a string (a party id or an external ref), so these take no UUID, yet name A's objects.
    "applicableSla": [
        Case(
            query("applicableSla", "$customer: String!", "input: {customer: $customer}", "agreement { id }"),
            lambda s, t: {"customer": t},
            "null",
            CUSTOMER,
        ),
        Case(
            query(
                "applicableSla",
                "$customer: String!, $id: UUID!",
                "input: {customer: $customer, agreementId: $id}",
                "agreement { id }",
            ),
            lambda s, t: {"customer": s.a_customer, "id": t},
            "null",
            AGREEMENT,
        ),
    ],
    # B's ticket naming A's agreement (and A's customer) stays unmatched exactly like one naming an unknown agreement.
    "recordTicketEvents": [
        Case(
            "mutation($input: RecordTicketEventsInput!) { recordTicketEvents(input: $input) { __typename "
            "... on RecordTicketEventsPayload { accepted duplicates tickets { agreementId match } } } }",
            lambda s, t: {
                "input": {
                    "events": [
                        {
                            "source": "zendesk",
                            "eventId": f"b-{t}",
                            "ticketId": f"b-{t}",
                            "type": "CREATED",
                            "occurredAt": (
                                datetime.fromisoformat(s.future) - timedelta(days=30, minutes=10)
                            ).isoformat(),
                            "customer": s.a_customer,
                            "priority": "P1",
                            "agreementId": t,
                        }
                    ]
                }
            },
            "RecordTicketEventsPayload",
            AGREEMENT,
        )
    ],
    "ticketSla": [
        Case(
            query("ticketSla", "$ticket: String!", 'source: "zendesk", externalId: $ticket', "ticket { id }"),
            lambda s, t: {"ticket": t},
            "null",
            TICKET,
        )
    ],
    "attainment": [
        Case(
            query("attainment", "$id: UUID!, $period: String!", "agreementId: $id, period: $period", "period"),
            lambda s, t: {"id": t, "period": s.period},
            "null",
            AGREEMENT,
        )
    ],
    "simulateVersion": [
        Case(
            query("simulateVersion", "$id: UUID!", "agreementId: $id, number: 1", "proposedVersion"),
            lambda s, t: {"id": t},
            "null",
            AGREEMENT,
        )
    ],
    "indicators": [
        Case(query("indicators", "$id: UUID!", "agreementId: $id", "asOf"), lambda s, t: {"id": t}, "null", AGREEMENT)
    ],
    "billingStatements": [
        Case(
            query(
                "billingStatements",
                "$customer: String!, $period: String!",
                "customer: $customer, period: $period",
                "statements { agreement { id } }",
            ),
            lambda s, t: {"customer": t, "period": s.period},
            "null",
            CUSTOMER,
        )
    ],
    # ---------------------------------------------------------------- agreements and versions
    "activateAgreement": [by_id("activateAgreement", AGREEMENT)],
    "suspendAgreement": [by_id("suspendAgreement", AGREEMENT)],
    "resumeAgreement": [by_id("resumeAgreement", AGREEMENT)],
    "terminateAgreement": [by_id("terminateAgreement", AGREEMENT)],
    "updateAgreement": [
        by_id(
            "updateAgreement",
            AGREEMENT,
            input=("UpdateAgreementInput!", {"title": "mine now"}),
            expectedVersion=("Int!", 1),
        ),
        # Each call edits a draft of B's still at version 1 (the first call succeeds, so it cannot be reused).
        Case(
            mutation(
                "updateAgreement",
                "$id: UUID!, $input: UpdateAgreementInput!",
                "id: $id, input: $input, expectedVersion: 1",
            ),
            lambda s, t: {
                "id": s.b_agreement if t == s.a_party else s.b_customer_agreement,
                "input": {
                    "memberships": [{"partyId": s.b_party, "role": "PROVIDER"}, {"partyId": t, "role": "CUSTOMER"}]
                },
            },
            "UpdateAgreementPayload",
            PARTY,
        ),
    ],
    "createAgreement": [
        Case(
            mutation("createAgreement", "$input: CreateAgreementInput!", "input: $input"),
            lambda s, t: {
                "input": {
                    "title": "B and A",
                    "memberships": [{"partyId": s.b_party, "role": "PROVIDER"}, {"partyId": t, "role": "CUSTOMER"}],
                }
            },
            "CreateAgreementPayload",
            PARTY,
        ),
    ],
    "acceptInvitation": [by_id("acceptInvitation", INVITATION)],
    "declineInvitation": [by_id("declineInvitation", INVITATION)],
    "proposeVersion": [on_agreement("proposeVersion", input=("ProposeVersionInput!", {}))],
    "approveVersion": [on_agreement("approveVersion", number=("Int!", 1))],
    "rejectVersion": [on_agreement("rejectVersion", number=("Int!", 1))],
    "withdrawVersion": [on_agreement("withdrawVersion", number=("Int!", 1))],
    # ---------------------------------------------------------------- parties (operator only: refused before lookup)
    "createApiClient": [
        Case(
            mutation("createApiClient", "$id: UUID!", 'partyId: $id, input: {name: "x"}'),
            lambda s, t: {"id": t},
            "insufficient_scope",
            PARTY,
        )
    ],
    # A party reads its own API clients; another party's answer like an unknown id (null, an empty list).
    "apiClient": [Case(query("apiClient", "$id: UUID!", "id: $id"), lambda s, t: {"id": t}, "null", API_CLIENT)],
    "apiClients": [Case(query("apiClients", "$id: UUID!", "partyId: $id"), lambda s, t: {"id": t}, "none", PARTY)],
    # Calendar feed tokens: a party revokes only its own.
    "revokeFeedToken": [by_id("revokeFeedToken", FEED_TOKEN)],
    "revokeApiClient": [
        Case(
            mutation("revokeApiClient", "$id: UUID!", "id: $id"),
            lambda s, t: {"id": t},
            "insufficient_scope",
            PARTY,
        )
    ],
    "updateParty": [
        Case(
            mutation("updateParty", "$id: UUID!", 'id: $id, expectedVersion: 1, input: {name: "x"}'),
            lambda s, t: {"id": t},
            "insufficient_scope",
            PARTY,
        )
    ],
    # ---------------------------------------------------------------- reviews
    "setReviewCycle": [on_agreement("setReviewCycle", input=("SetReviewCycleInput!", {"cadence": "P1M"}))],
    "scheduleReview": [on_agreement("scheduleReview", input=("ScheduleReviewInput!", lambda s: {"dueAt": s.future}))],
    "completeReview": [by_id("completeReview", REVIEW, input=("CompleteReviewInput!", {"outcome": "NO_CHANGE"}))],
    "cancelReview": [by_id("cancelReview", REVIEW)],
    # ---------------------------------------------------------------- disputes
    "openDispute": [
        Case(
            mutation("openDispute", "$input: OpenDisputeInput!", "input: $input"),
            lambda s, t: {
                "input": {"agreementId": t, "respondentPartyId": s.a_party, "subject": "s", "description": "d"}
            },
            "NotFoundError",
            AGREEMENT,
        ),
        Case(
            mutation("openDispute", "$input: OpenDisputeInput!", "input: $input"),
            lambda s, t: {
                "input": {"agreementId": s.b_agreement, "respondentPartyId": t, "subject": "s", "description": "d"}
            },
            "ValidationError",
            PARTY,
        ),
    ],
    "commentOnDispute": [by_id("commentOnDispute", DISPUTE, input=("CommentOnDisputeInput!", {"body": "hi"}))],
    "acknowledgeDispute": [by_id("acknowledgeDispute", DISPUTE)],
    "escalateDispute": [by_id("escalateDispute", DISPUTE)],
    "resolveDispute": [by_id("resolveDispute", DISPUTE, input=("ResolveDisputeInput!", {"outcome": "done"}))],
    "rejectDispute": [by_id("rejectDispute", DISPUTE)],
    "withdrawDispute": [by_id("withdrawDispute", DISPUTE)],
    # ---------------------------------------------------------------- webhooks
    "updateWebhookSubscription": [
        by_id(
            "updateWebhookSubscription", SUBSCRIPTION, input=("UpdateWebhookSubscriptionInput!", {"description": "x"})
        )
    ],
    "deleteWebhookSubscription": [by_id("deleteWebhookSubscription", SUBSCRIPTION)],
    "pauseWebhookSubscription": [by_id("pauseWebhookSubscription", SUBSCRIPTION)],
    "resumeWebhookSubscription": [by_id("resumeWebhookSubscription", SUBSCRIPTION)],
    "rotateWebhookSecret": [by_id("rotateWebhookSecret", SUBSCRIPTION)],
    "testWebhookSubscription": [by_id("testWebhookSubscription", SUBSCRIPTION)],
    "recoverWebhookDeliveries": [
        by_id("recoverWebhookDeliveries", SUBSCRIPTION, since=("DateTime!", "2020-01-01T00:00:00Z"))
    ],
    # ---------------------------------------------------------------- calendars
    "updateCalendar": [by_id("updateCalendar", CALENDAR, input=("UpdateCalendarInput!", {"name": "mine now"}))],
    "deleteCalendar": [by_id("deleteCalendar", CALENDAR)],
    # ---------------------------------------------------------------- billing
    "reportIncident": [
        on_agreement(
            "reportIncident",
            input=(
                "ReportIncidentInput!",
                lambda s: {"kind": "MAINTENANCE", "startedAt": s.future, "endedAt": s.later},
            ),
        )
    ],
    "acceptMaintenance": [
        Case(
            mutation("acceptMaintenance", "$id: UUID!, $incident: UUID!", "agreementId: $id, incidentId: $incident"),
            lambda s, t: {"id": t, "incident": s.a_incident},
            "NotFoundError",
            AGREEMENT,
        ),
        # Through B's own agreement (B is its customer, so it may accept): A's incident is not one of its incidents.
        Case(
            mutation("acceptMaintenance", "$agreement: UUID!, $id: UUID!", "agreementId: $agreement, incidentId: $id"),
            lambda s, t: {"agreement": s.b_customer_agreement, "id": t},
            "NotFoundError",
            INCIDENT,
        ),
    ],
    "recordMeasurements": [
        on_agreement(
            "recordMeasurements",
            input=(
                "RecordMeasurementsInput!",
                lambda s: {"measurements": [{"indicator": "x", "at": s.future, "value": "1"}]},
            ),
        )
    ],
    "recordUsage": [
        on_agreement(
            "recordUsage",
            input=(
                "RecordUsageInput!",
                lambda s: {"usageId": "u-1", "priceCode": "hours", "quantity": "1", "occurredAt": s.future},
            ),
        )
    ],
    # ---------------------------------------------------------------- webhooks (continued)
    "redeliverEvent": [
        Case(
            mutation("redeliverEvent", "$id: UUID!, $sub: UUID!", "eventId: $id, subscriptionId: $sub"),
            lambda s, t: {"id": t, "sub": s.b_subscription},
            "NotFoundError",
            EVENT,
        ),
        Case(
            mutation("redeliverEvent", "$event: UUID!, $id: UUID!", "eventId: $event, subscriptionId: $id"),
            lambda s, t: {"event": s.b_event, "id": t},
            "NotFoundError",
            SUBSCRIPTION,
        ),
    ],
}

NO_OBJECT_ID: dict[str, str] = {
    "me": "the caller itself",
    "rateLimit": "the caller's own budget, keyed by its token",
    "parties": "a list of what the caller may see (test_lists_show_b_none_of_as_objects)",
    "events": "a list of what the caller may see (test_lists_show_b_none_of_as_objects)",
    "webhookSubscriptions": "a list of the caller's own (test_lists_show_b_none_of_as_objects)",
    "createParty": "operator only, and it names no existing object",
    "createWebhookSubscription": "creates for the caller's own party; names no existing object",
    "calendars": "a list of what the caller may see (test_lists_show_b_none_of_as_objects)",
    "createCalendar": "creates for the caller's own party; names no existing object",
    "closeBillingPeriod": "operator only, and it names a period, not an object",
    "invitations": "a list of the invitations addressed to the caller (test_lists_show_b_none_of_as_objects)",
    "feedTokens": "a list of the caller's party's own (test_lists_show_b_none_of_as_objects)",
    "createFeedToken": "creates for the caller's own party; names no existing object",
}

LIST_QUERIES = {
    "agreements": "edges { node { id } }",
    "parties": "edges { node { id } }",
    "disputes": "edges { node { id } }",
    "events": "edges { node { id agreementId } }",
    "webhookSubscriptions": "id",
    "calendars": "edges { node { id } }",
    "invitations": "edges { node { id agreement { id } } }",
    "feedTokens": "id",
    "apiClients": "id",
}


# ---------------------------------------------------------------- the scene


async def _make_scene(gql: GraphQL, client, deal: Deal, world: World) -> Scene:
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    provider = deal.h["provider"]
    agreement = (
        await gql(
            "query($id: UUID!) { agreement(id: $id) { reviews { id } history(first: 1) { edges { node { id } } } } }",
            provider,
            id=deal.agreement_id,
        )
    )["agreement"]
    dispute = await mutate(
        gql,
        "openDispute",
        "... on OpenDisputePayload { dispute { id } }",
        deal.h["customer"],
        "$input: OpenDisputeInput!",
        "input: $input",
        input={
            "agreementId": deal.agreement_id,
            "respondentPartyId": str(deal.provider.id),
            "subject": "late responses",
            "description": "P1 answered late",
        },
    )
    subscribe = ("createWebhookSubscription", "... on CreateWebhookSubscriptionPayload { subscription { id } }")
    a_sub = await mutate(
        gql,
        *subscribe,
        provider,
        "$input: CreateWebhookSubscriptionInput!",
        "input: $input",
        input={"url": "https://hooks.acme.example/sla"},
    )
    # B's own agreement, with a counter-party B knows; B's own subscription and event.
    counterparty = await world.party("Hooli")
    b_agreement = await mutate(
        gql,
        "createAgreement",
        "... on CreateAgreementPayload { agreement { id history { edges { node { id } } } } }",
        deal.h["outsider"],
        "$input: CreateAgreementInput!",
        "input: $input",
        input={
            "title": "Initech ↔ Hooli",
            "memberships": [
                {"partyId": str(deal.outsider.id), "role": "PROVIDER"},
                {"partyId": str(counterparty.id), "role": "CUSTOMER"},
            ],
        },
    )
    b_sub = await mutate(
        gql,
        *subscribe,
        deal.h["outsider"],
        "$input: CreateWebhookSubscriptionInput!",
        "input: $input",
        input={"url": "https://hooks.initech.example/sla"},
    )
    # A's calendar, ticket and incident; B's agreement as a customer.
    calendar = await mutate(
        gql,
        "createCalendar",
        "... on CreateCalendarPayload { calendar { id } }",
        provider,
        "$input: CreateCalendarInput!",
        "input: $input",
        input={"name": "Acme office", "timezone": "Europe/Berlin"},
    )
    now = world.clock.now
    events = await mutate(
        gql,
        "recordTicketEvents",
        "... on RecordTicketEventsPayload { accepted }",
        provider,
        "$input: RecordTicketEventsInput!",
        "input: $input",
        input={
            "events": [
                {
                    "source": "zendesk",
                    "eventId": "a-1",
                    "ticketId": "a-4711",
                    "type": "CREATED",
                    "occurredAt": (now - timedelta(minutes=10)).isoformat(),
                    "customer": str(deal.customer.id),
                    "priority": "P1",
                }
            ]
        },
    )
    assert events["accepted"] == 1, events
    incident = await mutate(
        gql,
        "reportIncident",
        "... on ReportIncidentPayload { incident { id } }",
        provider,
        "$id: UUID!, $input: ReportIncidentInput!",
        "agreementId: $id, input: $input",
        id=deal.agreement_id,
        input={
            "kind": "MAINTENANCE",
            "startedAt": (now + timedelta(days=2)).isoformat(),
            "endedAt": (now + timedelta(days=2, hours=2)).isoformat(),
        },
    )
    b_customer = await mutate(
        gql,
        "createAgreement",
        "... on CreateAgreementPayload { agreement { id } }",
        deal.h["outsider"],
        "$input: CreateAgreementInput!",
        "input: $input",
        input={
            "title": "Hooli ↔ Initech",
            "memberships": [
                {"partyId": str(counterparty.id), "role": "PROVIDER"},
                {"partyId": str(deal.outsider.id), "role": "CUSTOMER"},
            ],
        },
    )
    # An invitation addressed to A's customer, not answered yet.
    pending = await mutate(
        gql,
        "createAgreement",
        "... on CreateAgreementPayload { agreement { id } }",
        provider,
        "$input: CreateAgreementInput!",
        "input: $input",
        input={
            "title": "Acme ↔ Globex, extension",
            "memberships": [
                {"partyId": str(deal.provider.id), "role": "PROVIDER"},
                {"partyId": str(deal.customer.id), "role": "CUSTOMER"},
            ],
        },
    )
    invitations = await gql(
        "{ invitations(status: INVITED) { edges { node { id agreement { id } } } } }", deal.h["customer"]
    )
    (invitation,) = [
        e["node"]["id"]
        for e in invitations["invitations"]["edges"]
        if e["node"]["agreement"]["id"] == pending["agreement"]["id"]
    ]
    feed_token = await mutate(
        gql,
        "createFeedToken",
        "... on CreateFeedTokenPayload { feedToken { id } }",
        provider,
        "$input: CreateFeedTokenInput!",
        "input: $input",
        input={"name": "Outlook"},
    )
    api_client = await mutate(
        gql,
        "createApiClient",
        "... on CreateApiClientPayload { apiClient { id } }",
        deal.h["operator"],
        "$party: UUID!, $input: CreateApiClientInput!",
        "partyId: $party, input: $input",
        party=str(deal.provider.id),
        input={"name": "Acme ticketing"},
    )
    return Scene(
        a_agreement=deal.agreement_id,
        a_party=str(deal.provider.id),
        a_review=agreement["reviews"][0]["id"],
        a_dispute=dispute["dispute"]["id"],
        a_subscription=a_sub["subscription"]["id"],
        a_event=agreement["history"]["edges"][0]["node"]["id"],
        b_party=str(deal.outsider.id),
        b_agreement=b_agreement["agreement"]["id"],
        b_counterparty=str(counterparty.id),
        b_subscription=b_sub["subscription"]["id"],
        b_event=b_agreement["agreement"]["history"]["edges"][0]["node"]["id"],
        future=(now + timedelta(days=30)).isoformat(),
        later=(now + timedelta(days=30, hours=2)).isoformat(),
        a_customer=str(deal.customer.id),
        a_calendar=calendar["calendar"]["id"],
        a_ticket="a-4711",
        a_incident=incident["incident"]["id"],
        b_customer_agreement=b_customer["agreement"]["id"],
        period=f"{now:%Y-%m}",
        a_invitation=invitation,
        a_feed_token=feed_token["feedToken"]["id"],
        a_api_client=api_client["apiClient"]["id"],
    )


@pytest.fixture
async def scene(gql: GraphQL, client, deal: Deal, world: World) -> Scene:
    return await _make_scene(gql, client, deal, world)


# ---------------------------------------------------------------- reading the schema


def _holds_uuid(type_: Any, seen: set[str] | None = None) -> bool:
    named = get_named_type(type_)
    if isinstance(named, GraphQLScalarType):
        return named.name == "UUID"
    if isinstance(named, GraphQLInputObjectType):
        seen = seen or set()
        if named.name in seen:
            return False
        seen.add(named.name)
        return any(_holds_uuid(field.type, seen) for field in named.fields.values())
    return False


def _root_field(name: str) -> GraphQLField:
    for root in (GRAPHQL_SCHEMA.query_type, GRAPHQL_SCHEMA.mutation_type):
        if root is not None and name in root.fields:
            return root.fields[name]
    raise KeyError(name)


def _takes_object_id(name: str) -> bool:
    return any(_holds_uuid(argument.type) for argument in _root_field(name).args.values())


def _is_list(field: GraphQLField) -> bool:
    type_ = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
    return isinstance(type_, GraphQLList) or get_named_type(type_).name.endswith("Connection")


def _parameters() -> list[Any]:
    params = []
    for field in FIELD_NAMES:
        cases = CASES.get(field)
        if not cases:
            params.append(pytest.param(field, None, id=field))
            continue
        for index, _ in enumerate(cases):
            params.append(pytest.param(field, index, id=f"{field}[{index}]"))
    return params


# ---------------------------------------------------------------- the matrix


def test_the_case_lists_match_the_schema():
    assert not set(CASES) & set(NO_OBJECT_ID), "a field is either in CASES or in NO_OBJECT_ID"
    assert set(CASES) | set(NO_OBJECT_ID) <= set(FIELD_NAMES), (
        f"cases for fields the schema no longer has: {sorted(set(CASES) | set(NO_OBJECT_ID) - set(FIELD_NAMES))}"
    )
    untested = sorted(f for f in FIELD_NAMES if f not in CASES and f not in NO_OBJECT_ID)
    assert not untested, f"add an isolation case (or a NO_OBJECT_ID reason) for: {untested}"
    lists = {name for name, field in GRAPHQL_SCHEMA.query_type.fields.items() if _is_list(field)}
    assert lists == set(LIST_QUERIES), "LIST_QUERIES must name every list or connection query"


@pytest.mark.parametrize("field, index", _parameters())
async def test_b_gets_for_as_id_exactly_what_it_gets_for_an_unknown_id(
    gql: GraphQL, client, deal: Deal, world: World, field: str, index: int | None
):
    if index is None:
        assert field in NO_OBJECT_ID, (
            f"{field} has no isolation case: add one to CASES, or say in NO_OBJECT_ID why it takes no object id"
        )
        assert not _takes_object_id(field), f"{field} is listed in NO_OBJECT_ID but its arguments hold a UUID"
        return
    scene = await _make_scene(gql, client, deal, world)
    case = CASES[field][index]
    b = deal.h["outsider"]
    # The unknown id first: should A's id ever be accepted, it must not change what the unknown id is compared with.
    unknown = await gql.raw(case.document, b, **case.variables(scene, str(uuid.uuid4())))
    theirs = await gql.raw(case.document, b, **case.variables(scene, case.target(scene)))
    assert theirs == unknown, f"{field}: B tells A's object from an unknown one"
    if case.expect == "insufficient_scope":
        assert unknown["data"] is None and unknown["errors"][0]["extensions"]["code"] == "insufficient_scope"
        return
    assert "errors" not in unknown, unknown
    answer = unknown["data"][field]
    if case.expect == "null":
        assert answer is None
    elif case.expect == "empty":
        assert answer["edges"] == []
    elif case.expect == "none":
        assert answer == []
    elif case.expect == "no_statements":
        assert answer["statements"] == []
    else:
        assert answer["__typename"] == case.expect, answer
    if case.expect in ("null", "empty", "none", "no_statements"):
        # A control: the owner does get the object, so the document really asks for it.
        owner = await gql(case.document, deal.h["provider"], **case.variables(scene, case.target(scene)))
        assert owner[field] is not None and owner[field] not in ({"edges": []}, {"statements": []}, []), owner


async def test_lists_show_b_none_of_as_objects(gql: GraphQL, scene: Scene, deal: Deal):
    def ids(data: Any) -> set[str]:
        text = json.dumps(data)
        return {value for value in vars(scene).values() if isinstance(value, str) and value in text}

    a_objects = {
        scene.a_agreement,
        scene.a_party,
        scene.a_review,
        scene.a_dispute,
        scene.a_subscription,
        scene.a_event,
        scene.a_calendar,
        scene.a_incident,
        scene.a_invitation,
        scene.a_feed_token,
        scene.a_api_client,
        str(deal.customer.id),
        str(deal.third.id),
    }
    seen_by_a: set[str] = set()
    for name, selection in LIST_QUERIES.items():
        document = f"{{ {name}{'(first: 100)' if 'edges' in selection else ''} {{ {selection} }} }}"
        b_sees = await gql(document, deal.h["outsider"])
        assert not ids(b_sees) & a_objects, f"{name} shows B some of A's objects: {ids(b_sees) & a_objects}"
        if name == "events":
            assert {e["node"]["agreementId"] for e in b_sees["events"]["edges"]} <= {
                None,
                scene.b_agreement,
                scene.b_customer_agreement,
            }
        seen_by_a |= ids(await gql(document, deal.h["provider"]))
    # A control: the same documents do list A's objects to A.
    assert {
        scene.a_agreement,
        scene.a_party,
        scene.a_dispute,
        scene.a_subscription,
        scene.a_event,
        scene.a_calendar,
        scene.a_feed_token,
        scene.a_api_client,
    } <= seen_by_a


# ---------------------------------------------------------------- service reports (nested under the agreement)

REPORTS_OF = (
    "query($id: UUID!, $period: String!) { agreement(id: $id) { "
    "reports { edges { cursor node { period sha256 } } } report(period: $period) { period sha256 content } } }"
)


async def test_b_gets_for_as_reports_exactly_what_it_gets_for_an_unknown_agreement(
    gql: GraphQL, client, deal: Deal, clock, session, sessionmaker
):
    await publish_october(client, deal, clock, session, sessionmaker)
    b = deal.h["outsider"]
    unknown = await gql.raw(REPORTS_OF, b, id=str(uuid.uuid4()), period="2026-10")
    theirs = await gql.raw(REPORTS_OF, b, id=deal.agreement_id, period="2026-10")
    assert theirs == unknown == {"data": {"agreement": None}}
    # A control: the members do get the report through the same document.
    for member in ("provider", "customer", "third"):
        mine = await gql(REPORTS_OF, deal.h[member], id=deal.agreement_id, period="2026-10")
        assert mine["agreement"]["report"]["period"] == "2026-10"
        assert [e["node"]["period"] for e in mine["agreement"]["reports"]["edges"]] == ["2026-10"]
    # A member asking for a period without a report gets null, as B gets for everything.
    none = await gql(REPORTS_OF, deal.h["customer"], id=deal.agreement_id, period="2026-09")
    assert none["agreement"]["report"] is None


# ---------------------------------------------------------------- the third party never sees costs


LEAVES = {"Clause": "kind key title body terms typedTerms { __typename }", "Event": "type data"}
FORBIDDEN = ("fees", "1200", "CostTerms", "price_lines", '"cost"', "COST")


def _required(argument: Any) -> bool:
    return isinstance(argument.type, GraphQLNonNull) and argument.default_value is Undefined


def _paths_to_leaves() -> list[list[tuple[str, GraphQLField]]]:
    """Every path from a query root to a `Clause` or an `Event`, through object types, without revisiting a type."""
    found: list[list[tuple[str, GraphQLField]]] = []

    def walk(type_: GraphQLNamedType, path: list[tuple[str, GraphQLField]], visited: set[str]) -> None:
        if type_.name in LEAVES:
            found.append(path)
            return
        if not isinstance(type_, GraphQLObjectType):
            return
        for name, field in type_.fields.items():
            required = [a for a in field.args.values() if _required(a)]
            if required and path:
                continue  # nested fields with required arguments: none lead to clauses today
            target = get_named_type(field.type)
            if target.name not in visited:
                walk(target, [*path, (name, field)], visited | {target.name})

    walk(GRAPHQL_SCHEMA.query_type, [], {"Query"})
    return found


def _document(path: list[tuple[str, GraphQLField]], ids: dict[str, str]) -> str:
    root_name, root = path[0]
    required = [n for n, a in root.args.items() if _required(a)]
    returned = get_named_type(root.type).name
    if required:
        assert required == ["id"] and returned in ids, (
            f"{root_name} leads to clauses: give the third-party walk an id for {returned}"
        )
        arguments = f'(id: "{ids[returned]}")'
    else:
        arguments = ""
    selection = LEAVES[get_named_type(path[-1][1].type).name]
    for name, _ in reversed(path[1:]):
        selection = f"{name} {{ {selection} }}"
    return f"{{ {root_name}{arguments} {{ {selection} }} }}"


async def test_a_third_party_never_sees_cost_clauses_through_any_nested_field(gql: GraphQL, scene: Scene, deal: Deal):
    paths = _paths_to_leaves()
    walked = {".".join(name for name, _ in path) for path in paths}
    # The walk finds the known ways in (and any added later).
    assert {
        "agreement.versions.clauses",
        "agreement.currentVersion.clauses",
        "agreement.clauses.items",
        "agreement.clauses.version.clauses",
        "agreement.history.edges.node",
        "agreements.edges.node.versions.clauses",
        "events.edges.node",
    } <= walked, walked
    ids = {"Agreement": scene.a_agreement}
    customer_saw_costs = False
    for path in paths:
        document = _document(path, ids)
        third = json.dumps(await gql(document, deal.h["third"]))
        assert not [word for word in FORBIDDEN if word in third], f"{document} shows the third party costs: {third}"
        customer_saw_costs |= "1200.00" in json.dumps(await gql(document, deal.h["customer"]))
    assert customer_saw_costs  # a control: the same documents do show the customer its costs
