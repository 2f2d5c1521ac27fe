"""How deliveries are retried, timed out, leased and broken off: plain settings, importable by the settings module
without loading delivery (and, through it, the metrics registry, which `sla serve` configures before first import)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from db.encryption import Keyring
from services.webhooks.ssrf import Network

DEFAULT_RETRY_SCHEDULE = (5.0, 300.0, 1800.0, 7200.0, 18000.0, 36000.0, 36000.0)


@dataclass(frozen=True)
class DeliveryPolicy:
    retry_schedule: tuple[float, ...] = DEFAULT_RETRY_SCHEDULE
    jitter: float = 0.2
    retry_after_cap: float = 3600.0
    connect_timeout: float = 5.0
    total_timeout: float = 15.0
    # The first bytes of each response body kept in the deliveries log (Svix keeps about 20 KB); no more is read.
    response_keep_bytes: int = 16 * 1024
    disable_after: timedelta = timedelta(days=5)
    lease_seconds: float = 30.0
    # Attempts a lane makes for one subscription before it lets the oldest due subscription have its turn.
    batch_size: int = 100
    # The circuit breaker opens after this many consecutive failed attempts, for an exponential backoff that
    # starts at the first retry step and is capped here; then one probe decides.
    breaker_threshold: int = 3
    breaker_max_seconds: float = 3600.0
    # Requests in flight at once to one host:port, per worker process.
    endpoint_concurrency: int = 4
    allow_networks: list[Network] = field(default_factory=list)
    # How long secrets replaced by a rotation keep signing; the keyring that decrypts them (None: from SLA_*).
    secret_grace: timedelta = timedelta(hours=24)
    keyring: Keyring | None = None
