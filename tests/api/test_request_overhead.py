"""What every request pays for before its own work: kept small on purpose (issue 12's hot paths)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def counting_tasks() -> Iterator[list[str]]:
    loop = asyncio.get_running_loop()
    previous = loop.get_task_factory()
    created: list[str] = []

    def factory(loop: asyncio.AbstractEventLoop, coro, **kwargs):  # type: ignore[no-untyped-def]
        created.append(getattr(coro, "__qualname__", repr(coro)))
        return asyncio.Task(coro, loop=loop, **kwargs)

    loop.set_task_factory(factory)
    try:
        yield created
    finally:
        loop.set_task_factory(previous)


async def test_a_read_spawns_no_task(client, world):
    # Litestar resolves a handler's dependencies of one level in an anyio task group: two tasks per request for
    # `session` and `actor`; plain ones are resolved in turn instead (api.app.resolve_plain_dependencies_in_turn).
    # Nor does counting the caller against its rate limit (api.rate_limits.InProcessMovingWindow: `limits`' in-memory
    # storage started a task per request to expire its entries).
    acme = await world.party("Acme")
    headers = await world.headers(acme)
    assert (await client.get("/v1/me", headers=headers)).status_code == 200
    with counting_tasks() as created:
        response = await client.get("/v1/me", headers=headers)
    assert response.status_code == 200 and response.json()["party"]["id"] == str(acme.id)
    assert created == []


async def test_a_handler_with_several_dependencies_still_gets_each(client, world):
    # GET /v1/agreements needs the session, the actor and the clock (`now`); resolved one at a time, each still
    # arrives: the list answers, scoped to the caller.
    acme = await world.party("Acme")
    with counting_tasks() as created:
        response = await client.get("/v1/agreements", headers=await world.headers(acme))
    assert response.status_code == 200, response.text
    assert response.json()["items"] == []
    # (SQLAlchemy closes the session this route used in a shielded task of its own: not a dependency's.)
    assert created == ["AsyncSession.close"]
