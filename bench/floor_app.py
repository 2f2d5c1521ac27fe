"""The floor of bench/hot_paths.py: what this machine's Python HTTP + PostgreSQL stack does with no work of its own.

Litestar and asyncpg answering one row of `parties` by primary key, served by uvicorn like `sla serve`:

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sla_bench uvicorn --app-dir bench floor_app:app --workers 2

`GET /parties/{id}` → `{"id": …, "name": …, "kind": …}` (404 when there is no such row).
"""

from __future__ import annotations

import os
import uuid

import asyncpg
from litestar import Litestar, get
from litestar.exceptions import NotFoundException

POOL: asyncpg.Pool | None = None


async def open_pool() -> None:
    global POOL
    POOL = await asyncpg.create_pool(
        os.environ["DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://"), min_size=2, max_size=10
    )


async def close_pool() -> None:
    if POOL is not None:
        await POOL.close()


@get("/parties/{party_id:uuid}")
async def party(party_id: uuid.UUID) -> dict[str, str]:
    row = await POOL.fetchrow("SELECT id, name, kind FROM parties WHERE id = $1", party_id)
    if row is None:
        raise NotFoundException()
    return {"id": str(row["id"]), "name": row["name"], "kind": row["kind"]}


app = Litestar([party], on_startup=[open_pool], on_shutdown=[close_pool])
