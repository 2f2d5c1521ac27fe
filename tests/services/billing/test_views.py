"""The billing use cases answer typed views (services/billing/views.py): exact Decimal money beside its currency,
Decimal attainment, enums for statuses, and a frozen statement that reads back as the same view it was frozen from.

The agreement is set up through the REST flow (tests/flows.activate); the subject here is what the
use cases answer when called directly.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

import msgspec
import pytest
from sqlalchemy import select

from db.models import Event, FrozenStatement
from db.values import CreditStatus, EventType, IncidentKind, Metric, TicketEventType
from services.actors import PARTY_SCOPES, Actor
from services.billing import periods, records, statements
from services.billing.figures import frozen_content, statement_hash
from services.billing.records import IncidentInput, UsageInput
from services.billing.statements import apply_claim_window
from services.billing.views import (
    AttainmentEvidence,
    BillingStatements,
    Credit,
    CreditsComputed,
    CreditTierReached,
    Statement,
    Total,
)
from services.errors import NotFound
from services.ticketing.tickets import TicketEventBatch, TicketEventIn, ingest_events
from services.ticketing.views import AgreementRef
from tests.flows import OPERATOR, activate

CLAUSES = [
    {
        "key": "uptime",
        "kind": "service_level",
        "title": "Availability",
        "terms": {"targets": [{"key": "uptime", "metric": "availability", "percentage": "99.9"}]},
    },
    {
        "key": "fees",
        "kind": "cost",
        "title": "Fees",
        "terms": {
            "price_lines": [
                {"code": "base", "description": "Monthly fee", "amount": {"amount": "1000.00", "currency": "EUR"}},
                {"code": "hours", "description": "Consulting", "amount": {"amount": "80.00", "currency": "EUR"}},
                {"code": "tickets", "description": "Per ticket", "amount": {"amount": "2.50", "currency": "EUR"}},
            ]
        },
    },
    {
        "key": "uptime-credits",
        "kind": "service_credit",
        "title": "Service credits",
        "terms": {
            "target": "uptime",
            "tiers": [{"below": "99.9", "credit_percent": "10", "price_lines": ["base"]}],
            "claim_window": "P30D",
        },
    },
]
CLAUSES[1]["terms"]["price_lines"][0]["unit"] = "month"
CLAUSES[1]["terms"]["price_lines"][1]["unit"] = "hour"
CLAUSES[1]["terms"]["price_lines"][2]["unit"] = "ticket"
OCTOBER = "2026-10"
DURING = datetime(2026, 10, 20, 12, tzinfo=UTC)
AFTER = datetime(2026, 11, 5, 12, tzinfo=UTC)  # October has ended everywhere; the claim window is still open


def party(deal_party) -> Actor:
    return Actor(party_id=deal_party.id, scopes=frozenset(PARTY_SCOPES), subject="test")


@pytest.fixture
async def billed(client, deal, clock, session):
    """An active agreement with an availability target, three kinds of price line and a credit; a 90-minute
    outage, 3 consulting hours and 2 tickets opened in October."""
    clock.now = datetime(2026, 9, 15, 8, tzinfo=UTC)
    await activate(client, deal, clauses=CLAUSES)
    path = deal.path
    clock.now = DURING
    agreement_id = deal.agreement_id
    provider = party(deal.provider)
    await records.report_incident(
        session,
        provider,
        agreement_id,
        IncidentInput(
            IncidentKind.OUTAGE, datetime(2026, 10, 14, 9, tzinfo=UTC), datetime(2026, 10, 14, 10, 30, tzinfo=UTC)
        ),
        now=DURING,
    )
    await records.record_usage(
        session, provider, agreement_id, UsageInput("u-1", "hours", "3", datetime(2026, 10, 2, tzinfo=UTC)), now=DURING
    )
    batch = TicketEventBatch(
        events=[
            TicketEventIn(
                source="zendesk",
                event_id=f"e-{n}",
                ticket_id=f"t-{n}",
                type=TicketEventType.CREATED,
                occurred_at=datetime(2026, 10, 10 + n, 9, tzinfo=UTC),
                customer=str(deal.customer.id),
                priority="P2",
            )
            for n in (1, 2)
        ]
    )
    await ingest_events(session, provider, batch, now=DURING)
    return deal, path


async def test_the_pull_is_typed_money_and_attainment(billed, session):
    deal, _ = billed
    pull = await statements.billing_statements(
        session, party(deal.customer), str(deal.customer.id), OCTOBER, now=DURING
    )
    assert isinstance(pull, BillingStatements) and pull.customer_party_id == deal.customer.id and not pull.closed
    (statement,) = pull.statements
    assert statement.agreement == AgreementRef(
        id=statement.agreement.id,
        reference=statement.agreement.reference,
        title="Acme ↔ Globex support",
        timezone="Europe/Berlin",
    )
    assert statement.provisional is True and statement.sha256 is None
    lines = {line.code: line for line in statement.lines}
    assert lines["base"].amount == Decimal("1000.00") and lines["base"].currency == "EUR"
    assert lines["hours"].quantity == Decimal(3) and lines["hours"].amount == Decimal("240.00")
    # A ticket-priced line with no reported usage bills the tickets opened in the period (no magic usage key).
    assert lines["tickets"].quantity == Decimal(2) and lines["tickets"].amount == Decimal("5.00")
    by_target = {t.target_key: t for t in statement.attainment}
    uptime, p2 = by_target["uptime"], by_target["p2-first-response"]
    # Both October tickets passed their 4-hour deadline unanswered.
    assert p2.metric is Metric.FIRST_RESPONSE and p2.evidence == AttainmentEvidence(clocks_due=2, clocks_met=0)
    assert p2.measured == Decimal(0) and p2.met is None  # no compliance target: nothing to meet
    assert uptime.metric is Metric.AVAILABILITY and isinstance(uptime.measured, Decimal)
    assert uptime.measured == Decimal("99.7986") and uptime.measured < uptime.target == Decimal("99.9")
    assert uptime.evidence == AttainmentEvidence(incidents=1, downtime_seconds=5400)
    (credit,) = statement.credits
    assert credit.status is CreditStatus.OWED and credit.tier == CreditTierReached(Decimal("99.9"), Decimal("10"))
    assert credit.amount == Decimal("100.00") and credit.attainment == uptime.measured
    assert statement.totals == [Total("EUR", Decimal("1000.00") + Decimal("240.00") + Decimal("5.00") - credit.amount)]
    assert pull.totals == statement.totals
    # On the wire: money and percentages are exact decimal strings, evidence only has what was measured.
    wire = msgspec.json.decode(msgspec.json.encode(pull))
    assert wire["statements"][0]["credits"][0]["amount"] == "100.00"
    (wire_uptime,) = [t for t in wire["statements"][0]["attainment"] if t["target_key"] == "uptime"]
    assert wire_uptime["measured"] == "99.7986"
    assert wire_uptime["evidence"] == {"incidents": 1, "downtime_seconds": 5400}
    assert "__tickets__" not in msgspec.json.encode(pull).decode()


async def test_third_parties_and_strangers_get_no_pull(billed, session):
    deal, _ = billed
    for who in (deal.third, deal.outsider):
        with pytest.raises(NotFound):
            await statements.billing_statements(session, party(who), str(deal.customer.id), OCTOBER, now=DURING)


async def test_a_closed_period_reads_back_as_the_view_it_froze(billed, session):
    deal, _ = billed
    before = await statements.billing_statements(session, OPERATOR, str(deal.customer.id), OCTOBER, now=AFTER)
    closed = await periods.close_period(session, OPERATOR, OCTOBER, now=AFTER)
    assert closed.period == OCTOBER and closed.agreements == 1 and closed.closed_at == AFTER
    after = await statements.billing_statements(session, OPERATOR, str(deal.customer.id), OCTOBER, now=AFTER)
    (open_statement,), (frozen_statement,) = before.statements, after.statements
    frozen = await session.scalar(select(FrozenStatement))
    assert frozen is not None and frozen.content == frozen_content(open_statement)
    assert frozen_statement.provisional is False and frozen_statement.sha256 == frozen.sha256
    assert frozen_statement.sha256 == statement_hash(frozen_content(frozen_statement))
    assert msgspec.structs.replace(open_statement, provisional=False, sha256=frozen.sha256) == frozen_statement
    assert after.closed and after.closed_at == AFTER
    # The credit.computed event carries the same credits and totals, as their view's JSON.
    payload = await session.scalar(select(Event.payload).where(Event.type == EventType.CREDIT_COMPUTED))
    event = msgspec.convert(payload, CreditsComputed)
    assert event.credits == frozen_statement.credits and event.totals == frozen_statement.totals
    attainment = await statements.attainment_for(session, party(deal.customer), deal.agreement_id, OCTOBER, now=AFTER)
    assert attainment.provisional is False and attainment.targets == frozen_statement.attainment


def _statement_with(credit: Credit) -> Statement:
    return Statement(
        agreement=AgreementRef(id=uuid.uuid4(), reference="SLA-1", title="t", timezone="UTC"),
        period=OCTOBER,
        period_start=datetime(2026, 10, 1, tzinfo=UTC),
        period_end=datetime(2026, 11, 1, tzinfo=UTC),
        versions=[],
        lines=[],
        attainment=[],
        credits=[credit],
        totals=[Total("EUR", Decimal("900.00"))],
        provisional=True,
        sha256=None,
    )


def test_an_unclaimed_credit_expires_after_its_window_and_is_billed_again():
    claim_by = datetime(2026, 12, 1, tzinfo=UTC)
    owed = Credit("c", "uptime", "EUR", OCTOBER, CreditStatus.OWED, Decimal("100.00"), claim_by=claim_by)
    statement = _statement_with(owed)
    still_open = apply_claim_window(statement, {}, now=claim_by.replace(day=1, month=11))
    assert still_open.credits[0].status is CreditStatus.OWED and still_open.totals == statement.totals
    expired = apply_claim_window(statement, {}, now=claim_by)
    assert expired.credits[0].status is CreditStatus.EXPIRED and expired.credits[0].amount == Decimal("0.00")
    assert expired.credits[0].computed_amount == Decimal("100.00")
    assert expired.totals == [Total("EUR", Decimal("1000.00"))]
    claimed_at = datetime(2026, 11, 20, tzinfo=UTC)
    claimed = apply_claim_window(statement, {(statement.agreement.id, "c"): claimed_at}, now=claim_by)
    assert claimed.credits[0].status is CreditStatus.OWED and claimed.credits[0].claimed_at == claimed_at
