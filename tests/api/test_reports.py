"""Scheduled service reports through the worker and the REST edge: an October with two late P1 answers out of ten is
reported five days after it ends, with the attainment, breaches and credit worked out by hand, a hash that
regenerating reproduces byte for byte, an HTML page with inline charts, and a third party's rendering that carries
no cost or credit figure anywhere."""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
import zlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from db.models import Agreement, Event, ServiceReport, Timer
from services.billing.figures import canonical_json
from services.periods import Frequency, ReportPeriod
from services.reports.content import compose_report, report_content
from services.reports.reports import schedule_due_reports
from tests.api.conftest import assert_problem
from tests.flows import activate
from worker.timers import fire_due_timers

P1_CREDITS = {
    "key": "p1-credits",
    "kind": "service_credit",
    "title": "P1 response credits",
    "terms": {"target": "p1-first-response", "tiers": [{"below": "90", "credit_percent": "10"}]},
}
REPORTING = {
    "key": "monthly-report",
    "kind": "reporting",
    "title": "Monthly service report",
    "terms": {
        "contents": ["attainment", "breaches", "incidents", "credits", "disputes", "review", "changes"],
        "frequency": "P1M",
        "recipients": ["customer", "third_party", "cfo@example.com"],
        "due_after_period_end": "P5D",
    },
}
# Ten P1 tickets in October: eight answered after 20 minutes, two after 90 (the target is one hour).
ANSWERED_AFTER = [20] * 8 + [90] * 2


async def record_october(client, deal) -> None:
    events = []
    for n, minutes in enumerate(ANSWERED_AFTER):
        opened = datetime(2026, 10, 5 + n, 9, tzinfo=UTC)
        base = {"source": "zendesk", "ticket_id": f"T-{n}"}
        events += [
            {
                **base,
                "event_id": f"T-{n}-1",
                "type": "created",
                "occurred_at": opened.isoformat(),
                "customer": str(deal.customer.id),
                "priority": "P1",
            },
            {
                **base,
                "event_id": f"T-{n}-2",
                "type": "agent_replied",
                "occurred_at": (opened + timedelta(minutes=minutes)).isoformat(),
            },
        ]
    r = await client.post("/v1/tickets/events", json={"events": events}, headers=deal.h["provider"])
    assert r.status_code == 200, r.text


async def publish_october(client, deal, clock, session, sessionmaker) -> None:
    clock.now = datetime(2026, 9, 15, 8, tzinfo=UTC)
    await activate(client, deal, clauses=[P1_CREDITS, REPORTING])
    clock.now = datetime(2026, 10, 31, 12, tzinfo=UTC)
    await record_october(client, deal)
    # The worker's round on 3 November schedules October's report five days after October ended in the agreement's
    # zone: midnight 1 November in Berlin (CET, UTC+1) is 23:00 UTC on 31 October, + P5D.
    await schedule_due_reports(session, now=datetime(2026, 11, 3, tzinfo=UTC))
    await session.flush()
    timer = await session.scalar(select(Timer).where(Timer.kind == "report.publish"))
    assert timer is not None and timer.due_at == datetime(2026, 11, 5, 23, tzinfo=UTC)
    assert timer.payload == {"agreement_id": str(deal.agreement_id), "period": "2026-10"}
    # Not before it is due; then exactly once.
    assert await fire_due_timers(sessionmaker, now=datetime(2026, 11, 5, 22, 59, tzinfo=UTC)) == 0
    assert await fire_due_timers(sessionmaker, now=datetime(2026, 11, 5, 23, 1, tzinfo=UTC)) == 1
    assert await fire_due_timers(sessionmaker, now=datetime(2026, 11, 7, tzinfo=UTC)) == 0


async def test_a_monthly_report_is_published_on_schedule(client, deal, clock, session, sessionmaker):
    await publish_october(client, deal, clock, session, sessionmaker)
    a = deal.path
    listing = await client.get(f"{a}/reports", headers=deal.h["customer"])
    assert listing.status_code == 200, listing.text
    (item,) = listing.json()["items"]
    assert (item["period"], item["href"], listing.json()["next_cursor"]) == ("2026-10", f"{a}/reports/2026-10", None)

    r = await client.get(f"{a}/reports/2026-10", headers={**deal.h["customer"], "accept": "application/json"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body["sha256"] == item["sha256"] and body["audience"] == "signatories"
    (p1,) = [t for t in body["attainment"] if t["target_key"] == "p1-first-response"]
    # Worked by hand: 8 of 10 answered within the hour, 80 % of the clocks met.
    assert (p1["measured"], p1["measured_exact"], p1["evidence"]) == (
        "80.00",
        "80",
        {"clocks_due": 10, "clocks_met": 8},
    )
    assert body["breaches"] == [{"priority": "P1", "metric": "first_response", "breached": 2}]
    # 80 % is below the 90 % tier: 10 % of the 1,200.00 EUR monthly fee, 120.00 EUR; 1,080.00 EUR due.
    (credit,) = body["credits"]
    assert (credit["amount"], credit["currency"], credit["status"]) == ("120.00", "EUR", "owed")
    assert body["totals"] == [{"currency": "EUR", "amount": "1080.00"}]
    assert body["disputes"] == {"open_at_period_end": 0, "resolved_in_period": 0}
    assert body["changes"] == [] and body["incidents"] == []
    (trend,) = [t for t in body["trend"] if t["target_key"] == "p1-first-response"]
    assert trend["points"] == [{"period": "2026-10", "measured": "80.00"}]

    # Frozen: the hash is the SHA-256 of the stored canonical JSON, and regenerating gives the same bytes.
    row = await session.get(ServiceReport, (uuid.UUID(str(deal.agreement_id)), "2026-10"))
    stored = canonical_json(row.content)
    assert hashlib.sha256(stored).hexdigest() == body["sha256"]
    agreement = await session.get(Agreement, uuid.UUID(str(deal.agreement_id)))
    again = await compose_report(
        session, agreement, ReportPeriod(Frequency.MONTHLY, 2026, 10), now=datetime(2026, 12, 1, tzinfo=UTC)
    )
    assert canonical_json(report_content(again)) == stored

    # Announced once to the signatories (the clause names its recipients), and once to the third party.
    events = list(await session.scalars(select(Event).where(Event.type == "report.published")))
    assert len(events) == 2
    signatories = next(e for e in events if deal.customer.id in e.audience_party_ids)
    assert signatories.payload == {
        "period": "2026-10",
        "sha256": body["sha256"],
        "href": f"{a}/reports/2026-10",
        "recipients": ["customer", "third_party", "cfo@example.com"],
    }

    page = await client.get(f"{a}/reports/2026-10", headers={**deal.h["provider"], "accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert html.startswith("<!DOCTYPE html>") and html.count("<svg") >= 1 and 'class="bar"' in html
    assert "120.00" in html and body["sha256"] in html
    # Self-contained: no stylesheet, script or image fetched from anywhere.
    assert "<link" not in html and "<script" not in html and "src=" not in html and "url(" not in html


def pdf_text(pdf: bytes) -> str:
    """Every content stream of a reportlab PDF, inflated (ASCII85 then Flate, as reportlab writes them)."""
    texts = []
    for header, stream in re.findall(rb"<<(.*?)>>\s*stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        if b"ASCII85Decode" in header:
            stream = base64.a85decode(stream.strip(), adobe=True)
        if b"FlateDecode" in header:
            stream = zlib.decompress(stream)
        texts.append(stream.decode("latin-1"))
    return "\n".join(texts)


async def test_the_pdf_rendering(client, deal, clock, session, sessionmaker):
    await publish_october(client, deal, clock, session, sessionmaker)
    a = deal.path
    r = await client.get(f"{a}/reports/2026-10", headers={**deal.h["customer"], "accept": "application/pdf"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    text = pdf_text(r.content)
    assert "120.00" in text and "1080.00" in text and "p1-first-response" in text
    # The same report gives the same bytes (no creation date, a fixed document id).
    again = await client.get(f"{a}/reports/2026-10", headers={**deal.h["customer"], "accept": "application/pdf"})
    assert again.content == r.content
    third = await client.get(f"{a}/reports/2026-10", headers={**deal.h["third"], "accept": "application/pdf"})
    assert third.content.startswith(b"%PDF")
    third_text = pdf_text(third.content)
    assert "p1-first-response" in third_text
    assert re.search(r"\bEUR\b", third_text) is None and "credit" not in third_text.lower()
    assert not any(amount in third_text for amount in ("120.00", "1080", "1200"))


async def test_a_third_party_report_has_no_cost_or_credit_figure(client, deal, clock, session, sessionmaker):
    await publish_october(client, deal, clock, session, sessionmaker)
    a = deal.path
    signatory = (await client.get(f"{a}/reports/2026-10", headers=deal.h["customer"])).json()
    r = await client.get(f"{a}/reports/2026-10", headers={**deal.h["third"], "accept": "application/json"})
    assert r.status_code == 200, r.text
    third = r.json()
    assert third["audience"] == "third_party" and "credits" not in third and "totals" not in third
    assert "credits" not in third["contents"] and third["breaches"] == signatory["breaches"]
    assert third["sha256"] != signatory["sha256"]
    page = await client.get(f"{a}/reports/2026-10", headers={**deal.h["third"], "accept": "text/html"})
    listing = await client.get(f"{a}/reports", headers=deal.h["third"])
    assert listing.json()["items"][0]["sha256"] == third["sha256"]
    for text in (r.text, page.text, listing.text):
        # No currency (the zone "Europe/Berlin" is no cost figure: the check is on the ISO code as a word), no amount.
        assert re.search(r"\bEUR\b", text) is None and "credit" not in text.lower()
        assert not any(amount in text for amount in ("120.00", "1080", "1200"))
    third_event = next(
        e
        for e in await session.scalars(select(Event).where(Event.type == "report.published"))
        if deal.third.id in e.audience_party_ids
    )
    assert third_event.payload["sha256"] == third["sha256"]


async def test_negotiation_and_not_found(client, deal, clock, session, sessionmaker):
    await publish_october(client, deal, clock, session, sessionmaker)
    a = deal.path
    r = await client.get(f"{a}/reports/2026-10", headers={**deal.h["provider"], "accept": "image/png"})
    assert_problem(r, 406)
    assert_problem(await client.get(f"{a}/reports/2026-10", headers=deal.h["outsider"]), 404)
    assert_problem(await client.get(f"{a}/reports", headers=deal.h["outsider"]), 404)
    assert_problem(await client.get(f"{a}/reports/2026-09", headers=deal.h["provider"]), 404)
    assert_problem(await client.get(f"{a}/reports/2026-13", headers=deal.h["provider"]), 422, field="period")
