"""Issuing and verifying access tokens (JWT).

Issued tokens are signed with the service's own asymmetric keys (ES256/EdDSA). Tokens from an external
identity provider are accepted when one is configured. Verification always names the allowed algorithms and
requires exp/iat/iss/aud/sub, so `alg: none`, HS/RS confusion and tokens without `exp` are refused.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import time
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, TypedDict, cast

import httpx
import jwt
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.encryption import Keyring
from db.models import ApiClient, SigningKey
from services.actors import ALL_SCOPES, Actor
from services.auth.keys import active_signing_key, private_key_pem, verification_key, verification_keys
from services.errors import DomainError, Unauthorized

OWN_ALGORITHMS = ["ES256", "EdDSA"]
REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "sub"]


class TokenSettings(Protocol):
    """What minting needs from the settings; read-only, so any settings object with these values fits."""

    @property
    def issuer(self) -> str: ...
    @property
    def audience(self) -> str: ...
    @property
    def token_ttl_seconds(self) -> int: ...
    @property
    def signing_algorithm(self) -> str: ...


class IssuedToken(TypedDict):
    """What the token endpoint answers (RFC 6749 §5.1)."""

    access_token: str
    token_type: str
    expires_in: int
    scope: str


class OAuthError(DomainError):
    """RFC 6749 §5.2 error at the token endpoint."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description, error, status)


def hash_secret(secret: str) -> str:
    # Client secrets are 256-bit random values, so a fast hash is safe (as for GitHub/Stripe API keys);
    # a slow password hash would only slow the token endpoint down.
    return hashlib.sha256(secret.encode()).hexdigest()


def _sign(key: SigningKey, claims: dict[str, Any], keyring: Keyring | None = None) -> str:
    return jwt.encode(claims, private_key_pem(key, keyring), algorithm=key.algorithm, headers={"kid": key.kid})


async def _mint(
    session: AsyncSession,
    settings: TokenSettings,
    *,
    sub: str,
    party_id: uuid.UUID | None,
    scopes: list[str],
    now: datetime,
    extra: dict[str, Any] | None = None,
) -> IssuedToken:
    key = await active_signing_key(session)
    if key is None:
        raise DomainError("no signing key; run `sla keys rotate`", "server_misconfigured", 500)
    claims: dict[str, Any] = {
        "iss": settings.issuer,
        "aud": settings.audience,
        "sub": sub,
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=settings.token_ttl_seconds)).timestamp()),
        "jti": uuid.uuid4().hex,
        "scope": " ".join(scopes),
    }
    if party_id is not None:
        claims["party_id"] = str(party_id)
    claims.update(extra or {})
    return {
        "access_token": _sign(key, claims, cast(Keyring | None, getattr(settings, "keyring", None))),
        "token_type": "Bearer",
        "expires_in": settings.token_ttl_seconds,
        "scope": claims["scope"],
    }


async def mint_party_token(
    session: AsyncSession,
    *,
    settings: TokenSettings,
    party_id: uuid.UUID,
    scopes: list[str],
    now: datetime,
    client_id: str | None = None,
) -> str:
    extra = {"client_id": client_id} if client_id else None
    issued = await _mint(
        session, settings, sub=f"party:{party_id}", party_id=party_id, scopes=scopes, now=now, extra=extra
    )
    return issued["access_token"]


async def mint_operator_token(
    session: AsyncSession, *, settings: TokenSettings, now: datetime, subject: str | None = None
) -> str:
    """An operator token. Each gets its own `sub` unless one is named, so two operators never share a caller
    identity (idempotency keys are per caller)."""
    sub = f"operator:{subject}" if subject else f"operator:{secrets.token_hex(8)}"
    issued = await _mint(session, settings, sub=sub, party_id=None, scopes=list(ALL_SCOPES), now=now)
    return issued["access_token"]


async def issue_client_token(
    session: AsyncSession,
    *,
    settings: TokenSettings,
    client_id: str,
    client_secret: str,
    requested_scope: str | None,
    now: datetime,
) -> IssuedToken:
    """The client-credentials grant (RFC 6749 §4.4)."""
    client = await session.scalar(select(ApiClient).where(ApiClient.client_id == client_id))
    if (
        client is None
        or client.revoked_at is not None
        or not hmac.compare_digest(client.secret_hash, hash_secret(client_secret))
    ):
        raise OAuthError("invalid_client", "unknown client or wrong secret", 401)
    granted = list(client.scopes)
    if requested_scope:
        wanted = requested_scope.split()
        unknown = [s for s in wanted if s not in granted]
        if unknown:
            raise OAuthError("invalid_scope", f"scope not granted to this client: {' '.join(unknown)}")
        granted = wanted
    return await _mint(
        session,
        settings,
        sub=f"client:{client.client_id}",
        party_id=client.party_id,
        scopes=granted,
        now=now,
        extra={"client_id": client.client_id},
    )


def new_client_secret() -> str:
    return "sk_" + secrets.token_urlsafe(32)


@dataclass
class ExternalIdentityProvider:
    issuer: str
    jwks_url: str
    audience: str
    party_claim: str = "party_id"
    scope_claim: str = "scope"
    algorithms: tuple[str, ...] = ("RS256", "ES256", "EdDSA")


# How long a process trusts its copy of our own verification keys: a retired key stops verifying within this.
OWN_KEY_CACHE_SECONDS = 5.0


class _KeyCache:
    """Public keys by `kid`, refreshed on a miss at most once per `min_refresh` seconds.

    A spray of tokens with unknown `kid`s therefore costs at most one fetch per interval. `fetch_one`, when
    given, looks a single missing `kid` up between refreshes (cheap for keys kept in our own database).
    """

    def __init__(
        self,
        fetch: Callable[[], Awaitable[dict[str, Any]]],
        min_refresh: float,
        fetch_one: Callable[[str], Awaitable[Any | None]] | None = None,
        max_age: float = float("inf"),
    ) -> None:
        self._fetch = fetch
        self._fetch_one = fetch_one
        self._min_refresh = min_refresh
        # A known key is trusted for `max_age` seconds, then the whole set is read again: a key retired
        # elsewhere (`sla keys retire`) stops verifying here within that time.
        self.max_age = max_age
        self._keys: dict[str, Any] = {}
        self._last_fetch = float("-inf")
        self._lock = asyncio.Lock()
        self.fetches = 0

    def _stale(self) -> bool:
        return time.monotonic() - self._last_fetch >= self.max_age

    async def get(self, kid: str) -> Any | None:
        if kid in self._keys and not self._stale():
            return self._keys[kid]
        async with self._lock:
            if self._stale() or (kid not in self._keys and time.monotonic() - self._last_fetch >= self._min_refresh):
                self._last_fetch = time.monotonic()
                self.fetches += 1
                self._keys = await self._fetch()
        if kid not in self._keys and self._fetch_one is not None:
            entry = await self._fetch_one(kid)
            if entry is not None:
                self._keys = {**self._keys, kid: entry}
        return self._keys.get(kid)


# Verified tokens, by their exact text. A ticketing tool or a portal sends one token for its whole life, and checking
# it again on every request (three base64url decodes and an ECDSA signature check, about a millisecond) was most of
# what an authenticated read cost. An entry is used only while the key entry it was verified with is still the one the
# key cache holds (a retired key, or the key set re-read every OWN_KEY_CACHE_SECONDS, sends it through full
# verification again) and before its `exp` (with the same leeway as the first check); the client revocation check
# still runs on every use. Only tokens that verified are kept; the least recently used go first.
VERIFIED_TOKENS_MAX = 4096
EXPIRY_LEEWAY_SECONDS = 30


@dataclass(frozen=True, slots=True)
class _Verified:
    actor: Actor
    kid: str
    key_entry: Any  # the (algorithm, key) tuple of the key cache it was verified with, compared by identity
    own: bool
    usable_until: float  # exp + leeway, in epoch seconds like PyJWT's own check


class TokenVerifier:
    """Verifies bearer tokens and turns them into an Actor. One per process; holds only public keys."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        *,
        issuer: str,
        audience: str,
        external: ExternalIdentityProvider | None = None,
        min_refresh: float = 60.0,
        clock: Callable[[], datetime] | None = None,
        max_lifetime: int = 86400,
    ) -> None:
        self._sessionmaker = sessionmaker
        self.issuer = issuer
        self.audience = audience
        self.external = external
        self._clock = clock
        self.max_lifetime = max_lifetime
        # Our own keys live in the database: a key rotated in elsewhere is looked up on its first token, so
        # tokens signed right after `sla keys rotate` verify at once.
        self.own_keys = _KeyCache(
            self._load_own_keys, min(min_refresh, 5.0), fetch_one=self._load_own_key, max_age=OWN_KEY_CACHE_SECONDS
        )
        self.external_keys = _KeyCache(self._load_external_keys, min_refresh) if external else None
        # API clients found active, with when: re-checked after `client_cache_seconds`; a revocation in this
        # process forgets its client at once (`forget_client`), other processes notice within that time.
        self.client_cache_seconds = 5.0
        self._active_clients: dict[str, float] = {}
        self._verified: OrderedDict[str, _Verified] = OrderedDict()

    async def _load_own_keys(self) -> dict[str, Any]:
        now = self._clock() if self._clock else datetime.now(UTC)
        async with self._sessionmaker() as session:
            keys = await verification_keys(session, now=now)
        return {k.kid: (k.algorithm, jwt.PyJWK(k.public_jwk, algorithm=k.algorithm)) for k in keys}

    async def _load_own_key(self, kid: str) -> Any | None:
        now = self._clock() if self._clock else datetime.now(UTC)
        async with self._sessionmaker() as session:
            key = await verification_key(session, kid, now=now)
        return (key.algorithm, jwt.PyJWK(key.public_jwk, algorithm=key.algorithm)) if key else None

    async def _load_external_keys(self) -> dict[str, Any]:
        assert self.external is not None
        try:
            async with httpx.AsyncClient(timeout=5.0, follow_redirects=False) as client:
                response = await client.get(self.external.jwks_url)
                response.raise_for_status()
                document = response.json()
        except (httpx.HTTPError, ValueError):
            return self.external_keys._keys if self.external_keys else {}
        keys: dict[str, Any] = {}
        for jwk in document.get("keys", []):
            try:
                key = jwt.PyJWK(jwk)
            except jwt.PyJWTError:
                continue
            if jwk.get("kid") and key.algorithm_name in self.external.algorithms:
                keys[jwk["kid"]] = (key.algorithm_name, key)
        return keys

    async def verify(self, token: str) -> Actor:
        known = self._verified.get(token)
        if known is not None:
            actor = await self._reuse(token, known)
            if actor is not None:
                return actor
        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise Unauthorized("malformed token") from None
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise Unauthorized("token has no key id (kid)")
        issuer = unverified.get("iss")
        if issuer == self.issuer:
            cache, algorithms, audience = self.own_keys, OWN_ALGORITHMS, self.audience
        elif self.external and self.external_keys and issuer == self.external.issuer:
            cache, algorithms, audience = self.external_keys, list(self.external.algorithms), self.external.audience
        else:
            raise Unauthorized("token issuer is not accepted")
        if header.get("alg") not in algorithms:
            raise Unauthorized(f"token algorithm {header.get('alg')!r} is not accepted")
        entry = await cache.get(kid)
        if entry is None:
            raise Unauthorized("token signed with an unknown key")
        algorithm, key = entry
        if header.get("alg") != algorithm:
            raise Unauthorized("token algorithm does not match its key")
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=audience,
                issuer=issuer,
                options={"require": REQUIRED_CLAIMS},
                leeway=EXPIRY_LEEWAY_SECONDS,
            )
        except jwt.ExpiredSignatureError:
            raise Unauthorized("token has expired") from None
        except jwt.ImmatureSignatureError:
            raise Unauthorized("token is not yet valid") from None
        except jwt.PyJWTError as exc:
            raise Unauthorized(f"invalid token: {exc}") from None
        self._check_lifetime(claims)
        if cache is self.own_keys and isinstance(claims.get("client_id"), str):
            await self._check_client(claims["client_id"])
        actor = self._actor(claims, external=cache is not self.own_keys)
        self._verified[token] = _Verified(
            actor, kid, entry, cache is self.own_keys, float(claims["exp"]) + EXPIRY_LEEWAY_SECONDS
        )
        if len(self._verified) > VERIFIED_TOKENS_MAX:
            self._verified.popitem(last=False)
        return actor

    async def _reuse(self, token: str, known: _Verified) -> Actor | None:
        """The actor of a token verified before, if nothing it was verified against has changed; else None (and the
        entry is dropped) so the caller verifies it from scratch."""
        cache = self.own_keys if known.own else self.external_keys
        if time.time() >= known.usable_until or cache is None or await cache.get(known.kid) is not known.key_entry:
            self._verified.pop(token, None)
            return None
        self._verified.move_to_end(token)
        if known.own and known.actor.client_id is not None:
            await self._check_client(known.actor.client_id)
        return known.actor

    async def _check_client(self, client_id: str) -> None:
        """A revoked (or deleted) client's tokens stop working, not just its next token request."""
        checked = self._active_clients.get(client_id)
        if checked is not None and time.monotonic() - checked < self.client_cache_seconds:
            return
        async with self._sessionmaker() as session:
            row = (await session.execute(select(ApiClient.revoked_at).where(ApiClient.client_id == client_id))).first()
        if row is None or row.revoked_at is not None:
            self._active_clients.pop(client_id, None)
            raise Unauthorized("the API client of this token has been revoked")
        self._active_clients[client_id] = time.monotonic()

    def forget_client(self, client_id: str) -> None:
        self._active_clients.pop(client_id, None)

    def _check_lifetime(self, claims: dict[str, Any]) -> None:
        """Whoever signed it, a token may not live longer than the maximum (a leaked one expires soon)."""
        issued = claims.get("iat")
        if not isinstance(issued, int | float):
            issued = (self._clock() if self._clock else datetime.now(UTC)).timestamp()
        if claims["exp"] - issued > self.max_lifetime:
            raise Unauthorized(f"token lifetime exceeds the maximum of {self.max_lifetime} seconds")

    def _actor(self, claims: dict[str, Any], *, external: bool) -> Actor:
        party_claim = self.external.party_claim if external and self.external else "party_id"
        scope_claim = self.external.scope_claim if external and self.external else "scope"
        raw_scope = claims.get(scope_claim, "")
        scopes = frozenset(raw_scope.split() if isinstance(raw_scope, str) else raw_scope or [])
        party_raw = claims.get(party_claim)
        if external:
            scopes = scopes - {"parties:admin"}  # operators are only minted here
        try:
            party_id = uuid.UUID(party_raw) if party_raw else None
        except (ValueError, TypeError):
            raise Unauthorized(f"claim {party_claim!r} is not a party id") from None
        if party_id is None and "parties:admin" not in scopes:
            raise Unauthorized(f"token has no {party_claim!r} claim")
        if party_id is not None:
            scopes = scopes - {"parties:admin"}
        return Actor(
            party_id=party_id,
            scopes=frozenset(s for s in scopes if s in ALL_SCOPES),
            client_id=claims.get("client_id"),
            token_id=claims.get("jti"),
            subject=claims.get("sub"),
        )
