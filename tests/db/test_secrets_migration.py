"""The migration that encrypts secrets at rest, run on a database holding plain rows (its own database)."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from db.encryption import Keyring, Sealed, keyring_from_environment, signing_key_context, webhook_secret_context
from db.engine import asyncpg_url
from db.migrate import alembic_config
from tests.support.committed import sla_command

DATABASE = "sla_secrets_migration"


def _revision_before_encryption() -> str:
    script = ScriptDirectory.from_config(alembic_config())
    (encrypting,) = [r for r in script.walk_revisions() if r.path.endswith("_secrets_at_rest.py")]
    return encrypting.down_revision


@pytest.fixture
async def plain_database(database_url: str) -> AsyncIterator[AsyncEngine]:
    base, _, _ = database_url.rpartition("/")
    admin = await asyncpg.connect(database_url)
    try:
        await admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        await admin.execute(f"CREATE DATABASE {DATABASE}")
        engine = create_async_engine(asyncpg_url(f"{base}/{DATABASE}"))
        try:
            yield engine
        finally:
            await engine.dispose()
        await admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    finally:
        await admin.close()


async def _alembic(engine: AsyncEngine, action: str, revision: str, keyring: Keyring | None = None) -> None:
    def run(sync_connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = sync_connection
        if keyring is not None:
            config.attributes["keyring"] = keyring
        getattr(command, action)(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(run)


PEM = "-----BEGIN PRIVATE KEY-----\nplain-test-key\n-----END PRIVATE KEY-----\n"
SECRET, PREVIOUS, LAPSED = ("whsec_" + base64.b64encode(bytes([n]) * 32).decode() for n in (1, 2, 3))


async def _insert_plain_rows(engine: AsyncEngine) -> tuple[uuid.UUID, uuid.UUID]:
    party, live, old = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    now = datetime.now(UTC)
    async with engine.begin() as c:
        await c.execute(text("INSERT INTO parties (id, name) VALUES (:id, 'Acme')"), {"id": party})
        await c.execute(
            text(
                "INSERT INTO signing_keys (kid, algorithm, private_key_pem, public_jwk, created_at) "
                "VALUES ('k1', 'ES256', :pem, '{}', now())"
            ),
            {"pem": PEM},
        )
        insert = text(
            "INSERT INTO webhook_subscriptions (id, party_id, url, event_types, secret, previous_secret, "
            "previous_secret_expires_at) VALUES (:id, :party, 'https://example.com/h', '{*}', :secret, "
            ":previous, :expires)"
        )
        await c.execute(
            insert,
            {"id": live, "party": party, "secret": SECRET, "previous": PREVIOUS, "expires": now + timedelta(hours=3)},
        )
        await c.execute(
            insert,
            {"id": old, "party": party, "secret": SECRET, "previous": LAPSED, "expires": now - timedelta(hours=1)},
        )
        await c.execute(
            text(
                "INSERT INTO idempotency_keys (principal, key, fingerprint, status_code, headers, body) "
                "VALUES ('operator', 'k', 'f', 201, '[]', :body)"
            ),
            {"body": json.dumps({"client_secret": "sk_plain"}).encode()},
        )
    return live, old


async def test_upgrade_encrypts_existing_plain_secrets_and_downgrade_restores_them(plain_database):
    engine, before = plain_database, _revision_before_encryption()
    await _alembic(engine, "upgrade", before)
    live, old = await _insert_plain_rows(engine)

    await _alembic(engine, "upgrade", "head")  # the key-encryption key comes from SLA_SECRET_KEY, as in production
    keyring = keyring_from_environment()
    async with engine.connect() as c:
        kid, blob, kek = (await c.execute(text("SELECT kid, private_key_ciphertext, kek_id FROM signing_keys"))).one()
        secrets = dict((await c.execute(text("SELECT id, secrets FROM webhook_subscriptions"))).all())
        stored_bodies = (await c.execute(text("SELECT count(*) FROM idempotency_keys"))).scalar()
        dump = repr((await c.execute(text("SELECT * FROM signing_keys, webhook_subscriptions"))).all())
    assert kek == keyring.current_id and b"PRIVATE KEY" not in bytes(blob)
    assert keyring.open_text(Sealed(kek, bytes(blob)), signing_key_context(kid)) == PEM
    opened = [keyring.open_text(Sealed.from_json(s), webhook_secret_context(live)) for s in secrets[live]]
    assert opened == [SECRET, PREVIOUS]  # the previous secret is still in its grace
    assert secrets[live][0]["expires_at"] is None and secrets[live][1]["expires_at"]
    assert [keyring.open_text(Sealed.from_json(s), webhook_secret_context(old)) for s in secrets[old]] == [SECRET]
    assert all(plain not in dump for plain in (SECRET, PREVIOUS, "plain-test-key"))
    assert stored_bodies == 0  # stored responses were in clear and keyed without scopes: dropped

    # A ciphertext moved to another row does not open there.
    with pytest.raises(ValueError):
        keyring.open_text(Sealed.from_json(secrets[live][0]), webhook_secret_context(old))

    await _alembic(engine, "downgrade", before, keyring=keyring)
    async with engine.connect() as c:
        assert (await c.execute(text("SELECT private_key_pem FROM signing_keys"))).scalar() == PEM
        row = (
            await c.execute(
                text("SELECT secret, previous_secret FROM webhook_subscriptions WHERE id = :id"), {"id": live}
            )
        ).one()
    assert tuple(row) == (SECRET, PREVIOUS)


async def test_the_migration_refuses_to_run_without_the_right_key(plain_database):
    engine, before = plain_database, _revision_before_encryption()
    await _alembic(engine, "upgrade", before)
    await _insert_plain_rows(engine)
    await _alembic(engine, "upgrade", "head", keyring=Keyring(b"\x07" * 32))
    with pytest.raises(ValueError, match="not configured"):
        await _alembic(engine, "downgrade", before, keyring=Keyring(b"\x08" * 32))


async def test_sla_secrets_rotate_kek_rewraps_every_row_under_the_new_key(plain_database, database_url):
    engine = plain_database
    await _alembic(engine, "upgrade", _revision_before_encryption())
    live, _ = await _insert_plain_rows(engine)
    await _alembic(engine, "upgrade", "head")
    old_id = keyring_from_environment().current_id
    new_key = base64.b64encode(b"\x42" * 32).decode()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLA_") and k != "DATABASE_URL"}
    env.update(
        DATABASE_URL=f"{database_url.rpartition('/')[0]}/{DATABASE}",
        SLA_SECRET_KEY=new_key,
        SLA_SECRET_KEY_OLD=os.environ["SLA_SECRET_KEY"],
    )
    done = subprocess.run(
        [*sla_command(), "secrets", "rotate-kek"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    new = Keyring(b"\x42" * 32)  # the old key is no longer needed
    assert done.stdout.split()[-1] == new.current_id != old_id
    async with engine.connect() as c:
        kid, blob, kek = (await c.execute(text("SELECT kid, private_key_ciphertext, kek_id FROM signing_keys"))).one()
        secrets = (
            await c.execute(text("SELECT secrets FROM webhook_subscriptions WHERE id = :id"), {"id": live})
        ).scalar()
    assert new.open_text(Sealed(kek, bytes(blob)), signing_key_context(kid)) == PEM
    assert [new.open_text(Sealed.from_json(s), webhook_secret_context(live)) for s in secrets] == [SECRET, PREVIOUS]
    # Without the old key configured, the CLI refuses a database it cannot read rather than half-rotating.
    env.pop("SLA_SECRET_KEY_OLD")
    env["SLA_SECRET_KEY"] = base64.b64encode(b"\x43" * 32).decode()
    failed = subprocess.run(
        [*sla_command(), "secrets", "rotate-kek"], env=env, capture_output=True, text=True, timeout=120
    )
    assert failed.returncode != 0 and "not configured" in failed.stderr
