"""clock cycles identified by the event that opened them

Revision ID: 0010
Revises: 0006
Create Date: 2026-12-01 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sla_clocks", sa.Column("opened_by", sa.String(length=200), nullable=True))
    # A clock started at the instant of the event that opened it: `created` for first response and resolution,
    # `customer_replied` for a next-response cycle. Rows without such an event (leftovers of the numbering this
    # replaces) get a placeholder; the ticket's next replay drops them, retracting what they announced.
    op.execute("""
        UPDATE sla_clocks c SET opened_by = COALESCE(
            (SELECT e.event_id FROM ticket_events e
              WHERE e.ticket_id = c.ticket_id AND e.occurred_at = c.started_at
                AND e.type = CASE WHEN c.metric = 'next_response' THEN 'customer_replied' ELSE 'created' END
              ORDER BY e.event_id LIMIT 1),
            'legacy:' || c.id::text)
    """)
    op.execute("""
        UPDATE sla_clocks c SET opened_by = 'legacy:' || c.id::text
          FROM (SELECT id, row_number() OVER (PARTITION BY ticket_id, metric, opened_by ORDER BY cycle) AS n
                  FROM sla_clocks) d
         WHERE d.id = c.id AND d.n > 1
    """)
    op.alter_column("sla_clocks", "opened_by", nullable=False)
    op.drop_constraint(op.f("uq_sla_clocks_ticket_id_metric_cycle"), "sla_clocks", type_="unique")
    op.create_unique_constraint(
        op.f("uq_sla_clocks_ticket_id_metric_opened_by"), "sla_clocks", ["ticket_id", "metric", "opened_by"]
    )

    op.add_column("sla_notifications", sa.Column("clock_id", sa.UUID(), nullable=True))
    op.execute("""
        UPDATE sla_notifications n SET clock_id = c.id FROM sla_clocks c
         WHERE c.ticket_id = n.ticket_id AND c.metric = n.metric AND c.cycle = n.cycle
    """)
    op.execute("DELETE FROM sla_notifications WHERE clock_id IS NULL")
    op.drop_constraint(op.f("pk_sla_notifications"), "sla_notifications", type_="primary")
    op.drop_constraint(op.f("fk_sla_notifications_ticket_id_tickets"), "sla_notifications", type_="foreignkey")
    op.drop_column("sla_notifications", "ticket_id")
    op.drop_column("sla_notifications", "metric")
    op.drop_column("sla_notifications", "cycle")
    op.alter_column("sla_notifications", "clock_id", nullable=False)
    op.create_primary_key(op.f("pk_sla_notifications"), "sla_notifications", ["clock_id", "kind"])
    op.create_foreign_key(
        op.f("fk_sla_notifications_clock_id_sla_clocks"),
        "sla_notifications",
        "sla_clocks",
        ["clock_id"],
        ["id"],
        ondelete="CASCADE",
    )


def downgrade() -> None:
    op.add_column("sla_notifications", sa.Column("ticket_id", sa.UUID(), nullable=True))
    op.add_column("sla_notifications", sa.Column("metric", sa.String(length=32), nullable=True))
    op.add_column("sla_notifications", sa.Column("cycle", sa.Integer(), nullable=True))
    op.execute("""
        UPDATE sla_notifications n SET ticket_id = c.ticket_id, metric = c.metric, cycle = c.cycle
          FROM sla_clocks c WHERE c.id = n.clock_id
    """)
    op.drop_constraint(op.f("fk_sla_notifications_clock_id_sla_clocks"), "sla_notifications", type_="foreignkey")
    op.drop_constraint(op.f("pk_sla_notifications"), "sla_notifications", type_="primary")
    op.drop_column("sla_notifications", "clock_id")
    for column in ("ticket_id", "metric", "cycle"):
        op.alter_column("sla_notifications", column, nullable=False)
    op.create_primary_key(op.f("pk_sla_notifications"), "sla_notifications", ["ticket_id", "metric", "cycle", "kind"])
    op.create_foreign_key(
        op.f("fk_sla_notifications_ticket_id_tickets"),
        "sla_notifications",
        "tickets",
        ["ticket_id"],
        ["id"],
        ondelete="CASCADE",
    )
    op.drop_constraint(op.f("uq_sla_clocks_ticket_id_metric_opened_by"), "sla_clocks", type_="unique")
    op.create_unique_constraint(
        op.f("uq_sla_clocks_ticket_id_metric_cycle"), "sla_clocks", ["ticket_id", "metric", "cycle"]
    )
    op.drop_column("sla_clocks", "opened_by")
