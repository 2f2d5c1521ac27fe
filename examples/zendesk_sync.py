"""Zendesk sync: connect a Zendesk webhook, deliver a ticket's first events signed as Zendesk signs them, and print
the SLA due times the service computed for the ticket.

    python examples/zendesk_sync.py [--organization 12345] [--ticket 50001]

Reads API and PROVIDER (the provider's token, scope tickets:write) from the environment, as `sla serve --demo`
exports them. The payloads are the first two of tests/fixtures/zendesk/ticket_life.json (a ticket created, then
raised to urgent), moved to now, to a fresh ticket id and to the demo customer's Zendesk organization.
"""

from __future__ import annotations

import argparse
import base64
import copy
import hashlib
import hmac
import json
import os
import random
import secrets
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sla_client import AuthenticatedClient
from sla_client.api.ticketing import get_ticket_sla
from sla_client.models import TicketSla

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "zendesk" / "ticket_life.json"


def zendesk_signature(secret: str, timestamp: str, body: bytes) -> str:
    """What Zendesk sends in X-Zendesk-Webhook-Signature: base64(HMAC-SHA256(secret, timestamp + body))."""
    return base64.b64encode(hmac.new(secret.encode(), timestamp.encode() + body, hashlib.sha256).digest()).decode()


def payloads(ticket: str, organization: str, opened: datetime) -> list[dict]:
    """The fixture's ticket.created and ticket.priority_changed, for this ticket, opened at `opened`."""
    created, raised = (copy.deepcopy(p) for p in json.loads(FIXTURE.read_text())[:2])
    for offset, payload in ((0, created), (5, raised)):
        at = (opened + timedelta(minutes=offset)).strftime("%Y-%m-%dT%H:%M:%SZ")
        payload["id"] = f"{payload['id']}-{ticket}"  # Zendesk's event id: the idempotency key of the delivery
        payload["subject"] = f"zen:ticket:{ticket}"
        payload["time"] = at
        payload["detail"].update(
            id=ticket, organization_id=organization, created_at=opened.strftime("%Y-%m-%dT%H:%M:%SZ")
        )
        payload["detail"]["updated_at"] = at
    return [created, raised]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organization", default="12345", help="the customer's Zendesk organization id")
    parser.add_argument("--ticket", default=str(random.randint(50_000, 99_999)), help="the Zendesk ticket id")
    args = parser.parse_args()
    api, token = os.environ["API"], os.environ["PROVIDER"]
    headers = {"Authorization": f"Bearer {token}"}

    # Zendesk makes the signing secret (Admin Center → Webhooks); here we make one and give it to both sides.
    signing_secret = secrets.token_urlsafe(32)
    with httpx.Client(base_url=api, timeout=10) as http:
        created = http.post(
            "/v1/integrations",
            headers=headers,
            json={"kind": "zendesk", "name": "Example desk", "signing_secret": signing_secret},
        )
        if created.status_code != 201:
            print(f"could not create the integration: {created.status_code} {created.text}", file=sys.stderr)
            return 1
        integration = created.json()
        print(f"integration {integration['id']}: Zendesk delivers to {api}{integration['events_url']}")

        opened = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=10)
        for payload in payloads(args.ticket, args.organization, opened):
            body = json.dumps(payload).encode()
            timestamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            answer = http.post(
                integration["events_url"],
                content=body,
                headers={
                    "Content-Type": "application/json",
                    "X-Zendesk-Webhook-Id": "01EXAMPLEWEBHOOK",
                    "X-Zendesk-Webhook-Signature": zendesk_signature(signing_secret, timestamp, body),
                    "X-Zendesk-Webhook-Signature-Timestamp": timestamp,
                },
            )
            if answer.status_code != 200:
                print(f"{payload['type']}: refused {answer.status_code} {answer.text}", file=sys.stderr)
                return 1
            print(f"{payload['type']}: {answer.json()['outcome']}")

    sla = get_ticket_sla.sync("zendesk", args.ticket, client=AuthenticatedClient(base_url=api, token=token))
    if not isinstance(sla, TicketSla):
        print(f"no SLA for ticket {args.ticket}: {sla}", file=sys.stderr)
        return 1
    print(f"ticket zendesk:{args.ticket} opened {opened.isoformat()}")
    for clock in sorted(sla.clocks, key=lambda c: (str(c.metric), c.cycle)):
        print(f"  {clock.metric} #{clock.cycle} ({clock.clause_key}): due {clock.due_at.isoformat()} [{clock.status}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
