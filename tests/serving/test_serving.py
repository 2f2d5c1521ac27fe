"""`sla serve --workers N`: a listening socket per worker (SO_REUSEPORT), so connections opened together spread
over the workers instead of landing on whichever woke first (api/serving.py)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.serving import reuse_port_supported

ROOT = Path(__file__).resolve().parents[2]
PORT = 18671
CONNECTIONS = 32

pytestmark = pytest.mark.skipif(not reuse_port_supported(), reason="SO_REUSEPORT is Linux/BSD only")


def ask(connection: socket.socket) -> int:
    """The pid that answered a GET on this keep-alive connection."""
    connection.sendall(b"GET / HTTP/1.1\r\nHost: test\r\n\r\n")
    data = b""
    while b"\r\n\r\n" not in data or len(data.partition(b"\r\n\r\n")[2]) < _length(data):
        chunk = connection.recv(4096)
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return int(data.partition(b"\r\n\r\n")[2])


def _length(data: bytes) -> int:
    head = data.partition(b"\r\n\r\n")[0].lower()
    return int(head.split(b"content-length:")[1].split(b"\r\n")[0]) if b"content-length:" in head else 1


def spread() -> Counter[int]:
    """Opens `CONNECTIONS` connections at once, then asks on each: how many each worker pid holds."""
    connections = [socket.create_connection(("127.0.0.1", PORT), timeout=10) for _ in range(CONNECTIONS)]
    try:
        return Counter(ask(c) for c in connections)
    finally:
        for c in connections:
            c.close()


def answering(timeout: float = 30) -> Counter[int]:
    """The spread once every worker has started (each answers a connection of its own)."""
    deadline = time.monotonic() + timeout
    seen: Counter[int] = Counter()
    while True:
        try:
            if len(seen := spread()) == 2:
                return spread()
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"both workers never answered: {seen}")
        time.sleep(0.2)


@pytest.fixture
def supervisor() -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.serving.supervise", str(PORT), "2"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()


def listening_sockets() -> int:
    """Listening sockets on PORT, as the kernel lists them (one per worker, each with SO_REUSEPORT)."""
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return sum(1 for row in rows if row.split()[1].endswith(f":{PORT:04X}") and row.split()[3] == "0A")


def test_connections_opened_together_spread_over_the_workers(supervisor):
    first = answering()
    assert len(first) == 2, f"one worker took every connection: {first}"
    # The kernel hashes each connection to a socket: both get a share (a 28/4 split or worse has odds near 1e-5).
    assert min(first.values()) >= 4, first
    assert listening_sockets() == 2


def test_a_worker_that_dies_is_replaced_on_its_own_socket(supervisor):
    before = answering()
    victim = next(iter(before))
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while True:
        after = answering()
        if victim not in after and len(after) == 2:
            break
        assert time.monotonic() < deadline, f"no replacement for {victim}: {after}"
        time.sleep(0.5)
    survivor = next(pid for pid in before if pid != victim)
    assert survivor in after and min(after.values()) >= 4, after
    assert listening_sockets() == 2
