"""Every setting is listed in `.env.example` and in the README's configuration table, and secrets read from files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main
from api.settings import SECRET_FILES, Settings

ROOT = Path(__file__).resolve().parent.parent


def _variables() -> list[str]:
    names = []
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        names.append(alias.choices[0] if alias is not None else f"SLA_{name.upper()}")
    return names + list(SECRET_FILES.values())


def test_env_example_lists_every_setting():
    listed = set(re.findall(r"^([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert [name for name in _variables() if name not in listed] == []


def test_the_readme_configuration_table_lists_every_setting():
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", table))
    assert [name for name in _variables() if name not in documented] == []


def test_database_and_redis_urls_are_read_from_files(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SLA_REDIS_URL", raising=False)
    (tmp_path / "database_url").write_text("postgresql://sla:s3cret@db:5432/sla\n")
    (tmp_path / "redis_url").write_text("redis://:pw@redis:6379/0\n")
    monkeypatch.setenv("DATABASE_URL_FILE", str(tmp_path / "database_url"))
    monkeypatch.setenv("SLA_REDIS_URL_FILE", str(tmp_path / "redis_url"))
    settings = Settings()
    assert settings.database_url == "postgresql://sla:s3cret@db:5432/sla"
    assert settings.redis_url == "redis://:pw@redis:6379/0"
    # The variable itself wins over its file.
    monkeypatch.setenv("DATABASE_URL", "postgresql://direct@db/sla")
    assert Settings().database_url == "postgresql://direct@db/sla"


@pytest.mark.parametrize("variable", sorted(SECRET_FILES.values()))
def test_an_unreadable_secret_file_is_a_clear_error(variable, tmp_path, monkeypatch):
    monkeypatch.setenv(variable, str(tmp_path / "missing"))
    result = CliRunner().invoke(main, ["prune", "--dry-run"])
    assert result.exit_code == 1
    assert f"invalid settings: {variable}: cannot read" in result.output and "No such file" in result.output
