"""A real `sla serve --demo` subprocess on a fresh database beside the test database: for tests that need real
commits seen by another connection (LISTEN/NOTIFY, the event stream) and for the runnable examples."""

from __future__ import annotations

import asyncio
import os
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx

CHECKOUT = Path(__file__).resolve().parents[1]


@dataclass
class DemoServer:
    api: str
    exports: dict[str, str]  # the tour's variables: API, OPERATOR, PROVIDER, CUSTOMER, … A
    printed: dict[str, str]  # everything else the demo printed ("acme client_id", …)
    env: dict[str, str]  # the server's environment (DATABASE_URL, PATH with `sla`)

    def token(self, name: str) -> str:
        return self.exports[name]


def _admin_url(database_url: str, name: str) -> tuple[str, str]:
    parts = urlsplit(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    return urlunsplit(parts._replace(path="/postgres")), urlunsplit(parts._replace(path=f"/{name}"))


async def _recreate(admin_url: str, name: str) -> None:
    connection = await asyncpg.connect(admin_url)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


@contextmanager
def demo_server(database_url: str, tmp_path: Path, port: int, suffix: str, **settings: str) -> Iterator[DemoServer]:
    """A fresh database `<test database>_<suffix>`, migrated, and `sla serve --demo` on `port` (extra `SLA_…`
    settings in `settings`)."""
    name = urlsplit(database_url).path.lstrip("/") + f"_{suffix}"
    admin, url = _admin_url(database_url, name)
    asyncio.run(_recreate(admin, name))
    bin_dir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SLA_DATA_DIR": str(tmp_path / "data"),
        "SLA_ENVIRONMENT": "development",
        "PATH": f"{bin_dir}:{os.environ.get('PATH', '')}",
        **settings,
    }
    subprocess.run(["sla", "migrate"], env=env, check=True, capture_output=True, timeout=300, cwd=CHECKOUT)
    server = subprocess.Popen(
        ["sla", "serve", "--demo", "--port", str(port), "--no-worker"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=tmp_path,
    )
    try:
        printed: dict[str, str] = {}
        exports: dict[str, str] = {}
        assert server.stdout is not None
        for line in server.stdout:
            if line.startswith("export "):
                exports = dict(item.split("=", 1) for item in shlex.split(line.strip())[1:])
                break
            key, _, value = line.strip().partition(": ")
            printed[key] = value
        assert exports, "sla serve --demo printed no export line"
        api = exports["API"]
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{api}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the demo server did not come up"
            time.sleep(0.3)
        yield DemoServer(api=api, exports=exports, printed=printed, env=env)
    finally:
        server.terminate()
        server.wait(timeout=30)
