"""Write the committed OpenAPI document: `python -m api.export_openapi` (or `--check` to only compare, exiting 1 on
drift). It is what the app serves at `/schema/openapi.json`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from api.app import create_app
from api.openapi import contract_document
from api.settings import Settings

OPENAPI_PATH = Path(__file__).with_name("openapi.json")


def openapi_document() -> dict[str, Any]:
    # Building the app opens no connection; the URL only has to be well formed.
    app = create_app(Settings(environment="development", database_url="postgresql://openapi@127.0.0.1:1/unused"))
    return contract_document(app)


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    current = render(openapi_document())
    if "--check" in argv:
        if not OPENAPI_PATH.exists() or OPENAPI_PATH.read_text() != current:
            print(f"{OPENAPI_PATH} is out of date; run `python -m api.export_openapi`", file=sys.stderr)
            return 1
        return 0
    OPENAPI_PATH.write_text(current)
    print(f"wrote {OPENAPI_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
