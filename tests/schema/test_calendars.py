"""Calendars through POST /graphql: `calendars` (a Relay connection with the built-in 24×7 first), `calendar(id)`,
create/update/delete, typed errors naming the field, and nothing stored after a failure."""

from __future__ import annotations

import uuid

import pytest

from db.models import Calendar
from services.ticketing.calendars import DEFAULT_CALENDAR_ID
from tests.factories import World
from tests.flows import Deal
from tests.schema.conftest import GraphQL, count, mutate

BUILTIN = str(DEFAULT_CALENDAR_ID)
CALENDAR = """id name timezone ownerPartyId owner { name } builtin weeklyWindows { day windows { start end } }
  holidays { country subdivision } closures { date reason } specialHours { date windows { start end } reason }
  createdAt updatedAt version"""
ONE = f"query($id: UUID!) {{ calendar(id: $id) {{ {CALENDAR} }} }}"
PAGE = """query($first: Int!, $after: String) { calendars(first: $first, after: $after) {
  edges { cursor node { id name builtin } } pageInfo { hasNextPage endCursor } } }"""
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def office(**changes) -> dict:
    return {
        "name": "Paris office",
        "timezone": "Europe/Paris",
        "weeklyWindows": {
            day: [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}] for day in WEEKDAYS
        },
        "holidays": {"country": "FR"},
        "closures": [{"date": "2026-12-24", "reason": "Christmas Eve"}],
        "specialHours": [{"date": "2026-12-31", "windows": [{"start": "09:00", "end": "12:00"}]}],
        **changes,
    }


async def create(gql: GraphQL, headers: dict[str, str], **changes) -> dict:
    return await mutate(
        gql,
        "createCalendar",
        f"... on CreateCalendarPayload {{ calendar {{ {CALENDAR} }} }}",
        headers,
        "$input: CreateCalendarInput!",
        "input: $input",
        input=office(**changes),
    )


async def update(
    gql: GraphQL, headers: dict[str, str], calendar_id: str, expected_version: int | None = None, **input
) -> dict:
    return await mutate(
        gql,
        "updateCalendar",
        f"... on UpdateCalendarPayload {{ calendar {{ {CALENDAR} }} }}",
        headers,
        "$id: UUID!, $input: UpdateCalendarInput!, $expected: Int",
        "id: $id, input: $input, expectedVersion: $expected",
        id=calendar_id,
        input=input,
        expected=expected_version,
    )


async def delete(gql: GraphQL, headers: dict[str, str], calendar_id: str) -> dict:
    return await mutate(
        gql,
        "deleteCalendar",
        "... on DeleteCalendarPayload { deletedId }",
        headers,
        "$id: UUID!",
        "id: $id",
        id=calendar_id,
    )


def windows(calendar: dict) -> dict[str, list[dict]]:
    return {day["day"]: day["windows"] for day in calendar["weeklyWindows"]}


async def test_create_read_list_update_delete(gql: GraphQL, deal: Deal, clock, session):
    h = deal.h["provider"]
    created = await create(
        gql,
        h,
        weeklyWindows={
            "mon": [
                {"start": "13:00", "end": "17:00"},
                {"start": "09:00", "end": "12:00"},
                {"start": "12:00", "end": "13:30"},
            ],
            "sat": [{"start": "10:00", "end": "24:00"}],
        },
    )
    assert created["__typename"] == "CreateCalendarPayload", created
    calendar = created["calendar"]
    assert calendar["ownerPartyId"] == str(deal.provider.id) and calendar["owner"] == {"name": "Acme Support"}
    assert calendar["builtin"] is False and calendar["version"] == 1
    assert [day["day"] for day in calendar["weeklyWindows"]] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert windows(calendar)["mon"] == [{"start": "09:00", "end": "17:00"}]  # merged on write
    assert windows(calendar)["sat"] == [{"start": "10:00", "end": "24:00"}] and windows(calendar)["sun"] == []
    assert calendar["holidays"] == {"country": "FR", "subdivision": None}
    assert calendar["closures"] == [{"date": "2026-12-24", "reason": "Christmas Eve"}]
    assert calendar["specialHours"] == [
        {"date": "2026-12-31", "windows": [{"start": "09:00", "end": "12:00"}], "reason": None}
    ]
    assert calendar["createdAt"] == clock.now.isoformat().replace("+00:00", "Z")

    assert (await gql(ONE, h, id=calendar["id"]))["calendar"] == calendar
    page = (await gql(PAGE, h, first=10))["calendars"]
    assert [e["node"]["id"] for e in page["edges"]] == [BUILTIN, calendar["id"]]
    assert page["pageInfo"]["hasNextPage"] is False

    updated = await update(
        gql, h, calendar["id"], 1, name="Paris HQ", holidays={"country": "FR", "subdivision": "57"}, closures=[]
    )
    assert updated["__typename"] == "UpdateCalendarPayload", updated
    assert updated["calendar"]["version"] == 2 and updated["calendar"]["name"] == "Paris HQ"
    assert updated["calendar"]["holidays"] == {"country": "FR", "subdivision": "57"}
    assert updated["calendar"]["closures"] == [] and updated["calendar"]["specialHours"] == calendar["specialHours"]
    assert updated["calendar"]["weeklyWindows"] == calendar["weeklyWindows"]
    cleared = await update(gql, h, calendar["id"], holidays=None)  # expectedVersion is optional; null clears
    assert cleared["calendar"]["holidays"] is None and cleared["calendar"]["version"] == 3

    assert await delete(gql, h, calendar["id"]) == {"__typename": "DeleteCalendarPayload", "deletedId": calendar["id"]}
    assert (await gql(ONE, h, id=calendar["id"]))["calendar"] is None
    assert (await delete(gql, h, calendar["id"]))["__typename"] == "NotFoundError"
    assert await count(session, Calendar) == 0


async def test_the_builtin_24x7_is_readable_by_everyone_and_changed_by_no_one(gql: GraphQL, deal: Deal, session):
    builtin = (await gql(ONE, deal.h["customer"], id=BUILTIN))["calendar"]
    assert builtin["name"] == "24×7" and builtin["builtin"] is True and builtin["ownerPartyId"] is None
    assert builtin["createdAt"] is None and builtin["owner"] is None
    assert all(day["windows"] == [{"start": "00:00", "end": "24:00"}] for day in builtin["weeklyWindows"])
    for side in ("customer", "operator"):
        refused = await update(gql, deal.h[side], BUILTIN, name="Always")
        assert refused["__typename"] == "ConflictError" and refused["code"] == "builtin_calendar", refused
        refused = await delete(gql, deal.h[side], BUILTIN)
        assert refused["__typename"] == "ConflictError" and refused["code"] == "builtin_calendar", refused
    assert await count(session, Calendar) == 0


async def test_shared_calendars_are_the_operators_and_others_are_private(gql: GraphQL, deal: Deal):
    shared = (await create(gql, deal.h["operator"], name="Group standard hours"))["calendar"]
    mine = (await create(gql, deal.h["provider"]))["calendar"]
    assert shared["ownerPartyId"] is None
    for side in ("provider", "customer", "outsider"):
        listed = [e["node"]["id"] for e in (await gql(PAGE, deal.h[side], first=10))["calendars"]["edges"]]
        assert shared["id"] in listed and (mine["id"] in listed) == (side == "provider")
        assert (await gql(ONE, deal.h[side], id=shared["id"]))["calendar"]["id"] == shared["id"]
    refused = await update(gql, deal.h["provider"], shared["id"], name="Mine now")
    assert refused["__typename"] == "ForbiddenError" and refused["code"] == "operator_only"
    assert (await delete(gql, deal.h["provider"], shared["id"]))["__typename"] == "ForbiddenError"
    assert (await update(gql, deal.h["operator"], shared["id"], name="Renamed"))["calendar"]["name"] == "Renamed"
    # Another party's calendar is exactly an unknown one.
    for calendar_id in (mine["id"], str(uuid.uuid4())):
        assert (await gql(ONE, deal.h["customer"], id=calendar_id))["calendar"] is None
        refused = await update(gql, deal.h["customer"], calendar_id, name="Taken")
        assert refused["__typename"] == "NotFoundError"
    assert (await gql(ONE, deal.h["operator"], id=mine["id"]))["calendar"]["id"] == mine["id"]


async def test_a_stale_expected_version_or_a_null_field_changes_nothing(gql: GraphQL, deal: Deal):
    h = deal.h["provider"]
    calendar = (await create(gql, h))["calendar"]
    assert (await update(gql, h, calendar["id"], 1, name="v2"))["calendar"]["version"] == 2
    stale = await update(gql, h, calendar["id"], 1, name="lost")
    assert stale["__typename"] == "PreconditionError" and stale["code"] == "precondition_failed", stale
    for field, graphql_field in (("name", "name"), ("weeklyWindows", "weeklyWindows"), ("closures", "closures")):
        refused = await update(gql, h, calendar["id"], **{field: None})
        assert refused["__typename"] == "ValidationError" and refused["field"] == graphql_field, refused
    assert (await gql(ONE, h, id=calendar["id"]))["calendar"]["name"] == "v2"


async def test_a_calendar_a_clause_names_cannot_be_deleted(gql: GraphQL, client, deal: Deal):
    h = deal.h["provider"]
    calendar = (await create(gql, h))["calendar"]
    body = {
        "title": "Uses the Paris office",
        "memberships": [
            {"party_id": str(deal.provider.id), "role": "provider"},
            {"party_id": str(deal.customer.id), "role": "customer"},
        ],
        "clauses": [
            {"key": "hours", "kind": "schedule", "title": "Service hours", "terms": {"calendar_id": calendar["id"]}}
        ],
    }
    response = await client.post("/v1/agreements", json=body, headers=h)
    assert response.status_code == 201, response.text
    refused = await delete(gql, h, calendar["id"])
    assert refused["__typename"] == "ConflictError" and refused["code"] == "calendar_in_use", refused
    assert (await gql(ONE, h, id=calendar["id"]))["calendar"] is not None


async def test_pages_walk_every_calendar_once(gql: GraphQL, deal: Deal):
    h = deal.h["provider"]
    ids = [(await create(gql, h, name=f"Calendar {n}"))["calendar"]["id"] for n in range(3)]
    await create(gql, deal.h["customer"], name="Not the provider's")
    seen, after = [], None
    for _ in range(10):
        page = (await gql(PAGE, h, first=1, after=after))["calendars"]
        seen += [e["node"]["id"] for e in page["edges"]]
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"] or page["pageInfo"]["hasNextPage"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [BUILTIN, *sorted(ids, key=uuid.UUID)]  # the test clock stands still: the id breaks the tie
    # Each edge's cursor resumes right after it.
    edges = (await gql(PAGE, h, first=4))["calendars"]["edges"]
    resumed = (await gql(PAGE, h, first=4, after=edges[1]["cursor"]))["calendars"]["edges"]
    assert [e["node"]["id"] for e in resumed] == [e["node"]["id"] for e in edges[2:]]
    for bad_after, first, field in (("bogus", 1, "after"), (None, 101, "first")):
        body = await gql.raw(PAGE, h, first=first, after=bad_after)
        assert body["data"] is None and body["errors"][0]["extensions"]["problems"][0]["field"] == field, body


# (id, a change to the input, the field the ValidationError must name, words in its message)
BAD = [
    (
        "window past 24:00",
        {"weeklyWindows": {"mon": [{"start": "09:00", "end": "24:30"}]}},
        "weeklyWindows.mon[0].end",
        "24:00",
    ),
    (
        "window hour 25",
        {"weeklyWindows": {"tue": [{"start": "25:00", "end": "26:00"}]}},
        "weeklyWindows.tue[0].start",
        "24:00",
    ),
    (
        "window not HH:MM",
        {"weeklyWindows": {"wed": [{"start": "9am", "end": "17:00"}]}},
        "weeklyWindows.wed[0].start",
        "HH:MM",
    ),
    (
        "window crossing midnight",
        {"weeklyWindows": {"fri": [{"start": "22:00", "end": "02:00"}]}},
        "weeklyWindows.fri[0].end",
        "split",
    ),
    (
        "empty window",
        {"weeklyWindows": {"mon": [{"start": "10:00", "end": "10:00"}]}},
        "weeklyWindows.mon[0].end",
        "end after",
    ),
    (
        "special hours crossing midnight",
        {"specialHours": [{"date": "2026-12-31", "windows": [{"start": "20:00", "end": "01:00"}]}]},
        "specialHours[0].windows[0].end",
        "split",
    ),
    ("unknown holiday country", {"holidays": {"country": "XX"}}, "holidays.country", "XX"),
    ("unknown holiday subdivision", {"holidays": {"country": "FR", "subdivision": "ZZ"}}, "holidays.subdivision", "ZZ"),
    ("non-IANA zone", {"timezone": "CET+1"}, "timezone", "IANA"),
    ("closure date not a date", {"closures": [{"date": "24.12.2026"}]}, "closures[0].date", "date"),
    ("closure date as a week", {"closures": [{"date": "2026-W52-4"}]}, "closures[0].date", "date"),
    ("closure twice", {"closures": [{"date": "2026-12-24"}, {"date": "2026-12-24"}]}, "closures[1].date", "already"),
    (
        "closed and special on one date",
        {"specialHours": [{"date": "2026-12-24", "windows": [{"start": "09:00", "end": "12:00"}]}]},
        "specialHours[0].date",
        "either",
    ),
    ("empty name", {"name": "  "}, "name", "empty"),
]


@pytest.mark.parametrize(("change", "field", "words"), [pytest.param(*case[1:], id=case[0]) for case in BAD])
async def test_bad_input_is_a_validation_error_naming_the_field_and_stores_nothing(
    change, field, words, gql: GraphQL, deal: Deal, session
):
    refused = await create(gql, deal.h["provider"], **change)
    assert refused["__typename"] == "ValidationError" and refused["code"] == "invalid_input", refused
    assert refused["field"] == field and words in refused["message"], refused
    assert await count(session, Calendar) == 0


async def test_bad_updates_change_nothing(gql: GraphQL, deal: Deal):
    h = deal.h["provider"]
    calendar = (await create(gql, h))["calendar"]
    overnight = {"weeklyWindows": {"mon": [{"start": "18:00", "end": "06:00"}]}}
    for change, field in (
        (overnight, "weeklyWindows.mon[0].end"),
        ({"holidays": {"country": "DE", "subdivision": "QQ"}}, "holidays.subdivision"),
        ({"name": "Fine", "timezone": "Mars/Base"}, "timezone"),
    ):
        refused = await update(gql, h, calendar["id"], **change)
        assert refused["__typename"] == "ValidationError" and refused["field"] == field, refused
    assert (await gql(ONE, h, id=calendar["id"]))["calendar"] == calendar


async def test_scopes(gql: GraphQL, deal: Deal, world: World, session):
    calendar = (await create(gql, deal.h["provider"]))["calendar"]
    reader = await world.headers(deal.provider, ["agreements:read"])
    assert (await gql(ONE, reader, id=calendar["id"]))["calendar"]["id"] == calendar["id"]
    for document, variables in (
        ('mutation { createCalendar(input: {name: "x", timezone: "UTC"}) { __typename } }', {}),
        ('mutation($id: UUID!) { updateCalendar(id: $id, input: {name: "x"}) { __typename } }', {"id": calendar["id"]}),
        ("mutation($id: UUID!) { deleteCalendar(id: $id) { __typename } }", {"id": calendar["id"]}),
    ):
        body = await gql.raw(document, reader, **variables)
        assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "insufficient_scope", body
    nobody = await world.headers(deal.provider, ["tickets:write"])
    body = await gql.raw("{ calendars { edges { cursor } } }", nobody)
    assert body["errors"][0]["extensions"]["code"] == "insufficient_scope"
    assert await count(session, Calendar) == 1
