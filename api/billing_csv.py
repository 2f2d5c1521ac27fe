"""The billing pull as CSV (`GET /v1/billing/statements` with `Accept: text/csv` or `format=csv`).

One row per charge and per credit, then one `total` row per currency: the amount column of the other rows sums to
the JSON totals (held and expired credits are zero lines, their computed amount in `held_amount`).
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from services.billing.credits import round_money
from services.billing.figures import PAYABLE
from services.billing.views import BillingStatements

CSV_COLUMNS = [
    "period",
    "agreement_reference",
    "agreement_id",
    "type",
    "code",
    "description",
    "quantity",
    "unit",
    "unit_amount",
    "amount",
    "currency",
    "version",
    "tier_below",
    "credit_percent",
    "attainment",
    "status",
    "provisional",
    "held_amount",
]
PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | Decimal | None


def csv_cell(value: Cell) -> str:
    """OWASP CSV injection: a text cell a spreadsheet would read as a formula gets a leading `'`.

    Plain decimal numbers (such as a credit's `-100.00`) are numbers, not formulas, and stay as they are.
    """
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def _flag(value: bool) -> str:
    return str(value).lower()


def statements_csv(pull: BillingStatements) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()

    def write(row: dict[str, Cell]) -> None:
        writer.writerow({column: csv_cell(value) for column, value in row.items()})

    for statement in pull.statements:
        base: dict[str, Cell] = {
            "period": pull.period,
            "agreement_reference": statement.agreement.reference,
            "agreement_id": str(statement.agreement.id),
            "provisional": _flag(statement.provisional),
        }
        for line in statement.lines:
            write(
                {
                    **base,
                    "type": "charge",
                    "code": line.code,
                    "description": line.description,
                    "quantity": line.quantity,
                    "unit": line.unit,
                    "unit_amount": line.unit_amount,
                    "amount": line.amount,
                    "currency": line.currency,
                    "version": line.version,
                }
            )
        for credit in statement.credits:
            payable = credit.status in PAYABLE
            held = not payable and credit.amount != 0
            write(
                {
                    **base,
                    "type": "credit",
                    "code": credit.clause_key,
                    "description": f"service credit for {credit.target_key}",
                    "amount": -credit.amount if payable and credit.amount else round_money(Decimal(0), credit.currency),
                    "held_amount": -credit.amount if held else "",
                    "currency": credit.currency,
                    "tier_below": credit.tier.below if credit.tier else "",
                    "credit_percent": credit.tier.credit_percent if credit.tier else "",
                    "attainment": credit.attainment if credit.attainment is not None else "",
                    "status": credit.status,
                }
            )
    for total in pull.totals:
        write(
            {
                "period": pull.period,
                "type": "total",
                "description": "total of the lines above",
                "amount": total.amount,
                "currency": total.currency,
                "provisional": _flag(any(s.provisional for s in pull.statements)),
            }
        )
    return out.getvalue()
