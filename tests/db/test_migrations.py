"""The migrations build exactly the schema the models describe, and their files are dated."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

import db.models  # noqa: F401  (registers the tables)
from db.base import Base
from db.engine import asyncpg_url
from db.migrate import MIGRATIONS, alembic_config, current_revision, head_revision

IGNORED_SEQUENCES = {"agreement_reference_seq"}


def _drift(sync_connection) -> list:
    context = MigrationContext.configure(sync_connection, opts={"compare_type": True, "compare_server_default": True})
    return compare_metadata(context, Base.metadata)


def _relevant(diffs: list) -> list:
    kept = []
    for diff in diffs:
        text = repr(diff)
        if any(name in text for name in IGNORED_SEQUENCES):
            continue
        kept.append(diff)
    return kept


async def test_autogenerate_finds_no_drift(connection):
    diffs = _relevant(await connection.run_sync(_drift))
    assert diffs == [], "models and migrations disagree; write a migration:\n" + "\n".join(map(repr, diffs))


async def test_the_test_database_is_at_head(connection):
    assert await current_revision(connection) == head_revision()


def test_one_linear_history():
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1, script.get_heads()
    revisions = list(script.walk_revisions())
    assert revisions[-1].down_revision is None
    for newer, older in zip(revisions, revisions[1:], strict=False):
        assert newer.down_revision == older.revision


FILE_NAME = re.compile(r"^(\d{4})_(\d{2})_(\d{2})_(\d{2})(\d{2})-(\d{4})_[a-z0-9_]+\.py$")


def test_migration_files_are_dated_and_numbered():
    files = sorted(p.name for p in (Path(MIGRATIONS) / "versions").glob("*.py"))
    assert files, "no migrations"
    for name in files:
        match = FILE_NAME.match(name)
        assert match, f"{name}: expected YYYY_MM_DD_HHMM-NNNN_slug.py"
        year, month, day, hour, minute = map(int, match.groups()[:5])
        assert 2020 <= year and 1 <= month <= 12 and 1 <= day <= 31 and hour < 24 and minute < 60, name
    # Sorting by name is sorting by date, and the numbers count up with the history (with gaps: parallel
    # branches take numbers of their own from one head and are re-chained when merged).
    numbers = [int(FILE_NAME.match(n).group(6)) for n in files]
    assert numbers[0] == 1 and numbers == sorted(set(numbers)), files
    script = ScriptDirectory.from_config(alembic_config())
    by_file = {Path(r.path).name: r.revision for r in script.walk_revisions()}
    ordered = [by_file[n] for n in files]
    assert ordered == [r.revision for r in reversed(list(script.walk_revisions()))]


@asynccontextmanager
async def scratch_database(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An empty database beside the test database, for migrating up and down; dropped afterwards."""
    server = make_url(asyncpg_url(database_url))
    scratch = server.set(database=f"{server.database}_migration")
    admin = create_async_engine(server, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'DROP DATABASE IF EXISTS "{scratch.database}" WITH (FORCE)'))
        await connection.execute(text(f'CREATE DATABASE "{scratch.database}"'))
    engine = create_async_engine(scratch)
    try:
        yield engine
    finally:
        await engine.dispose()
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{scratch.database}" WITH (FORCE)'))
        await admin.dispose()


def to(revision: str, direction=command.upgrade):
    """A `run_sync` step migrating the connection's database to `revision` (down with `command.downgrade`)."""

    def run(sync_connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = sync_connection
        direction(config, revision)

    return run


async def test_0010_gives_stored_cycles_their_opening_event_and_keeps_what_was_announced(database_url):
    """On a database with clocks numbered the old way: each cycle gets the event that opened it, a leftover that
    no event opened gets a placeholder, and announcements follow their clock (orphans dropped); downgrade restores."""
    async with scratch_database(database_url) as engine:
        async with engine.begin() as connection:
            await connection.run_sync(to("0006"))
            for statement in """
                INSERT INTO parties (id, name) VALUES ('00000000-0000-0000-0000-000000000001', 'Acme');
                INSERT INTO tickets (id, source, external_id, reporter_party_id) VALUES
                  ('00000000-0000-0000-0000-0000000000a1', 'zendesk', '1', '00000000-0000-0000-0000-000000000001');
                INSERT INTO ticket_events (id, ticket_id, source, event_id, type, occurred_at, received_at) VALUES
                  (gen_random_uuid(), '00000000-0000-0000-0000-0000000000a1', 'zendesk', 'e1', 'created',
                   '2026-11-02 08:00Z', now()),
                  (gen_random_uuid(), '00000000-0000-0000-0000-0000000000a1', 'zendesk', 'q1', 'customer_replied',
                   '2026-11-02 09:00Z', now());
                INSERT INTO sla_clocks (id, ticket_id, metric, cycle, target_key, clause_key, status, started_at,
                                        original_due_at, due_at) VALUES
                  ('00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000a1', 'first_response',
                   1, 't', 'c', 'met', '2026-11-02 08:00Z', '2026-11-02 09:00Z', '2026-11-02 09:00Z'),
                  ('00000000-0000-0000-0000-0000000000c2', '00000000-0000-0000-0000-0000000000a1', 'next_response',
                   1, 't', 'c', 'breached', '2026-11-02 09:00Z', '2026-11-02 09:30Z', '2026-11-02 09:30Z'),
                  ('00000000-0000-0000-0000-0000000000c3', '00000000-0000-0000-0000-0000000000a1', 'next_response',
                   2, 't', 'c', 'cancelled', '2026-11-02 09:00Z', '2026-11-02 09:30Z', '2026-11-02 09:30Z');
                INSERT INTO sla_notifications (ticket_id, metric, cycle, kind, sent_at) VALUES
                  ('00000000-0000-0000-0000-0000000000a1', 'next_response', 1, 'breached', now()),
                  ('00000000-0000-0000-0000-0000000000a1', 'next_response', 7, 'met', now());
            """.split(";")[:-1]:
                await connection.exec_driver_sql(statement)
            await connection.run_sync(to("0010"))
            opened = dict(
                (await connection.execute(text("SELECT right(id::text, 2), opened_by FROM sla_clocks"))).all()
            )
            assert opened == {"c1": "e1", "c2": "q1", "c3": "legacy:00000000-0000-0000-0000-0000000000c3"}
            notified = (
                await connection.execute(text("SELECT right(clock_id::text, 2), kind FROM sla_notifications"))
            ).all()
            assert notified == [("c2", "breached")]
            await connection.run_sync(to("0006", command.downgrade))
            restored = (await connection.execute(text("SELECT metric, cycle, kind FROM sla_notifications"))).all()
            assert restored == [("next_response", 1, "breached")]


async def test_0100_keeps_each_clocks_earliest_pending_timer_and_downgrade_restores_the_deadline(database_url):
    """Each clock's pending timers (deadline and warnings) become one: the earliest, as `sla.due` keyed by the clock,
    naming the warning's percent; downgrade gives that warning its own timer back and the deadline its time."""
    c1, c2, t = (f"00000000-0000-0000-0000-0000000000{n}" for n in ("c1", "c2", "a1"))
    timers = (
        "SELECT kind, key, to_char(due_at AT TIME ZONE 'UTC', 'HH24:MI'), payload, status FROM timers ORDER BY 2, 1"
    )
    async with scratch_database(database_url) as engine:
        async with engine.begin() as connection:
            await connection.run_sync(to("0090"))
            for statement in f"""
                INSERT INTO parties (id, name) VALUES ('00000000-0000-0000-0000-000000000001', 'Acme');
                INSERT INTO tickets (id, source, external_id, reporter_party_id) VALUES
                  ('{t}', 'zendesk', '1', '00000000-0000-0000-0000-000000000001');
                INSERT INTO sla_clocks (id, ticket_id, metric, opened_by, cycle, target_key, clause_key, status,
                                        started_at, original_due_at, due_at) VALUES
                  ('{c1}', '{t}', 'resolution', 'e1', 1, 't', 'c', 'running', '2026-11-02 08:00Z',
                   '2026-11-02 12:00Z', '2026-11-02 12:00Z'),
                  ('{c2}', '{t}', 'first_response', 'e1', 1, 't', 'c', 'running', '2026-11-02 08:00Z',
                   '2026-11-02 09:00Z', '2026-11-02 09:00Z');
                INSERT INTO timers (id, kind, key, due_at, payload, status) VALUES
                  (gen_random_uuid(), 'sla.due', '{c1}', '2026-11-02 12:00Z', '{{"ticket_id": "{t}"}}', 'pending'),
                  (gen_random_uuid(), 'sla.warning', '{c1}:25', '2026-11-02 09:00Z',
                   '{{"ticket_id": "{t}", "clock_id": "{c1}", "percent": 25}}', 'fired'),
                  (gen_random_uuid(), 'sla.warning', '{c1}:50', '2026-11-02 10:00Z',
                   '{{"ticket_id": "{t}", "clock_id": "{c1}", "percent": 50}}', 'pending'),
                  (gen_random_uuid(), 'sla.warning', '{c1}:75', '2026-11-02 11:00Z',
                   '{{"ticket_id": "{t}", "clock_id": "{c1}", "percent": 75}}', 'pending'),
                  (gen_random_uuid(), 'sla.due', '{c2}', '2026-11-02 09:00Z', '{{"ticket_id": "{t}"}}', 'pending');
            """.split(";")[:-1]:
                await connection.exec_driver_sql(statement)
            await connection.run_sync(to("0100"))
            assert (await connection.execute(text(timers))).all() == [
                ("sla.due", c1, "10:00", {"ticket_id": t, "clock_id": c1, "percent": 50}, "pending"),
                ("sla.warning", f"{c1}:25", "09:00", {"ticket_id": t, "clock_id": c1, "percent": 25}, "fired"),
                ("sla.due", c2, "09:00", {"ticket_id": t, "clock_id": c2}, "pending"),
            ]
            await connection.run_sync(to("0090", command.downgrade))
            assert (await connection.execute(text(timers))).all() == [
                ("sla.due", c1, "12:00", {"ticket_id": t}, "pending"),
                ("sla.warning", f"{c1}:25", "09:00", {"ticket_id": t, "clock_id": c1, "percent": 25}, "fired"),
                ("sla.warning", f"{c1}:50", "10:00", {"ticket_id": t, "clock_id": c1, "percent": 50}, "pending"),
                ("sla.due", c2, "09:00", {"ticket_id": t, "clock_id": c2}, "pending"),
            ]


async def test_0110_gives_each_membership_its_agreements_creation_and_a_trigger_keeps_it(database_url):
    """Existing memberships get their agreement's `created_at`; a membership inserted later gets it from the trigger,
    whoever inserts it; downgrade drops the column and the trigger."""
    party, other, older, newer = (f"00000000-0000-0000-0000-00000000000{n}" for n in range(1, 5))
    created = "SELECT agreement_id::text, to_char(agreement_created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') "
    created += "FROM agreement_memberships ORDER BY 1, party_id"
    async with scratch_database(database_url) as engine:
        async with engine.begin() as connection:
            await connection.run_sync(to("0100"))
            for statement in f"""
                INSERT INTO parties (id, name) VALUES ('{party}', 'Acme'), ('{other}', 'Globex');
                INSERT INTO agreements (id, reference, title, status, created_at) VALUES
                  ('{older}', 'AG-1', 'Older', 'active', '2026-01-05 10:00Z'),
                  ('{newer}', 'AG-2', 'Newer', 'draft', '2026-11-30 09:30Z');
                INSERT INTO agreement_memberships (agreement_id, party_id, role) VALUES
                  ('{older}', '{party}', 'provider'), ('{older}', '{other}', 'customer')
            """.split(";"):
                await connection.execute(text(statement))
            await connection.run_sync(to("0110"))
            await connection.execute(
                text(
                    "INSERT INTO agreement_memberships (agreement_id, party_id, role) "
                    f"VALUES ('{newer}', '{party}', 'provider')"
                )
            )
            assert (await connection.execute(text(created))).all() == [
                (older, "2026-01-05 10:00"),
                (older, "2026-01-05 10:00"),
                (newer, "2026-11-30 09:30"),
            ]
            await connection.run_sync(to("0100", command.downgrade))
            columns = await connection.execute(
                text(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_name = 'agreement_memberships' AND column_name = 'agreement_created_at'"
                )
            )
            assert columns.all() == []
