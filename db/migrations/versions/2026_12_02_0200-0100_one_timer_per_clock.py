"""a ticket clock keeps one timer, its next moment; indexes no query needs are dropped; clocks and tickets leave room
for updates in place

Ingesting 100 new tickets wrote about 600 timers: each running clock had one per warning threshold (`sla.warning`,
key `<clock id>:<percent>`) besides its deadline (`sla.due`, key `<clock id>`). A clock now keeps only its next
moment, under `sla.due` and its own id: the earliest of its warnings not yet announced and its deadline; the worker
that fires it schedules the next one in the same transaction (`services/ticketing/tickets.py`). Here each clock's
pending timers become one: the earliest, as `sla.due` (its payload names the warning's percent when it is one).

Indexes written by every batch that no query reads:
- `ix_ticket_events_ticket_id` duplicates the leading column of `uq_ticket_events_ticket_id_source_event_id`, which
  serves every read of a ticket's events (by one ticket or a list of them) and the cascade from `tickets`;
- `ix_sla_clocks_due` (running and paused clocks by deadline) was for a worker that scanned clocks; timers replaced
  it, and no query filters clocks on their deadline alone (the billing figures reach clocks through their tickets).
  Without it, a replay that rewrites a clock changes no indexed column, so PostgreSQL can update it in place on its
  page (a HOT update: no new index entries) when the page has room: `sla_clocks` (rewritten by most batches) keeps
  30 % of each new page free, `tickets` (rewritten by every batch about them) 15 %.

Downgrade: each clock's next warning gets back its own `sla.warning` timer and its `sla.due` timer returns to its
deadline; the warnings after the next one of clocks running at that moment are not restored.

Revision ID: 0100
Revises: 0090
Create Date: 2026-12-02 02:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0100"
down_revision = "0090"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        WITH pending AS (
            SELECT split_part(key, ':', 1) AS clock_key, due_at, payload, attempts, last_error,
                   CASE WHEN kind = 'sla.warning' THEN split_part(key, ':', 2)::int END AS percent,
                   row_number() OVER (PARTITION BY split_part(key, ':', 1) ORDER BY due_at, kind) AS n
            FROM timers
            WHERE kind IN ('sla.due', 'sla.warning') AND status = 'pending'
        )
        INSERT INTO timers (id, kind, key, due_at, payload, status, attempts, last_error)
        SELECT gen_random_uuid(), 'sla.due', clock_key, due_at,
               jsonb_build_object('ticket_id', payload->>'ticket_id', 'clock_id', clock_key)
               || CASE WHEN percent IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('percent', percent) END,
               'pending', attempts, last_error
        FROM pending
        WHERE n = 1
        ON CONFLICT (kind, key) DO UPDATE SET due_at = excluded.due_at, payload = excluded.payload,
            status = 'pending', attempts = excluded.attempts, last_error = excluded.last_error, fired_at = NULL
        """
    )
    op.execute("DELETE FROM timers WHERE kind = 'sla.warning' AND status = 'pending'")
    op.drop_index("ix_ticket_events_ticket_id", table_name="ticket_events")
    op.drop_index(
        "ix_sla_clocks_due", table_name="sla_clocks", postgresql_where=sa.text("status IN ('running', 'paused')")
    )
    op.execute("ALTER TABLE sla_clocks SET (fillfactor = 70)")
    op.execute("ALTER TABLE tickets SET (fillfactor = 85)")


def downgrade() -> None:
    op.execute("ALTER TABLE tickets RESET (fillfactor)")
    op.execute("ALTER TABLE sla_clocks RESET (fillfactor)")
    op.create_index(
        "ix_sla_clocks_due", "sla_clocks", ["due_at"], postgresql_where=sa.text("status IN ('running', 'paused')")
    )
    op.create_index("ix_ticket_events_ticket_id", "ticket_events", ["ticket_id"])
    op.execute(
        """
        INSERT INTO timers (id, kind, key, due_at, payload, status)
        SELECT gen_random_uuid(), 'sla.warning', key || ':' || (payload->>'percent'), due_at, payload, 'pending'
        FROM timers
        WHERE kind = 'sla.due' AND status = 'pending' AND payload ? 'percent'
        ON CONFLICT (kind, key) DO UPDATE SET due_at = excluded.due_at, payload = excluded.payload,
            status = 'pending', fired_at = NULL
        """
    )
    op.execute(
        """
        UPDATE timers
        SET due_at = sla_clocks.due_at, payload = jsonb_build_object('ticket_id', timers.payload->>'ticket_id')
        FROM sla_clocks
        WHERE timers.kind = 'sla.due' AND timers.status = 'pending' AND timers.payload ? 'percent'
            AND timers.key = sla_clocks.id::text
        """
    )
