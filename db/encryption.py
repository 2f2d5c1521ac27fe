"""Envelope encryption of secrets at rest (AES-256-GCM).

Every value gets its own random data key. The data key is encrypted ("wrapped") by the key-encryption key
(KEK) and stored inside the value's blob; the KEK's id is stored beside the blob. The KEK itself never
touches the database: it comes from `SLA_SECRET_KEY` / `SLA_SECRET_KEY_FILE` (in development and tests, a
file generated in the data directory). Rotating the KEK re-wraps the data keys only; the ciphertexts stay.

Each value is bound to where it lives (`context`, e.g. the signing key's `kid`) as AES-GCM associated
data, so a ciphertext copied onto another row does not decrypt.

This lives in `db/` because the migration that encrypts existing rows needs it as much as the services do.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT_VERSION = 1
NONCE_BYTES = 12
KEY_BYTES = 32
_WRAPPED_BYTES = KEY_BYTES + 16  # the data key and its GCM tag
KEY_FILE_NAME = "secret.key"


class SecretKeyError(ValueError):
    """A KEK that is missing, malformed, or not the one a value was encrypted with."""


@dataclass(frozen=True)
class Sealed:
    """An encrypted value as stored: the id of the KEK that wraps its data key, and the blob."""

    kek_id: str
    blob: bytes

    def to_json(self) -> dict[str, str]:
        return {"kek_id": self.kek_id, "ciphertext": base64.b64encode(self.blob).decode()}

    @classmethod
    def from_json(cls, value: Mapping[str, str]) -> Sealed:
        return cls(value["kek_id"], base64.b64decode(value["ciphertext"]))


def kek_id(key: bytes) -> str:
    """A stable, non-secret name for a KEK (a truncated hash), so rows can say which KEK wraps them."""
    return hashlib.sha256(b"sla-api kek id\x00" + key).hexdigest()[:16]


def parse_key(text: str) -> bytes:
    """32 bytes written as 64 hex digits or as base64 (standard or URL-safe, padded or not)."""
    value = text.strip()
    if re.fullmatch(r"[0-9a-fA-F]{64}", value):
        return bytes.fromhex(value)
    try:
        raw = base64.b64decode(
            value + "=" * (-len(value) % 4), altchars=b"-_" if re.search(r"[-_]", value) else None, validate=True
        )
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != KEY_BYTES:
        raise SecretKeyError("a secret key must be 32 bytes, written as 64 hex digits or as base64")
    return raw


class Keyring:
    """The current KEK (encrypts) and older ones (still decrypt until `sla secrets rotate-kek` re-wrapped all)."""

    def __init__(self, current: bytes, old: Iterable[bytes] = ()) -> None:
        if len(current) != KEY_BYTES:
            raise SecretKeyError("the key-encryption key must be 32 bytes")
        self.current_id = kek_id(current)
        self._keys = {kek_id(key): AESGCM(key) for key in (*old, current)}

    @property
    def kek_ids(self) -> frozenset[str]:
        return frozenset(self._keys)

    def seal(self, plaintext: bytes, context: str) -> Sealed:
        data_key = AESGCM.generate_key(bit_length=256)
        key_nonce, data_nonce = os.urandom(NONCE_BYTES), os.urandom(NONCE_BYTES)
        wrapped = self._keys[self.current_id].encrypt(key_nonce, data_key, self.current_id.encode())
        ciphertext = AESGCM(data_key).encrypt(data_nonce, plaintext, context.encode())
        return Sealed(self.current_id, bytes([FORMAT_VERSION]) + key_nonce + wrapped + data_nonce + ciphertext)

    def open(self, sealed: Sealed, context: str) -> bytes:
        data_key, rest = self._unwrap(sealed)
        try:
            return AESGCM(data_key).decrypt(rest[:NONCE_BYTES], rest[NONCE_BYTES:], context.encode())
        except InvalidTag:
            raise SecretKeyError("a stored secret does not belong where it was found (or was altered)") from None

    def seal_text(self, plaintext: str, context: str) -> Sealed:
        return self.seal(plaintext.encode(), context)

    def open_text(self, sealed: Sealed, context: str) -> str:
        return self.open(sealed, context).decode()

    def rewrap(self, sealed: Sealed) -> Sealed:
        """The same ciphertext with its data key wrapped by the current KEK."""
        if sealed.kek_id == self.current_id:
            return sealed
        data_key, rest = self._unwrap(sealed)
        key_nonce = os.urandom(NONCE_BYTES)
        wrapped = self._keys[self.current_id].encrypt(key_nonce, data_key, self.current_id.encode())
        return Sealed(self.current_id, bytes([FORMAT_VERSION]) + key_nonce + wrapped + rest)

    def _unwrap(self, sealed: Sealed) -> tuple[bytes, bytes]:
        kek = self._keys.get(sealed.kek_id)
        if kek is None:
            raise SecretKeyError(
                f"a stored secret is wrapped by key-encryption key {sealed.kek_id}, which is not configured "
                "(set it in SLA_SECRET_KEY_OLD until `sla secrets rotate-kek` has run)"
            )
        blob = sealed.blob
        if not blob or blob[0] != FORMAT_VERSION:
            raise SecretKeyError("a stored secret has an unknown format")
        key_nonce = blob[1 : 1 + NONCE_BYTES]
        wrapped = blob[1 + NONCE_BYTES : 1 + NONCE_BYTES + _WRAPPED_BYTES]
        try:
            data_key = kek.decrypt(key_nonce, wrapped, sealed.kek_id.encode())
        except InvalidTag:
            raise SecretKeyError(f"key-encryption key {sealed.kek_id} does not open a stored secret") from None
        return data_key, blob[1 + NONCE_BYTES + _WRAPPED_BYTES :]


def _read_key_file(path: Path) -> bytes:
    try:
        return parse_key(path.expanduser().read_text())
    except OSError as exc:
        raise SecretKeyError(f"cannot read the secret key file {path}: {exc.strerror}") from None


# The data directory when SLA_DATA_DIR is unset: one per user (e.g. ~/.local/share/sla-api), whatever the working
# directory, so every command (`sla serve`, `sla token`, migrations) finds the same database and development key.
DEFAULT_DATA_DIR = Path(platformdirs.user_data_dir("sla-api"))


def _generated_key(data_dir: Path) -> bytes:
    """Development and tests only: a KEK created once in the data directory, readable by its owner only."""
    path = data_dir.expanduser() / KEY_FILE_NAME
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            return _read_key_file(path)
        with os.fdopen(descriptor, "w") as file:
            file.write(base64.b64encode(AESGCM.generate_key(bit_length=256)).decode() + "\n")
    return _read_key_file(path)


def load_keyring(
    *,
    environment: str,
    data_dir: Path,
    secret_key: str | None = None,
    secret_key_file: Path | None = None,
    old_keys: str | None = None,
    old_keys_file: Path | None = None,
) -> Keyring:
    """The keyring the settings describe. Production must name its KEK; elsewhere one is generated."""
    if secret_key:
        current = parse_key(secret_key)
    elif secret_key_file:
        current = _read_key_file(secret_key_file)
    elif environment == "production":
        raise SecretKeyError("SLA_SECRET_KEY or SLA_SECRET_KEY_FILE is required in production")
    else:
        current = _generated_key(data_dir)
    old = [parse_key(k) for k in re.split(r"[\s,]+", old_keys or "") if k]
    if old_keys_file:
        try:
            lines = old_keys_file.expanduser().read_text().split()
        except OSError as exc:
            raise SecretKeyError(f"cannot read the old secret keys file {old_keys_file}: {exc.strerror}") from None
        old += [parse_key(k) for k in lines if k]
    return Keyring(current, old)


_from_environment: dict[tuple[str | None, ...], Keyring] = {}


def keyring_from_environment(environ: Mapping[str, str] = os.environ) -> Keyring:
    """The keyring named by the `SLA_*` variables (the same ones `api.settings.Settings` reads).

    For the migrations and for callers that have no settings object; cached per distinct configuration.
    """
    names = (
        "SLA_ENVIRONMENT",
        "SLA_DATA_DIR",
        "SLA_SECRET_KEY",
        "SLA_SECRET_KEY_FILE",
        "SLA_SECRET_KEY_OLD",
        "SLA_SECRET_KEY_OLD_FILE",
    )
    config = tuple(environ.get(name) for name in names)
    if config not in _from_environment:
        environment, data_dir, key, key_file, old, old_file = config
        _from_environment[config] = load_keyring(
            environment=environment or "development",
            data_dir=Path(data_dir) if data_dir else DEFAULT_DATA_DIR,
            secret_key=key,
            secret_key_file=Path(key_file) if key_file else None,
            old_keys=old,
            old_keys_file=Path(old_file) if old_file else None,
        )
    return _from_environment[config]


# Where each kind of secret lives: the associated data that binds a ciphertext to its row.
def signing_key_context(kid: str) -> str:
    return f"signing_keys:{kid}"


def webhook_secret_context(subscription_id: object) -> str:
    return f"webhook_subscriptions:{subscription_id}"


def integration_secret_context(integration_id: object) -> str:
    return f"integrations:{integration_id}"


def idempotency_context(principal: str, key: str) -> str:
    return f"idempotency_keys:{principal}:{key}"
