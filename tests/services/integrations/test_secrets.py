"""Integration signing secrets are stored encrypted, bound to their row, and re-wrapped by `sla secrets
rotate-kek` like every other secret."""

from __future__ import annotations

import uuid

import pytest

from db.encryption import Keyring, SecretKeyError
from db.values import IntegrationKind
from services.actors import PARTY_SCOPES, Actor
from services.integrations.connections import IntegrationCreate, create_integration, verifying_secrets
from services.parties import PartyInput, create_party
from services.secrets_at_rest import rewrap_all_secrets
from tests.flows import OPERATOR

OLD, NEW = Keyring(b"\x11" * 32), Keyring(b"\x22" * 32, old=[b"\x11" * 32])


async def test_rotating_the_kek_rewraps_integration_secrets(session, clock):
    # No app fixture: the only secret in this transaction is the integration's (no signing key under another KEK).
    party = await create_party(session, OPERATOR, PartyInput(name="Acme Support"), now=clock())
    actor = Actor(party_id=party.id, scopes=frozenset(PARTY_SCOPES))
    integration, secret = await create_integration(
        session, actor, IntegrationCreate(kind=IntegrationKind.JIRA, name="JSM"), now=clock(), keyring=OLD
    )
    assert secret not in str(integration.secrets)  # stored encrypted, never in clear
    assert verifying_secrets(integration, clock(), OLD) == [secret]
    counts = await rewrap_all_secrets(session, NEW)
    assert counts.integration_secrets == 1
    assert verifying_secrets(integration, clock(), Keyring(b"\x22" * 32)) == [secret]
    assert (await rewrap_all_secrets(session, NEW)).integration_secrets == 0  # a rerun has nothing left to do
    # The ciphertext is bound to its row: copied onto another integration it does not open.
    integration.id = uuid.uuid4()
    with pytest.raises(SecretKeyError):
        verifying_secrets(integration, clock(), Keyring(b"\x22" * 32))
