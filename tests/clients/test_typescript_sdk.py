"""The TypeScript client (clients/typescript) is generated from the committed OpenAPI document and type-checks:
its `src/schema.d.ts` is exactly what openapi-typescript makes of `api/openapi.json` today, and `tsc --noEmit`
compiles the client and its tour example against it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "clients" / "typescript"
INSTALLED = (PACKAGE / "node_modules" / ".bin" / "openapi-typescript").exists()

pytestmark = pytest.mark.skipif(
    shutil.which("npx") is None or not INSTALLED,
    reason="needs Node with `npm ci` run in clients/typescript (.ci/run does it)",
)


def _npx(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["npx", "--no-install", *args], cwd=PACKAGE, capture_output=True, text=True, timeout=300, check=False
    )


def test_the_committed_types_are_generated_from_the_committed_document():
    generated = _npx("openapi-typescript", "../../api/openapi.json", "--default-non-nullable", "false")
    assert generated.returncode == 0, generated.stderr
    committed = (PACKAGE / "src" / "schema.d.ts").read_text()
    assert generated.stdout.strip() == committed.strip(), "run clients/generate.sh and commit clients/typescript"


def test_the_client_type_checks():
    checked = _npx("tsc", "--noEmit")
    assert checked.returncode == 0, checked.stdout + checked.stderr
