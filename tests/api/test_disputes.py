"""Dispute routes: opening, the procedure's steps, the timeline, evidence, visibility and bad input."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime

from tests.api.conftest import assert_problem, row_counts
from tests.flows import activate
from tests.support.procedures import PROCEDURE_CLAUSES


def _open_body(deal, **overrides):
    body = {
        "agreement_id": deal.agreement_id,
        "respondent_party_id": str(deal.provider.id),
        "subject": "P1 first response missed",
        "description": "Ticket 42 waited three hours.",
    }
    body.update(overrides)
    return body


async def test_full_procedure_with_timeline(client, deal):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    pdf = b"%PDF-1.4 evidence"
    r = await client.post(
        "/v1/disputes",
        headers=deal.h["customer"],
        json=_open_body(
            deal,
            about="ticket",
            ticket_source="zendesk",
            ticket_external_id="42",
            evidence=[
                {"url": "https://tickets.example.com/42"},
                {"filename": "log.pdf", "content_type": "application/pdf", "content": base64.b64encode(pdf).decode()},
            ],
        ),
    )
    assert r.status_code == 201, r.text
    d = r.json()
    assert d["status"] == "open" and d["reference"].startswith("DSP-") and d["stage"] == "negotiation"
    assert d["ticket"] == {"source": "zendesk", "external_id": "42"} and d["raiser_must_accept"] is True
    attachment = next(e for e in d["evidence"] if e["kind"] == "attachment")
    assert attachment["sha256"] == hashlib.sha256(pdf).hexdigest()
    r = await client.get(f"/v1/disputes/{d['id']}/evidence/{attachment['id']}", headers=deal.h["provider"])
    assert r.content == pdf

    p = f"/v1/disputes/{d['id']}"
    assert_problem(await client.post(f"{p}/acknowledge", headers=deal.h["customer"]), 403, "not_the_respondent")
    r = await client.post(f"{p}/acknowledge", headers=deal.h["provider"])
    assert r.json()["status"] == "acknowledged"
    r = await client.post(f"{p}/comments", json={"body": "We are looking into it"}, headers=deal.h["provider"])
    assert r.status_code == 201 and r.json()["status"] == "in_resolution"
    r = await client.post(f"{p}/escalate", json={"note": "no progress"}, headers=deal.h["customer"])
    assert r.json()["status"] == "escalated" and r.json()["escalation_level"] == 1
    assert r.json()["stage"] == "mediation"
    resolution = {"outcome": "Credit agreed", "adjustment": {"amount": "150.00", "currency": "EUR"}}
    assert_problem(
        await client.post(f"{p}/resolve", json=resolution, headers=deal.h["provider"]), 403, "raiser_must_accept"
    )
    r = await client.post(f"{p}/resolve", json=resolution, headers=deal.h["customer"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "resolved" and body["adjustment"] == {"amount": "150.00", "currency": "EUR"}
    assert [(e["kind"], e["to_status"]) for e in body["timeline"]] == [
        ("opened", "open"),
        ("status", "acknowledged"),
        ("comment", "in_resolution"),
        ("escalation", "escalated"),
        ("status", "resolved"),
    ]
    actors = [e["actor_party_id"] for e in body["timeline"]]
    assert actors == [
        str(deal.customer.id),
        str(deal.provider.id),
        str(deal.provider.id),
        str(deal.customer.id),
        str(deal.customer.id),
    ]
    assert_problem(await client.post(f"{p}/withdraw", headers=deal.h["customer"]), 409, "invalid_transition")
    assert_problem(await client.post(f"{p}/comments", json={"body": "late"}, headers=deal.h["customer"]), 409)


async def test_only_the_two_parties_see_a_dispute(client, deal):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    d = (await client.post("/v1/disputes", headers=deal.h["customer"], json=_open_body(deal))).json()
    unknown = "00000000-0000-4000-8000-000000000000"
    for who in ("third", "outsider"):
        mine = await client.get(f"/v1/disputes/{d['id']}", headers=deal.h[who])
        nobody = await client.get(f"/v1/disputes/{unknown}", headers=deal.h[who])
        assert assert_problem(mine, 404) == assert_problem(nobody, 404)
        assert (await client.get("/v1/disputes", headers=deal.h[who])).json()["items"] == []
        events = (await client.get("/v1/events", params={"type": "dispute.opened"}, headers=deal.h[who])).json()
        assert events["items"] == []
    assert (await client.get(f"/v1/disputes/{d['id']}", headers=deal.h["operator"])).status_code == 200
    mine = (await client.get("/v1/disputes", params={"role": "raised"}, headers=deal.h["customer"])).json()["items"]
    assert [x["id"] for x in mine] == [d["id"]]
    assert (await client.get("/v1/disputes", params={"role": "raised"}, headers=deal.h["provider"])).json()[
        "items"
    ] == []
    # A third party sees the disputes it raised or is named in.
    r = await client.post("/v1/disputes", headers=deal.h["third"], json=_open_body(deal))
    assert r.status_code == 201
    assert len((await client.get("/v1/disputes", headers=deal.h["third"])).json()["items"]) == 1


async def test_bad_input_is_named_and_nothing_stored(client, deal, session):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    before = await row_counts(session)
    h = deal.h["customer"]
    cases = [
        (_open_body(deal, about="clause", clause_key="no-such-clause"), 422, "clause_key"),
        (_open_body(deal, respondent_party_id=str(deal.outsider.id)), 422, "respondent_party_id"),
        (_open_body(deal, respondent_party_id=str(deal.customer.id)), 422, "respondent_party_id"),
        (_open_body(deal, about="ticket"), 422, "ticket_external_id"),
        (_open_body(deal, evidence=[{"filename": "x", "content": "not base64!"}]), 422, "evidence[0].content"),
        (_open_body(deal, subject=""), 422, "subject"),
    ]
    for body, status, field in cases:
        assert_problem(await client.post("/v1/disputes", json=body, headers=h), status, field=field)
    assert_problem(await client.post("/v1/disputes", json=_open_body(deal), headers=deal.h["outsider"]), 404)
    assert_problem(
        await client.post("/v1/disputes", json={**_open_body(deal), "about": "credit"}, headers=h),
        422,
        field="credit_period",
    )
    assert_problem(
        await client.post(
            "/v1/disputes",
            json={**_open_body(deal), "about": "credit", "clause_key": "fees", "credit_period": "2026-10"},
            headers=h,
        ),
        422,
        field="clause_key",
    )
    assert_problem(await client.post("/v1/disputes", json={**_open_body(deal), "about": "payment"}, headers=h), 400)
    assert await row_counts(session) == before


async def test_clause_dispute_and_scopes(client, deal, world):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    r = await client.post(
        "/v1/disputes", headers=deal.h["customer"], json=_open_body(deal, about="clause", clause_key="response-times")
    )
    assert r.status_code == 201 and r.json()["clause_key"] == "response-times"
    read_only = await world.headers(deal.customer, scopes=["agreements:read", "disputes:read"])
    assert_problem(
        await client.post("/v1/disputes", json=_open_body(deal), headers=read_only), 403, "insufficient_scope"
    )
    no_read = await world.headers(deal.customer, scopes=["agreements:read"])
    assert_problem(await client.get("/v1/disputes", headers=no_read), 403)
    r = await client.post(
        f"/v1/disputes/{r.json()['id']}/reject", json={"note": "target was met"}, headers=deal.h["provider"]
    )
    assert r.json()["status"] == "rejected"


async def test_stale_if_match_is_refused_and_changes_nothing(client, deal):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    d = (await client.post("/v1/disputes", headers=deal.h["customer"], json=_open_body(deal))).json()
    p = f"/v1/disputes/{d['id']}"
    assert d["version"] == 1
    assert_problem(await client.post(f"{p}/acknowledge", headers={**deal.h["provider"], "If-Match": '"7"'}), 412)
    r = await client.post(f"{p}/acknowledge", headers={**deal.h["provider"], "If-Match": '"1"'})
    assert r.status_code == 200 and r.json()["version"] == 2
    assert_problem(
        await client.post(f"{p}/comments", json={"body": "late"}, headers={**deal.h["customer"], "If-Match": '"1"'}),
        412,
    )
    assert (await client.get(p, headers=deal.h["customer"])).json()["status"] == "acknowledged"


async def test_stage_limits_in_business_days_on_a_calendar_and_in_local_calendar_days(client, deal, clock):
    hours = {
        "key": "hours",
        "kind": "schedule",
        "title": "Office hours",
        "terms": {
            "timezone": "Europe/Berlin",
            "weekly_windows": {
                day: [{"start": "09:00", "end": "17:00"}] for day in ("mon", "tue", "wed", "thu", "fri")
            },
            "holidays": {"country": "DE", "subdivision": "BE"},
        },
    }
    stages = {
        "key": "disputes",
        "kind": "dispute_resolution",
        "title": "Disputes",
        "terms": {
            "stages": [
                {"name": "negotiation", "business_days": 10, "calendar": "hours"},
                {"name": "mediation", "time_limit": "P10D"},
            ]
        },
    }
    clock.now = datetime(2026, 12, 18, 15, tzinfo=UTC)  # Friday 16:00 in Berlin
    await activate(client, deal, clauses=[hours, stages])
    r = await client.post("/v1/disputes", headers=deal.h["customer"], json=_open_body(deal))
    assert r.status_code == 201, r.text
    # 10 business days on Berlin office hours, skipping weekends, 25 Dec and 1 Jan: Tuesday 5 January, 16:00.
    assert r.json()["stage"] == "negotiation" and r.json()["stage_deadline"] == "2027-01-05T15:00:00Z"
    clock.now = datetime(2027, 3, 20, 15, tzinfo=UTC)
    r = await client.post(f"/v1/disputes/{r.json()['id']}/escalate", headers=deal.h["customer"])
    assert r.status_code == 200, r.text
    # P10D across the end of March DST change: the same local time (16:00 → 17:00 local is what a 240 h sum gives).
    assert r.json()["stage"] == "mediation" and r.json()["stage_deadline"] == "2027-03-30T14:00:00Z"


async def test_a_stage_limit_is_a_duration_or_business_days_never_both(client, deal):
    a = f"/v1/agreements/{deal.agreement_id}"
    for stage, field in (
        ({"name": "x", "business_days": 10, "time_limit": "P10D"}, "time_limit"),
        ({"name": "x"}, "time_limit"),
        ({"name": "x", "business_days": 0}, "business_days"),
        ({"name": "x", "business_days": 100000}, "business_days"),
    ):
        body = {"clauses": [{"key": "d", "kind": "dispute_resolution", "title": "D", "terms": {"stages": [stage]}}]}
        r = await client.post(f"{a}/versions", json=body, headers=deal.h["provider"])
        assert_problem(r, 422)
        assert field in r.text, r.text


async def _attach(client, deal, filename: str, content_type: str | None, content: bytes = b"evidence"):
    item = {"filename": filename, "content": base64.b64encode(content).decode()}
    if content_type is not None:
        item["content_type"] = content_type
    return await client.post("/v1/disputes", headers=deal.h["customer"], json=_open_body(deal, evidence=[item]))


async def _download(client, deal, opened):
    attachment = next(e for e in opened.json()["evidence"] if e["kind"] == "attachment")
    return await client.get(
        f"/v1/disputes/{opened.json()['id']}/evidence/{attachment['id']}", headers=deal.h["provider"]
    )


async def test_downloads_carry_an_rfc_6266_name_and_never_run_in_the_browser(client, deal):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    for filename, content_type, served, ascii_name, encoded in [
        (
            "Отчёт 2026.pdf",
            "application/pdf",
            "application/pdf",
            "_____ 2026.pdf",
            "%D0%9E%D1%82%D1%87%D1%91%D1%82%202026.pdf",
        ),
        ("page.html", "text/html", "application/octet-stream", "page.html", "page.html"),
        ("drawing.svg", "image/svg+xml", "application/octet-stream", "drawing.svg", "drawing.svg"),
        ("shot.png", "image/png", "image/png", "shot.png", "shot.png"),
        ("notes.txt", None, "application/octet-stream", "notes.txt", "notes.txt"),
        ("../../etc/passwd", "text/plain", "text/plain", "_.._etc_passwd", "_.._etc_passwd"),
    ]:
        opened = await _attach(client, deal, filename, content_type)
        assert opened.status_code == 201, opened.text
        r = await _download(client, deal, opened)
        assert r.status_code == 200 and r.content == b"evidence", r.text
        assert r.headers["content-type"].split(";")[0] == served, (filename, r.headers)
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["content-security-policy"] == "sandbox"
        assert r.headers["content-disposition"] == f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{encoded}"


async def test_link_evidence_redirects_with_the_same_protections(client, deal):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    opened = await client.post(
        "/v1/disputes",
        headers=deal.h["customer"],
        json=_open_body(deal, evidence=[{"url": "https://tickets.example.com/42"}]),
    )
    link = opened.json()["evidence"][0]
    r = await client.get(f"/v1/disputes/{opened.json()['id']}/evidence/{link['id']}", headers=deal.h["provider"])
    assert r.status_code == 303 and r.headers["location"] == "https://tickets.example.com/42"
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["content-security-policy"] == "sandbox"


async def test_filenames_that_would_split_the_header_are_refused(client, deal, session):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    before = await row_counts(session)
    for filename in ('a"; filename="evil.exe', "x\r\nSet-Cookie: a=b", "tab\there", "back\\slash"):
        assert_problem(
            await _attach(client, deal, filename, "application/pdf"), 422, "invalid_input", field="evidence[0].filename"
        )
    for content_type in ("text/html\r\nX-Evil: 1", "pdf", "a/b c"):
        assert_problem(
            await _attach(client, deal, "a.pdf", content_type), 422, "invalid_input", field="evidence[0].content_type"
        )
    assert await row_counts(session) == before


async def test_money_is_plain_decimal_in_and_out(client, deal, session):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    opened = await client.post("/v1/disputes", headers=deal.h["customer"], json=_open_body(deal))
    p = f"/v1/disputes/{opened.json()['id']}"
    assert (await client.post(f"{p}/acknowledge", headers=deal.h["provider"])).status_code == 200
    before = await row_counts(session)
    for amount in ("1e3", "1E+3", "1_000", " 1.00 ", "NaN", "Infinity", "-Infinity", ".5", "1."):
        r = await client.post(
            f"{p}/resolve",
            json={"outcome": "Credit", "adjustment": {"amount": amount, "currency": "EUR"}},
            headers=deal.h["customer"],
        )
        assert_problem(r, 422, "invalid_input", field="adjustment.amount")
    assert await row_counts(session) == before
    r = await client.post(
        f"{p}/resolve",
        json={"outcome": "Credit", "adjustment": {"amount": "1000", "currency": "EUR"}},
        headers=deal.h["customer"],
    )
    assert r.status_code == 200, r.text
    assert r.json()["adjustment"] == {"amount": "1000.00", "currency": "EUR"}
