"""Portal sketch over GraphQL: subscribe to the caller's events (and, if asked, a ticket's SLA clocks) over a
WebSocket with the `graphql-transport-ws` protocol, and print each update.

    python examples/portal_graphql.py [--type AGREEMENT_CREATED ...] [--ticket zendesk/1001] [--max N]

Reads API and a token (TOKEN, else CUSTOMER) from the environment, as `sla serve --demo` exports them; the token goes
in `connection_init`, as browsers cannot set headers on a WebSocket. Stops when the server closes the socket (4401:
the token expired or its client was revoked; reconnect with a new token) or after --max updates. The same events
come over Server-Sent Events in examples/portal.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

EVENTS = """subscription ($types: [EventType!]) {
  events(types: $types) { id type agreementId occurredAt }
}"""
TICKET = """subscription ($source: String!, $externalId: String!) {
  ticketSla(source: $source, externalId: $externalId) { ticket { externalId } clocks { metric cycle status dueAt } }
}"""


async def follow(url: str, token: str, types: list[str] | None, ticket: str | None, most: int) -> int:
    async with connect(url, subprotocols=["graphql-transport-ws"]) as socket:  # type: ignore[list-item]
        await socket.send(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}))
        try:
            acknowledged = json.loads(await socket.recv())
        except ConnectionClosed as closed:
            print(f"refused: {closed.rcvd.code if closed.rcvd else '?'} {closed.rcvd.reason if closed.rcvd else ''}")
            return 1
        assert acknowledged["type"] == "connection_ack", acknowledged
        await socket.send(
            json.dumps(
                {"id": "events", "type": "subscribe", "payload": {"query": EVENTS, "variables": {"types": types}}}
            )
        )
        if ticket:
            source, _, external_id = ticket.partition("/")
            variables = {"source": source, "externalId": external_id}
            await socket.send(
                json.dumps({"id": "ticket", "type": "subscribe", "payload": {"query": TICKET, "variables": variables}})
            )
        print("listening", flush=True)
        seen = 0
        try:
            async for raw in socket:
                message = json.loads(raw)
                if message["type"] == "ping":
                    await socket.send(json.dumps({"type": "pong"}))
                    continue
                if message["type"] == "error" or (message["type"] == "next" and message["payload"].get("errors")):
                    print(f"refused: {message['payload']}", file=sys.stderr)
                    return 1
                if message["type"] != "next":
                    continue
                data = message["payload"]["data"]
                if message["id"] == "events":
                    event = data["events"]
                    print(f"{event['occurredAt']} {event['type']} agreement={event['agreementId']}", flush=True)
                else:
                    sla = data["ticketSla"]
                    clocks = (
                        ", ".join(f"{c['metric']} {c['status'].lower()} due {c['dueAt']}" for c in sla["clocks"])
                        if sla
                        else "no such ticket"
                    )
                    print(f"ticket {ticket}: {clocks}", flush=True)
                seen += 1
                if most and seen >= most:
                    return 0
        except ConnectionClosed:
            pass
        print(f"closed by the server: {socket.close_code} {socket.close_reason}", flush=True)
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--type", action="append", help="only these event types, e.g. AGREEMENT_CREATED (repeat)")
    parser.add_argument("--ticket", help="also follow this ticket's SLA clocks: source/external id")
    parser.add_argument("--max", type=int, default=0, help="stop after this many updates (0: never)")
    args = parser.parse_args()
    token = os.environ.get("TOKEN") or os.environ["CUSTOMER"]
    url = os.environ["API"].replace("http", "ws", 1) + "/graphql"
    return asyncio.run(follow(url, token, args.type, args.ticket, args.max))


if __name__ == "__main__":
    raise SystemExit(main())
