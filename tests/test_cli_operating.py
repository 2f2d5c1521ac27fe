"""`sla --version`, and `--demo` refused in production."""

from __future__ import annotations

from click.testing import CliRunner

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
