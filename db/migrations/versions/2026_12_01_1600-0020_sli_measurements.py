"""measured service level indicators and the episode state of their alerts

Revision ID: 0020
Revises: 0017
Create Date: 2026-12-01 16:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sli_measurements",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("agreement_id", sa.UUID(), nullable=False),
        sa.Column("indicator", sa.String(length=100), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("window_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("good", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=True),
        sa.Column("reported_by_party_id", sa.UUID(), nullable=True),
        sa.Column("reported_by_client_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("good >= 0 AND total >= good", name=op.f("ck_sli_measurements_counts")),
        sa.CheckConstraint("window_end >= window_start", name=op.f("ck_sli_measurements_window")),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_sli_measurements_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sli_measurements")),
        sa.UniqueConstraint(
            "agreement_id",
            "indicator",
            "window_start",
            "window_end",
            name=op.f("uq_sli_measurements_agreement_id_indicator_window_start_window_end"),
        ),
    )
    op.create_index(
        "ix_sli_measurements_agreement_id_indicator_window_end",
        "sli_measurements",
        ["agreement_id", "indicator", "window_end"],
        unique=False,
    )
    op.create_table(
        "slo_alert_states",
        sa.Column("agreement_id", sa.UUID(), nullable=False),
        sa.Column("indicator", sa.String(length=100), nullable=False),
        sa.Column("condition", sa.String(length=100), nullable=False),
        sa.Column("firing", sa.Boolean(), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("evaluated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_slo_alert_states_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("agreement_id", "indicator", "condition", name=op.f("pk_slo_alert_states")),
    )


def downgrade() -> None:
    op.drop_table("slo_alert_states")
    op.drop_index("ix_sli_measurements_agreement_id_indicator_window_end", table_name="sli_measurements")
    op.drop_table("sli_measurements")
