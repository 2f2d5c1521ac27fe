"""The one-command experience, end to end: `sla serve` on an empty data directory, no DATABASE_URL.

Runs the real command line in subprocesses: the embedded PostgreSQL starts, is migrated and serves; the
operator token from `sla token --operator` and the client from `sla clients create` work against the running
API; a second start reuses the same data; and every stop leaves no PostgreSQL behind.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 90.0


def _cli_env() -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "SLA_DATABASE_URL", "TEST_DATABASE_URL", "SLA_ENVIRONMENT", "SLA_DATA_DIR"}
    }
    # A relative data directory, resolved against the commands' working directory (not the checkout).
    env["SLA_DATA_DIR"] = "sla-data"
    # Importable from another directory whether or not the checkout is pip-installed.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _sla(workdir: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        cwd=workdir,
        env=_cli_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"sla {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postmaster_pid(pgdata: Path) -> int:
    return int((pgdata / "postmaster.pid").read_text().splitlines()[0])


def _process_running(pid: int) -> bool:
    # Read the state rather than probing with kill(pid, 0): the stopped postmaster's parent is init, which may
    # take a moment to reap it, and a zombie is not a running PostgreSQL.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@contextmanager
def _serving(workdir: Path) -> Iterator[httpx.Client]:
    """`sla serve` until the block ends; then SIGTERM, and proof that its PostgreSQL stopped with it."""
    port = _free_port()
    log_path = workdir / f"serve-{port}.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "api.cli", "serve", "--port", str(port), "--no-worker"],
            cwd=workdir,
            env=_cli_env(),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert server.poll() is None, f"sla serve exited early:\n{log_path.read_text()}"
            assert time.monotonic() < deadline, f"/healthz never answered:\n{log_path.read_text()}"
            try:
                if httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)

        pgdata = workdir / "sla-data" / "pgdata"
        postmaster = _postmaster_pid(pgdata)
        with httpx.Client(base_url=base_url, timeout=10) as client:
            yield client
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
                raise AssertionError(f"sla serve ignored SIGTERM:\n{log_path.read_text()}") from None

    log = log_path.read_text()
    # Exit by SIGTERM, turned into a normal interpreter exit so that the embedded database is stopped.
    assert server.returncode == 128 + signal.SIGTERM, f"exit status {server.returncode}:\n{log}"
    assert not (pgdata / "postmaster.pid").exists(), f"PostgreSQL was not shut down:\n{log}"
    assert not _process_running(postmaster), f"PostgreSQL (pid {postmaster}) is still running:\n{log}"


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _client_token(api: httpx.Client, client_id: str, client_secret: str) -> str:
    response = api.post(
        "/oauth/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"].lower() == "bearer"
    return body["access_token"]


def test_serve_embedded_tokens_clients_and_restart(tmp_path: Path) -> None:
    with _serving(tmp_path) as api:
        operator_token = _sla(tmp_path, "token", "--operator").split()[-1]
        me = api.get("/v1/me", headers=_bearer(operator_token))
        assert me.status_code == 200, me.text
        assert me.json()["operator"] is True

        created = api.post("/v1/parties", json={"name": "Acme Support"}, headers=_bearer(operator_token))
        assert created.status_code == 201, created.text
        party_id = created.json()["id"]

        printed = _sla(tmp_path, "clients", "create", "--party", party_id, "--scope", "agreements:read")
        lines = dict(line.split(": ", 1) for line in printed.splitlines())
        client_id, client_secret = lines["client_id"], lines["client_secret"]

        party_me = api.get("/v1/me", headers=_bearer(_client_token(api, client_id, client_secret)))
        assert party_me.status_code == 200, party_me.text
        assert party_me.json()["party"]["id"] == party_id
        assert party_me.json()["scopes"] == ["agreements:read"]

        kids = {key["kid"] for key in api.get("/.well-known/jwks.json").json()["keys"]}
        assert kids

    # The second start finds the same cluster: the same signing keys, the same API client.
    with _serving(tmp_path) as api:
        assert {key["kid"] for key in api.get("/.well-known/jwks.json").json()["keys"]} == kids
        party_me = api.get("/v1/me", headers=_bearer(_client_token(api, client_id, client_secret)))
        assert party_me.status_code == 200, party_me.text
        assert party_me.json()["party"]["id"] == party_id
