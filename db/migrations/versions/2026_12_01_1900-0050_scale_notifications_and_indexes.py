"""changes to what the applicable-SLA lookup maps are notified on the outbox channel; indexes that keep growth flat

Every API process caches, per caller and customer, which agreements and versions apply
(`services/ticketing/applicable_mapping.py`) and drops that cache on `NOTIFY sla_webhooks, 'applicable'`. The
notification is sent by statement-level triggers on the tables the mapping is read from, so no write path can
forget it; PostgreSQL delivers it on commit only and folds repeats within one transaction into one. Writes the
mapping does not read (ticket ingestion, events, billing) send nothing.

Revision ID: 0050
Revises: 0017
Create Date: 2026-12-01 19:00:00
"""

from alembic import op

revision = "0050"
down_revision = "0017"
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
