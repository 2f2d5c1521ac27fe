"""The tests' embedded PostgreSQL belongs to this checkout: another clone on the machine never joins it."""

from __future__ import annotations

import subprocess

from tests.conftest import CHECKOUT, embedded_data_dir


def test_the_default_data_directory_is_inside_the_checkout_and_ignored_by_git(monkeypatch):
    monkeypatch.delenv("SLA_TEST_DATA_DIR", raising=False)
    data_dir = embedded_data_dir()
    assert (CHECKOUT / "pyproject.toml").exists()  # CHECKOUT is the project root
    assert data_dir.is_relative_to(CHECKOUT) and data_dir != CHECKOUT
    assert f"{data_dir.relative_to(CHECKOUT)}/" in (CHECKOUT / ".gitignore").read_text().splitlines()
    if (CHECKOUT / ".git").exists():  # a clone or worktree (not an exported tree): git itself agrees
        ignored = subprocess.run(["git", "check-ignore", "-q", str(data_dir / "pgdata")], cwd=CHECKOUT)
        assert ignored.returncode == 0, f"{data_dir} is not ignored by git"


def test_an_explicit_data_directory_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("SLA_TEST_DATA_DIR", str(tmp_path))
    assert embedded_data_dir() == tmp_path
