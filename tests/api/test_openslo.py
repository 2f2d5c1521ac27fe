"""OpenSLO v1 export validates against the OpenSLO structural rules (a schema written from the specification, in
tests/fixtures/openslo), and importing it gives the same targets and verification terms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from tests.api.conftest import assert_problem
from tests.flows import accept_invitations

SCHEMA = json.loads((Path(__file__).parent.parent / "fixtures" / "openslo" / "openslo-v1.schema.json").read_text())
VALIDATOR = Draft202012Validator(SCHEMA)
LEVELS = {
    "key": "levels",
    "kind": "service_level",
    "title": "Service levels",
    "terms": {
        "targets": [
            {"key": "uptime", "metric": "availability", "percentage": "99.9"},
            {
                "key": "p1-first",
                "metric": "first_response",
                "match": {"priority": "P1"},
                "duration": "PT1H",
                "time": "calendar",
                "compliance_target": "95",
            },
            {"key": "p2-first", "metric": "first_response", "match": {"priority": "P2"}, "duration": "PT4H"},
        ]
    },
}
MEASURED = {
    "key": "measurement",
    "kind": "verification",
    "title": "How availability is measured",
    "terms": {
        "data_source": "prometheus",
        "method": "probe_success over one-minute slices",
        "measurement_period": "P1M",
    },
}


async def _draft(client, deal, clauses: list[dict]) -> str:
    body = {
        "title": "Checkout platform",
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


async def _clauses(client, deal, agreement_id: str) -> dict[str, dict]:
    r = await client.get(f"/v1/agreements/{agreement_id}/clauses", headers=deal.h["provider"])
    assert r.status_code == 200, r.text
    return {c["key"]: c for c in r.json()["items"]}


@pytest.fixture
async def exported(client, deal):
    agreement_id = await _draft(client, deal, [LEVELS, MEASURED])
    r = await client.get(f"/v1/agreements/{agreement_id}/export/openslo", headers=deal.h["customer"])
    assert r.status_code == 200, r.text
    return agreement_id, r.json()


async def test_the_export_is_valid_openslo_v1(exported):
    _, answer = exported
    documents = list(yaml.safe_load_all(answer["yaml"]))
    assert documents == answer["documents"]
    for document in documents:
        errors = [e.message for e in VALIDATOR.iter_errors(document)]
        assert not errors, (document["metadata"]["name"], errors)
    kinds = [d["kind"] for d in documents]
    assert kinds.count("Service") == 1 and kinds.count("SLO") == 2 and kinds.count("SLI") == 1
    service = documents[0]["metadata"]["name"]
    slis = {d["metadata"]["name"] for d in documents if d["kind"] == "SLI"}
    slos = {d["metadata"]["annotations"]["sla-api.dev/target"]: d["spec"] for d in documents if d["kind"] == "SLO"}
    assert all(spec["service"] == service for spec in slos.values())
    uptime = slos["uptime"]
    assert uptime["indicatorRef"] in slis and uptime["budgetingMethod"] == "Timeslices"
    assert uptime["objectives"][0]["target"] == 0.999
    assert uptime["timeWindow"] == [
        {
            "duration": "1M",
            "isRolling": False,
            "calendar": {"startTime": "2020-01-01 00:00:00", "timeZone": "Europe/Berlin"},
        }
    ]
    first = slos["p1-first"]
    assert first["budgetingMethod"] == "Occurrences"
    assert first["objectives"][0] == {
        "displayName": "first_response within PT1H",
        "op": "lte",
        "value": 3600,
        "target": 0.95,
    }
    # A target with no compliance target has no SLO form: listed, not dropped silently.
    assert [u["item"] for u in answer["unmapped"]] == ["levels target p2-first"]
    # The schema bites: a name that is no RFC 1123 label, or a fixed window without its calendar, is refused.
    broken = json.loads(json.dumps(documents[-1]))
    broken["metadata"]["name"] = "Not_A_Label"
    del broken["spec"]["timeWindow"][0]["calendar"]
    assert len(list(VALIDATOR.iter_errors(broken))) == 2


async def test_importing_the_export_gives_the_same_targets(client, deal, exported):
    agreement_id, answer = exported
    target_id = await _draft(client, deal, [])
    r = await client.post(
        f"/v1/agreements/{target_id}/import/openslo", json={"yaml": answer["yaml"]}, headers=deal.h["provider"]
    )
    assert r.status_code == 200, r.text
    assert r.json()["applied_as"] == "draft" and r.json()["unmapped"] == []
    original, imported = await _clauses(client, deal, agreement_id), await _clauses(client, deal, target_id)
    mapped = [t for t in original["levels"]["terms"]["targets"] if t["key"] != "p2-first"]
    assert imported["levels"]["terms"]["targets"] == mapped
    (verification,) = [c for c in imported.values() if c["kind"] == "verification"]
    # `measurement_period` defaults to P1M and a stored clause may leave the default out.
    assert {"measurement_period": "P1M", **verification["terms"]} == {
        "measurement_period": "P1M",
        **original["measurement"]["terms"],
    }


async def test_what_openslo_cannot_say_here_is_listed(client, deal):
    agreement_id = await _draft(client, deal, [])
    rolling = """
apiVersion: openslo/v1
kind: SLO
metadata:
  name: search-latency
spec:
  service: web-shop
  indicator:
    metadata:
      name: search-latency-sli
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: latency_bucket
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - op: lt
      value: 500
      target: 0.99
"""
    r = await client.post(
        f"/v1/agreements/{agreement_id}/import/openslo", json={"yaml": rolling}, headers=deal.h["provider"]
    )
    problem = assert_problem(r, 422, "invalid_input", field="yaml")
    assert "rolling window" in problem["detail"]
    r = await client.post(
        f"/v1/agreements/{agreement_id}/import/openslo", json={"yaml": "a: [unclosed"}, headers=deal.h["provider"]
    )
    assert "not YAML" in assert_problem(r, 422, "invalid_input", field="yaml")["detail"]


async def test_the_jira_export_gives_jsm_goals_in_order(client, deal):
    hours = {
        "key": "hours",
        "kind": "schedule",
        "title": "Berlin desk",
        "terms": {
            "timezone": "Europe/Berlin",
            "weekly_windows": {"mon": [{"start": "09:00", "end": "17:00"}]},
            "closures": [{"date": "2026-12-24", "reason": "Christmas Eve"}],
        },
    }
    levels = {
        "key": "levels",
        "kind": "service_level",
        "title": "Levels",
        "terms": {
            "targets": [
                {"key": "p1", "metric": "first_response", "match": {"priority": "P1"}, "duration": "PT30M"},
                {
                    "key": "p1-res",
                    "metric": "resolution",
                    "match": {"priority": "P1", "attributes": {"type": "incident"}},
                    "duration": "PT8H",
                    "time": "calendar",
                    "pause_statuses": ["pending"],
                },
                {"key": "p2", "metric": "first_response", "match": {"priority": "P2"}, "duration": "PT1H30M"},
                {"key": "up", "metric": "availability", "percentage": "99.9"},
            ]
        },
    }
    agreement_id = await _draft(client, deal, [hours, levels])
    r = await client.get(f"/v1/agreements/{agreement_id}/export/jira", headers=deal.h["provider"])
    assert r.status_code == 200, r.text
    body = r.json()
    first, resolution = body["slas"]
    assert first["name"] == "Time to first response" and first["stop"] == ["Comment: For Customers"]
    assert [(g["jql"], g["goal"], g["calendar"]) for g in first["goals"]] == [
        ('priority = "Highest"', "30m", "Berlin desk"),
        ('priority = "High"', "1h 30m", "Berlin desk"),
    ]
    assert resolution["pause"] == ["Status: Waiting for customer"]
    assert resolution["goals"][0]["jql"] == 'priority = "Highest" AND "type" = "incident"'
    assert resolution["goals"][0]["calendar"] == "24/7"
    assert body["calendars"][0]["workingTime"] == [{"day": "Monday", "from": "09:00", "to": "17:00"}]
    assert body["calendars"][0]["holidays"] == [{"date": "2026-12-24", "name": "Christmas Eve"}]
    assert [u["item"] for u in body["unmapped"]] == ["levels target up"]
