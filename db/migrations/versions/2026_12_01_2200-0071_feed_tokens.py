"""feed tokens: long-lived, revocable credentials for calendar feeds

Revision ID: 0071
Revises: 0070
Create Date: 2026-12-01 22:00:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0071"
down_revision = "0070"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feed_tokens",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "party_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("parties.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("token_hash", sa.String(128), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_feed_tokens_party_id", "feed_tokens", ["party_id"])


def downgrade() -> None:
    op.drop_index("ix_feed_tokens_party_id", table_name="feed_tokens")
    op.drop_table("feed_tokens")
