"""each membership carries its agreement's creation instant, indexed with the party, so a party's agreements newest
first are the first entries of one index

Every agreement list a party reads (`agreements(first, after)`, `GET /v1/agreements`) is its memberships' agreements
ordered by `(agreements.created_at, agreements.id)` descending. PostgreSQL could answer that either from the party's
memberships (then sort them all) or from the agreements index newest first (then check each one's membership), and
which is right depends on the party: a customer in one agreement of thousands, or a provider in all of them. A plan
prepared once for every caller (asyncpg prepares each statement; PostgreSQL keeps a generic plan after five runs)
picks one for all: for the benchmark's provider, a member of 200 agreements, it read and sorted all 200 memberships
for a page of ten. With the agreement's `created_at` on the membership and an index on `(party_id,
agreement_created_at, agreement_id)`, the page is the first entries of the party's part of the index, whoever the
party is. An agreement's `created_at` never changes; a trigger fills it on every insert, so no write path can forget.

Revision ID: 0110
Revises: 0100
Create Date: 2026-12-02 03:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0110"
down_revision = "0100"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("agreement_memberships", sa.Column("agreement_created_at", sa.DateTime(timezone=True)))
    op.execute(
        "UPDATE agreement_memberships m SET agreement_created_at = a.created_at FROM agreements a "
        "WHERE a.id = m.agreement_id"
    )
    op.alter_column("agreement_memberships", "agreement_created_at", nullable=False)
    op.execute(
        """
        CREATE FUNCTION sla_membership_agreement_created_at() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            SELECT created_at INTO NEW.agreement_created_at FROM agreements WHERE id = NEW.agreement_id;
            RETURN NEW;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER trg_agreement_memberships_agreement_created_at BEFORE INSERT OR UPDATE OF agreement_id "
        "ON agreement_memberships FOR EACH ROW EXECUTE FUNCTION sla_membership_agreement_created_at()"
    )
    op.create_index(
        "ix_agreement_memberships_party_id_agreement_created_at",
        "agreement_memberships",
        ["party_id", "agreement_created_at", "agreement_id"],
    )
    op.drop_index("ix_agreement_memberships_party_id", table_name="agreement_memberships")


def downgrade() -> None:
    op.create_index("ix_agreement_memberships_party_id", "agreement_memberships", ["party_id"])
    op.drop_index("ix_agreement_memberships_party_id_agreement_created_at", table_name="agreement_memberships")
    op.execute("DROP TRIGGER trg_agreement_memberships_agreement_created_at ON agreement_memberships")
    op.execute("DROP FUNCTION sla_membership_agreement_created_at()")
    op.drop_column("agreement_memberships", "agreement_created_at")
