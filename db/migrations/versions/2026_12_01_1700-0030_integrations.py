"""integrations of ticketing tools and the audit of their deliveries

Revision ID: 0030
Revises: 0020
Create Date: 2026-12-01 17:00:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0030"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "integrations",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("party_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="active", nullable=False),
        sa.Column("mapping", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("secrets", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("kind IN ('zendesk', 'jira')", name=op.f("ck_integrations_kind")),
        sa.CheckConstraint("status IN ('active', 'paused')", name=op.f("ck_integrations_status")),
        sa.ForeignKeyConstraint(
            ["party_id"], ["parties.id"], name=op.f("fk_integrations_party_id_parties"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_integrations")),
        sa.UniqueConstraint("party_id", "name", name=op.f("uq_integrations_party_id_name")),
    )
    op.create_index(op.f("ix_integrations_party_id"), "integrations", ["party_id"], unique=False)
    op.create_table(
        "integration_deliveries",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("integration_id", sa.UUID(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("delivery_ref", sa.String(length=200), nullable=True),
        sa.Column("ticket_ref", sa.String(length=200), nullable=True),
        sa.Column("events_accepted", sa.Integer(), server_default="0", nullable=False),
        sa.Column("events_duplicate", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "ignored", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False
        ),
        sa.Column("body_sha256", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "outcome IN ('accepted', 'ignored', 'refused')", name=op.f("ck_integration_deliveries_outcome")
        ),
        sa.ForeignKeyConstraint(
            ["integration_id"],
            ["integrations.id"],
            name=op.f("fk_integration_deliveries_integration_id_integrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_integration_deliveries")),
    )
    op.create_index(
        "ix_integration_deliveries_integration_id_received_at",
        "integration_deliveries",
        ["integration_id", "received_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_integration_deliveries_integration_id_received_at", table_name="integration_deliveries")
    op.drop_table("integration_deliveries")
    op.drop_index(op.f("ix_integrations_party_id"), table_name="integrations")
    op.drop_table("integrations")
