"""Signing keys for the tokens this service issues: stored, rotatable, published as a JWKS."""

from __future__ import annotations

import json
import secrets
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from jwt.algorithms import ECAlgorithm, OKPAlgorithm
from sqlalchemy import ColumnElement, and_, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from db.encryption import Keyring, Sealed, keyring_from_environment, signing_key_context
from db.models import SigningKey

# A retired key keeps verifying for this long, which must exceed the longest token lifetime.
RETIRED_KEY_GRACE = timedelta(days=1)

# The key that signs: neither superseded nor withdrawn.
_signing = and_(SigningKey.retired_at.is_(None), SigningKey.withdrawn_at.is_(None))


def _verifying(now: datetime) -> ColumnElement[bool]:
    """Keys whose tokens may still be alive: not withdrawn, and active or retired within the grace period."""
    return and_(
        SigningKey.withdrawn_at.is_(None),
        or_(SigningKey.retired_at.is_(None), SigningKey.retired_at > now - RETIRED_KEY_GRACE),
    )


def _generate(algorithm: str) -> tuple[str, dict[str, Any]]:
    private: ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey
    if algorithm == "ES256":
        ec_key = ec.generate_private_key(ec.SECP256R1())
        private, jwk = ec_key, json.loads(ECAlgorithm.to_jwk(ec_key.public_key()))
    elif algorithm == "EdDSA":
        ed_key = ed25519.Ed25519PrivateKey.generate()
        private, jwk = ed_key, json.loads(OKPAlgorithm.to_jwk(ed_key.public_key()))
    else:
        raise ValueError(f"unsupported signing algorithm {algorithm!r}")
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return pem, jwk


async def rotate_signing_key(
    session: AsyncSession, *, algorithm: str = "ES256", now: datetime, keyring: Keyring | None = None
) -> SigningKey:
    """Add a new signing key and retire the current ones; they verify until their tokens expire.

    The private key is stored envelope-encrypted; only `private_key_pem` (at signing time) decrypts it.
    """
    current = (await session.scalars(select(SigningKey).where(_signing).with_for_update())).all()
    for key in current:
        key.retired_at = now
    pem, jwk = _generate(algorithm)
    kid = secrets.token_urlsafe(12)
    jwk.update({"kid": kid, "alg": algorithm, "use": "sig"})
    sealed = (keyring or keyring_from_environment()).seal_text(pem, signing_key_context(kid))
    key = SigningKey(
        kid=kid,
        algorithm=algorithm,
        private_key_ciphertext=sealed.blob,
        kek_id=sealed.kek_id,
        public_jwk=jwk,
        created_at=now,
    )
    session.add(key)
    await session.flush()
    return key


def private_key_pem(key: SigningKey, keyring: Keyring | None = None) -> str:
    return (keyring or keyring_from_environment()).open_text(
        Sealed(key.kek_id, key.private_key_ciphertext), signing_key_context(key.kid)
    )


async def ensure_signing_key(
    session: AsyncSession, *, algorithm: str = "ES256", now: datetime, keyring: Keyring | None = None
) -> SigningKey:
    key = await active_signing_key(session)
    if key is None:
        # Serialise first start-ups so two processes do not both create a key.
        await session.execute(text("SELECT pg_advisory_xact_lock(727275)"))
        key = await active_signing_key(session) or await rotate_signing_key(
            session, algorithm=algorithm, now=now, keyring=keyring
        )
    return key


async def active_signing_key(session: AsyncSession) -> SigningKey | None:
    return await session.scalar(select(SigningKey).where(_signing).order_by(SigningKey.created_at.desc()).limit(1))


async def verification_keys(session: AsyncSession, *, now: datetime) -> list[SigningKey]:
    """Keys whose tokens may still be alive: the active ones and those retired within the grace period."""
    rows = await session.scalars(select(SigningKey).where(_verifying(now)).order_by(SigningKey.created_at.desc()))
    return list(rows)


async def verification_key(session: AsyncSession, kid: str, *, now: datetime) -> SigningKey | None:
    """One key by `kid`, if it may still verify tokens."""
    return await session.scalar(select(SigningKey).where(SigningKey.kid == kid, _verifying(now)))


async def published_jwks(session: AsyncSession, *, now: datetime) -> dict[str, Any]:
    return {"keys": [key.public_jwk for key in await verification_keys(session, now=now)]}


async def list_signing_keys(session: AsyncSession) -> list[SigningKey]:
    """Every signing key, newest first, whatever its state (`sla keys list`)."""
    return list(await session.scalars(select(SigningKey).order_by(SigningKey.created_at.desc())))


def signing_key_state(key: SigningKey, *, now: datetime) -> str:
    """`signing`, `verifying` (superseded, its tokens still alive), `expired` (past the grace) or `withdrawn`."""
    if key.withdrawn_at is not None:
        return "withdrawn"
    if key.retired_at is None:
        return "signing"
    return "verifying" if key.retired_at > now - RETIRED_KEY_GRACE else "expired"


async def withdraw_signing_key(
    session: AsyncSession, kid: str, *, algorithm: str = "ES256", now: datetime, keyring: Keyring | None = None
) -> SigningKey | None:
    """A compromised key: its tokens stop verifying at once, grace period or not (`sla keys retire KID`).

    When it was the signing key a new one takes over in the same transaction, so tokens can still be issued.
    Answers the key, or None for an unknown `kid`; withdrawing twice keeps the first time.
    """
    key = await session.scalar(select(SigningKey).where(SigningKey.kid == kid).with_for_update())
    if key is None:
        return None
    if key.withdrawn_at is None:
        was_signing = key.retired_at is None
        key.withdrawn_at = now
        key.retired_at = key.retired_at or now
        await session.flush()
        if was_signing:
            await rotate_signing_key(session, algorithm=algorithm, now=now, keyring=keyring)
    return key
