"""agreement invitations: naming another party in a draft invites it; it joins only by accepting

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-01 12:00:00

Existing memberships stay as they are (accepted): they were made before invitations existed.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agreement_invitations",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("agreement_id", sa.UUID(), nullable=False),
        # No foreign key on purpose: an invitation to an unknown id is stored like any other (no existence oracle).
        sa.Column("party_id", sa.UUID(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("invited_by_party_id", sa.UUID(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "role IN ('provider', 'customer', 'third_party')", name=op.f("ck_agreement_invitations_role")
        ),
        sa.CheckConstraint(
            "status IN ('invited', 'accepted', 'declined')", name=op.f("ck_agreement_invitations_status")
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_agreement_invitations_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invited_by_party_id"], ["parties.id"], name=op.f("fk_agreement_invitations_invited_by_party_id_parties")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_invitations")),
        sa.UniqueConstraint("agreement_id", "party_id", name=op.f("uq_agreement_invitations_agreement_id_party_id")),
    )
    op.create_index(op.f("ix_agreement_invitations_party_id"), "agreement_invitations", ["party_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_agreement_invitations_party_id"), table_name="agreement_invitations")
    op.drop_table("agreement_invitations")
