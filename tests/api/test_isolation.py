"""Two-party isolation, generated from the route table.

Party B (an outsider) calling any route on party A's objects must get exactly what it gets for an id that does
not exist: the same status and the same body, apart from the id itself. The matrix is built from `app.routes`:
every route with a path parameter needs an entry in `CASES` (the request to send: body, query, headers), or an
entry in `SKIP` with the reason, and `test_every_route_has_an_isolation_case` fails until it has one. Path
parameters are filled by name from A's objects (`A_OBJECTS`, built by the `objects` fixture); a route with a
parameter naming a new kind of object fails until the fixture creates one. So a new route cannot ship without its
isolation case.

GraphQL: the GraphQL fields get the same treatment in this module once wanted — add a `GRAPHQL_CASES` table
(root field -> document using A's ids from the same `objects` fixture) beside `CASES`, a check that every root
field taking an id has a case (read from `schema.app.QUERY_FIELDS` / `MUTATION_FIELDS`, as the REST check reads
`app.routes`), and a test asserting B gets exactly what an unknown id gets (`null`, or the same typed NotFound
error) for each.
"""

from __future__ import annotations

import base64
import re
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.settings import Settings
from tests.api.conftest import assert_problem
from tests.flows import Deal, accept, draft_agreement, propose

IGNORED_METHODS = {"OPTIONS", "HEAD"}
# Public system routes: their path parameters name no object of any party.
SKIP: dict[str, str] = {
    "/schema/{path:str}": "OpenAPI documentation pages (public; the parameter names a renderer, not an object)",
    "/schema/assets/{file_path:path}": "the docs pages' vendored scripts and styles (public; a file, not an object)",
}
# Path parameters that are not object ids: the same value is sent for A's objects and for the unknown ones.
NOT_IDS = {"number", "source", "period"}


@dataclass
class Case:
    body: dict[str, Any] | None = None
    query: dict[str, Any] = field(default_factory=dict)
    # Headers that would make the call succeed for A (so only the ownership check can stop B).
    headers: dict[str, str] = field(default_factory=dict)
    # Operator-only routes stop at the scope guard for every party: 403 for A's id and an unknown one alike.
    status: int = 404
    # What A itself gets (checked by test_member_reads_work_for_the_member): 200 unless the fixture has nothing there.
    member_status: int = 200


CASES: dict[tuple[str, str], Case] = {
    ("GET", "/v1/agreements/{agreement_id:uuid}"): Case(),
    ("PATCH", "/v1/agreements/{agreement_id:uuid}"): Case(body={"title": "taken over"}, headers={"If-Match": "{etag}"}),
    ("GET", "/v1/agreements/{agreement_id:uuid}/clauses"): Case(),
    ("GET", "/v1/agreements/{agreement_id:uuid}/history"): Case(),
    ("POST", "/v1/agreements/{agreement_id:uuid}/activate"): Case(),
    ("POST", "/v1/agreements/{agreement_id:uuid}/suspend"): Case(),
    ("POST", "/v1/agreements/{agreement_id:uuid}/resume"): Case(),
    ("POST", "/v1/agreements/{agreement_id:uuid}/terminate"): Case(body={"reason": "mine now"}),
    ("GET", "/v1/agreements/{agreement_id:uuid}/versions"): Case(),
    ("POST", "/v1/agreements/{agreement_id:uuid}/versions"): Case(body={"summary": "hostile"}),
    ("GET", "/v1/agreements/{agreement_id:uuid}/versions/{number:int}"): Case(),
    ("POST", "/v1/agreements/{agreement_id:uuid}/versions/{number:int}/approve"): Case(body={}),
    ("POST", "/v1/agreements/{agreement_id:uuid}/versions/{number:int}/reject"): Case(body={}),
    ("POST", "/v1/agreements/{agreement_id:uuid}/versions/{number:int}/withdraw"): Case(),
    ("GET", "/v1/agreements/{agreement_id:uuid}/versions/{number:int}/diff"): Case(query={"against": 1}),
    ("GET", "/v1/agreements/{agreement_id:uuid}/reviews"): Case(),
    ("GET", "/v1/agreements/{agreement_id:uuid}/reviews.ics"): Case(),
    ("POST", "/v1/agreements/{agreement_id:uuid}/reviews"): Case(body={"due_at": "2031-01-01T00:00:00Z"}),
    ("PUT", "/v1/agreements/{agreement_id:uuid}/review-cycle"): Case(body={"cadence": "P1M"}),
    ("GET", "/v1/reviews/{review_id:uuid}"): Case(),
    ("POST", "/v1/reviews/{review_id:uuid}/complete"): Case(body={"outcome": "no_change"}),
    ("POST", "/v1/reviews/{review_id:uuid}/cancel"): Case(body={"reason": "hostile"}),
    ("GET", "/v1/disputes/{dispute_id:uuid}"): Case(),
    ("GET", "/v1/disputes/{dispute_id:uuid}/evidence/{evidence_id:uuid}"): Case(),
    ("POST", "/v1/disputes/{dispute_id:uuid}/comments"): Case(body={"body": "I was never here"}),
    ("POST", "/v1/disputes/{dispute_id:uuid}/acknowledge"): Case(body={}),
    ("POST", "/v1/disputes/{dispute_id:uuid}/escalate"): Case(body={}),
    ("POST", "/v1/disputes/{dispute_id:uuid}/reject"): Case(body={}),
    ("POST", "/v1/disputes/{dispute_id:uuid}/resolve"): Case(body={"outcome": "settled"}),
    ("POST", "/v1/disputes/{dispute_id:uuid}/withdraw"): Case(body={}),
    ("GET", "/v1/parties/{party_id:uuid}"): Case(),
    ("PATCH", "/v1/parties/{party_id:uuid}"): Case(
        body={"name": "taken over"}, headers={"If-Match": "{party_etag}"}, status=403
    ),
    ("GET", "/v1/parties/{party_id:uuid}/clients"): Case(),
    ("POST", "/v1/parties/{party_id:uuid}/clients"): Case(body={"name": "x"}, status=403),
    ("GET", "/v1/clients/{api_client_id:uuid}"): Case(),
    ("POST", "/v1/clients/{api_client_id:uuid}/revoke"): Case(status=403),
    ("POST", "/v1/feed-tokens/{feed_token_id:uuid}/revoke"): Case(),
    ("GET", "/v1/events/{event_id:uuid}"): Case(),
    # Redelivering A's event to B's own subscription would be the way to exfiltrate it.
    ("POST", "/v1/events/{event_id:uuid}/redeliver"): Case(body={"subscription_id": "{own_subscription_id}"}),
    ("GET", "/v1/webhooks/{subscription_id:uuid}"): Case(),
    ("PATCH", "/v1/webhooks/{subscription_id:uuid}"): Case(body={"url": "https://attacker.example/hook"}),
    ("DELETE", "/v1/webhooks/{subscription_id:uuid}"): Case(),
    ("POST", "/v1/webhooks/{subscription_id:uuid}/pause"): Case(),
    ("POST", "/v1/webhooks/{subscription_id:uuid}/resume"): Case(),
    ("POST", "/v1/webhooks/{subscription_id:uuid}/rotate-secret"): Case(),
    ("POST", "/v1/webhooks/{subscription_id:uuid}/test"): Case(),
    ("GET", "/v1/webhooks/{subscription_id:uuid}/deliveries"): Case(),
    ("POST", "/v1/webhooks/{subscription_id:uuid}/recover"): Case(query={"since": "2020-01-01T00:00:00Z"}),
    ("POST", "/v1/agreements/{agreement_id:uuid}/import/zendesk"): Case(
        body={
            "sla_policies": [
                {
                    "id": 1,
                    "title": "hostile",
                    "filter": {"all": [], "any": []},
                    "policy_metrics": [
                        {"priority": "urgent", "metric": "first_reply_time", "target": 1, "business_hours": False}
                    ],
                }
            ]
        }
    ),
    ("GET", "/v1/agreements/{agreement_id:uuid}/export/zendesk"): Case(),
    ("GET", "/v1/agreements/{agreement_id:uuid}/export/jira"): Case(),
    ("POST", "/v1/agreements/{agreement_id:uuid}/import/jsm"): Case(
        body={
            "slas": [
                {
                    "name": "Time to first response",
                    "start": ["Issue created"],
                    "stop": ["Comment: For Customers"],
                    "goals": [{"jql": "", "goal": "1m"}],
                }
            ]
        }
    ),
    ("GET", "/v1/agreements/{agreement_id:uuid}/export/openslo"): Case(),
    ("POST", "/v1/agreements/{agreement_id:uuid}/import/openslo"): Case(
        body={
            "yaml": "apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: up}\nspec:\n  service: s\n"
            "  indicator: {metadata: {name: i}, spec: {thresholdMetric: {metricSource: {type: x, spec: {}}}}}\n"
            "  budgetingMethod: Timeslices\n  objectives: [{target: 0.99}]\n"
        }
    ),
    ("GET", "/v1/integrations/{integration_id:uuid}"): Case(),
    ("PATCH", "/v1/integrations/{integration_id:uuid}"): Case(body={"mapping": {"customer": "zendesk:mine"}}),
    ("DELETE", "/v1/integrations/{integration_id:uuid}"): Case(),
    ("POST", "/v1/integrations/{integration_id:uuid}/rotate-secret"): Case(body={}),
    ("GET", "/v1/integrations/{integration_id:uuid}/deliveries"): Case(),
    ("GET", "/v1/tickets/{source:str}/{external_id:str}/sla"): Case(),
    ("GET", "/v1/calendars/{calendar_id:uuid}"): Case(),
    ("PATCH", "/v1/calendars/{calendar_id:uuid}"): Case(body={"name": "taken over"}),
    ("DELETE", "/v1/calendars/{calendar_id:uuid}"): Case(),
    ("GET", "/v1/agreements/{agreement_id:uuid}/attainment"): Case(query={"period": "2026-10"}),
    ("GET", "/v1/agreements/{agreement_id:uuid}/incidents"): Case(),
    ("POST", "/v1/agreements/{agreement_id:uuid}/incidents"): Case(
        body={"kind": "outage", "started_at": "2026-10-14T09:00:00Z", "ended_at": "2026-10-14T10:00:00Z"}
    ),
    ("POST", "/v1/agreements/{agreement_id:uuid}/incidents/{incident_id:uuid}/accept"): Case(),
    ("POST", "/v1/agreements/{agreement_id:uuid}/usage"): Case(
        body={"usage_id": "u-1", "price_code": "hours", "quantity": "1", "occurred_at": "2026-10-14T09:00:00Z"}
    ),
    ("POST", "/v1/agreements/{agreement_id:uuid}/measurements"): Case(
        body={
            "measurements": [
                {"indicator": "x", "window_start": "2026-10-14T09:00:00Z", "window_end": "2026-10-14T10:00:00Z"}
            ]
        }
    ),
    ("GET", "/v1/agreements/{agreement_id:uuid}/indicators"): Case(),
    ("GET", "/v1/agreements/{agreement_id:uuid}/reports"): Case(),
    # The fixture's agreement has no reporting clause, so A finds no report either (tests/api/test_reports.py reads
    # published ones); B's answer must still be the same 404.
    ("GET", "/v1/agreements/{agreement_id:uuid}/reports/{period:str}"): Case(member_status=404),
    ("POST", "/v1/agreements/{agreement_id:uuid}/versions/{number:int}/simulate"): Case(body={}),
    # Operator only: every party stops at the scope guard.
    ("POST", "/v1/billing/periods/{period:str}/close"): Case(status=403),
    # An invitation addressed to A's customer: nobody else reads or answers it.
    ("GET", "/v1/invitations/{invitation_id:uuid}"): Case(),
    ("POST", "/v1/invitations/{invitation_id:uuid}/accept"): Case(),
    ("POST", "/v1/invitations/{invitation_id:uuid}/decline"): Case(),
}


def route_table() -> list[tuple[str, str, tuple[str, ...]]]:
    """(method, path, path parameter names) for every route of the app; building it opens no connection."""
    app = create_app(Settings(environment="test", database_url="postgresql://route-table@127.0.0.1:1/unused"))
    table = []
    for route in app.routes:
        params = tuple(getattr(route, "path_parameters", {}) or {})
        for handler in getattr(route, "route_handlers", []):
            for method in sorted(set(getattr(handler, "http_methods", ())) - IGNORED_METHODS):
                table.append((method, route.path, params))
    return sorted(table)


ROUTES = route_table()
ROUTES_WITH_PARAMS = [(m, p) for m, p, params in ROUTES if params and p not in SKIP]
PARAMS = {(m, p): params for m, p, params in ROUTES}


def test_every_route_has_an_isolation_case():
    missing = [f"{m} {p}" for m, p in ROUTES_WITH_PARAMS if (m, p) not in CASES]
    assert not missing, f"routes without an isolation case (add them to CASES in {__name__}): {missing}"
    assert set(SKIP) <= {p for _, p, _ in ROUTES}, "a skipped route no longer exists"


@dataclass
class Objects:
    """Party A's objects by path parameter name, plus what a request needs to succeed for A."""

    ids: dict[str, Any]
    extra: dict[str, str]

    def unknown(self) -> Objects:
        return Objects({k: (v if k in NOT_IDS else str(uuid.uuid4())) for k, v in self.ids.items()}, self.extra)


def render(value: Any, o: Objects) -> Any:
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return o.extra[value[1:-1]]
    if isinstance(value, dict):
        return {k: render(v, o) for k, v in value.items()}
    return value


def fill(method: str, path: str, o: Objects) -> str:
    for name in PARAMS[(method, path)]:
        assert name in o.ids, f"no object of A for path parameter {name!r}; create one in the `objects` fixture"
        for kind in ("uuid", "int", "str"):
            path = path.replace(f"{{{name}:{kind}}}", str(o.ids[name]))
    assert "{" not in path, path
    return path


@pytest.fixture
async def objects(client, deal: Deal, clock) -> Objects:
    """A's objects, each in a state where every write would succeed for a member.

    The deal's agreement has version 1 proposed; a second agreement between the same parties is active and
    carries an open review, a dispute with an attachment and a ticket; A has a calendar and a webhook
    subscription, and B a subscription of its own.
    """
    h = deal.h
    response = await propose(client, deal)
    assert response.status_code == 201, response.text
    a = f"/v1/agreements/{deal.agreement_id}"
    etag = (await client.get(a, headers=h["provider"])).headers["etag"]
    event_id = (await client.get(f"{a}/history", headers=h["provider"])).json()["items"][0]["id"]
    party_etag = (await client.get(f"/v1/parties/{deal.provider.id}", headers=h["provider"])).headers["etag"]

    active = await draft_agreement(
        client,
        h["provider"],
        {"provider": deal.provider, "customer": deal.customer},
        title="Active, with a review and a dispute",
        join=(h["customer"],),
    )
    second = Deal(deal.provider, deal.customer, deal.third, deal.outsider, active["id"], h)
    assert (await propose(client, second)).status_code == 201
    await accept(client, second, 1)
    assert (await client.post(f"/v1/agreements/{active['id']}/activate", headers=h["provider"])).status_code == 200
    response = await client.post(
        f"/v1/agreements/{active['id']}/reviews",
        headers=h["provider"],
        json={"due_at": (clock() + timedelta(days=30)).isoformat()},
    )
    assert response.status_code == 201, response.text
    review_id = response.json()["id"]
    response = await client.post(
        "/v1/disputes",
        headers=h["customer"],
        json={
            "agreement_id": active["id"],
            "respondent_party_id": str(deal.provider.id),
            "subject": "Late answers",
            "description": "P1 tickets answered late",
            "evidence": [
                {"filename": "log.txt", "content_type": "text/plain", "content": base64.b64encode(b"late").decode()}
            ],
        },
    )
    assert response.status_code == 201, response.text
    dispute = response.json()

    pending = await draft_agreement(
        client,
        h["provider"],
        {"provider": deal.provider, "customer": deal.customer},
        title="The customer has not answered yet",
    )
    open_invitations = (
        await client.get("/v1/invitations", params={"status": "invited"}, headers=h["customer"])
    ).json()["items"]
    (invitation_id,) = [i["id"] for i in open_invitations if i["agreement"]["id"] == pending["id"]]

    calendar_id = None
    if ("POST", "/v1/tickets/events") in ROUTE_SET:
        response = await client.post(
            "/v1/tickets/events",
            headers=h["provider"],
            json={
                "events": [
                    {
                        "source": "isolation-desk",
                        "event_id": "e-1",
                        "ticket_id": "T-1",
                        "type": "created",
                        "occurred_at": clock().isoformat(),
                        "customer": str(deal.customer.id),
                        "priority": "P1",
                    }
                ]
            },
        )
        assert response.status_code in (200, 201, 202), response.text
    if ("POST", "/v1/calendars") in ROUTE_SET:
        response = await client.post(
            "/v1/calendars", json={"name": "Office hours", "timezone": "Europe/Berlin"}, headers=h["provider"]
        )
        assert response.status_code == 201, response.text
        calendar_id = response.json()["id"]

    incident_id = None
    if ("POST", "/v1/agreements/{agreement_id:uuid}/incidents") in ROUTE_SET:
        response = await client.post(
            f"{a}/incidents",
            headers=h["provider"],
            json={
                "kind": "maintenance",
                "started_at": (clock() + timedelta(days=2)).isoformat(),
                "ended_at": (clock() + timedelta(days=2, hours=2)).isoformat(),
            },
        )
        assert response.status_code == 201, response.text
        incident_id = response.json()["id"]

    response = await client.post(
        f"/v1/parties/{deal.provider.id}/clients", json={"name": "A's client"}, headers=h["operator"]
    )
    assert response.status_code == 201, response.text
    api_client_id = response.json()["id"]
    response = await client.post("/v1/feed-tokens", json={"name": "A's calendar"}, headers=h["provider"])
    assert response.status_code == 201, response.text
    feed_token_id = response.json()["id"]
    subscriptions = []
    for side in ("provider", "outsider"):
        response = await client.post("/v1/webhooks", json={"url": f"https://{side}.example/hooks"}, headers=h[side])
        assert response.status_code == 201, response.text
        subscriptions.append(response.json()["id"])
    integration_id = None
    if ("GET", "/v1/integrations/{integration_id:uuid}") in ROUTE_SET:
        response = await client.post(
            "/v1/integrations", json={"kind": "jira", "name": "A's desk"}, headers=h["provider"]
        )
        assert response.status_code == 201, response.text
        integration_id = response.json()["id"]
    return Objects(
        ids={
            "agreement_id": deal.agreement_id,
            "number": 1,
            "party_id": str(deal.provider.id),
            "event_id": event_id,
            "subscription_id": subscriptions[0],
            "review_id": review_id,
            "dispute_id": dispute["id"],
            "evidence_id": dispute["evidence"][0]["id"],
            "source": "isolation-desk",
            "external_id": "T-1",
            "calendar_id": calendar_id,
            "incident_id": incident_id,
            "period": "2026-10",
            "invitation_id": invitation_id,
            "api_client_id": api_client_id,
            "integration_id": integration_id,
            "feed_token_id": feed_token_id,
        },
        extra={"etag": etag, "party_etag": party_etag, "own_subscription_id": subscriptions[1]},
    )


async def call(
    client: httpx.AsyncClient, method: str, path: str, o: Objects, headers: dict[str, str]
) -> httpx.Response:
    case = CASES[(method, path)]
    return await client.request(
        method,
        fill(method, path, o),
        params=case.query,
        json=render(case.body, o),
        headers={**headers, **render(case.headers, o)},
    )


def without_ids(text: str, o: Objects) -> str:
    for name, value in o.ids.items():
        if name not in NOT_IDS and value is not None:
            text = text.replace(str(value), "<id>")
    # Each answer carries its own request id (api/logging.py), whoever asks.
    return re.sub(r"urn:sla-api:request:[A-Za-z0-9._:-]+", "urn:sla-api:request:<id>", text)


# Cases for routes the app does not register (removed, or not yet wired in) are left out.
MATRIX = sorted(set(CASES) & set(ROUTES_WITH_PARAMS))
ROUTE_SET = {(m, p) for m, p, _ in ROUTES}


@pytest.mark.parametrize(("method", "path"), MATRIX, ids=[f"{m} {p}" for m, p in MATRIX])
async def test_outsider_gets_what_an_unknown_id_gets(method, path, client, deal: Deal, objects: Objects):
    ghost = objects.unknown()
    theirs = await call(client, method, path, objects, deal.h["outsider"])
    nothing = await call(client, method, path, ghost, deal.h["outsider"])
    status = CASES[(method, path)].status
    assert_problem(theirs, status)
    assert_problem(nothing, status)
    assert theirs.headers["content-type"] == nothing.headers["content-type"]
    assert without_ids(theirs.text, objects) == without_ids(nothing.text, ghost)
    # And A's objects are untouched.
    h = deal.h["provider"]
    response = await client.get(f"/v1/agreements/{deal.agreement_id}", headers=h)
    assert response.headers["etag"] == objects.extra["etag"]
    assert response.json()["title"] == "Acme ↔ Globex support" and response.json()["status"] == "proposed"
    response = await client.get(f"/v1/webhooks/{objects.ids['subscription_id']}", headers=h)
    assert response.json()["url"] == "https://provider.example/hooks" and response.json()["status"] == "active"
    assert (await client.get(f"/v1/reviews/{objects.ids['review_id']}", headers=h)).json()["status"] == "scheduled"
    dispute = (await client.get(f"/v1/disputes/{objects.ids['dispute_id']}", headers=h)).json()
    assert dispute["status"] == "open" and len(dispute["timeline"]) == 1
    invitation = (
        await client.get(f"/v1/invitations/{objects.ids['invitation_id']}", headers=deal.h["customer"])
    ).json()
    assert invitation["status"] == "invited"


VERSION_ROUTES = [k for k in MATRIX if "{number:int}" in k[1]]


@pytest.mark.parametrize(("method", "path"), VERSION_ROUTES, ids=[f"{m} {p}" for m, p in VERSION_ROUTES])
async def test_an_unknown_version_number_is_a_plain_404(method, path, client, deal, objects: Objects):
    ghost = Objects({**objects.ids, "number": 999}, objects.extra)
    assert_problem(await call(client, method, path, ghost, deal.h["provider"]), 404, "not_found")


async def test_member_reads_work_for_the_member(client, deal: Deal, objects: Objects):
    """The matrix above is only meaningful if A itself reaches its objects."""
    for method, path in MATRIX:
        if method != "GET" or CASES[(method, path)].status != 404:
            continue
        headers = deal.h["customer" if "dispute" in path or "invitation" in path else "provider"]
        response = await call(client, method, path, objects, headers)
        assert response.status_code == CASES[(method, path)].member_status, (method, path, response.text)


async def test_outsider_lists_none_of_a(client, deal: Deal, objects: Objects):
    outsider = deal.h["outsider"]
    response = await client.get("/v1/agreements", headers=outsider)
    assert response.status_code == 200 and response.json() == {"items": [], "next_cursor": None}
    for query in (
        {"status": "proposed"},
        {"status": "active"},
        {"role": "provider"},
        {"counter_party": str(deal.provider.id)},
    ):
        response = await client.get("/v1/agreements", params=query, headers=outsider)
        assert response.json()["items"] == [], query

    events = (await client.get("/v1/events", params={"limit": 100}, headers=outsider)).json()["items"]
    assert all(e["agreement_id"] is None for e in events)
    # B's own party event is the only one it sees, and it names nothing of A's.
    assert [e["type"] for e in events] == ["party.created"]
    for value in [*objects.ids.values(), deal.customer.id, deal.third.id]:
        if isinstance(value, str) or isinstance(value, uuid.UUID):
            assert str(value) not in str(events)

    parties = (await client.get("/v1/parties", headers=outsider)).json()["items"]
    assert [p["id"] for p in parties] == [str(deal.outsider.id)]
    assert (await client.get("/v1/disputes", headers=outsider)).json()["items"] == []
    response = await client.get("/v1/disputes", params={"agreement_id": deal.agreement_id}, headers=outsider)
    assert response.status_code in (200, 404) and not response.json().get("items")
    hooks = (await client.get("/v1/webhooks", headers=outsider)).json()["items"]
    assert [s["id"] for s in hooks] == [objects.extra["own_subscription_id"]]


async def test_members_list_only_their_own(client, deal: Deal, objects: Objects):
    ids = [a["id"] for a in (await client.get("/v1/agreements", headers=deal.h["third"])).json()["items"]]
    assert ids == [deal.agreement_id]
    parties = {p["id"] for p in (await client.get("/v1/parties", headers=deal.h["customer"])).json()["items"]}
    assert parties == {str(deal.provider.id), str(deal.customer.id), str(deal.third.id)}
    events = (await client.get("/v1/events", params={"limit": 100}, headers=deal.h["third"])).json()["items"]
    # The third party sees the deal's events and its own party event, nothing of the second agreement.
    assert {e["agreement_id"] for e in events} == {None, deal.agreement_id}
    party_events = [e for e in events if e["type"] == "party.created"]
    assert [e["data"]["party"]["id"] for e in party_events] == [str(deal.third.id)]
