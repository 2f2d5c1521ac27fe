"""The migrations build exactly the schema the models describe, and their files are dated."""

from __future__ import annotations

import re
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

import db.models  # noqa: F401  (registers the tables)
from db.base import Base
from db.migrate import MIGRATIONS, alembic_config, current_revision, head_revision

IGNORED_SEQUENCES = {"agreement_reference_seq"}


def _drift(sync_connection) -> list:
    context = MigrationContext.configure(sync_connection, opts={"compare_type": True,
                                                                "compare_server_default": True})
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
    for newer, older in zip(revisions, revisions[1:]):
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
    # Sorting by name is sorting by date, and the numbers count up with the history (parallel branches reserve
    # numbers, so there may be gaps where a branch was not merged).
    numbers = [int(FILE_NAME.match(n).group(6)) for n in files]
    assert numbers == sorted(set(numbers)) and numbers[0] == 1, files
    script = ScriptDirectory.from_config(alembic_config())
    by_file = {Path(r.path).name: r.revision for r in script.walk_revisions()}
    ordered = [by_file[n] for n in files]
    assert ordered == [r.revision for r in reversed(list(script.walk_revisions()))]
