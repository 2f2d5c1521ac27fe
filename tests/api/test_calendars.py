"""`/v1/calendars`: every route, bad input (problem+json naming the field, nothing stored) and isolation."""

from __future__ import annotations

import copy
import uuid

import pytest
from sqlalchemy import func, select

from db.models import Calendar
from services.ticketing.calendars import DEFAULT_CALENDAR_ID
from tests.api.conftest import assert_problem
from tests.flows import Deal

BUILTIN = str(DEFAULT_CALENDAR_ID)


def office(**changes) -> dict:
    return {
        "name": "Paris office",
        "timezone": "Europe/Paris",
        "weekly_windows": {
            day: [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}]
            for day in ("mon", "tue", "wed", "thu", "fri")
        },
        "holidays": {"country": "FR"},
        "closures": [{"date": "2026-12-24", "reason": "Christmas Eve"}],
        "special_hours": [{"date": "2026-12-31", "windows": [{"start": "09:00", "end": "12:00"}]}],
        **changes,
    }


async def calendar_count(session) -> int:
    return await session.scalar(select(func.count()).select_from(Calendar))


async def create(client, headers, **changes) -> dict:
    response = await client.post("/v1/calendars", json=office(**changes), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def test_create_get_list_update_delete(client, deal: Deal):
    h = deal.h["provider"]
    response = await client.post(
        "/v1/calendars",
        json=office(
            weekly_windows={
                "mon": [
                    {"start": "13:00", "end": "17:00"},
                    {"start": "09:00", "end": "12:00"},
                    {"start": "12:00", "end": "13:30"},
                ],
                "sat": [{"start": "10:00", "end": "24:00"}],
            }
        ),
        headers=h,
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert response.headers["location"] == f"/v1/calendars/{created['id']}"
    assert response.headers["etag"] == '"1"'
    assert created["owner_party_id"] == str(deal.provider.id) and created["builtin"] is False
    assert created["weekly_windows"]["mon"] == [{"start": "09:00", "end": "17:00"}]  # merged on write
    assert created["weekly_windows"]["sat"] == [{"start": "10:00", "end": "24:00"}]
    assert created["weekly_windows"]["sun"] == []
    assert created["holidays"] == {"country": "FR", "subdivision": None}
    assert created["closures"] == [{"date": "2026-12-24", "reason": "Christmas Eve"}]
    assert created["special_hours"] == [
        {"date": "2026-12-31", "windows": [{"start": "09:00", "end": "12:00"}], "reason": None}
    ]
    assert created["version"] == 1 and created["created_at"].endswith("Z")

    url = response.headers["location"]
    response = await client.get(url, headers=h)
    assert response.status_code == 200 and response.json() == created and response.headers["etag"] == '"1"'

    response = await client.get("/v1/calendars", headers=h)
    assert response.status_code == 200
    page = response.json()
    assert [c["id"] for c in page["items"]] == [BUILTIN, created["id"]] and page["next_cursor"] is None

    response = await client.patch(
        url,
        json={"name": "Paris HQ", "holidays": {"country": "FR", "subdivision": "57"}, "closures": []},
        headers={**h, "If-Match": '"1"'},
    )
    assert response.status_code == 200, response.text
    updated = response.json()
    assert response.headers["etag"] == '"2"' and updated["version"] == 2
    assert updated["name"] == "Paris HQ" and updated["holidays"] == {"country": "FR", "subdivision": "57"}
    assert updated["closures"] == [] and updated["special_hours"] == created["special_hours"]
    assert updated["weekly_windows"] == created["weekly_windows"]
    response = await client.patch(url, json={"holidays": None}, headers=h)  # If-Match is optional
    assert response.status_code == 200 and response.json()["holidays"] is None and response.json()["version"] == 3

    response = await client.delete(url, headers=h)
    assert response.status_code == 204 and not response.content
    assert_problem(await client.get(url, headers=h), 404, "not_found")
    assert_problem(await client.delete(url, headers=h), 404, "not_found")


async def test_the_builtin_24x7_calendar_is_listed_readable_and_read_only(client, deal: Deal, session):
    h = deal.h["customer"]
    response = await client.get(f"/v1/calendars/{BUILTIN}", headers=h)
    assert response.status_code == 200, response.text
    builtin = response.json()
    assert builtin["name"] == "24×7" and builtin["timezone"] == "UTC" and builtin["builtin"] is True
    assert builtin["owner_party_id"] is None and builtin["holidays"] is None
    assert all(windows == [{"start": "00:00", "end": "24:00"}] for windows in builtin["weekly_windows"].values())
    before = await calendar_count(session)
    for headers in (h, deal.h["operator"]):
        body = assert_problem(
            await client.patch(f"/v1/calendars/{BUILTIN}", json={"name": "Always"}, headers=headers),
            409,
            "builtin_calendar",
        )
        assert "read-only" in body["detail"]
        assert_problem(await client.delete(f"/v1/calendars/{BUILTIN}", headers=headers), 409, "builtin_calendar")
    assert await calendar_count(session) == before


async def test_stale_if_match_is_412_and_changes_nothing(client, deal: Deal):
    h = deal.h["provider"]
    created = await create(client, h)
    url = f"/v1/calendars/{created['id']}"
    assert (await client.patch(url, json={"name": "v2"}, headers={**h, "If-Match": '"1"'})).status_code == 200
    assert_problem(
        await client.patch(url, json={"name": "lost"}, headers={**h, "If-Match": '"1"'}), 412, "precondition_failed"
    )
    assert (await client.get(url, headers=h)).json()["name"] == "v2"


async def test_shared_calendars_are_the_operators(client, deal: Deal):
    shared = await create(client, deal.h["operator"], name="Group standard hours")
    assert shared["owner_party_id"] is None
    for side in ("provider", "customer", "outsider"):
        listed = (await client.get("/v1/calendars", headers=deal.h[side])).json()["items"]
        assert shared["id"] in [c["id"] for c in listed]
        assert (await client.get(f"/v1/calendars/{shared['id']}", headers=deal.h[side])).status_code == 200
    url = f"/v1/calendars/{shared['id']}"
    assert_problem(await client.patch(url, json={"name": "Mine now"}, headers=deal.h["provider"]), 403, "operator_only")
    assert_problem(await client.delete(url, headers=deal.h["provider"]), 403, "operator_only")
    assert (await client.patch(url, json={"name": "Renamed"}, headers=deal.h["operator"])).status_code == 200


async def test_another_partys_calendar_answers_exactly_like_an_unknown_id(client, deal: Deal, session):
    mine = await create(client, deal.h["provider"])
    theirs, unknown = f"/v1/calendars/{mine['id']}", f"/v1/calendars/{uuid.uuid4()}"
    listed = (await client.get("/v1/calendars", headers=deal.h["customer"])).json()["items"]
    assert mine["id"] not in [c["id"] for c in listed]
    before = await calendar_count(session)
    for method, kwargs in (("get", {}), ("patch", {"json": {"name": "Taken"}}), ("delete", {})):
        answers = []
        for url in (theirs, unknown):
            response = await client.request(method.upper(), url, headers=deal.h["customer"], **kwargs)
            body = assert_problem(response, 404, "not_found")
            answers.append({k: v for k, v in body.items()})
        assert answers[0] == answers[1], method
    assert await calendar_count(session) == before
    assert (await client.get(theirs, headers=deal.h["provider"])).json()["name"] == "Paris office"
    # The operator sees every calendar.
    assert (await client.get(theirs, headers=deal.h["operator"])).status_code == 200


async def test_pages_walk_every_calendar_once(client, deal: Deal, world):
    h = deal.h["provider"]
    ids = [(await create(client, h, name=f"Calendar {n}"))["id"] for n in range(3)]
    await create(client, deal.h["customer"], name="Not the provider's")
    seen, cursor = [], None
    for _ in range(10):
        params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/v1/calendars", params=params, headers=h)).json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    # Same creation time (the test clock stands still): the id breaks the tie.
    in_order = sorted(ids, key=uuid.UUID)
    assert seen == [BUILTIN, *in_order]
    page = (await client.get("/v1/calendars", params={"limit": 2}, headers=h)).json()
    assert [c["id"] for c in page["items"]] == [BUILTIN, in_order[0]]
    for bogus in ("bogus", "WzUsIDZd"):  # not base64 JSON; base64 of [5, 6]
        assert_problem(await client.get("/v1/calendars", params={"cursor": bogus}, headers=h), 422, field="cursor")
    assert_problem(
        await client.get("/v1/calendars", params={"limit": 101}, headers=h), 422, "invalid_input", field="limit"
    )


async def test_scopes(client, deal: Deal, world, session):
    created = await create(client, deal.h["provider"])
    reader = await world.headers(deal.provider, ["agreements:read"])
    assert (await client.get("/v1/calendars", headers=reader)).status_code == 200
    assert (await client.get(f"/v1/calendars/{created['id']}", headers=reader)).status_code == 200
    before = await calendar_count(session)
    assert_problem(await client.post("/v1/calendars", json=office(), headers=reader), 403, "insufficient_scope")
    assert_problem(await client.patch(f"/v1/calendars/{created['id']}", json={"name": "x"}, headers=reader), 403)
    assert_problem(await client.delete(f"/v1/calendars/{created['id']}", headers=reader), 403)
    nobody = await world.headers(deal.provider, ["tickets:write"])
    assert_problem(await client.get("/v1/calendars", headers=nobody), 403, "insufficient_scope")
    assert_problem(await client.get("/v1/calendars"), 401)
    assert await calendar_count(session) == before


async def test_idempotent_create(client, deal: Deal, session):
    h = {**deal.h["provider"], "Idempotency-Key": "calendar-once"}
    first = await client.post("/v1/calendars", json=office(), headers=h)
    again = await client.post("/v1/calendars", json=office(), headers=h)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert await calendar_count(session) == 1


def mutate(body: dict, path: tuple, value) -> dict:
    body = copy.deepcopy(body)
    node = body
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return body


# (id, path in the body, new value, the field the problem must name, words in the problem)
BAD = [
    ("window past 24:00", ("weekly_windows", "mon", 0, "end"), "24:30", "weekly_windows.mon[0].end", "24:00"),
    ("window hour 25", ("weekly_windows", "tue", 1, "start"), "25:00", "weekly_windows.tue[1].start", "24:00"),
    ("window not HH:MM", ("weekly_windows", "wed", 0, "start"), "9am", "weekly_windows.wed[0].start", "HH:MM"),
    (
        "window crossing midnight",
        ("weekly_windows", "fri", 1),
        {"start": "22:00", "end": "02:00"},
        "weekly_windows.fri[1].end",
        "split",
    ),
    (
        "window starting at 24:00",
        ("weekly_windows", "thu", 0, "start"),
        "24:00",
        "weekly_windows.thu[0].start",
        "24:00",
    ),
    (
        "empty window",
        ("weekly_windows", "mon", 0),
        {"start": "10:00", "end": "10:00"},
        "weekly_windows.mon[0].end",
        "end after",
    ),
    (
        "special hours crossing midnight",
        ("special_hours", 0, "windows", 0),
        {"start": "20:00", "end": "01:00"},
        "special_hours[0].windows[0].end",
        "split",
    ),
    ("unknown holiday country", ("holidays", "country"), "XX", "holidays.country", "XX"),
    (
        "unknown holiday subdivision",
        ("holidays",),
        {"country": "FR", "subdivision": "ZZ"},
        "holidays.subdivision",
        "ZZ",
    ),
    ("non-IANA zone", ("timezone",), "CET+1", "timezone", "IANA"),
    ("zone abbreviation", ("timezone",), "CEST", "timezone", "IANA"),
    ("unknown field", ("colour",), "blue", "colour", "unknown"),
    ("unknown weekday", ("weekly_windows", "funday"), [], "weekly_windows.funday", "unknown"),
    ("unknown window field", ("weekly_windows", "mon", 0, "until"), "18:00", "weekly_windows.mon[0].until", "unknown"),
    ("unknown holidays field", ("holidays", "region"), "Alsace", "holidays.region", "unknown"),
    ("closure date not a date", ("closures", 0, "date"), "24.12.2026", "closures[0].date", "date"),
    ("closure twice", ("closures",), [{"date": "2026-12-24"}, {"date": "2026-12-24"}], "closures[1].date", "already"),
    ("closed and special on one date", ("special_hours", 0, "date"), "2026-12-24", "special_hours[0].date", "either"),
    ("missing name", ("name",), None, "name", ""),
    ("empty name", ("name",), "  ", "name", "empty"),
    ("window times as numbers", ("weekly_windows", "mon", 0, "start"), 900, "weekly_windows.mon[0].start", "str"),
]


@pytest.mark.parametrize(("path", "value", "field", "words"), [pytest.param(*c[1:], id=c[0]) for c in BAD])
async def test_bad_bodies_name_the_field_and_store_nothing(path, value, field, words, client, deal: Deal, session):
    body = mutate(office(), path, value)
    if value is None:
        del body[path[-1]]
    before = await calendar_count(session)
    response = await client.post("/v1/calendars", json=body, headers=deal.h["provider"])
    assert response.status_code in (400, 422), response.text
    problem = assert_problem(response, response.status_code)
    assert problem["code"] in ("invalid_request", "invalid_input")
    assert field in [e["field"] for e in problem["errors"]], problem
    assert words in problem["detail"], problem
    assert await calendar_count(session) == before


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"weekly_windows": {"mon": [{"start": "18:00", "end": "06:00"}]}}, "weekly_windows.mon[0].end"),
        ({"holidays": {"country": "XX"}}, "holidays.country"),
        ({"holidays": {"country": "DE", "subdivision": "QQ"}}, "holidays.subdivision"),
        ({"timezone": "Europe/Pariss"}, "timezone"),
        ({"name": "Fine", "timezone": "Mars/Base"}, "timezone"),
        ({"owner_party_id": None}, "owner_party_id"),
        ({"version": 7}, "version"),
    ],
)
async def test_bad_updates_name_the_field_and_change_nothing(patch, field, client, deal: Deal):
    h = deal.h["provider"]
    created = await create(client, h)
    url = f"/v1/calendars/{created['id']}"
    response = await client.patch(url, json=patch, headers=h)
    problem = assert_problem(response, response.status_code)
    assert response.status_code in (400, 422) and field in [e["field"] for e in problem["errors"]], problem
    assert (await client.get(url, headers=h)).json() == created
