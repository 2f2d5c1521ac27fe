from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Typed settings, all read from `SLA_*` variables (plus the conventional `DATABASE_URL`)."""

    model_config = SettingsConfigDict(env_prefix="SLA_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "SLA_DATABASE_URL")
    )
    data_dir: Path = Path(".sla")
    db_pool_size: int = 10

    # Tokens issued by this service.
    issuer: str = "sla-api"
    audience: str = "sla-api"
    token_ttl_seconds: int = Field(default=900, ge=60, le=86400)
    signing_algorithm: Literal["ES256", "EdDSA"] = "ES256"

    # An external identity provider, accepted beside the built-in one when all three are set.
    oidc_issuer: str | None = None
    oidc_jwks_url: str | None = None
    oidc_audience: str | None = None
    oidc_party_claim: str = "party_id"
    oidc_scope_claim: str = "scope"
    oidc_algorithms: list[str] = ["RS256", "ES256", "EdDSA"]
    # A spray of unknown `kid`s triggers at most one JWKS fetch per this many seconds.
    jwks_min_refresh_seconds: float = 60.0

    max_body_bytes: int = 1_048_576
    # Deepest nesting of arrays and objects a JSON body (REST, /oauth/token, /graphql and its variables) may have.
    max_json_depth: int = 32

    graphiql: bool | None = None
    introspection: bool | None = None
    graphql_max_depth: int = 10
    graphql_max_aliases: int = 30
    graphql_max_tokens: int = 2000

    # Webhooks and the worker.
    run_worker: bool = False  # `sla serve` sets SLA_RUN_WORKER=1 unless --no-worker
    worker_lanes: int = Field(default=8, ge=1, le=64)
    worker_poll_seconds: float = Field(default=1.0, gt=0)
    # The worker closes each billing period this many days after it ended (negative: never automatically).
    billing_close_after_days: int = 5
    # LISTEN/NOTIFY wake-ups; off leaves polling only (the benchmark's baseline).
    worker_listen: bool = True
    worker_lease_seconds: float = Field(default=30.0, gt=0)
    # Comma-separated networks delivery may reach although they are private (tests, local development).
    webhook_allow_networks: str = ""
    # Seconds between attempts: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (±20 % jitter).
    webhook_retry_schedule: str = "5,300,1800,7200,18000,36000,36000"
    webhook_retry_after_cap_seconds: float = 3600.0
    webhook_connect_timeout_seconds: float = 5.0
    webhook_timeout_seconds: float = 15.0
    webhook_disable_after_seconds: float = 5 * 86400.0

    @model_validator(mode="after")
    def _production_defaults(self) -> "Settings":
        if self.graphiql is None:
            self.graphiql = self.environment != "production"
        if self.introspection is None:
            self.introspection = self.environment != "production"
        if self.environment == "production" and not self.database_url:
            raise ValueError("DATABASE_URL is required in production (the embedded database is for development)")
        return self

    def delivery_policy(self):
        from datetime import timedelta

        from services.delivery import DeliveryPolicy
        from services.ssrf import parse_networks

        return DeliveryPolicy(
            retry_schedule=tuple(float(x) for x in self.webhook_retry_schedule.split(",") if x.strip()),
            retry_after_cap=self.webhook_retry_after_cap_seconds,
            connect_timeout=self.webhook_connect_timeout_seconds,
            total_timeout=self.webhook_timeout_seconds,
            disable_after=timedelta(seconds=self.webhook_disable_after_seconds),
            lease_seconds=self.worker_lease_seconds,
            allow_networks=parse_networks(self.webhook_allow_networks),
        )

    @property
    def close_periods_after_days(self) -> int | None:
        return self.billing_close_after_days if self.billing_close_after_days >= 0 else None

    @property
    def external_idp_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_jwks_url and self.oidc_audience)
