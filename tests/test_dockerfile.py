"""The Dockerfile parses with BuildKit's parser, every stage starts from a base image pinned by digest, and the
dependencies install from the lock file with their hashes checked (no daemon here for `docker build --check`)."""

from __future__ import annotations

import re
from pathlib import Path

import dockerfile

ROOT = Path(__file__).resolve().parent.parent
DIGEST = re.compile(r"^[\w.\-/:]+@sha256:[0-9a-f]{64}$")


def _commands() -> list[dockerfile.Command]:
    return list(dockerfile.parse_file(str(ROOT / "Dockerfile")))


def _base_images(commands: list[dockerfile.Command]) -> list[str]:
    """Each FROM's image, with the ARGs declared before the first FROM substituted (what `docker build` does)."""
    defaults: dict[str, str] = {}
    images = []
    for command in commands:
        if command.cmd == "ARG" and not images:
            name, _, value = command.value[0].partition("=")
            defaults[name] = value
        elif command.cmd == "FROM":
            image = re.sub(r"\$\{?(\w+)\}?", lambda m: defaults.get(m.group(1), m.group(0)), command.value[0])
            images.append(image)
    return images


def test_every_stage_starts_from_an_image_pinned_by_digest():
    images = _base_images(_commands())
    assert len(images) == 2, images  # builder and runtime
    builders = {"builder", "runtime"}
    assert all(DIGEST.match(image) for image in images), images
    assert images[0].startswith("python:3.11-slim-bookworm@sha256:") and len(set(images)) == 1
    named = [c.value[2] for c in _commands() if c.cmd == "FROM" and len(c.value) == 3]
    assert set(named) == builders


def test_the_pin_stays_overridable_with_a_build_arg():
    commands = _commands()
    (arg,) = [c for c in commands if c.cmd == "ARG"]
    assert arg.value[0].startswith("PYTHON_IMAGE=")
    assert all(c.value[0] == "${PYTHON_IMAGE}" for c in commands if c.cmd == "FROM")


def test_dependencies_install_from_the_lock_file_with_hashes():
    runs = [c.value[0] for c in _commands() if c.cmd == "RUN"]
    (locked,) = [run for run in runs if "requirements.lock" in run]
    assert "--require-hashes" in locked.split() and "--no-deps" in locked.split()
    # The project itself comes after, without resolving anything the lock file did not pin.
    assert any(run.startswith("pip install --no-deps .") for run in runs)
    assert "--hash=sha256:" in (ROOT / "requirements.lock").read_text()
