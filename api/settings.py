from __future__ import annotations

import os
from datetime import timedelta
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from limits import parse
from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
)

from db.encryption import DEFAULT_DATA_DIR, Keyring, SecretKeyError, load_keyring
from services.retention import RetentionPolicy
from services.webhooks.policy import DeliveryPolicy
from services.webhooks.ssrf import parse_networks

# Settings that carry a password, and the variable naming a file that holds it instead (Docker and Kubernetes
# secrets are mounted as files). The variable itself wins when both are set. SLA_SECRET_KEY(_OLD)_FILE are fields.
SECRET_FILES = {"DATABASE_URL": "DATABASE_URL_FILE", "redis_url": "SLA_REDIS_URL_FILE"}


class SecretFiles(PydanticBaseSettingsSource):
    """Reads each `SECRET_FILES` variable's file (surrounding whitespace, e.g. the final newline, stripped)."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, variable in SECRET_FILES.items():
            path = os.environ.get(variable)
            if not path:
                continue
            try:
                values[key] = Path(path).read_text().strip()
            except OSError as error:
                raise SettingsError(f"{variable}: cannot read {path} ({error.strerror})") from None
        return values


class Settings(BaseSettings):
    """Typed settings, all read from `SLA_*` variables (plus the conventional `DATABASE_URL`)."""

    model_config = SettingsConfigDict(env_prefix="SLA_", extra="ignore")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, env_settings, SecretFiles(settings_cls), dotenv_settings, file_secret_settings

    environment: Literal["development", "test", "production"] = "development"
    database_url: str | None = Field(default=None, validation_alias=AliasChoices("DATABASE_URL", "SLA_DATABASE_URL"))
    # Where the embedded PostgreSQL and the development secret key live when DATABASE_URL is unset: one place per
    # user (e.g. ~/.local/share/sla-api), so `sla serve` and `sla token` find the same database from any directory.
    data_dir: Path = DEFAULT_DATA_DIR
    # The most connections an API process opens, as requests need them, and keeps; a request that finds all of them
    # in use waits for one (no overflow connections: each would be a new PostgreSQL backend, closed after use).
    db_pool_size: int = 30
    # Besides it, the most connections an API process opens for its hottest single-row reads (`/v1/me`'s row, the
    # compiled GraphQL reads), on asyncpg's own pool (db/reading.py says why); 0 reads them on the pool above.
    db_read_pool_size: int = 10

    # Logs: one JSON object per line (default in production) or readable console lines (default elsewhere).
    log_format: Literal["json", "console"] | None = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Who may read GET /metrics: nobody (off), anyone who reaches the port (open), or an operator token (bearer).
    metrics: Literal["off", "open", "bearer"] = "bearer"

    # Rate limits ("N/second|minute|hour", or "off"): per caller (API client, or token subject) on every
    # authenticated request; per IP on /oauth/token; failed client authentications per client_id before 429.
    rate_limit: str = "1200/minute"
    token_rate_limit: str = "60/minute"
    token_failure_limit: str = "10/minute"
    # GraphQL cost (schema/cost.py): the points one operation may cost, and each caller's points per window.
    graphql_max_cost: int = Field(default=25_000, ge=1)
    graphql_cost_budget: str = "250000/minute"
    # Retention, pruned by the worker every `retention_interval_seconds` (and `sla prune`): webhook attempts and
    # succeeded deliveries after this many days (negative: kept), audit events only when set.
    retention_attempts_days: float = 30.0
    retention_succeeded_deliveries_days: float = 30.0
    retention_events_days: float | None = None
    # A ticket's events, this long after its last one once that event's billing period is closed (negative: kept).
    retention_ticket_events_days: float = 90.0
    retention_batch_size: int = Field(default=1000, ge=1, le=100_000)
    retention_interval_seconds: float = Field(default=3600.0, gt=0)

    # Browser origins allowed to call the API (CORS), comma separated (`https://portal.example.com`), or `*`;
    # empty: no CORS headers.
    cors_origins: str = ""

    # A shared store for the counts when several instances serve the API (redis://host:6379/0).
    redis_url: str | None = None

    # Tokens issued by this service.
    issuer: str = "sla-api"
    audience: str = "sla-api"
    token_ttl_seconds: int = Field(default=900, ge=60, le=86400)
    signing_algorithm: Literal["ES256", "EdDSA"] = "ES256"
    # Any accepted token, ours or an external identity provider's, lives at most this long (exp - iat).
    token_max_lifetime_seconds: int = Field(default=86400, ge=60)

    # The key-encryption key of secrets at rest (32 bytes, hex or base64), or a file holding it. Required in
    # production; in development and tests one is generated in `data_dir`. Old keys (comma/space separated, or
    # one per line in the file) still decrypt until `sla secrets rotate-kek` has re-wrapped every row.
    secret_key: SecretStr | None = None
    secret_key_file: Path | None = None
    secret_key_old: SecretStr | None = None
    secret_key_old_file: Path | None = None

    # How long a POST's Idempotency-Key and its stored response are kept.
    idempotency_ttl_seconds: int = Field(default=86400, ge=60)

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
    # The response cache of GraphQL reads (schema/response_cache.py), per process: at most this many answers and
    # bytes; 0 turns it off.
    graphql_response_cache_entries: int = Field(default=4096, ge=0)
    graphql_response_cache_bytes: int = Field(default=64 * 1024 * 1024, ge=0)
    # Queries of the compiled subset (schema/compiled/) answered by one SQL statement that builds the JSON; false
    # sends every document through Strawberry.
    graphql_compiled_reads: bool = True
    # The applicable-SLA lookup's customer → agreement → version mapping (services/ticketing/applicable_mapping.py),
    # per process, dropped on every change notified on the outbox channel; an entry is also never used longer than
    # this many seconds after it was read (the bound when a notification is lost); 0 turns the mapping cache off.
    applicable_mapping_seconds: float = Field(default=5.0, ge=0)
    # `GET /v1/me` and `GET /v1/sla/applicable` answered without Litestar's per-request machinery (api/hot_reads.py);
    # off hands every request to Litestar.
    hot_reads: bool = True
    # The per-process caches of the ticketing hot paths (services/ticketing/), each least-recently-used beyond its
    # size so a worker's memory stays flat: compiled accepted versions, the schedule each version's targets run on,
    # the schedules themselves (shared by content, each with its memo of the days walked), and the lookup's mappings.
    applicable_versions_cached: int = Field(default=4096, ge=0)
    applicable_schedules_cached: int = Field(default=16384, ge=0)
    schedules_built_cached: int = Field(default=256, ge=0)
    applicable_mappings_cached: int = Field(default=16384, ge=0)

    # Webhooks and the worker.
    run_worker: bool = False  # `sla serve` sets SLA_RUN_WORKER=1 unless --no-worker
    worker_lanes: int = Field(default=8, ge=1, le=64)
    worker_poll_seconds: float = Field(default=1.0, gt=0)
    # `GET /v1/events/stream` sends a comment after this many idle seconds (keeps proxies from closing the stream,
    # and is when a revoked client's stream notices at the latest).
    event_stream_heartbeat_seconds: float = Field(default=15.0, gt=0)
    # The worker closes each billing period this many days after it ended (negative: never automatically).
    billing_close_after_days: int = 5
    # LISTEN/NOTIFY wake-ups; off leaves polling only (the benchmark's baseline).
    worker_listen: bool = True
    worker_lease_seconds: float = Field(default=30.0, gt=0)
    # A request in flight this long hands its lane to another subscription (default: the poll interval).
    worker_handoff_seconds: float | None = Field(default=None, gt=0)
    # `sla worker` answers GET /readyz and /healthz on this port (127.0.0.1) when set.
    worker_health_port: int | None = Field(default=None, ge=0, le=65535)
    # A file the worker rewrites after each timer round that reached the database; `sla worker --check` fails when
    # it is older than `worker_heartbeat_max_age_seconds` (or missing).
    worker_heartbeat_file: Path | None = None
    worker_heartbeat_max_age_seconds: float = Field(default=60.0, gt=0)
    # How long `sla worker` waits, with backoff, for an unreachable database when it starts.
    worker_startup_wait_seconds: float = Field(default=60.0, ge=0)
    # Comma-separated networks delivery may reach although they are private (tests, local development).
    webhook_allow_networks: str = ""
    # Seconds between attempts: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (±20 % jitter).
    webhook_retry_schedule: str = "5,300,1800,7200,18000,36000,36000"
    webhook_retry_after_cap_seconds: float = 3600.0
    webhook_connect_timeout_seconds: float = 5.0
    webhook_timeout_seconds: float = 15.0
    webhook_disable_after_seconds: float = 5 * 86400.0
    # After a secret rotation the previous secrets keep signing for this long (every one whose grace runs).
    webhook_secret_grace_seconds: float = Field(default=86400.0, ge=0)
    # Attempts a lane makes for one subscription before the next oldest due subscription gets its turn.
    webhook_batch_size: int = Field(default=100, ge=1, le=10_000)
    # The first bytes of each response body kept in the deliveries log.
    webhook_response_keep_bytes: int = Field(default=16 * 1024, ge=0, le=1_048_576)
    # The per-endpoint circuit breaker: open after this many consecutive failures, probes at most this far apart.
    webhook_breaker_threshold: int = Field(default=3, ge=1, le=1000)
    webhook_breaker_max_seconds: float = Field(default=3600.0, gt=0)
    # Requests in flight at once to one host:port, per worker process.
    webhook_endpoint_concurrency: int = Field(default=4, ge=1, le=256)

    @field_validator("rate_limit", "token_rate_limit", "token_failure_limit", "graphql_cost_budget")
    @classmethod
    def _rate_limit(cls, value: str) -> str:
        if value.strip().lower() != "off":
            try:
                parse(value)
            except ValueError:
                raise ValueError(f"{value!r} is not a rate limit like 100/minute (or off)") from None
        return value

    @model_validator(mode="after")
    def _production_defaults(self) -> Settings:
        if self.graphiql is None:
            self.graphiql = self.environment != "production"
        if self.log_format is None:
            self.log_format = "json" if self.environment == "production" else "console"
        if self.introspection is None:
            self.introspection = self.environment != "production"
        if self.environment == "production" and not self.database_url:
            raise ValueError("DATABASE_URL is required in production (the embedded database is for development)")
        if self.environment == "production" and not (self.secret_key or self.secret_key_file):
            raise ValueError("SLA_SECRET_KEY or SLA_SECRET_KEY_FILE is required in production (secrets at rest)")
        if self.token_ttl_seconds > self.token_max_lifetime_seconds:
            raise ValueError("token_ttl_seconds must not exceed token_max_lifetime_seconds")
        return self

    @cached_property
    def keyring(self) -> Keyring:
        try:
            return load_keyring(
                environment=self.environment,
                data_dir=self.data_dir,
                secret_key=self.secret_key.get_secret_value() if self.secret_key else None,
                secret_key_file=self.secret_key_file,
                old_keys=self.secret_key_old.get_secret_value() if self.secret_key_old else None,
                old_keys_file=self.secret_key_old_file,
            )
        except SecretKeyError as exc:
            raise ValueError(str(exc)) from None

    @property
    def cors_origin_list(self) -> list[str]:
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]

    def delivery_policy(self) -> DeliveryPolicy:
        return DeliveryPolicy(
            retry_schedule=tuple(float(x) for x in self.webhook_retry_schedule.split(",") if x.strip()),
            retry_after_cap=self.webhook_retry_after_cap_seconds,
            connect_timeout=self.webhook_connect_timeout_seconds,
            total_timeout=self.webhook_timeout_seconds,
            disable_after=timedelta(seconds=self.webhook_disable_after_seconds),
            lease_seconds=self.worker_lease_seconds,
            batch_size=self.webhook_batch_size,
            response_keep_bytes=self.webhook_response_keep_bytes,
            breaker_threshold=self.webhook_breaker_threshold,
            breaker_max_seconds=self.webhook_breaker_max_seconds,
            endpoint_concurrency=self.webhook_endpoint_concurrency,
            allow_networks=parse_networks(self.webhook_allow_networks),
            secret_grace=timedelta(seconds=self.webhook_secret_grace_seconds),
            keyring=self.keyring,
        )

    def retention_policy(self) -> RetentionPolicy:
        def days(value: float | None) -> timedelta | None:
            return timedelta(days=value) if value is not None and value >= 0 else None

        return RetentionPolicy(
            attempts=days(self.retention_attempts_days),
            succeeded_deliveries=days(self.retention_succeeded_deliveries_days),
            events=days(self.retention_events_days),
            ticket_events=days(self.retention_ticket_events_days),
            batch_size=self.retention_batch_size,
        )

    @property
    def close_periods_after_days(self) -> int | None:
        return self.billing_close_after_days if self.billing_close_after_days >= 0 else None

    @property
    def external_idp_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_jwks_url and self.oidc_audience)
