"""Review routes: cycle, complete (no change or an amendment), cancel, bad input, the ICS feed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar

from tests.api.conftest import assert_problem, row_counts
from tests.flows import activate
from tests.support.procedures import PROCEDURE_CLAUSES


async def _review(client, deal):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    a = deal.path
    body = (await client.get(f"{a}/reviews", headers=deal.h["provider"])).json()
    return a, body["items"][0]


async def test_activation_schedules_a_review_from_the_clause(client, deal):
    a, review = await _review(client, deal)
    assert review["status"] == "scheduled" and review["participants"] == ["service manager", "customer success"]
    assert review["notice_at"] < review["due_at"]
    for who in ("customer", "third"):
        r = await client.get(f"/v1/reviews/{review['id']}", headers=deal.h[who])
        assert r.status_code == 200
    for who in ("outsider",):
        assert_problem(await client.get(f"/v1/reviews/{review['id']}", headers=deal.h[who]), 404)
        assert_problem(await client.get(f"{a}/reviews", headers=deal.h[who]), 404)


async def test_complete_with_an_amendment_uses_the_amendment_flow(client, deal):
    a, review = await _review(client, deal)
    amendment = {
        "summary": "from the Q1 review",
        "clauses": [
            {
                "key": "escalation",
                "kind": "escalation",
                "title": "Escalation",
                "terms": {
                    "levels": [{"level": 1, "after": "PT1H", "to": {"role": "provider", "email": "duty@example.com"}}]
                },
            }
        ],
    }
    r = await client.post(
        f"/v1/reviews/{review['id']}/complete",
        headers=deal.h["customer"],
        json={"outcome": "amendment_proposed", "findings": "escalate sooner", "amendment": amendment},
    )
    assert r.status_code == 200, r.text
    assert r.json()["outcome"] == "amendment_proposed" and r.json()["proposed_version"] == 2
    version = (await client.get(f"{a}/versions/2", headers=deal.h["provider"])).json()
    assert version["status"] == "proposed" and version["summary"] == "from the Q1 review"
    items = (await client.get(f"{a}/reviews", headers=deal.h["provider"])).json()["items"]
    assert [i["status"] for i in items] == ["completed", "scheduled"]


async def test_cancel_then_complete_is_a_conflict_and_next_review_follows(client, deal, session):
    a, review = await _review(client, deal)
    r = await client.post(f"/v1/reviews/{review['id']}/cancel", json={"reason": "merged"}, headers=deal.h["provider"])
    assert r.json()["status"] == "cancelled"
    before = await row_counts(session)
    r = await client.post(
        f"/v1/reviews/{review['id']}/complete", json={"outcome": "no_change"}, headers=deal.h["provider"]
    )
    assert_problem(r, 409, "invalid_transition")
    assert await row_counts(session) == before
    items = (await client.get(f"{a}/reviews", headers=deal.h["provider"])).json()["items"]
    assert [i["status"] for i in items] == ["cancelled", "scheduled"]


async def test_bad_input_is_named_and_nothing_stored(client, deal, session):
    a, review = await _review(client, deal)
    before = await row_counts(session)
    assert_problem(
        await client.put(f"{a}/review-cycle", json={"cadence": "quarterly"}, headers=deal.h["provider"]),
        422,
        field="cadence",
    )
    assert_problem(
        await client.put(f"{a}/review-cycle", json={"cadence": "P3M", "notice": "2 weeks"}, headers=deal.h["provider"]),
        422,
        field="notice",
    )
    assert_problem(
        await client.post(
            f"/v1/reviews/{review['id']}/complete", headers=deal.h["provider"], json={"outcome": "amendment_proposed"}
        ),
        422,
        field="amendment",
    )
    assert_problem(
        await client.post(
            f"/v1/reviews/{review['id']}/complete",
            headers=deal.h["provider"],
            json={"outcome": "amendment_proposed", "proposed_version": 7},
        ),
        422,
        field="proposed_version",
    )
    assert_problem(
        await client.post(
            f"/v1/reviews/{review['id']}/complete", headers=deal.h["provider"], json={"outcome": "great"}
        ),
        400,
    )
    assert_problem(
        await client.post(
            f"/v1/reviews/{review['id']}/complete", headers=deal.h["third"], json={"outcome": "no_change"}
        ),
        403,
    )
    assert await row_counts(session) == before


async def test_explicit_cycle_and_extra_review(client, deal, clock):
    a, review = await _review(client, deal)
    r = await client.put(f"{a}/review-cycle", json={"cadence": "P1M", "notice": "P3D"}, headers=deal.h["customer"])
    assert r.status_code == 200 and r.json()["source"] == "explicit"
    due = (clock() + timedelta(days=5)).isoformat()
    assert_problem(
        await client.post(f"{a}/reviews", json={"due_at": due}, headers=deal.h["provider"]), 409, "review_open"
    )
    await client.post(f"/v1/reviews/{review['id']}/cancel", headers=deal.h["provider"])
    items = (await client.get(f"{a}/reviews", headers=deal.h["provider"])).json()["items"]
    assert items[-1]["status"] == "scheduled"


async def test_reviews_ics_feed_parses_back(client, deal, world):
    a, review = await _review(client, deal)
    r = await client.get(f"{a}/reviews.ics", headers=deal.h["third"])
    assert r.status_code == 200 and r.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(r.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["uid"]) == f"review-{review['id']}@sla-api"
    assert event.decoded("dtstart").isoformat().replace("+00:00", "Z") == review["due_at"]
    assert "SLA-" in str(event["summary"])
    assert event.walk("VALARM")
    token = await world.token(deal.customer)
    r = await client.get(f"{a}/reviews.ics", params={"access_token": token})
    assert r.status_code == 200
    assert_problem(await client.get(f"{a}/reviews.ics", headers=deal.h["outsider"]), 404)


async def test_stale_if_match_on_a_review_is_refused(client, deal):
    a, review = await _review(client, deal)
    r = await client.post(
        f"/v1/reviews/{review['id']}/complete",
        json={"outcome": "no_change"},
        headers={**deal.h["provider"], "If-Match": '"9"'},
    )
    assert_problem(r, 412)
    r = await client.post(
        f"/v1/reviews/{review['id']}/complete",
        json={"outcome": "no_change"},
        headers={**deal.h["provider"], "If-Match": f'"{review["version"]}"'},
    )
    assert r.status_code == 200


async def _paris_agreement(client, deal, clock, starts: str) -> str:
    clock.now = datetime.fromisoformat(starts).astimezone(UTC) + timedelta(days=2)  # activated just after the start
    etag = (await client.get(f"/v1/agreements/{deal.agreement_id}", headers=deal.h["provider"])).headers["etag"]
    r = await client.patch(
        f"/v1/agreements/{deal.agreement_id}",
        json={"effective_from": starts, "timezone": "Europe/Paris"},
        headers={**deal.h["provider"], "If-Match": etag},
    )
    assert r.status_code == 200, r.text
    review = {"key": "review", "kind": "review", "title": "Quarterly review", "terms": {"cadence": "P3M"}}
    await activate(client, deal, clauses=[review])
    return deal.path


async def test_a_cadence_is_added_in_the_agreements_zone(client, deal, clock):
    a = await _paris_agreement(client, deal, clock, "2026-03-01T00:00:00+01:00")
    (review,) = (await client.get(f"{a}/reviews", headers=deal.h["provider"])).json()["items"]
    assert review["due_at"] == "2026-05-31T22:00:00Z"  # 1 June 00:00 in Paris (summer time), not 29 May 01:00


async def test_cadence_dates_count_from_the_anchor_not_from_a_clamped_date(client, deal, clock):
    a = await _paris_agreement(client, deal, clock, "2026-08-31T00:00:00+02:00")
    due = []
    for _ in range(3):
        (review,) = [
            r
            for r in (await client.get(f"{a}/reviews", headers=deal.h["provider"])).json()["items"]
            if r["status"] == "scheduled"
        ]
        due.append(review["due_at"])
        r = await client.post(
            f"/v1/reviews/{review['id']}/complete", headers=deal.h["customer"], json={"outcome": "no_change"}
        )
        assert r.status_code == 200, r.text
    # 30 Nov, 28 Feb, then 31 May (from the anchor), all at midnight in Paris.
    assert due == ["2026-11-29T23:00:00Z", "2027-02-27T23:00:00Z", "2027-05-30T22:00:00Z"]
