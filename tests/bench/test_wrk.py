"""The pure parts of the hot-path benchmark: what it tells wrk, and how it reads wrk's answer and both GraphQL
answers. (The benchmark itself runs wrk against real servers; no test does.)"""

from __future__ import annotations

import pytest

from bench.hot_paths import CLAUSES, portal_shape
from bench.wrk import HttpRequest, WrkFailed, lua_string, parse_result, rotating_script


def test_lua_strings_escape_everything_that_could_end_or_bend_them():
    assert lua_string('{"a": "b"}\n') == '"{\\034a\\034: \\034b\\034}\\010"'
    assert lua_string("é") == '"\\195\\169"'  # UTF-8 bytes, as Lua strings hold them


def test_a_rotating_script_prepares_every_request_and_reports_one_result_line():
    script = rotating_script(
        [HttpRequest("GET", "/v1/me"), HttpRequest("POST", "/graphql", '{"query": "{ me }"}')],
        {"Authorization": "Bearer t"},
    )
    assert '{"GET", "/v1/me", nil}' in script
    assert '{"POST", "/graphql", "{\\034query\\034: \\034{ me }\\034}"}' in script
    assert "function request()" in script and "WRK_RESULT" in script


def test_a_paced_script_pauses_between_answer_and_request_and_a_flood_does_not():
    paced = rotating_script([HttpRequest("GET", "/v1/me")], {}, pause_ms=10.5)
    assert "function delay()\n  return 10.500\nend" in paced
    assert "function delay()" not in rotating_script([HttpRequest("GET", "/v1/me")], {})


def test_the_result_line_becomes_rate_and_milliseconds():
    result = parse_result("Running 30s test\nWRK_RESULT 6000 30000000 5250 25100 0 0\n")
    assert (result.rate, result.p50_ms, result.p99_ms) == (200.0, 5.25, 25.1)
    with pytest.raises(WrkFailed):
        parse_result("unable to connect to 127.0.0.1:18220 Connection refused")


def test_both_graphql_answers_reduce_to_the_same_rows():
    clauses = [{"key": c.key, "kind": c.kind, "title": c.title} for c in CLAUSES]
    ours = {
        "data": {
            "agreements": {
                "edges": [
                    {
                        "node": {
                            "reference": "SLA-2026-0001",
                            "status": "ACTIVE",
                            "memberships": [
                                {"role": "PROVIDER", "party": {"name": "P"}},
                                {"role": "CUSTOMER", "party": {"name": "C"}},
                            ],
                            "currentVersion": {
                                "number": 1,
                                "clauses": [{**c, "kind": c["kind"].upper()} for c in clauses],
                            },
                        }
                    }
                ]
            }
        }
    }
    theirs = {
        "data": {
            "allAgreements": {
                "edges": [
                    {
                        "node": {
                            "reference": "SLA-2026-0001",
                            "status": "active",
                            "agreementMembershipsByAgreementId": {
                                "nodes": [
                                    {"role": "customer", "partyByPartyId": {"name": "C"}},
                                    {"role": "provider", "partyByPartyId": {"name": "P"}},
                                ]
                            },
                            "agreementVersionsByAgreementId": {
                                "nodes": [{"number": 1, "clausesByVersionId": {"nodes": clauses}}]
                            },
                        }
                    }
                ]
            }
        }
    }
    assert portal_shape(ours, postgraphile=False) == portal_shape(theirs, postgraphile=True)
    theirs["data"]["allAgreements"]["edges"][0]["node"]["agreementVersionsByAgreementId"]["nodes"] = []
    assert portal_shape(ours, postgraphile=False) != portal_shape(theirs, postgraphile=True)
