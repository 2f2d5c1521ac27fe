"""The README's tour runs as written: its ```sh tour blocks, in order, in one shell that pasted the `export` line of a
fresh `sla serve --demo`, run from another directory than the checkout; every `# expect:` line of a block appears
in that block's output. So the tour cannot drift from what the server answers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import pytest

from tests.conftest import CHECKOUT

PORT = 18520
BLOCK = re.compile(r"^```sh tour\n(.*?)^```", re.DOTALL | re.MULTILINE)
EXPECT = re.compile(r"^# expect: (.+)$", re.MULTILINE)
MARK = "@@tour-block-{}@@"


def tour_blocks() -> list[str]:
    return BLOCK.findall((CHECKOUT / "README.md").read_text())


async def _recreate(admin_url: str, name: str) -> None:
    connection = await asyncpg.connect(admin_url)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


@pytest.fixture
async def demo_server(database_url: str, tmp_path: Path) -> AsyncIterator[tuple[str, dict[str, str], Path]]:
    """A fresh database beside the test database (same server), migrated, and `sla serve --demo` on it; yields the
    export line it printed."""
    parts = urlsplit(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    name = parts.path.lstrip("/") + "_tour"
    await _recreate(urlunsplit(parts._replace(path="/postgres")), name)
    bin_dir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "DATABASE_URL": urlunsplit(parts._replace(path=f"/{name}")),
        "SLA_DATA_DIR": str(tmp_path / "data"),
        "SLA_ENVIRONMENT": "development",
        "PATH": f"{bin_dir}:{os.environ.get('PATH', '')}",
    }
    subprocess.run(["sla", "migrate"], env=env, check=True, capture_output=True, timeout=300)
    server = subprocess.Popen(
        ["sla", "serve", "--demo", "--port", str(PORT), "--no-worker"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=tmp_path,
    )
    try:
        export = ""
        assert server.stdout is not None
        for line in server.stdout:
            if line.startswith("export "):
                export = line.strip()
                break
        assert export, "sla serve --demo printed no export line"
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{PORT}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the demo server did not come up"
            time.sleep(0.5)
        yield export, env, tmp_path
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_readme_has_a_tour_that_checks_its_answers():
    blocks = tour_blocks()
    assert len(blocks) >= 5
    assert all(EXPECT.search(block) for block in blocks[1:])


async def test_the_readme_tour_runs_as_written(demo_server):
    export, env, elsewhere = demo_server
    for name in ("API", "OPERATOR", "PROVIDER", "CUSTOMER", "THIRD_PARTY", "PROVIDER_ID", "CUSTOMER_ID", "A"):
        assert f" {name}=" in export, name
    blocks = tour_blocks()
    script = [export]
    for number, block in enumerate(blocks):
        script += [f"echo; echo {MARK.format(number)}", block]
    # A shell of its own, in another directory than the checkout: `sla token` must find the same database.
    run = subprocess.run(
        ["bash", "-c", "\n".join(script)], env=env, cwd=elsewhere, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    outputs = re.split(r"^@@tour-block-\d+@@$", run.stdout, flags=re.MULTILINE)[1:]
    assert len(outputs) == len(blocks), run.stdout
    for block, output in zip(blocks, outputs, strict=True):
        for expected in EXPECT.findall(block):
            assert expected in output, f"README tour block:\n{block}\nanswered:\n{output}"
