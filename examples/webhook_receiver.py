"""Webhook receiver: accept deliveries only when their Standard Webhooks signature verifies (`standardwebhooks`).

    python examples/webhook_receiver.py --port 9000 --secret whsec_...        # an existing subscription's secret
    python examples/webhook_receiver.py --port 9000 --register [--ping]       # subscribe itself (PROVIDER token)

--register subscribes http://127.0.0.1:PORT/hooks with the token in PROVIDER (the server must allow the network:
SLA_WEBHOOK_ALLOW_NETWORKS=127.0.0.0/8) and keeps the secret shown once; --ping then asks for a `webhook.test`
delivery. Each delivery is verified (signature, and a timestamp within 5 minutes, against replays) before it is
trusted; a forged one is answered 400. --max N stops after N verified deliveries.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
from standardwebhooks import Webhook, WebhookVerificationError


def serve(port: int, secret: str, limit: int) -> ThreadingHTTPServer:
    verifier = Webhook(secret)
    verified = 0

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            nonlocal verified
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            try:
                payload = verifier.verify(body, {k.lower(): v for k, v in self.headers.items()})
            except WebhookVerificationError as exc:
                print(f"refused a delivery: {exc}", flush=True)
                self.send_response(400)
                self.end_headers()
                return
            self.send_response(204)
            self.end_headers()
            print(
                f"verified {payload['type']} {self.headers['webhook-id']} {json.dumps(payload['data'])[:120]}",
                flush=True,
            )
            verified += 1
            if limit and verified >= limit:
                threading.Thread(target=server.shutdown).start()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
            pass  # one line per delivery above is enough

    server = ThreadingHTTPServer(("127.0.0.1", port), Receiver)
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--secret", help="the subscription's whsec_… secret")
    parser.add_argument("--register", action="store_true", help="create a subscription for this receiver")
    parser.add_argument("--ping", action="store_true", help="with --register: ask for a webhook.test delivery")
    parser.add_argument("--max", type=int, default=0, help="stop after this many verified deliveries (0: never)")
    args = parser.parse_args()
    api = os.environ.get("API", "")
    headers = {"Authorization": f"Bearer {os.environ.get('PROVIDER', '')}"}
    subscription = None
    secret = args.secret
    if args.register:
        answer = httpx.post(
            f"{api}/v1/webhooks", headers=headers, json={"url": f"http://127.0.0.1:{args.port}/hooks"}, timeout=10
        )
        if answer.status_code != 201:
            print(f"could not subscribe: {answer.status_code} {answer.text}", file=sys.stderr)
            return 1
        subscription = answer.json()
        secret = subscription["secret"]
        print(f"subscribed {subscription['id']}", flush=True)
    if not secret:
        parser.error("give --secret or --register")
    server = serve(args.port, secret, args.max)
    print(f"receiving on http://127.0.0.1:{args.port}/hooks", flush=True)
    if args.ping and subscription is not None:
        # The test delivery happens while the API answers this request, so the receiver must already be serving.
        def ping() -> None:
            answer = httpx.post(f"{api}/v1/webhooks/{subscription['id']}/test", headers=headers, timeout=30)
            print(f"ping: {answer.status_code}", flush=True)

        threading.Thread(target=ping).start()
    server.serve_forever()
    server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
