"""The scripts in examples/ run as written against a fresh `sla serve --demo`, with the environment its export line
sets and the generated SDK on the path, and print what their docstrings promise."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from tests.demo_server import CHECKOUT, DemoServer, demo_server

PORT = 19210
RECEIVER_PORT = 19211
EXAMPLES = CHECKOUT / "examples"


@pytest.fixture(scope="module")
def server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    with demo_server(
        database_url,
        tmp_path_factory.mktemp("examples"),
        PORT,
        "examples",
        SLA_WEBHOOK_ALLOW_NETWORKS="127.0.0.0/8",
    ) as running:
        yield running


def _env(server: DemoServer, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        **server.exports,
        "PYTHONPATH": str(CHECKOUT / "clients" / "python"),
        **extra,
    }


def _run(server: DemoServer, script: str, *args: str, cwd: Path, **extra: str) -> str:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        env=_env(server, **extra),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    return done.stdout


def test_zendesk_sync_prints_the_due_times_of_the_ticket_it_delivered(server, tmp_path):
    out = _run(server, "zendesk_sync.py", "--ticket", "61001", cwd=tmp_path)
    assert "zen:event-type:ticket.created: accepted" in out
    assert "zen:event-type:ticket.priority_changed: accepted" in out
    # Raised to urgent (P1): the demo agreement's P1 targets count calendar time, first response within an hour
    # and resolution within eight, from the opening ten minutes ago, so both still run.
    opened_line = next(line for line in out.splitlines() if line.startswith("ticket zendesk:61001 opened"))
    opened = datetime.fromisoformat(opened_line.rsplit(" ", 1)[1])
    assert f"first_response #1 (response-times): due {(opened + timedelta(hours=1)).isoformat()} [running]" in out
    assert f"resolution #1 (response-times): due {(opened + timedelta(hours=8)).isoformat()} [running]" in out


def test_billing_export_writes_last_months_statement_as_csv(server, tmp_path):
    out = _run(server, "billing_export.py", "--out", "statements", cwd=tmp_path, TOKEN=server.token("CUSTOMER"))
    files = sorted((tmp_path / "statements").glob("*.csv"))
    assert len(files) == 1, out
    # The README tour's numbers: 4,200.00 EUR, a 10 % credit, 3,780.00 EUR in all.
    assert "total 3780.00 EUR" in out
    rows = list(csv.DictReader(files[0].open()))
    assert {"amount": "-420.00", "currency": "EUR"}.items() <= next(r for r in rows if r["type"] == "credit").items()
    assert any(r["description"] == "Monthly support fee" for r in rows)
    assert sum(Decimal(r["amount"]) for r in rows) == Decimal("3780.00")


def test_portal_prints_events_as_they_are_committed(server, tmp_path):
    portal = subprocess.Popen(
        [sys.executable, str(EXAMPLES / "portal.py"), "--type", "agreement.created", "--max", "1"],
        env=_env(server, TOKEN=server.token("PROVIDER")),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert portal.stdout is not None
        assert portal.stdout.readline().strip() == "listening"
        time.sleep(0.3)
        created = httpx.post(
            f"{server.api}/v1/agreements",
            headers={"Authorization": f"Bearer {server.token('PROVIDER')}"},
            json={
                "title": "Portal example",
                "timezone": "Europe/Berlin",
                "memberships": [
                    {"party_id": server.token("PROVIDER_ID"), "role": "provider"},
                    {"party_id": server.token("CUSTOMER_ID"), "role": "customer"},
                ],
            },
            timeout=10,
        )
        assert created.status_code == 201, created.text
        out, err = portal.communicate(timeout=20)
    finally:
        portal.kill()
    assert portal.returncode == 0, err
    assert f"agreement.created agreement={created.json()['id']}" in out


def test_graphql_portal_prints_events_and_ticket_clocks_as_they_are_committed(server, tmp_path):
    ticket = f"portal-{time.time_ns()}"
    portal = subprocess.Popen(
        [
            sys.executable,
            str(EXAMPLES / "portal_graphql.py"),
            "--type",
            "AGREEMENT_CREATED",
            "--ticket",
            f"zendesk/{ticket}",
            "--max",
            "3",
        ],
        env=_env(server, TOKEN=server.token("PROVIDER")),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    provider = {"Authorization": f"Bearer {server.token('PROVIDER')}"}
    try:
        assert portal.stdout is not None
        assert portal.stdout.readline().strip() == "listening"
        time.sleep(0.5)
        created = httpx.post(
            f"{server.api}/v1/agreements",
            headers=provider,
            json={
                "title": "GraphQL portal example",
                "timezone": "Europe/Berlin",
                "memberships": [
                    {"party_id": server.token("PROVIDER_ID"), "role": "provider"},
                    {"party_id": server.token("CUSTOMER_ID"), "role": "customer"},
                ],
            },
            timeout=10,
        )
        assert created.status_code == 201, created.text
        opened = datetime.now().astimezone() - timedelta(minutes=1)
        event = {"source": "zendesk", "event_id": f"{ticket}-1", "ticket_id": ticket, "type": "created"}
        event |= {"occurred_at": opened.isoformat(), "customer": "zendesk:12345", "priority": "P1"}
        ingested = httpx.post(f"{server.api}/v1/tickets/events", headers=provider, json={"events": [event]}, timeout=10)
        assert ingested.status_code == 200, ingested.text
        out, err = portal.communicate(timeout=20)
    finally:
        portal.kill()
    assert portal.returncode == 0, err
    assert f"AGREEMENT_CREATED agreement={created.json()['id']}" in out or (
        f"agreement.created agreement={created.json()['id']}" in out
    ), out
    assert f"ticket zendesk/{ticket}: no such ticket" in out
    assert f"ticket zendesk/{ticket}: first_response running due " in out, out


def test_webhook_receiver_subscribes_and_verifies_a_test_delivery(server, tmp_path):
    receiver = subprocess.Popen(
        [
            sys.executable,
            str(EXAMPLES / "webhook_receiver.py"),
            "--port",
            str(RECEIVER_PORT),
            "--register",
            "--ping",
            "--max",
            "1",
        ],
        env=_env(server),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, err = receiver.communicate(timeout=40)
    finally:
        receiver.kill()
    assert receiver.returncode == 0, err + out
    assert "subscribed " in out
    assert "verified webhook.test" in out
    assert "ping: 200" in out


def test_webhook_receiver_refuses_a_forged_delivery(server, tmp_path):
    receiver = subprocess.Popen(
        [
            sys.executable,
            str(EXAMPLES / "webhook_receiver.py"),
            "--port",
            str(RECEIVER_PORT + 1),
            "--secret",
            "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        ],
        env=_env(server),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert receiver.stdout is not None
        assert receiver.stdout.readline().startswith("receiving on")
        forged = httpx.post(
            f"http://127.0.0.1:{RECEIVER_PORT + 1}/hooks",
            content=b'{"type": "agreement.activated", "data": {}}',
            headers={
                "webhook-id": "msg_forged",
                "webhook-timestamp": str(int(time.time())),
                "webhook-signature": "v1,bm90IGEgc2lnbmF0dXJl",
            },
            timeout=10,
        )
        assert forged.status_code == 400
        assert receiver.stdout.readline().startswith("refused a delivery")
    finally:
        receiver.kill()
        receiver.wait()
