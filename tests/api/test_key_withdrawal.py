"""`sla keys list` and `sla keys retire KID`: a withdrawn (compromised) key's tokens answer 401, grace or not."""

from __future__ import annotations

import time

import jwt
from click.testing import CliRunner

from api.cli import main
from services.auth import tokens
from services.auth.keys import active_signing_key, withdraw_signing_key
from tests.api.conftest import assert_problem


async def test_a_withdrawn_keys_tokens_answer_401_and_a_new_key_signs(client, world, session, clock, monkeypatch):
    party = await world.party("Acme")
    token = await world.token(party)
    kid = jwt.get_unverified_header(token)["kid"]
    bearer = {"Authorization": f"Bearer {token}"}
    # The verifier has the key cached when it is withdrawn.
    assert (await client.get("/v1/me", headers=bearer)).status_code == 200

    withdrawn = await withdraw_signing_key(session, kid, now=clock())
    await session.commit()
    assert withdrawn is not None and withdrawn.withdrawn_at == clock()
    successor = await active_signing_key(session)
    assert successor is not None and successor.kid != kid

    # Past the cache's age (OWN_KEY_CACHE_SECONDS) the process reads its keys again and refuses the token.
    later = time.monotonic() + tokens.OWN_KEY_CACHE_SECONDS + 1
    monkeypatch.setattr(tokens.time, "monotonic", lambda: later)
    assert_problem(await client.get("/v1/me", headers=bearer), 401, "unauthorized")
    assert kid not in {k["kid"] for k in (await client.get("/.well-known/jwks.json")).json()["keys"]}

    fresh = await world.token(party)
    assert jwt.get_unverified_header(fresh)["kid"] == successor.kid
    assert (await client.get("/v1/me", headers={"Authorization": f"Bearer {fresh}"})).status_code == 200


async def test_withdrawing_an_unknown_kid_changes_nothing(session, clock):
    before = await active_signing_key(session)
    assert await withdraw_signing_key(session, "no-such-kid", now=clock()) is None
    assert await active_signing_key(session) == before


async def test_the_jwks_is_cacheable(client):
    response = await client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    assert "max-age=" in response.headers["cache-control"]


def test_sla_keys_list_and_retire(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    runner = CliRunner()
    rotated = runner.invoke(main, ["keys", "rotate"])
    assert rotated.exit_code == 0, rotated.output
    kid = rotated.stdout.strip()

    def states() -> dict[str, str]:
        listed = runner.invoke(main, ["keys", "list"])
        assert listed.exit_code == 0, listed.output
        return {row.split("\t")[0]: row.split("\t")[2] for row in listed.stdout.splitlines()}

    assert states()[kid] == "signing"
    retired = runner.invoke(main, ["keys", "retire", kid])
    assert retired.exit_code == 0, retired.output
    after = states()
    assert after[kid] == "withdrawn"
    assert list(after.values()).count("signing") == 1  # a new key took over

    unknown = runner.invoke(main, ["keys", "retire", "no-such-kid"])
    assert unknown.exit_code == 1 and "no signing key 'no-such-kid'" in unknown.output
