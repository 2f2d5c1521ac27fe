"""`Agreement.reports` and `Agreement.report(period)` over GraphQL: the same frozen report as REST (same hash), the
main figures typed, links to the HTML and PDF renderings that work, and a third party's report with no cost or
credit figure anywhere, typed fields or JSON."""

from __future__ import annotations

import json
import re

from tests.api.test_reports import publish_october
from tests.schema.conftest import GraphQL

REPORT = """
query($id: UUID!, $period: String!) { agreement(id: $id) {
  report(period: $period) {
    period periodStart periodEnd audience contents sha256 publishedAt href htmlHref pdfHref content
    agreement { reference }
    attainment { targetKey measured measuredExact target met evidence { clocksDue clocksMet } decidedBy byIncidents }
    trend { targetKey points { period measured } }
    breaches { priority metric breached }
    incidents { id }
    credits { status amount { amount currency } tier { below creditPercent } }
    totals { amount currency }
    disputes { openAtPeriodEnd resolvedInPeriod }
    review { status }
    changes { number }
  }
} }
"""
REPORTS = """
query($id: UUID!, $first: Int, $after: String) { agreement(id: $id) {
  reports(first: $first, after: $after) {
    edges { cursor node { period sha256 publishedAt href htmlHref pdfHref } } pageInfo { hasNextPage endCursor }
  }
} }
"""


async def test_a_signatory_reads_the_frozen_report(gql: GraphQL, client, deal, clock, session, sessionmaker):
    await publish_october(client, deal, clock, session, sessionmaker)
    a = deal.path
    rest = (await client.get(f"{a}/reports/2026-10", headers=deal.h["customer"])).json()
    data = await gql(REPORT, deal.h["customer"], id=deal.agreement_id, period="2026-10")
    report = data["agreement"]["report"]
    assert (report["period"], report["audience"], report["sha256"]) == ("2026-10", "signatories", rest["sha256"])
    assert report["href"] == f"{a}/reports/2026-10"
    assert (report["htmlHref"], report["pdfHref"]) == (
        f"{a}/reports/2026-10?format=html",
        f"{a}/reports/2026-10?format=pdf",
    )
    # Worked by hand (as in the REST test): 8 of 10 P1 answers within the hour, below the 90 % tier: 10 % of the
    # 1,200.00 EUR monthly fee.
    (p1,) = [t for t in report["attainment"] if t["targetKey"] == "p1-first-response"]
    assert (p1["measured"], p1["evidence"], p1["decidedBy"]) == ("80.00", {"clocksDue": 10, "clocksMet": 8}, None)
    (credit,) = report["credits"]
    assert credit == {
        "status": "OWED",
        "amount": {"amount": "120.00", "currency": "EUR"},
        "tier": {"below": "90", "creditPercent": "10"},
    }
    assert report["totals"] == [{"amount": "1080.00", "currency": "EUR"}]
    assert report["breaches"] == [{"priority": "P1", "metric": "first_response", "breached": 2}]
    assert report["disputes"] == {"openAtPeriodEnd": 0, "resolvedInPeriod": 0}
    # The JSON scalar is the REST body without how it is being read.
    assert report["content"] == {k: v for k, v in rest.items() if k not in ("sha256", "published_at")}

    # The links work as they are, without an Accept header.
    page = await client.get(report["htmlHref"], headers=deal.h["customer"])
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html") and "<svg" in page.text
    pdf = await client.get(report["pdfHref"], headers=deal.h["customer"])
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    bad = await client.get(f"{a}/reports/2026-10?format=docx", headers=deal.h["customer"])
    assert bad.status_code == 422 and "format" in bad.text

    listing = (await gql(REPORTS, deal.h["customer"], id=deal.agreement_id))["agreement"]["reports"]
    (edge,) = listing["edges"]
    assert edge["node"]["period"] == "2026-10" and edge["node"]["sha256"] == rest["sha256"]
    assert edge["node"]["htmlHref"] == report["htmlHref"]
    assert listing["pageInfo"] == {"hasNextPage": False, "endCursor": edge["cursor"]}

    # No report for a period: null; a malformed period: an error naming the field.
    missing = await gql(REPORT, deal.h["customer"], id=deal.agreement_id, period="2026-09")
    assert missing["agreement"]["report"] is None
    wrong = await gql.raw(REPORT, deal.h["customer"], id=deal.agreement_id, period="October")
    assert wrong["errors"][0]["extensions"]["code"] == "invalid_input" and "YYYY-Qn" in wrong["errors"][0]["message"]


async def test_a_third_partys_graphql_report_has_no_cost_or_credit_figure(
    gql: GraphQL, client, deal, clock, session, sessionmaker
):
    await publish_october(client, deal, clock, session, sessionmaker)
    rest = (await client.get(f"{deal.path}/reports/2026-10", headers=deal.h["third"])).json()
    data = await gql(REPORT, deal.h["third"], id=deal.agreement_id, period="2026-10")
    report = data["agreement"]["report"]
    assert report["audience"] == "third_party" and report["sha256"] == rest["sha256"]
    assert report["credits"] is None and report["totals"] is None
    assert "credits" not in report["contents"] and "credits" not in report["content"]
    # Still the service figures: the breaches and the attainment.
    assert report["breaches"] == [{"priority": "P1", "metric": "first_response", "breached": 2}]
    listing = await gql(REPORTS, deal.h["third"], id=deal.agreement_id)
    # Beyond the two null fields the document asked for by name, not a word of cost or credit.
    shown = {k: v for k, v in report.items() if k not in ("credits", "totals")}
    for text in (json.dumps(shown), json.dumps(listing)):
        assert re.search(r"\bEUR\b", text) is None and "credit" not in text.lower()
        assert not any(amount in text for amount in ("120.00", "1080", "1200"))
    assert listing["agreement"]["reports"]["edges"][0]["node"]["sha256"] == rest["sha256"]


async def test_reports_need_the_agreements_read_scope(gql: GraphQL, client, deal, clock, session, sessionmaker, world):
    headers = await world.headers(deal.customer, scopes=["billing:read"])
    await publish_october(client, deal, clock, session, sessionmaker)
    # The REST route and the GraphQL fields ask for the same scope.
    r = await client.get(f"{deal.path}/reports/2026-10", headers=headers)
    assert r.status_code == 403
    body = await gql.raw(REPORT, headers, id=deal.agreement_id, period="2026-10")
    assert body["errors"][0]["extensions"]["code"] == "insufficient_scope"
