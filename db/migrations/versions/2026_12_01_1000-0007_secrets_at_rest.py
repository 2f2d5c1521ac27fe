"""secrets at rest: encrypted signing keys and webhook secrets, expiring idempotency keys

Existing plain rows are encrypted with the key-encryption key the settings name (`SLA_SECRET_KEY`,
`SLA_SECRET_KEY_FILE`, or in development the generated one in the data directory): the migration reads the same
variables as the server, or a keyring passed in `config.attributes["keyring"]`.

Stored idempotent responses are dropped: they were kept in clear (some held one-time secrets) and were keyed
without the caller's scopes, so none of them may be replayed any more. Their only use was retries.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 10:00:00
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import context, op
from sqlalchemy.dialects import postgresql

from db.encryption import Sealed, keyring_from_environment, signing_key_context, webhook_secret_context

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _keyring():
    return context.config.attributes.get("keyring") or keyring_from_environment()


def upgrade() -> None:
    keyring = _keyring()
    connection = op.get_bind()

    op.add_column("signing_keys", sa.Column("private_key_ciphertext", sa.LargeBinary(), nullable=True))
    op.add_column("signing_keys", sa.Column("kek_id", sa.String(length=16), nullable=True))
    for kid, pem in connection.execute(sa.text("SELECT kid, private_key_pem FROM signing_keys")).all():
        sealed = keyring.seal_text(pem, signing_key_context(kid))
        connection.execute(
            sa.text("UPDATE signing_keys SET private_key_ciphertext = :blob, kek_id = :kek WHERE kid = :kid"),
            {"blob": sealed.blob, "kek": sealed.kek_id, "kid": kid},
        )
    op.alter_column("signing_keys", "private_key_ciphertext", nullable=False)
    op.alter_column("signing_keys", "kek_id", nullable=False)
    op.drop_column("signing_keys", "private_key_pem")

    op.add_column("webhook_subscriptions", sa.Column("secrets", postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    now = datetime.now(UTC)
    subscriptions = sa.table("webhook_subscriptions", sa.column("id"), sa.column("secrets", postgresql.JSONB()))
    rows = connection.execute(
        sa.text("SELECT id, secret, previous_secret, previous_secret_expires_at FROM webhook_subscriptions")
    ).all()
    for sub_id, secret, previous, previous_expires in rows:
        stored = [{**keyring.seal_text(secret, webhook_secret_context(sub_id)).to_json(), "expires_at": None}]
        if previous and previous_expires and previous_expires > now:
            stored.append(
                {
                    **keyring.seal_text(previous, webhook_secret_context(sub_id)).to_json(),
                    "expires_at": previous_expires.isoformat(),
                }
            )
        connection.execute(subscriptions.update().where(subscriptions.c.id == sub_id).values(secrets=stored))
    op.alter_column("webhook_subscriptions", "secrets", nullable=False)
    op.drop_column("webhook_subscriptions", "previous_secret_expires_at")
    op.drop_column("webhook_subscriptions", "previous_secret")
    op.drop_column("webhook_subscriptions", "secret")

    op.execute("DELETE FROM idempotency_keys")
    op.add_column("idempotency_keys", sa.Column("kek_id", sa.String(length=16), nullable=True))
    op.add_column("idempotency_keys", sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False))
    op.create_index(op.f("ix_idempotency_keys_expires_at"), "idempotency_keys", ["expires_at"], unique=False)


def downgrade() -> None:
    keyring = _keyring()
    connection = op.get_bind()

    op.drop_index(op.f("ix_idempotency_keys_expires_at"), table_name="idempotency_keys")
    op.execute("DELETE FROM idempotency_keys")
    op.drop_column("idempotency_keys", "expires_at")
    op.drop_column("idempotency_keys", "kek_id")

    op.add_column("webhook_subscriptions", sa.Column("secret", sa.String(length=200), nullable=True))
    op.add_column("webhook_subscriptions", sa.Column("previous_secret", sa.String(length=200), nullable=True))
    op.add_column(
        "webhook_subscriptions", sa.Column("previous_secret_expires_at", sa.DateTime(timezone=True), nullable=True)
    )
    for sub_id, stored in connection.execute(sa.text("SELECT id, secrets FROM webhook_subscriptions")).all():
        plain = [
            (keyring.open_text(Sealed.from_json(s), webhook_secret_context(sub_id)), s.get("expires_at"))
            for s in stored
        ]
        previous = plain[1] if len(plain) > 1 else (None, None)
        connection.execute(
            sa.text(
                "UPDATE webhook_subscriptions SET secret = :secret, previous_secret = :previous, "
                "previous_secret_expires_at = :expires WHERE id = :id"
            ),
            {
                "secret": plain[0][0],
                "previous": previous[0],
                "id": sub_id,
                "expires": datetime.fromisoformat(previous[1]) if previous[1] else None,
            },
        )
    op.alter_column("webhook_subscriptions", "secret", nullable=False)
    op.drop_column("webhook_subscriptions", "secrets")

    op.add_column("signing_keys", sa.Column("private_key_pem", sa.Text(), nullable=True))
    for kid, blob, kek in connection.execute(
        sa.text("SELECT kid, private_key_ciphertext, kek_id FROM signing_keys")
    ).all():
        pem = keyring.open_text(Sealed(kek, blob), signing_key_context(kid))
        connection.execute(
            sa.text("UPDATE signing_keys SET private_key_pem = :pem WHERE kid = :kid"), {"pem": pem, "kid": kid}
        )
    op.alter_column("signing_keys", "private_key_pem", nullable=False)
    op.drop_column("signing_keys", "kek_id")
    op.drop_column("signing_keys", "private_key_ciphertext")
