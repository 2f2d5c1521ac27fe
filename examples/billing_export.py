"""Billing export: last month's statements of one customer, one CSV file per agreement, with the generated SDK.

    python examples/billing_export.py [--customer zendesk:12345] [--period 2026-11] [--out statements/]

Reads API and a token (TOKEN, else CUSTOMER or PROVIDER) from the environment, as `sla serve --demo` exports them.
Amounts stay the decimal strings the API sends (never floats), with their ISO 4217 currency.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sla_client import AuthenticatedClient
from sla_client.api.billing import list_statements
from sla_client.models import BillingStatements


def last_month(today: datetime) -> str:
    return (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customer", default="zendesk:12345", help="the customer: party id or system:external id")
    parser.add_argument("--period", default=last_month(datetime.now(UTC)), help="YYYY-MM (default: last month)")
    parser.add_argument("--out", type=Path, default=Path("statements"), help="directory for the CSV files")
    args = parser.parse_args()
    token = os.environ.get("TOKEN") or os.environ.get("CUSTOMER") or os.environ["PROVIDER"]
    client = AuthenticatedClient(base_url=os.environ["API"], token=token)

    answer = list_statements.sync(client=client, customer=args.customer, period=args.period)
    if not isinstance(answer, BillingStatements):
        print(f"the API refused: {answer}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for statement in answer.statements:
        path = args.out / f"{args.period}-{statement.agreement.id}.csv"
        with path.open("w", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(["type", "code", "description", "quantity", "unit", "unit_amount", "amount", "currency"])
            for line in statement.lines:
                writer.writerow(
                    [
                        line.type_,
                        line.code,
                        line.description,
                        line.quantity,
                        line.unit,
                        line.unit_amount,
                        line.amount,
                        line.currency,
                    ]
                )
            for credit in statement.credits_:
                # Credits reduce the total: written negative, so the amounts of a file add up to its total.
                writer.writerow(
                    [
                        "credit",
                        credit.target_key,
                        f"service credit ({credit.clause_key}, {credit.status})",
                        "",
                        "",
                        "",
                        str(-abs(Decimal(credit.amount))),
                        credit.currency,
                    ]
                )
        totals = ", ".join(f"{t.amount} {t.currency}" for t in statement.totals)
        state = "provisional" if statement.provisional else "final"
        print(f"{path}: {len(statement.lines)} lines, {len(statement.credits_)} credits, total {totals} ({state})")
    if not answer.statements:
        print(f"no statements for {args.customer} in {args.period}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
