"""Jira Service Management SLA goals into an agreement: import(export(x)) is x for every target JSM can express,
what cannot be mapped is listed with the reason, and a malformed or unmappable document is a 422 that stores nothing."""

from __future__ import annotations

import copy

import msgspec
import pytest

from services.integrations.jira_sla import (
    JsmCalendar,
    JsmSla,
    _JqlNotMapped,
    clauses_from_jira_sla,
    duration_from_goal,
    jira_sla_goals,
    match_from_jql,
)
from tests.api.conftest import assert_problem
from tests.flows import accept_invitations

BERLIN = {
    "key": "berlin-hours",
    "kind": "schedule",
    "title": "Berlin office hours",
    "terms": {
        "timezone": "Europe/Berlin",
        "weekly_windows": {
            day: [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:30"}]
            for day in ("mon", "tue", "wed", "thu", "fri")
        },
        "holidays": {"country": "DE", "subdivision": "BE"},
        "closures": [{"date": "2026-12-24"}, {"date": "2026-12-31", "reason": "Year-end inventory"}],
    },
}
NEW_YORK = {
    "key": "us-hours",
    "kind": "schedule",
    "title": "US support hours",
    "terms": {"timezone": "America/New_York", "weekly_windows": {"sat": [{"start": "10:00", "end": "14:00"}]}},
}
# Targets grouped by metric (as JSM groups goals: its order within a metric is kept, and each metric's first
# matching target applies, so the order across metrics carries no meaning).
SUPPORT = {
    "key": "support",
    "kind": "service_level",
    "title": "Support desk",
    "terms": {
        "targets": [
            {
                "metric": "first_response",
                "key": "p1-fr",
                "match": {"priority": "P1"},
                "duration": "PT1H",
                "pause_statuses": ["pending"],
            },
            {
                "metric": "first_response",
                "match": {"priority": ["P2", "P3"], "attributes": {"type": "incident"}},
                "duration": "PT4H30M",
                "pause_statuses": ["pending"],
            },
            {
                "metric": "resolution",
                "key": "p1-res",
                "match": {"priority": "P1", "service": "checkout"},
                "duration": "PT8H",
                "time": "calendar",
                "pause_statuses": ["pending", "on_hold"],
            },
            {
                "metric": "resolution",
                "key": "weekend",
                "match": {"attributes": {"Request Type": 'Get "help"'}},
                "duration": "PT48H",
                "calendar": "us-hours",
                "pause_statuses": ["pending", "on_hold"],
            },
        ]
    },
}
UPDATES = {
    "key": "updates",
    "kind": "service_level",
    "title": "Keeping the customer informed",
    "terms": {
        "targets": [
            {"metric": "next_response", "key": "reply", "duration": "PT2H"},
            {"metric": "periodic_update", "key": "heartbeat", "match": {"priority": "urgent"}, "duration": "PT45M"},
        ]
    },
}
# What JSM cannot hold: an availability target, and a duration that is not whole minutes.
UPTIME = {
    "key": "uptime",
    "kind": "service_level",
    "title": "Uptime",
    "terms": {
        "targets": [
            {"metric": "availability", "key": "api", "percentage": "99.9"},
            {"metric": "first_response", "key": "robot", "duration": "PT90S", "time": "calendar"},
        ]
    },
}
CLAUSES = [BERLIN, NEW_YORK, SUPPORT, UPDATES, UPTIME]


async def _draft(client, deal, clauses: list[dict], title: str = "Globex support (from JSM)") -> str:
    body = {
        "title": title,
        "timezone": "Europe/Berlin",
        "memberships": [
            {"party_id": str(deal.provider.id), "role": "provider"},
            {"party_id": str(deal.customer.id), "role": "customer"},
        ],
        "clauses": clauses,
    }
    r = await client.post("/v1/agreements", json=body, headers=deal.h["provider"])
    assert r.status_code == 201, r.text
    await accept_invitations(client, r.json()["id"], deal.h["customer"])
    return r.json()["id"]


async def _clauses(client, deal, agreement_id: str) -> list[dict]:
    r = await client.get(f"/v1/agreements/{agreement_id}/clauses", headers=deal.h["provider"])
    assert r.status_code == 200, r.text
    return [{k: c[k] for k in ("key", "kind", "title", "terms")} for c in r.json()["items"]]


def _terms(clauses: list[dict]) -> dict[str, tuple[str, dict]]:
    return {c["key"]: (c["kind"], c["terms"]) for c in clauses}


@pytest.fixture
async def exported(client, deal) -> tuple[str, dict]:
    agreement_id = await _draft(client, deal, CLAUSES)
    r = await client.get(f"/v1/agreements/{agreement_id}/export/jira", headers=deal.h["customer"])
    assert r.status_code == 200, r.text
    return agreement_id, r.json()


async def test_import_of_the_export_gives_the_same_clauses(client, deal, exported):
    agreement_id, document = exported
    stored = await _clauses(client, deal, agreement_id)
    assert {u["item"] for u in document["unmapped"]} == {"uptime target api", "uptime target robot"}
    # Into a fresh draft: every clause JSM can hold comes back, same keys and terms (titles are not JSM's).
    fresh = await _draft(client, deal, [], "Round trip")
    r = await client.post(f"/v1/agreements/{fresh}/import/jsm", json=document, headers=deal.h["provider"])
    assert r.status_code == 200, r.text
    answer = r.json()
    assert answer["applied_as"] == "draft" and answer["unmapped"] == []
    mappable = _terms(c for c in stored if c["key"] != "uptime")
    assert _terms(answer["clauses"]) == mappable
    assert _terms(await _clauses(client, deal, fresh)) == mappable
    # Into the agreement it came from: nothing changes at all, titles included (a clause keeps its title).
    r = await client.post(f"/v1/agreements/{agreement_id}/import/jsm", json=document, headers=deal.h["provider"])
    assert r.status_code == 200, r.text
    by_key = lambda clauses: sorted(clauses, key=lambda c: c["key"])  # noqa: E731
    assert by_key(await _clauses(client, deal, agreement_id)) == by_key(stored)
    # And the pure conversion both ways.
    again = clauses_from_jira_sla(
        msgspec.convert(document["slas"], list[JsmSla]), msgspec.convert(document["calendars"], list[JsmCalendar])
    )
    assert _terms(again.clauses) == mappable
    assert jira_sla_goals(again.clauses) == {**document, "unmapped": []}


async def test_the_export_reads_as_a_jsm_admin_enters_it(exported):
    _, document = exported
    slas = {s["name"]: s for s in document["slas"]}
    first = slas["Time to first response"]
    assert first["pause"] == ["Status: Waiting for customer"]
    assert [g["jql"] for g in first["goals"]] == [
        'priority = "Highest"',
        'priority in ("High", "Medium") AND "type" = "incident"',
    ]
    assert [(g["goal"], g["calendar"]) for g in first["goals"]] == [
        ("1h", "Berlin office hours"),
        ("4h 30m", "Berlin office hours"),
    ]
    resolution = slas["Time to resolution"]
    assert resolution["pause"] == ["Status: Waiting for customer", "Status: Pending"]
    assert [(g["goal"], g["calendar"]) for g in resolution["goals"]] == [("8h", "24/7"), ("48h", "US support hours")]
    assert resolution["goals"][1]["jql"] == '"Request Type" = "Get \\"help\\""'


async def test_importing_into_an_active_agreement_proposes_a_version(client, deal, exported):
    agreement_id, document = exported
    a = f"/v1/agreements/{agreement_id}"
    r = await client.post(f"{a}/versions", json={"summary": "as drafted"}, headers=deal.h["provider"])
    assert r.status_code == 201, r.text
    for side in ("provider", "customer"):
        r = await client.post(f"{a}/versions/1/approve", headers=deal.h[side])
        assert r.status_code == 200, r.text
    r = await client.post(f"{a}/activate", headers=deal.h["provider"])
    assert r.status_code == 200, r.text
    changed = copy.deepcopy(document)
    changed["slas"][0]["goals"][0]["goal"] = "45m"
    r = await client.post(f"{a}/import/jsm", json=changed, headers=deal.h["provider"])
    assert r.status_code == 200, r.text
    assert r.json()["applied_as"] == "proposal" and r.json()["version"] == 2
    r = await client.get(f"{a}/versions/2", headers=deal.h["customer"])
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "proposed"


async def test_what_cannot_be_mapped_is_listed_with_the_reason(client, deal):
    agreement_id = await _draft(client, deal, [])
    document = {
        "slas": [
            {
                "name": "Time to first response",
                "start": ["Issue created"],
                "pause": ["Status: Waiting for customer", "Resolution: Set"],
                "stop": ["Comment: For Customers"],
                "goals": [
                    {
                        "jql": 'priority in (Highest, High) AND "Request Type" = Incident',
                        "goal": "2h",
                        "calendar": "Office",
                    },
                    {"jql": "priority = Low OR priority = Lowest", "goal": "8h", "calendar": "Office"},
                    {"jql": "", "goal": "2d", "calendar": "Office"},
                    {"jql": "", "goal": "1h", "calendar": "Mars base"},
                    {"jql": "assignee = currentUser()", "goal": "1h"},
                    {"jql": "", "goal": "16h", "calendar": "24/7"},
                ],
            },
            {
                "name": "Time to approval",
                "start": ["Entered Status: Waiting for approval"],
                "stop": ["Exited Status: Waiting for approval"],
                "goals": [{"jql": "", "goal": "4h"}],
            },
        ],
        "calendars": [
            {
                "name": "Office",
                "timeZone": "Europe/Vienna",
                "workingTime": [{"day": "Monday", "from": "09:00", "to": "17:00"}],
                "holidays": [],
            },
            {"name": "Atlantis", "timeZone": "Atlantis/Capital", "workingTime": []},
        ],
    }
    r = await client.post(f"/v1/agreements/{agreement_id}/import/jsm", json=document, headers=deal.h["provider"])
    assert r.status_code == 200, r.text
    answer = r.json()
    reasons = {u["item"]: u["reason"] for u in answer["unmapped"]}
    assert "Atlantis" in reasons["calendar 'Atlantis'"]
    assert "Resolution: Set" in next(k for k in reasons if "pause" in k)
    assert "OR" in reasons["SLA 'Time to first response' goal 2"]
    assert "hours and minutes" in reasons["SLA 'Time to first response' goal 3"]
    assert "Mars base" in reasons["SLA 'Time to first response' goal 4"]
    assert (
        "currentUser" in reasons["SLA 'Time to first response' goal 5"]
        or "(" in reasons["SLA 'Time to first response' goal 5"]
    )
    assert "no metric here" in reasons["SLA 'Time to approval'"]
    assert len(reasons) == 7, reasons
    [office, sla] = answer["clauses"]
    assert office["key"] == "jsm-calendar-office" and office["terms"]["timezone"] == "Europe/Vienna"
    assert sla["key"] == "jsm-slas"
    assert sla["terms"]["targets"] == [
        {
            "metric": "first_response",
            "match": {"priority": ["P1", "P2"], "attributes": {"Request Type": "Incident"}},
            "duration": "PT2H",
            "pause_statuses": ["pending"],
        },
        {
            "metric": "first_response",
            "match": {},
            "duration": "PT16H",
            "time": "calendar",
            "pause_statuses": ["pending"],
        },
    ]


async def test_malformed_or_unmappable_input_is_refused_and_stores_nothing(client, deal):
    agreement_id = await _draft(client, deal, [BERLIN])
    before = await _clauses(client, deal, agreement_id)
    url = f"/v1/agreements/{agreement_id}/import/jsm"
    sla = {"name": "Time to resolution", "start": ["Issue created"], "stop": ["Entered Status: Resolved"]}
    # Not the export's shape: the API's answer to any body that does not decode (400, naming the field), as for
    # the Zendesk and OpenSLO imports.
    for body, field in (
        ({"slas": "Time to resolution"}, "slas"),
        ({"slas": [{**sla, "goals": [{"jql": ""}]}]}, "goal"),  # a goal without its target
        ({"slas": [{**sla, "goals": []}], "surprise": 1}, "surprise"),
        ({"slas": [{**sla, "goals": [{"goal": 4}]}]}, "goal"),
        ({"calendars": []}, "slas"),
    ):
        r = await client.post(url, json=body, headers=deal.h["provider"])
        assert r.status_code == 400, (body, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        assert field in r.text
    # The shape, but invalid content: 422 naming why.
    for body, reason in (
        ({"slas": [{**sla, "goals": [{"jql": "priority = High OR priority = Low", "goal": "4h"}]}]}, "OR"),
        ({"slas": [{**sla, "goals": [{"goal": "4 hours"}]}]}, "hours and minutes"),
        ({"slas": [{**sla, "start": ["Issue updated"], "goals": [{"goal": "4h"}]}]}, "no metric here"),
        ({"slas": []}, "no SLA goals given"),
    ):
        problem = assert_problem(await client.post(url, json=body, headers=deal.h["provider"]), 422, "invalid_input")
        assert reason in problem["detail"], problem
    # Well formed, but no goal maps: 422 naming why.
    only_or = {"slas": [{**sla, "goals": [{"jql": "priority = High OR priority = Low", "goal": "4h"}]}]}
    problem = assert_problem(await client.post(url, json=only_or, headers=deal.h["provider"]), 422, "invalid_input")
    assert "OR" in problem["detail"]
    assert await _clauses(client, deal, agreement_id) == before
    # Another party's agreement answers like an unknown one.
    r = await client.post(url, json={"slas": [{**sla, "goals": [{"goal": "4h"}]}]}, headers=deal.h["outsider"])
    assert_problem(r, 404)
    assert await _clauses(client, deal, agreement_id) == before


@pytest.mark.parametrize(
    ("jql", "match"),
    [
        ("", {}),
        ('priority = "Highest"', {"priority": "P1"}),
        ("Priority = lowest", {"priority": "P5"}),
        ('priority in (High, "Medium") AND "Service" = api', {"priority": ["P2", "P3"], "service": "api"}),
        (
            '"Customer tier" IN ("gold") and team = "L2 \\"core\\""',
            {"attributes": {"Customer tier": "gold", "team": 'L2 "core"'}},
        ),
    ],
)
def test_jql_conditions_become_the_match(jql, match):
    assert match_from_jql(jql, {"highest": "P1", "high": "P2", "medium": "P3", "lowest": "P5"}) == match


@pytest.mark.parametrize(
    "jql",
    [
        "priority = High OR priority = Low",
        "priority != High",
        "NOT priority = High",
        "summary ~ outage",
        "priority = High AND",
        "priority = High AND priority = Low",
        "priority in (High",
        "created > -1d",
        "priority = High ORDER BY created",
    ],
)
def test_jql_beyond_the_mapped_subset_is_refused_with_a_reason(jql):
    with pytest.raises(_JqlNotMapped):
        match_from_jql(jql, {})


@pytest.mark.parametrize(
    ("goal", "duration"),
    [
        ("4h", "PT4H"),
        ("1h 30m", "PT1H30M"),
        ("45m", "PT45M"),
        ("90m", "PT1H30M"),
        ("2d", None),
        ("0m", None),
        ("1h 1h", None),
        ("", None),
    ],
)
def test_goal_times(goal, duration):
    assert duration_from_goal(goal) == duration
