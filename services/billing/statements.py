"""Reading statements and attainment: the billing pull, and an agreement's attainment for a period.

Open periods are computed on demand and marked provisional; a closed period answers its frozen statements
(`services.billing.periods`), with their SHA-256. Third parties never see costs, credits or statements.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime
from decimal import Decimal

import msgspec
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, BillingPeriod, Dispute, FrozenStatement
from db.values import CreditStatus, DisputeSubject
from services.actors import Actor
from services.billing.credits import Period, round_money
from services.billing.figures import ZERO, assemble_statement, load_period_data, measure_attainment, thawed
from services.billing.records import parse_period
from services.billing.views import Attainment, BillingStatements, Credit, Statement, TargetAttainment, Total
from services.errors import NotFound
from services.parties import resolve_party_ref
from services.scoping import customer_agreement_ids, get_readable_agreement


async def attainment_for(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, period_text: str, *, now: datetime
) -> Attainment:
    period = parse_period(period_text)
    agreement, _ = await get_readable_agreement(session, actor, agreement_id)
    frozen = await session.get(FrozenStatement, (agreement.id, str(period)))
    if frozen is not None:
        targets = msgspec.convert(frozen.content["attainment"], list[TargetAttainment])
        return Attainment(period=str(period), provisional=False, targets=targets)
    item = (await load_period_data(session, [agreement], period, now=now))[agreement.id]
    targets = measure_attainment(item, item.clauses[item.spans[-1][0].id]) if item.spans else []
    return Attainment(period=str(period), provisional=True, targets=targets)


async def _customer_agreements(
    session: AsyncSession, actor: Actor, customer_id: uuid.UUID, period: Period
) -> list[Agreement]:
    """The caller's agreements with the customer in effect at some time during the period, by reference."""
    stmt = (
        select(Agreement)
        .where(Agreement.id.in_(customer_agreement_ids(actor, customer_id)), Agreement.effective_from.is_not(None))
        .order_by(Agreement.reference)
    )
    found = []
    for agreement in await session.scalars(stmt):
        start, end = period.bounds(agreement.timezone)
        assert agreement.effective_from is not None  # selected only those with one
        if agreement.effective_from < end and (agreement.effective_to is None or agreement.effective_to > start):
            found.append(agreement)
    return found


async def billing_statements(
    session: AsyncSession, actor: Actor, customer_ref: str, period_text: str, *, now: datetime
) -> BillingStatements:
    """The billing pull: per agreement with the customer, the period's charges, credits and totals."""
    period = parse_period(period_text)
    customer_id = await resolve_party_ref(session, customer_ref)
    if customer_id is None or await session.scalar(customer_agreement_ids(actor, customer_id).limit(1)) is None:
        # Unknown and not-yours answer alike: the pull says nothing about others' customers.
        raise NotFound(f"customer {customer_ref!r}: no agreement with you for that party id or external ref")
    agreements = await _customer_agreements(session, actor, customer_id, period)
    closed = await session.get(BillingPeriod, str(period))
    frozen = {
        f.agreement_id: f
        for f in await session.scalars(
            select(FrozenStatement).where(
                FrozenStatement.period == str(period), FrozenStatement.agreement_id.in_([a.id for a in agreements])
            )
        )
    }
    open_data = await load_period_data(session, [a for a in agreements if a.id not in frozen], period, now=now)
    claims = await _credit_claims(session, [a.id for a in agreements], customer_id, period)
    statements = [
        apply_claim_window(
            thawed(frozen[a.id].content, frozen[a.id].sha256)
            if a.id in frozen
            else assemble_statement(open_data[a.id], period),
            claims,
            now=now,
        )
        for a in agreements
    ]
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for statement in statements:
        for total in statement.totals:
            totals[total.currency] += total.amount
    return BillingStatements(
        customer_party_id=customer_id,
        period=str(period),
        closed=closed is not None,
        closed_at=closed.closed_at if closed else None,
        statements=statements,
        totals=[Total(currency, amount) for currency, amount in sorted(totals.items())],
    )


async def _credit_claims(
    session: AsyncSession, agreement_ids: list[uuid.UUID], customer_id: uuid.UUID, period: Period
) -> dict[tuple[uuid.UUID, str], datetime]:
    """When the customer first claimed each credit of the period: (agreement id, clause key) → first dispute."""
    rows = await session.execute(
        select(Dispute.agreement_id, Dispute.clause_key, func.min(Dispute.created_at))
        .where(
            Dispute.agreement_id.in_(agreement_ids),
            Dispute.subject_type == DisputeSubject.CREDIT,
            Dispute.credit_period == str(period),
            Dispute.raised_by_party_id == customer_id,
        )
        .group_by(Dispute.agreement_id, Dispute.clause_key)
    )
    return {(agreement_id, clause_key): at for agreement_id, clause_key, at in rows if clause_key is not None}


def apply_claim_window(
    statement: Statement, claims: dict[tuple[uuid.UUID, str], datetime], *, now: datetime
) -> Statement:
    """An owed credit the customer did not claim by its `claim_by` reads `expired`: zero, not payable.

    Applied when read, to open and frozen statements alike (a frozen statement's sha256 covers what was computed at
    closing, `claim_by` included). A claim is a credit dispute the customer opened in time, whatever its outcome.
    """
    credits: list[Credit] = []
    returned: dict[str, Decimal] = defaultdict(Decimal)
    for credit in statement.credits:
        claim_by = credit.claim_by
        if claim_by is None:
            credits.append(credit)
            continue
        claimed = claims.get((statement.agreement.id, credit.clause_key))
        credit = msgspec.structs.replace(
            credit, claimed_at=claimed if claimed is not None and claimed <= claim_by else None
        )
        if credit.status == CreditStatus.OWED and credit.claimed_at is None and claim_by <= now:
            returned[credit.currency] += credit.amount
            credit = msgspec.structs.replace(
                credit,
                status=CreditStatus.EXPIRED,
                computed_amount=credit.amount,
                amount=round_money(ZERO, credit.currency),
            )
        credits.append(credit)
    totals = [Total(t.currency, round_money(t.amount + returned[t.currency], t.currency)) for t in statement.totals]
    return msgspec.structs.replace(statement, credits=credits, totals=totals)
