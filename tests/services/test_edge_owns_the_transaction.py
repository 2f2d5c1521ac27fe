"""STYLE.md habit 2: services flush, never commit — the REST controller, the GraphQL mutation, the worker and the
command line (the edges) commit. A use case that needs two transactions (the webhook test send, with the receiver
called between them) is two service functions the edge commits in turn."""

from __future__ import annotations

import ast
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[2] / "services"
TRANSACTION_CALLS = {"commit", "rollback", "begin"}


def test_no_service_commits_or_rolls_back():
    found = []
    for path in sorted(SERVICES.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in TRANSACTION_CALLS
            ):
                found.append(f"{path.relative_to(SERVICES.parent)}:{node.lineno} .{node.func.attr}()")
    assert found == [], found
