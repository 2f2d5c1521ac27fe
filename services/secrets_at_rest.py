"""`sla secrets rotate-kek`: every stored secret re-wrapped under the current key-encryption key.

Only the per-row data keys are re-encrypted (envelope encryption), so the ciphertexts and what they protect are
untouched. Rows already under the current KEK are left alone, so a rotation interrupted halfway can be rerun.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.encryption import Keyring, Sealed
from db.models import IdempotencyKey, Integration, SigningKey, WebhookSubscription


@dataclass
class Rewrapped:
    signing_keys: int = 0
    webhook_secrets: int = 0
    idempotent_responses: int = 0
    integration_secrets: int = 0


async def rewrap_all_secrets(session: AsyncSession, keyring: Keyring) -> Rewrapped:
    counts = Rewrapped()
    current = keyring.current_id
    for key in await session.scalars(select(SigningKey).where(SigningKey.kek_id != current).with_for_update()):
        sealed = keyring.rewrap(Sealed(key.kek_id, key.private_key_ciphertext))
        key.private_key_ciphertext, key.kek_id = sealed.blob, sealed.kek_id
        counts.signing_keys += 1
    for sub in await session.scalars(select(WebhookSubscription).with_for_update()):
        if all(s["kek_id"] == current for s in sub.secrets):
            continue
        rewrapped = []
        for stored in sub.secrets:
            if stored["kek_id"] != current:
                stored = {**stored, **keyring.rewrap(Sealed.from_json(stored)).to_json()}
                counts.webhook_secrets += 1
            rewrapped.append(stored)
        sub.secrets = rewrapped
    for integration in await session.scalars(select(Integration).with_for_update()):
        stale = [s for s in integration.secrets if s["kek_id"] != current]
        if not stale:
            continue
        integration.secrets = [
            {**stored, **keyring.rewrap(Sealed.from_json(stored)).to_json()} if stored["kek_id"] != current else stored
            for stored in integration.secrets
        ]
        counts.integration_secrets += len(stale)
    for row in await session.scalars(select(IdempotencyKey).where(IdempotencyKey.kek_id != current).with_for_update()):
        if row.kek_id is None:  # never the case: `!=` leaves out the rows still in progress (NULL)
            continue
        sealed = keyring.rewrap(Sealed(row.kek_id, row.body))
        row.body, row.kek_id = sealed.blob, sealed.kek_id
        counts.idempotent_responses += 1
    await session.flush()
    return counts
