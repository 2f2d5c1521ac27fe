"""changes to what the applicable-SLA lookup maps are notified on the outbox channel; indexes that keep growth flat

Every API process caches, per caller and customer, which agreements and versions apply
(`services/ticketing/applicable_mapping.py`) and drops that cache on `NOTIFY sla_webhooks, 'applicable'`. The
notification is sent by statement-level triggers on the tables the mapping is read from, so no write path can
forget it; PostgreSQL delivers it on commit only and folds repeats within one transaction into one. Writes the
mapping does not read (ticket ingestion, events, billing) send nothing.

Indexes: retention deletes webhook attempts, succeeded deliveries and (when configured) events by age, a batch at a
time; each batch is an index range on the age column instead of a scan of the whole table, so pruning costs what
it removes, not what the table holds.

Revision ID: 0050
Revises: 0030
Create Date: 2026-12-01 19:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0050"
down_revision = "0030"
branch_labels = None
depends_on = None

# (table, the trigger's events): updates only of the columns the mapping reads.
WATCHED = {
    "agreements": "INSERT OR DELETE OR UPDATE OF status, effective_from, effective_to, timezone, title, reference",
    "agreement_memberships": "INSERT OR DELETE OR UPDATE",
    "agreement_versions": "INSERT OR DELETE OR UPDATE OF status, effective_from, decided_at",
    "party_external_refs": "INSERT OR DELETE OR UPDATE",
    "parties": "DELETE",
    "calendars": "INSERT OR DELETE OR UPDATE",
}


def upgrade() -> None:
    op.create_index("ix_webhook_attempts_started_at", "webhook_attempts", ["started_at"])
    op.create_index(
        "ix_webhook_deliveries_succeeded_completed_at",
        "webhook_deliveries",
        ["completed_at"],
        postgresql_where=sa.text("status = 'succeeded'"),
    )
    op.create_index("ix_events_occurred_at", "events", ["occurred_at"])
    op.execute(
        """
        CREATE FUNCTION sla_notify_applicable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('sla_webhooks', 'applicable');
            RETURN NULL;
        END $$
        """
    )
    for table, events in WATCHED.items():
        op.execute(
            f"CREATE TRIGGER {table}_notify_applicable AFTER {events} ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION sla_notify_applicable()"
        )


def downgrade() -> None:
    for table in WATCHED:
        op.execute(f"DROP TRIGGER {table}_notify_applicable ON {table}")
    op.execute("DROP FUNCTION sla_notify_applicable()")
    op.drop_index("ix_events_occurred_at", table_name="events")
    op.drop_index("ix_webhook_deliveries_succeeded_completed_at", table_name="webhook_deliveries")
    op.drop_index("ix_webhook_attempts_started_at", table_name="webhook_attempts")
