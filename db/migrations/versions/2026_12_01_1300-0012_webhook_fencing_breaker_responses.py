"""webhook fenced leases, per-endpoint circuit breaker, recorded responses

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-01 04:10:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0012"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "webhook_subscriptions", sa.Column("lease_token", sa.BigInteger(), server_default="0", nullable=False)
    )
    op.add_column(
        "webhook_subscriptions", sa.Column("consecutive_failures", sa.Integer(), server_default="0", nullable=False)
    )
    op.add_column("webhook_subscriptions", sa.Column("circuit_open_until", sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "webhook_attempts", sa.Column("response_headers", postgresql.JSONB(astext_type=sa.Text()), nullable=True)
    )
    op.add_column("webhook_attempts", sa.Column("response_body", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("webhook_attempts", "response_body")
    op.drop_column("webhook_attempts", "response_headers")
    op.drop_column("webhook_subscriptions", "circuit_open_until")
    op.drop_column("webhook_subscriptions", "consecutive_failures")
    op.drop_column("webhook_subscriptions", "lease_token")
