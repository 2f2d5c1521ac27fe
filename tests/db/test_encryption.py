"""Envelope encryption of secrets at rest, and where its key-encryption key comes from."""

from __future__ import annotations

import base64
import stat

import pytest
from pydantic import ValidationError

from api.settings import Settings
from db.encryption import Keyring, SecretKeyError, kek_id, load_keyring, parse_key

KEY, OTHER = b"\x01" * 32, b"\x02" * 32


def test_seal_and_open_round_trip_with_a_fresh_data_key_each_time():
    keyring = Keyring(KEY)
    one, two = keyring.seal_text("whsec_x", "ctx"), keyring.seal_text("whsec_x", "ctx")
    assert one.kek_id == two.kek_id == kek_id(KEY) and one.blob != two.blob
    assert b"whsec_x" not in one.blob
    assert keyring.open_text(one, "ctx") == "whsec_x"


def test_a_ciphertext_opens_only_in_its_own_context_and_under_its_own_kek():
    sealed = Keyring(KEY).seal_text("secret", "signing_keys:a")
    with pytest.raises(SecretKeyError):
        Keyring(KEY).open_text(sealed, "signing_keys:b")
    with pytest.raises(SecretKeyError, match="not configured"):
        Keyring(OTHER).open_text(sealed, "signing_keys:a")
    tampered = type(sealed)(sealed.kek_id, sealed.blob[:-1] + bytes([sealed.blob[-1] ^ 1]))
    with pytest.raises(SecretKeyError):
        Keyring(KEY).open_text(tampered, "signing_keys:a")


def test_rewrap_changes_only_the_wrapped_data_key():
    sealed = Keyring(KEY).seal_text("secret", "ctx")
    rotated = Keyring(OTHER, old=[KEY])
    rewrapped = rotated.rewrap(sealed)
    assert rewrapped.kek_id == kek_id(OTHER) and rewrapped.blob[-30:] == sealed.blob[-30:]
    assert Keyring(OTHER).open_text(rewrapped, "ctx") == "secret"


@pytest.mark.parametrize(
    "written",
    [
        KEY.hex(),
        base64.b64encode(KEY).decode(),
        base64.urlsafe_b64encode(b"\xfb" * 32).decode().rstrip("="),
        f"  {KEY.hex()}\n",
    ],
)
def test_keys_are_hex_or_base64_32_bytes(written):
    assert len(parse_key(written)) == 32


@pytest.mark.parametrize("written", ["", "short", KEY.hex()[:-2], base64.b64encode(b"\x01" * 16).decode()])
def test_malformed_keys_are_refused(written):
    with pytest.raises(SecretKeyError):
        parse_key(written)


def test_production_requires_a_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SLA_SECRET_KEY", raising=False)
    with pytest.raises(ValidationError, match="SLA_SECRET_KEY"):
        Settings(environment="production", database_url="postgresql://x/y", data_dir=tmp_path)
    key_file = tmp_path / "kek"
    key_file.write_text(base64.b64encode(KEY).decode())
    settings = Settings(
        environment="production", database_url="postgresql://x/y", secret_key_file=key_file, secret_key_old=OTHER.hex()
    )
    assert settings.keyring.current_id == kek_id(KEY) and settings.keyring.kek_ids == {kek_id(KEY), kek_id(OTHER)}
    assert not (tmp_path / "secret.key").exists()


def test_development_generates_a_private_key_file_in_the_data_directory(tmp_path):
    first = load_keyring(environment="development", data_dir=tmp_path / "data")
    path = tmp_path / "data" / "secret.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_keyring(environment="development", data_dir=tmp_path / "data").current_id == first.current_id
    with pytest.raises(SecretKeyError, match="production"):
        load_keyring(environment="production", data_dir=tmp_path / "data")
