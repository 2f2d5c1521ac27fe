"""The worker's heartbeat file and `sla worker --check`, the health check of a container that makes no requests."""

from __future__ import annotations

import asyncio
import os
import time

from click.testing import CliRunner

from api.cli import main
from api.settings import Settings
from db.engine import make_engine, make_sessionmaker
from worker.loop import Worker


def _worker(engine, heartbeat_file) -> Worker:
    policy = Settings(environment="test", webhook_allow_networks="127.0.0.0/8").delivery_policy()
    return Worker(make_sessionmaker(engine), None, policy, lanes=1, poll_interval=0.05, heartbeat_file=heartbeat_file)


async def _run_for(worker: Worker, seconds: float) -> None:
    task = asyncio.create_task(worker.run())
    await asyncio.sleep(seconds)
    worker.stop()
    await task


def _check(monkeypatch, heartbeat_file, max_age: str = "60"):
    monkeypatch.setenv("SLA_WORKER_HEARTBEAT_FILE", str(heartbeat_file))
    monkeypatch.setenv("SLA_WORKER_HEARTBEAT_MAX_AGE_SECONDS", max_age)
    return CliRunner().invoke(main, ["worker", "--check"])


async def test_a_running_worker_keeps_its_heartbeat_fresh(engine, tmp_path, monkeypatch):
    heartbeat = tmp_path / "heartbeat"
    await _run_for(_worker(engine, heartbeat), 0.5)
    assert heartbeat.exists()
    result = _check(monkeypatch, heartbeat)
    assert result.exit_code == 0, result.output
    assert "worker alive" in result.output

    # A worker stopped (or stuck) longer than the maximum age fails the check.
    old = time.time() - 120
    os.utime(heartbeat, (old, old))
    result = _check(monkeypatch, heartbeat)
    assert result.exit_code == 1 and "last heartbeat is 120 s old" in result.output


async def test_no_heartbeat_while_the_database_is_unreachable(tmp_path, monkeypatch):
    heartbeat = tmp_path / "heartbeat"
    dead = make_engine("postgresql://postgres@127.0.0.1:18699/none", pool_size=1)  # nothing listens there
    try:
        await _run_for(_worker(dead, heartbeat), 0.5)
    finally:
        await dead.dispose()
    assert not heartbeat.exists()
    result = _check(monkeypatch, heartbeat)
    assert result.exit_code == 1 and "no worker heartbeat" in result.output


def test_check_without_a_heartbeat_file_setting_says_so(monkeypatch):
    monkeypatch.delenv("SLA_WORKER_HEARTBEAT_FILE", raising=False)
    result = CliRunner().invoke(main, ["worker", "--check"])
    assert result.exit_code == 1 and "SLA_WORKER_HEARTBEAT_FILE is not set" in result.output
