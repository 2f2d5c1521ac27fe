"""Write the committed SDL: `python -m schema.export` (or `--check` to only compare, exiting 1 on drift)."""

from __future__ import annotations

import sys
from pathlib import Path

from schema.app import sdl

SDL_PATH = Path(__file__).with_name("schema.graphql")


def main(argv: list[str]) -> int:
    current = sdl()
    if "--check" in argv:
        if not SDL_PATH.exists() or SDL_PATH.read_text() != current:
            print(f"{SDL_PATH} is out of date; run `python -m schema.export`", file=sys.stderr)
            return 1
        return 0
    SDL_PATH.write_text(current)
    print(f"wrote {SDL_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
