"""changes to what a party's watermark covers are notified, so API processes can keep watermarks between them

The GraphQL response cache validates a repeated read by the caller's watermark (`services/watermarks.py`): its own
events, the agreements it is a member of, and the parties it shares them with. Reading it is one statement, but for a
party in hundreds of agreements a costly one (it hashes every agreement and co-member). Each API process now keeps
the watermarks it read until a change is notified on `sla_watermarks` (payload `watermark`), sent by statement-level
triggers on every table the watermark reads, so no write path can forget it; PostgreSQL delivers it on commit only
and folds repeats within one transaction into one. A separate channel, so webhook workers are not woken by it.

Revision ID: 0090
Revises: 0080
Create Date: 2026-12-02 01:00:00
"""

from alembic import op

revision = "0090"
down_revision = "0080"
branch_labels = None
depends_on = None

WATCHED = {
    "agreements": "INSERT OR DELETE OR UPDATE",
    "agreement_memberships": "INSERT OR DELETE OR UPDATE",
    "agreement_versions": "INSERT OR DELETE OR UPDATE",
    "parties": "INSERT OR DELETE OR UPDATE",
    "events": "INSERT OR DELETE OR UPDATE",
}


def upgrade() -> None:
    op.execute(
        """
        CREATE FUNCTION sla_notify_watermark() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('sla_watermarks', 'watermark');
            RETURN NULL;
        END $$
        """
    )
    for table, events in WATCHED.items():
        op.execute(
            f"CREATE TRIGGER {table}_notify_watermark AFTER {events} ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION sla_notify_watermark()"
        )


def downgrade() -> None:
    for table in WATCHED:
        op.execute(f"DROP TRIGGER {table}_notify_watermark ON {table}")
    op.execute("DROP FUNCTION sla_notify_watermark()")
