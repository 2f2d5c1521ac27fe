"""The floor of bench/hot_paths.py: what this machine's Python HTTP + PostgreSQL stack does with no work of its own.

Litestar and asyncpg answering one row of `parties` by primary key, served by uvicorn as `sla serve` serves the API
(two workers, each accepting on a socket of its own: api/serving.py):

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sla_bench python bench/floor_app.py --port 18221 --workers 2

`GET /parties/{id}` → `{"id": …, "name": …, "kind": …}` (404 when there is no such row).
"""

from __future__ import annotations

import argparse
import os
import sys
import uuid
from pathlib import Path

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


def main() -> None:
    parser = argparse.ArgumentParser(description="the floor app, served like `sla serve`")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    here = Path(__file__).resolve().parent
    sys.path[:0] = [str(here.parent), str(here)]  # the workers import `floor_app` and `api.serving`
    from api.serving import run  # noqa: PLC0415

    run("floor_app:app", port=args.port, workers=args.workers, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
