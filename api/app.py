"""The Litestar application factory."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from litestar import Litestar
from litestar.datastructures import State
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.auth import BearerAuthMiddleware
from api.body_limits import JsonBoundsMiddleware
from api.compiled_reads import CompiledReads
from api.controllers.agreements import AgreementController, EventController, VersionController
from api.controllers.billing import AgreementBillingController, BillingController
from api.controllers.calendars import CalendarController
from api.controllers.disputes import DisputeController
from api.controllers.event_stream import EventStreamController
from api.controllers.event_types import EventTypeController
from api.controllers.feed_tokens import FeedTokenController
from api.controllers.integrations import (
    AgreementPolicyExchangeController,
    IntegrationController,
    IntegrationEventController,
)
from api.controllers.invitations import InvitationController
from api.controllers.parties import ApiClientController, MeController, PartyController
from api.controllers.reports import ReportsController
from api.controllers.reviews import AgreementReviewController, ReviewController
from api.controllers.simulation import SimulationController
from api.controllers.system import SystemController, TokenController
from api.controllers.tickets import SlaController
from api.controllers.verification import VerificationController
from api.controllers.webhooks import RedeliveryController, WebhookController
from api.dependencies import DEPENDENCIES
from api.errors import EXCEPTION_HANDLERS, document_problems
from api.graphql_http import GraphQLOverHttp
from api.hot_reads import HotReads
from api.http_methods import AllowHeaderMiddleware, allowed_methods, cors_config
from api.logging import RequestLog, configure_logging
from api.metrics import MetricsController, forget_this_process, observe_request
from api.openapi import docs_assets, openapi_config
from api.persisted_operations import PersistedOperations
from api.rate_limits import RateLimitMiddleware, RateLimits
from api.response_cache import ResponseCache
from api.settings import Settings
from api.tracing import configure_tracing, traced
from api.transactions import TransactionMiddleware
from db.engine import asyncpg_url, make_engine, make_sessionmaker
from db.reading import close_read_pool, open_read_pool
from schema.app import Limits, build_schema, graphql_controller
from services.auth.tokens import ExternalIdentityProvider, TokenVerifier
from services.events import NOTIFY_CHANNEL
from services.outbox_listener import OutboxListener
from services.ticketing.applicable import configure as configure_ticketing_caches
from services.ticketing.applicable_mapping import MAPPINGS, listener_changed
from services.ticketing.applicable_mapping import NOTIFY_PAYLOAD as MAPPING_PAYLOAD
from services.watermarks import WATERMARK_CHANNEL, WATERMARK_PAYLOAD, WATERMARKS
from services.webhooks.delivery import Sender
from worker.loop import make_worker


def _wall_clock() -> datetime:
    return datetime.now(UTC)


def graphql_limits(settings: Settings) -> Limits:
    """What one GraphQL document may ask for, as the settings say."""
    return Limits(
        max_depth=settings.graphql_max_depth,
        max_aliases=settings.graphql_max_aliases,
        max_tokens=settings.graphql_max_tokens,
        max_cost=settings.graphql_max_cost,
        introspection=bool(settings.introspection),
    )


def create_app(
    settings: Settings,
    *,
    engine: AsyncEngine | None = None,
    sessionmaker: async_sessionmaker[AsyncSession] | None = None,
    clock: Callable[[], datetime] = _wall_clock,
) -> Litestar:
    """Build the app. Tests pass their own sessionmaker (bound to a rolled-back transaction) and clock."""
    owns_engine = engine is None
    if engine is None:
        if not settings.database_url:
            raise RuntimeError("DATABASE_URL is not set (`sla serve` starts an embedded database when it is absent)")
        # No overflow: an overflow connection is closed when returned, a new PostgreSQL backend per request past
        # the pool; these connections are opened as needed and kept, and a request past them waits for one.
        engine = make_engine(settings.database_url, pool_size=settings.db_pool_size, max_overflow=0)
    sessionmaker = sessionmaker or make_sessionmaker(engine)
    configure_ticketing_caches(
        versions=settings.applicable_versions_cached,
        schedules=settings.applicable_schedules_cached,
        built_schedules=settings.schedules_built_cached,
        mappings=settings.applicable_mappings_cached,
    )
    issuer, jwks_url, audience = settings.oidc_issuer, settings.oidc_jwks_url, settings.oidc_audience
    external = (
        ExternalIdentityProvider(
            issuer=issuer,
            jwks_url=jwks_url,
            audience=audience,
            party_claim=settings.oidc_party_claim,
            scope_claim=settings.oidc_scope_claim,
            algorithms=tuple(settings.oidc_algorithms),
        )
        if issuer and jwks_url and audience  # settings.external_idp_enabled, spelled out for the type checker
        else None
    )
    verifier = TokenVerifier(
        sessionmaker,
        issuer=settings.issuer,
        audience=settings.audience,
        external=external,
        min_refresh=settings.jwks_min_refresh_seconds,
        clock=clock,
        max_lifetime=settings.token_max_lifetime_seconds,
    )

    policy = settings.delivery_policy()
    sender = Sender(policy)
    background: list[asyncio.Task] = []

    async def start_worker(app: Litestar) -> None:
        # `sla serve` runs one worker per API process unless --no-worker; workers coordinate through PostgreSQL.
        if settings.run_worker:
            worker = make_worker(sessionmaker, settings)
            app.state.worker = worker
            background.append(asyncio.create_task(worker.run()))

    listener: list[OutboxListener] = []

    async def start_listener(app: Litestar) -> None:
        # The applicable-SLA mapping cache is dropped on every change notified on the outbox channel (migration
        # 0050's triggers); without a database URL of its own (tests bind a transaction), it is never used.
        if settings.applicable_mapping_seconds > 0 and settings.database_url and owns_engine:
            MAPPINGS.seconds = settings.applicable_mapping_seconds
            WATERMARKS.seconds = settings.applicable_mapping_seconds

            def on_live(live: bool) -> None:
                listener_changed(live)
                WATERMARKS.listener_changed(live)

            listener.append(
                OutboxListener(
                    asyncpg_url(settings.database_url).replace("postgresql+asyncpg://", "postgresql://", 1),
                    {MAPPING_PAYLOAD: MAPPINGS.clear, WATERMARK_PAYLOAD: WATERMARKS.changed},
                    on_live=on_live,
                    channels=(WATERMARK_CHANNEL, NOTIFY_CHANNEL),  # NOTIFY_CHANNEL last: tests look for its LISTEN
                )
            )
            background.append(asyncio.create_task(listener[0].run()))

    async def stop_worker(app: Litestar) -> None:
        for each in listener:
            each.stop()
        worker = getattr(app.state, "worker", None)
        if worker is not None:
            worker.stop()
        if background:
            await asyncio.gather(*background, return_exceptions=True)
        await sender.aclose()
        forget_this_process()

    async def open_reads(app: Litestar) -> None:
        if owns_engine and settings.database_url and settings.db_read_pool_size > 0:
            dsn = asyncpg_url(settings.database_url).replace("postgresql+asyncpg://", "postgresql://", 1)
            await open_read_pool(engine, dsn, size=settings.db_read_pool_size)

    async def dispose_engine(app: Litestar) -> None:
        await close_read_pool(engine)
        await engine.dispose()

    graphql_schema = build_schema(graphql_limits(settings))
    app = Litestar(
        route_handlers=[
            SystemController,
            TokenController,
            MeController,
            PartyController,
            ApiClientController,
            AgreementController,
            VersionController,
            EventController,
            EventStreamController,
            EventTypeController,
            WebhookController,
            RedeliveryController,
            AgreementReviewController,
            ReviewController,
            FeedTokenController,
            DisputeController,
            SlaController,
            AgreementBillingController,
            BillingController,
            VerificationController,
            SimulationController,
            ReportsController,
            CalendarController,
            InvitationController,
            IntegrationController,
            IntegrationEventController,
            AgreementPolicyExchangeController,
            MetricsController,
            graphql_controller(
                graphql_schema,
                graphiql=bool(settings.graphiql),
                websocket_origins=settings.cors_origin_list,
                # Persisted documents are resolved first, so the response cache sees (and keys by) the document.
                # GraphQL-over-HTTP rules (media types, transport errors) next, outside the cache, so every answer,
                # cached or not, follows them.
                middleware=[
                    PersistedOperations(),
                    GraphQLOverHttp(),
                    ResponseCache(
                        graphql_schema._schema,
                        max_entries=settings.graphql_response_cache_entries,
                        max_bytes=settings.graphql_response_cache_bytes,
                    ),
                    # Innermost: a query of the compiled subset is answered by one statement, stored by the cache.
                    *(
                        [CompiledReads(graphql_schema._schema, graphql_limits(settings))]
                        if settings.graphql_compiled_reads
                        else []
                    ),
                ],
            ),
            docs_assets(),
        ],
        dependencies=DEPENDENCIES,
        cors_config=cors_config(settings.cors_origin_list),
        middleware=[
            AllowHeaderMiddleware(),
            BearerAuthMiddleware(),
            RateLimitMiddleware(),
            JsonBoundsMiddleware(),
            TransactionMiddleware(),
        ],
        exception_handlers=EXCEPTION_HANDLERS,  # type: ignore[arg-type]
        request_max_body_size=settings.max_body_bytes,
        state=State(
            {
                "settings": settings,
                "engine": engine,
                "sessionmaker": sessionmaker,
                "clock": clock,
                "token_verifier": verifier,
                "keyring": settings.keyring,
                "delivery_policy": policy,
                "webhook_sender": sender,
                "rate_limits": RateLimits(
                    per_caller=settings.rate_limit,
                    token_per_ip=settings.token_rate_limit,
                    token_failures=settings.token_failure_limit,
                    graphql_cost_budget=settings.graphql_cost_budget,
                    redis_url=settings.redis_url,
                ),
            }
        ),
        on_startup=[open_reads, start_worker, start_listener],
        on_shutdown=[stop_worker, *([dispose_engine] if owns_engine else [])],
        openapi_config=openapi_config(),
        debug=False,
        # api/logging.py routes every record (Litestar's too) through one structlog renderer.
        logging_config=None,
    )
    resolve_plain_dependencies_in_turn(app)
    document_problems(app.openapi_schema)
    app.state.allowed_methods = allowed_methods(app)
    # Outermost, so the router's own 404s and every problem body carry the request id too.
    app.state.hot_reads = hot_reads = HotReads(app, app.asgi_handler)
    app.asgi_handler = traced(RequestLog(hot_reads, observe=observe_request))
    return app


def resolve_plain_dependencies_in_turn(app: Litestar) -> None:
    """Litestar resolves the dependencies a handler needs at the same level concurrently, in an anyio task group:
    two tasks per request for `session` and `actor`, which cost more than everything else the dependencies do. Ours
    are plain functions that return at once (`api.dependencies`), so wherever every dependency of a handler is one,
    they are resolved one at a time, in the same order of levels (a dependency still comes after what it needs)."""
    for route in app.routes:
        handlers = getattr(route, "route_handler_map", None) or {}
        for _, model in handlers.values():
            batches = model.dependency_batches
            plain = all(
                each.provide.has_sync_callable
                and not each.provide.has_sync_generator_dependency
                and not each.provide.has_async_generator_dependency
                for batch in batches
                for each in batch
            )
            if plain and any(len(batch) > 1 for batch in batches):
                model.dependency_batches = [{each} for batch in batches for each in sorted(batch, key=_dependency_key)]


def _dependency_key(dependency: Any) -> str:
    return str(dependency.key)


def create_app_from_env() -> Litestar:
    """Entry point for `uvicorn --factory` (used by `sla serve`)."""
    settings = Settings()
    configure_logging(settings.log_format or "console", settings.log_level)
    configure_tracing()
    app = create_app(settings)
    # What is built by now lives as long as the worker: keep it out of the collector's full passes, which would
    # otherwise walk these few hundred thousand objects again every few requests that allocate much (a pause of
    # 100–250 ms in the middle of a batch of ticket events).
    gc.freeze()
    return app
