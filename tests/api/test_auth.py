"""Authentication: bad tokens are 401 problems, the client-credentials grant, key rotation, an external IdP."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm
from sqlalchemy import select

from api.settings import Settings
from db.models import ApiClient, SigningKey
from services.auth.clients import create_api_client
from services.auth.keys import RETIRED_KEY_GRACE, private_key_pem, rotate_signing_key
from tests.api.conftest import PROBLEM_JSON, assert_problem


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def craft(header: dict[str, Any], claims: dict[str, Any], sign=lambda signing_input: b"") -> str:
    """A JWT assembled by hand, so nothing in a library can refuse to build a hostile one."""
    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"
    return f"{signing_input}.{b64url(sign(signing_input.encode()))}"


async def active_key(session) -> SigningKey:
    return await session.scalar(
        select(SigningKey).where(SigningKey.retired_at.is_(None)).order_by(SigningKey.created_at.desc()).limit(1)
    )


def claims_for(party: uuid.UUID, settings: Settings, **override: Any) -> dict[str, Any]:
    # PyJWT checks exp/nbf/iat against the wall clock, so these use it too.
    now = int(time.time())
    claims = {
        "iss": settings.issuer,
        "aud": settings.audience,
        "sub": f"party:{party}",
        "iat": now,
        "nbf": now,
        "exp": now + 600,
        "jti": uuid.uuid4().hex,
        "party_id": str(party),
        "scope": "agreements:read",
    }
    for name, value in override.items():
        if value is None:
            claims.pop(name, None)
        else:
            claims[name] = value
    return claims


def sign_with(key: SigningKey, claims: dict[str, Any], *, kid: str | None = None) -> str:
    return jwt.encode(claims, private_key_pem(key), algorithm=key.algorithm, headers={"kid": kid or key.kid})


async def test_a_correctly_signed_token_is_accepted(client, world, session, settings):
    party = await world.party("Acme")
    token = sign_with(await active_key(session), claims_for(party.id, settings))
    response = await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    assert response.json()["party"]["id"] == str(party.id)
    assert response.json()["scopes"] == ["agreements:read"]


async def test_no_token_is_401(client, world):
    for headers in (
        {},
        {"Authorization": "Bearer "},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer not-a-jwt"},
    ):
        response = await client.get("/v1/me", headers=headers)
        assert_problem(response, 401, "unauthorized")
        assert response.headers["www-authenticate"].startswith("Bearer")


BAD_CLAIMS = {
    "expired": {"iat": -7200, "nbf": -7200, "exp": -3600},
    "not yet valid (nbf)": {"nbf": 3600},
    "issued in the future (iat)": {"iat": 3600, "nbf": None},
    "missing exp": {"exp": None},
    "missing iat": {"iat": None},
    "missing sub": {"sub": None},
    "wrong aud": {"aud": "someone-else"},
    "no aud": {"aud": None},
    "wrong iss": {"iss": "https://evil.example"},
    "no party and no operator scope": {"party_id": None},
    "party claim not a uuid": {"party_id": "acme"},
    "lives longer than the maximum (24 h)": {"exp": 86400 + 120},
}


async def test_token_lifetime_is_capped_whoever_signed_it(client, world, session, settings):
    party = await world.party("Acme")
    now = int(time.time())
    key = await active_key(session)
    at_the_limit = sign_with(key, claims_for(party.id, settings, iat=now, exp=now + 86400))
    assert (await client.get("/v1/me", headers={"Authorization": f"Bearer {at_the_limit}"})).status_code == 200
    too_long = sign_with(key, claims_for(party.id, settings, iat=now, exp=now + 86401))
    body = assert_problem(await client.get("/v1/me", headers={"Authorization": f"Bearer {too_long}"}), 401)
    assert "lifetime" in body["detail"]
    # An old iat cannot be used to stretch it either: exp - iat counts, not exp - now.
    backdated = sign_with(key, claims_for(party.id, settings, iat=now - 86000, nbf=now - 86000, exp=now + 600))
    assert_problem(await client.get("/v1/me", headers={"Authorization": f"Bearer {backdated}"}), 401)


@pytest.mark.parametrize("case", list(BAD_CLAIMS))
async def test_tokens_with_a_bad_claim_are_401(case, client, world, session, settings):
    party = await world.party("Acme")
    now = int(time.time())
    override = {k: (now + v if isinstance(v, int) else v) for k, v in BAD_CLAIMS[case].items()}
    # Signed with the real private key: only the claim is wrong.
    token = sign_with(await active_key(session), claims_for(party.id, settings, **override))
    response = await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert_problem(response, 401, "unauthorized")


async def test_leeway_is_small(client, world, session, settings):
    party = await world.party("Acme")
    now = int(time.time())
    key = await active_key(session)
    within = sign_with(key, claims_for(party.id, settings, exp=now - 10))
    assert (await client.get("/v1/me", headers={"Authorization": f"Bearer {within}"})).status_code == 200
    beyond = sign_with(key, claims_for(party.id, settings, exp=now - 120))
    assert_problem(await client.get("/v1/me", headers={"Authorization": f"Bearer {beyond}"}), 401)


async def test_alg_none_is_401(client, world, session, settings):
    party = await world.party("Acme")
    key = await active_key(session)
    for alg in ("none", "None", "NONE"):
        token = craft({"alg": alg, "typ": "JWT", "kid": key.kid}, claims_for(party.id, settings))
        assert_problem(await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"}), 401, "unauthorized")
        # Also without the trailing dot's signature part being empty-but-present variants.
        assert_problem(await client.get("/v1/me", headers={"Authorization": f"Bearer {token.rstrip('.')}"}), 401)


async def test_hs256_signed_with_the_public_key_is_401(client, world, settings):
    """The HS/RS confusion: the published public key used as an HMAC secret."""
    party = await world.party("Acme")
    jwks = (await client.get("/.well-known/jwks.json")).json()
    jwk = jwks["keys"][0]
    public = ECAlgorithm.from_jwk(json.dumps(jwk))
    variants = [
        public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo),
        public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo),
        json.dumps(jwk).encode(),
    ]
    for secret in variants:
        for alg, digest in (("HS256", hashlib.sha256), ("HS512", hashlib.sha512)):
            token = craft(
                {"alg": alg, "typ": "JWT", "kid": jwk["kid"]},
                claims_for(party.id, settings),
                sign=lambda data, secret=secret, digest=digest: hmac.new(secret, data, digest).digest(),
            )
            response = await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
            assert_problem(response, 401, "unauthorized")


async def test_unknown_kid_is_401(client, world, session, settings):
    party = await world.party("Acme")
    key = await active_key(session)
    for kid in ("no-such-key", "", None):
        header_kid = kid if kid is not None else None
        claims = claims_for(party.id, settings)
        token = jwt.encode(
            claims,
            private_key_pem(key),
            algorithm=key.algorithm,
            headers={"kid": header_kid} if header_kid is not None else None,
        )
        assert_problem(await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"}), 401)


async def test_a_key_of_another_service_is_401(client, world, session, settings):
    """A well-formed ES256 token under our kid, signed by a key that is not ours."""
    party = await world.party("Acme")
    key = await active_key(session)

    stranger = ec.generate_private_key(ec.SECP256R1())
    token = jwt.encode(claims_for(party.id, settings), stranger, algorithm="ES256", headers={"kid": key.kid})
    assert_problem(await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"}), 401)


async def test_tampered_tokens_are_401(client, world, session, settings):
    party = await world.party("Acme")
    other = await world.party("Globex")
    key = await active_key(session)
    token = sign_with(key, claims_for(party.id, settings))
    header, payload, signature = token.split(".")
    # Another party's id in the payload, the original signature kept.
    forged_claims = claims_for(other.id, settings)
    forged = f"{header}.{b64url(json.dumps(forged_claims).encode())}.{signature}"
    assert_problem(await client.get("/v1/me", headers={"Authorization": f"Bearer {forged}"}), 401)
    # The signature itself altered.
    raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
    raw[5] ^= 0xFF
    flipped = f"{header}.{payload}.{b64url(bytes(raw))}"
    assert_problem(await client.get("/v1/me", headers={"Authorization": f"Bearer {flipped}"}), 401)
    # Scope escalation in the payload.
    escalated = (
        f"{header}.{b64url(json.dumps(claims_for(party.id, settings, scope='parties:admin')).encode())}.{signature}"
    )
    assert_problem(await client.get("/v1/me", headers={"Authorization": f"Bearer {escalated}"}), 401)


async def test_a_party_token_never_carries_operator_rights(client, world, session, settings):
    party = await world.party("Acme")
    token = sign_with(await active_key(session), claims_for(party.id, settings, scope="parties:admin agreements:read"))
    headers = {"Authorization": f"Bearer {token}"}
    me = (await client.get("/v1/me", headers=headers)).json()
    assert me["operator"] is False and "parties:admin" not in me["scopes"]
    assert_problem(await client.post("/v1/parties", json={"name": "X"}, headers=headers), 403, "insufficient_scope")


async def test_missing_scope_is_403(client, world):
    party = await world.party("Acme")
    headers = await world.headers(party, scopes=["billing:read"])
    assert_problem(await client.get("/v1/agreements", headers=headers), 403, "insufficient_scope")
    headers = await world.headers(party, scopes=["agreements:read"])
    response = await client.post("/v1/agreements", json={"title": "x", "memberships": []}, headers=headers)
    assert_problem(response, 403, "insufficient_scope")


# ---------------------------------------------------------------- POST /oauth/token


@pytest.fixture
async def api_client(world, session, clock):
    party = await world.party("Acme")
    client_row, secret = await create_api_client(
        session, party_id=party.id, name="ticketing", scopes=["agreements:read", "agreements:write"], now=clock()
    )
    await session.commit()
    return party, client_row.client_id, secret


async def _me(client, token: str) -> dict[str, Any]:
    response = await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    return response.json()


async def test_token_endpoint_with_form_body(client, api_client):
    party, client_id, secret = api_client
    response = await client.post(
        "/oauth/token", data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    )
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] > 0
    assert body["scope"] == "agreements:read agreements:write"
    me = await _me(client, body["access_token"])
    assert me["party"]["id"] == str(party.id)
    assert me["client_id"] == client_id
    assert me["scopes"] == ["agreements:read", "agreements:write"]


async def test_token_endpoint_with_json_body(client, api_client):
    party, client_id, secret = api_client
    response = await client.post(
        "/oauth/token",
        json={
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": secret,
            "scope": "agreements:read",
        },
    )
    assert response.status_code == 200, response.text
    assert response.json()["scope"] == "agreements:read"
    me = await _me(client, response.json()["access_token"])
    assert me["scopes"] == ["agreements:read"]


async def test_token_endpoint_with_http_basic(client, api_client):
    party, client_id, secret = api_client
    response = await client.post("/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret))
    assert response.status_code == 200, response.text
    assert (await _me(client, response.json()["access_token"]))["party"]["id"] == str(party.id)


async def test_a_narrowed_token_is_held_to_its_scope(client, api_client):
    _, client_id, secret = api_client
    response = await client.post(
        "/oauth/token", data={"grant_type": "client_credentials", "scope": "agreements:read"}, auth=(client_id, secret)
    )
    headers = {"Authorization": f"Bearer {response.json()['access_token']}"}
    assert (await client.get("/v1/agreements", headers=headers)).status_code == 200
    assert_problem(await client.post("/v1/agreements", json={"title": "x", "memberships": []}, headers=headers), 403)


async def test_wrong_secret_is_invalid_client(client, api_client):
    _, client_id, secret = api_client
    for data, auth in (
        ({"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret + "x"}, None),
        ({"grant_type": "client_credentials"}, (client_id, "wrong")),
        ({"grant_type": "client_credentials", "client_id": "cl_nobody", "client_secret": secret}, None),
        ({"grant_type": "client_credentials", "client_id": client_id}, None),
    ):
        response = await client.post("/oauth/token", data=data, auth=auth)
        body = assert_problem(response, 401, "invalid_client")
        assert body["error"] == "invalid_client"
        assert "access_token" not in body


async def test_unsupported_grant_is_400(client, api_client):
    _, client_id, secret = api_client
    for grant in ("password", "authorization_code", "urn:ietf:params:oauth:grant-type:jwt-bearer"):
        response = await client.post(
            "/oauth/token", data={"grant_type": grant, "client_id": client_id, "client_secret": secret}
        )
        assert assert_problem(response, 400, "unsupported_grant_type")["error"] == "unsupported_grant_type"
    response = await client.post("/oauth/token", data={"client_id": client_id, "client_secret": secret})
    assert assert_problem(response, 400, "invalid_request")["error"] == "invalid_request"


async def test_scope_not_granted_is_invalid_scope(client, api_client):
    _, client_id, secret = api_client
    for scope in ("parties:admin", "billing:read", "agreements:read billing:read", "nonsense"):
        response = await client.post(
            "/oauth/token", data={"grant_type": "client_credentials", "scope": scope}, auth=(client_id, secret)
        )
        assert assert_problem(response, 400, "invalid_scope")["error"] == "invalid_scope"


async def test_malformed_token_requests_are_invalid_request(client, api_client):
    _, client_id, secret = api_client
    response = await client.post("/oauth/token", content=b"{not json", headers={"content-type": "application/json"})
    assert_problem(response, 400, "invalid_request")
    response = await client.post(
        "/oauth/token", json={"grant_type": "client_credentials", "client_id": client_id, "client_secret": 123}
    )
    assert_problem(response, 400, "invalid_request")
    response = await client.post(
        "/oauth/token", content=b"grant_type=client_credentials", headers={"content-type": "text/plain"}
    )
    assert_problem(response, 400, "invalid_request")


async def test_a_revoked_client_gets_no_token(client, api_client, session, clock):
    _, client_id, secret = api_client
    row = await session.scalar(select(ApiClient).where(ApiClient.client_id == client_id))
    row.revoked_at = clock()
    await session.commit()
    response = await client.post("/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret))
    assert_problem(response, 401, "invalid_client")


# ---------------------------------------------------------------- `sla keys rotate`


async def test_a_token_verified_before_still_expires_on_time(client, world, session, settings, app):
    """Verified tokens are reused from a per-process cache; its entries keep the token's own expiry."""
    party = await world.party("Acme")
    key = await active_key(session)
    # Expired 29 s ago: inside the 30 s leeway for one more second.
    token = sign_with(key, claims_for(party.id, settings, exp=int(time.time()) - 29))
    headers = {"Authorization": f"Bearer {token}"}
    assert (await client.get("/v1/me", headers=headers)).status_code == 200
    assert (await client.get("/v1/me", headers=headers)).status_code == 200  # from the cache
    await asyncio.sleep(1.2)
    assert_problem(await client.get("/v1/me", headers=headers), 401)


async def test_a_cached_token_of_a_retired_key_stops_verifying(client, world, session, clock, app):
    party = await world.party("Acme")
    token = await world.token(party)
    headers = {"Authorization": f"Bearer {token}"}
    assert (await client.get("/v1/me", headers=headers)).status_code == 200  # verified, and kept
    await rotate_signing_key(session, now=clock() - RETIRED_KEY_GRACE - timedelta(minutes=1))
    await session.commit()
    # Other processes notice a retirement when they re-read the key set (every few seconds); force it here.
    app.state.token_verifier.own_keys.max_age = 0
    assert_problem(await client.get("/v1/me", headers=headers), 401)


async def test_rotation_keeps_old_tokens_valid_and_publishes_both_keys(client, world, session, clock, app):
    party = await world.party("Acme")
    old_token = await world.token(party)
    old_kid = jwt.get_unverified_header(old_token)["kid"]
    # The verifier has loaded (and cached) the keys before the rotation.
    assert (await client.get("/v1/me", headers={"Authorization": f"Bearer {old_token}"})).status_code == 200

    new_key = await rotate_signing_key(session, now=clock())
    await session.commit()
    new_token = await world.token(party)
    assert jwt.get_unverified_header(new_token)["kid"] == new_key.kid != old_kid

    kids = {k["kid"] for k in (await client.get("/.well-known/jwks.json")).json()["keys"]}
    assert {old_kid, new_key.kid} <= kids
    for key in (await client.get("/.well-known/jwks.json")).json()["keys"]:
        assert "d" not in key  # public halves only

    # A token under the new kid verifies at once, although the key cache was filled just before.
    assert (await client.get("/v1/me", headers={"Authorization": f"Bearer {new_token}"})).status_code == 200
    assert (await client.get("/v1/me", headers={"Authorization": f"Bearer {old_token}"})).status_code == 200


async def test_tokens_from_the_token_endpoint_verify_right_after_rotation(client, api_client, session, clock):
    _, client_id, secret = api_client
    first = (
        await client.post("/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret))
    ).json()
    await _me(client, first["access_token"])
    await rotate_signing_key(session, now=clock())
    await session.commit()
    second = (
        await client.post("/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret))
    ).json()
    assert (
        jwt.get_unverified_header(second["access_token"])["kid"]
        != jwt.get_unverified_header(first["access_token"])["kid"]
    )
    await _me(client, second["access_token"])
    await _me(client, first["access_token"])


async def test_a_key_retired_beyond_the_grace_period_stops_verifying(client, world, session, clock):
    party = await world.party("Acme")
    old_token = await world.token(party)
    old_kid = jwt.get_unverified_header(old_token)["kid"]
    await rotate_signing_key(session, now=clock() - RETIRED_KEY_GRACE - timedelta(minutes=1))
    await session.commit()
    kids = {k["kid"] for k in (await client.get("/.well-known/jwks.json")).json()["keys"]}
    assert old_kid not in kids
    assert_problem(await client.get("/v1/me", headers={"Authorization": f"Bearer {old_token}"}), 401)


# ---------------------------------------------------------------- an external identity provider

EXTERNAL_ISSUER = "https://idp.example.test/"
EXTERNAL_AUDIENCE = "sla-partners"


class JwksServer:
    """A real HTTP server on 127.0.0.1 publishing a JWKS, counting the fetches."""

    def __init__(self) -> None:
        self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "idp-key-1"
        jwk = json.loads(RSAAlgorithm.to_jwk(self.private.public_key()))
        jwk.update({"kid": self.kid, "alg": "RS256", "use": "sig"})
        self.document = json.dumps({"keys": [jwk]}).encode()
        self.fetches = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                server.fetches += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(server.document)))
                self.end_headers()
                self.wfile.write(server.document)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/jwks.json"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def token(self, claims: dict[str, Any], *, kid: str | None = None) -> str:
        return jwt.encode(claims, self.private, algorithm="RS256", headers={"kid": kid or self.kid})


@pytest.fixture(scope="module")
def jwks_server() -> Iterator[JwksServer]:
    server = JwksServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def external_claims(org_id: Any, **override: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {
        "iss": EXTERNAL_ISSUER,
        "aud": EXTERNAL_AUDIENCE,
        "sub": "user-42",
        "iat": now,
        "exp": now + 300,
        "org_id": str(org_id),
        "scope": "agreements:read",
    }
    claims.update(override)
    return claims


class TestExternalIdentityProvider:
    @pytest.fixture
    def settings(self, database_url, jwks_server) -> Settings:
        return Settings(
            environment="test",
            database_url=database_url,
            oidc_issuer=EXTERNAL_ISSUER,
            oidc_jwks_url=jwks_server.url,
            oidc_audience=EXTERNAL_AUDIENCE,
            oidc_party_claim="org_id",
        )

    async def test_a_token_from_the_idp_reads_me_as_its_party(self, client, world, jwks_server):
        party = await world.party("Globex")
        token = jwks_server.token(external_claims(party.id))
        me = await _me(client, token)
        assert me["party"]["id"] == str(party.id)
        assert me["scopes"] == ["agreements:read"] and me["operator"] is False

    async def test_own_tokens_still_work_beside_the_idp(self, client, world):
        party = await world.party("Acme")
        assert (await _me(client, await world.token(party)))["party"]["id"] == str(party.id)

    async def test_idp_tokens_are_checked_like_ours(self, client, world, jwks_server):
        party = await world.party("Globex")
        now = int(time.time())
        bad = [
            external_claims(party.id, aud="sla-api"),
            external_claims(party.id, exp=now - 3600, iat=now - 7200),
            # Longer-lived than the maximum (24 h), although the IdP signed it.
            external_claims(party.id, exp=now + 86400 + 60),
            {k: v for k, v in external_claims(party.id).items() if k != "exp"},
            {k: v for k, v in external_claims(party.id).items() if k != "org_id"},
            external_claims("not-a-uuid"),
            # An IdP cannot mint operators.
            {**{k: v for k, v in external_claims(party.id).items() if k != "org_id"}, "scope": "parties:admin"},
        ]
        for claims in bad:
            token = jwks_server.token(claims)
            assert_problem(await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"}), 401)
        # HS256 keyed with the IdP's public key.
        pem = jwks_server.private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        token = craft(
            {"alg": "HS256", "kid": jwks_server.kid},
            external_claims(party.id),
            sign=lambda data: hmac.new(pem, data, hashlib.sha256).digest(),
        )
        assert_problem(await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"}), 401)

    async def test_a_spray_of_unknown_kids_fetches_the_jwks_at_most_once(self, client, world, jwks_server):
        party = await world.party("Globex")
        before = jwks_server.fetches
        tokens = [jwks_server.token(external_claims(party.id), kid=f"sprayed-{i}") for i in range(50)]

        async def call(token: str) -> int:
            response = await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
            assert response.headers["content-type"].startswith(PROBLEM_JSON)
            return response.status_code

        statuses = await asyncio.gather(*(call(t) for t in tokens[:25]))
        statuses += [await call(t) for t in tokens[25:]]
        assert statuses == [401] * 50
        # This app's verifier is new, so the first unknown kid fetched once; the other 49 fetched nothing.
        assert jwks_server.fetches - before == 1
        # The key that was fetched serves the real kid without another fetch.
        assert (await _me(client, jwks_server.token(external_claims(party.id))))["party"]["id"] == str(party.id)
        assert jwks_server.fetches - before == 1
