"""Portal sketch: follow the caller's events live over Server-Sent Events (`GET /v1/events/stream`) and print them.

    python examples/portal.py [--type agreement.created ...] [--last-event-id ID] [--max N]

Reads API and a token (TOKEN, else CUSTOMER) from the environment, as `sla serve --demo` exports them. Reconnects
with the last event's id (`Last-Event-ID`), so nothing is missed across a dropped connection; stops when the server
closes the stream (token expired or client revoked) or after --max events.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

import httpx
from httpx_sse import connect_sse


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--type", action="append", help="only these event types (repeat for several)")
    parser.add_argument("--last-event-id", help="resume after this event id")
    parser.add_argument("--max", type=int, default=0, help="stop after this many events (0: never)")
    args = parser.parse_args()
    token = os.environ.get("TOKEN") or os.environ["CUSTOMER"]
    last_id, seen = args.last_event_id, 0
    params = {"type": args.type} if args.type else {}
    with httpx.Client(base_url=os.environ["API"], timeout=httpx.Timeout(10, read=60)) as http:
        while True:
            headers = {"Authorization": f"Bearer {token}", **({"Last-Event-ID": last_id} if last_id else {})}
            try:
                with connect_sse(http, "GET", "/v1/events/stream", params=params, headers=headers) as source:
                    if source.response.status_code != 200:
                        print(
                            f"refused: {source.response.status_code} {source.response.read().decode()}", file=sys.stderr
                        )
                        return 1
                    print("listening", flush=True)
                    for message in source.iter_sse():
                        if message.event == "stream.closed":
                            print(f"closed by the server: {json.loads(message.data)['reason']}", flush=True)
                            return 0
                        if not message.data:
                            continue  # a heartbeat
                        event = json.loads(message.data)
                        last_id = message.id
                        print(f"{event['occurred_at']} {event['type']} agreement={event['agreement_id']}", flush=True)
                        seen += 1
                        if args.max and seen >= args.max:
                            return 0
            except httpx.TransportError as exc:
                print(f"connection lost ({type(exc).__name__}); resuming after {last_id}", file=sys.stderr)
                time.sleep(1)


if __name__ == "__main__":
    raise SystemExit(main())
