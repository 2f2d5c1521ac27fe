"""The worker's timer table is explicit and complete: every kind has its handler, every handler a capability marks
with `@timer_handler(kind)` is listed under that kind, and a kind missing from the table is retried, never fired."""

from __future__ import annotations

import ast
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

import services
from db.models import Timer
from db.values import TimerKind
from services.timers import schedule_timer
from worker.timers import TIMER_HANDLERS, fire_due_timers

SERVICES = Path(services.__file__).parent


def _marked_handlers() -> dict[str, tuple[str, str]]:
    """`{kind: (module, function)}` for every `@timer_handler("kind")` in services/."""
    marked: dict[str, tuple[str, str]] = {}
    for path in sorted(SERVICES.rglob("*.py")):
        module = ".".join(path.relative_to(SERVICES.parent).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.AsyncFunctionDef | ast.FunctionDef):
                continue
            for decorator in node.decorator_list:
                if (
                    isinstance(decorator, ast.Call)
                    and getattr(decorator.func, "id", None) == "timer_handler"
                    and isinstance(decorator.args[0], ast.Constant)
                ):
                    marked[decorator.args[0].value] = (module, node.name)
    return marked


def test_every_timer_kind_has_a_handler_in_the_table():
    assert set(TIMER_HANDLERS) == set(TimerKind)


def test_every_marked_handler_is_in_the_table_under_its_kind():
    for kind, (module, name) in _marked_handlers().items():
        handler = TIMER_HANDLERS.get(kind)
        assert handler is not None, f"{module}.{name} handles {kind!r}, which worker/timers.py does not list"
        assert (handler.__module__, handler.__name__) == (module, name), kind


async def test_a_kind_without_a_handler_is_retried_with_its_reason_not_fired(sessionmaker):
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    async with sessionmaker() as session:
        await schedule_timer(session, "nobody.handles", "the-key", now - timedelta(minutes=1))
        await session.commit()
    assert await fire_due_timers(sessionmaker, now=now) == 0
    async with sessionmaker() as session:
        timer = await session.scalar(select(Timer).where(Timer.kind == "nobody.handles"))
    assert timer is not None
    assert timer.status == "pending" and timer.attempts == 1 and timer.due_at > now
    assert timer.last_error == "LookupError: no handler for timer kind 'nobody.handles'"


async def test_a_handler_may_schedule_its_own_timer_again_and_a_failing_one_is_retried(sessionmaker):
    """The timer is marked fired before its handler runs, so a handler that schedules the same (kind, key) for its
    next moment keeps it pending; a handler that fails leaves nothing of its writes and the timer pending."""
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    later = now + timedelta(hours=1)

    async def again(session, timer, at):
        await schedule_timer(session, timer.kind, timer.key, later, {"round": 2})

    async def failing(session, timer, at):
        await schedule_timer(session, "side.effect", "written-then-undone", later)
        raise RuntimeError("the endpoint is down")

    async with sessionmaker() as session:
        await schedule_timer(session, "again", "k", now - timedelta(minutes=1))
        await schedule_timer(session, "failing", "k", now - timedelta(minutes=1))
        await session.commit()
    assert await fire_due_timers(sessionmaker, now=now, handlers={"again": again, "failing": failing}) == 1
    async with sessionmaker() as session:
        timers = {t.kind: t for t in await session.scalars(select(Timer))}
    assert timers["again"].status == "pending" and timers["again"].due_at == later
    assert timers["again"].payload == {"round": 2} and timers["again"].fired_at is None
    assert timers["failing"].status == "pending" and timers["failing"].attempts == 1
    assert timers["failing"].fired_at is None and timers["failing"].due_at > now
    assert timers["failing"].last_error == "RuntimeError: the endpoint is down"
    assert "side.effect" not in timers
