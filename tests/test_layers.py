"""The import graph, read from the code: dependencies point one way (DESIGN.md §2) and no module takes part in an
import cycle. The same rules as the import-linter contracts in pyproject.toml (`lint-imports` in .ci/run), checked
here too so that a plain `pytest` run catches an upward import or a new cycle.

The graph is grimp's (the one import-linter builds): imports inside functions and under `TYPE_CHECKING` count, since
both are dependencies a reader has to know about.
"""

from __future__ import annotations

from functools import cache

import grimp
import pytest

PACKAGES = ("api", "schema", "worker", "services", "db")
# (importer, imported): never, not even through a third package.
FORBIDDEN = [
    ("schema", "api"),
    ("schema", "worker"),
    ("worker", "api"),
    ("worker", "schema"),
    ("services", "api"),
    ("services", "schema"),
    ("services", "worker"),
    ("db", "services"),
    ("db", "api"),
    ("db", "schema"),
    ("db", "worker"),
]
# No module takes part in a cycle; the test fails when one appears.
KNOWN_CYCLE_MODULES: frozenset[str] = frozenset()


@cache
def _graph() -> grimp.ImportGraph:
    return grimp.build_graph(*PACKAGES)


def modules_in_cycles(graph: grimp.ImportGraph) -> set[str]:
    """Every module that imports, directly or not, something that imports it back."""
    found: set[str] = set()
    for importer in graph.modules:
        for imported in graph.find_modules_directly_imported_by(importer):
            if imported == importer or imported.startswith(f"{importer}.") or importer.startswith(f"{imported}."):
                continue  # a package and its own modules: `__init__` re-exports are not a cycle between modules
            if graph.find_shortest_chain(importer=imported, imported=importer, as_packages=False) is not None:
                found |= {importer, imported}
    return found


@pytest.mark.parametrize(("importer", "imported"), FORBIDDEN, ids=[f"{a}-not-{b}" for a, b in FORBIDDEN])
def test_no_import_points_up_or_sideways(importer: str, imported: str):
    chains = _graph().find_shortest_chains(importer=importer, imported=imported)
    assert not chains, f"{importer} must not import {imported}: {sorted(chains)}"


def test_no_module_takes_part_in_an_import_cycle():
    cycles = modules_in_cycles(_graph())
    assert cycles <= KNOWN_CYCLE_MODULES, f"new import cycle through {sorted(cycles - KNOWN_CYCLE_MODULES)}"
    assert cycles == KNOWN_CYCLE_MODULES, f"no longer in a cycle: drop {sorted(KNOWN_CYCLE_MODULES - cycles)}"


def test_the_cycle_finder_sees_a_cycle():
    graph = grimp.ImportGraph()
    for module in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(module)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.a")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    assert modules_in_cycles(graph) == {"pkg.a", "pkg.b"}
