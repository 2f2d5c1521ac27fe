"""The Litestar application factory."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

from litestar import Litestar
from litestar.datastructures import State
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.auth import BearerAuthMiddleware, require_scope
from api.body_limits import JsonBoundsMiddleware
from api.controllers.agreements import AgreementController, EventController, VersionController
from api.controllers.billing import AgreementBillingController, BillingController
from api.controllers.calendars import CalendarController
from api.controllers.disputes import DisputeController
from api.controllers.event_types import EventTypeController
from api.controllers.invitations import InvitationController
from api.controllers.parties import ApiClientController, MeController, PartyController
from api.controllers.reviews import AgreementReviewController, ReviewController
from api.controllers.system import SystemController, TokenController
from api.controllers.tickets import SlaController
from api.controllers.webhooks import RedeliveryController, WebhookController
from api.dependencies import DEPENDENCIES
from api.errors import EXCEPTION_HANDLERS, document_problems
from api.http_methods import AllowHeaderMiddleware, allowed_methods, cors_config
from api.logging import RequestLog, configure_logging
from api.metrics import MetricsController, forget_this_process, observe_request
from api.openapi import docs_assets, openapi_config
from api.rate_limits import RateLimitMiddleware, RateLimits
from api.settings import Settings
from api.tracing import configure_tracing, traced
from api.transactions import TransactionMiddleware
from db.engine import make_engine, make_sessionmaker
from schema.app import graphql_controller
from services.auth.tokens import ExternalIdentityProvider, TokenVerifier
from services.webhooks.delivery import Sender
from worker.loop import make_worker


def _wall_clock() -> datetime:
    return datetime.now(UTC)


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
        engine = make_engine(settings.database_url, pool_size=settings.db_pool_size)
    sessionmaker = sessionmaker or make_sessionmaker(engine)
    external = (
        ExternalIdentityProvider(
            issuer=settings.oidc_issuer,
            jwks_url=settings.oidc_jwks_url,
            audience=settings.oidc_audience,
            party_claim=settings.oidc_party_claim,
            scope_claim=settings.oidc_scope_claim,
            algorithms=tuple(settings.oidc_algorithms),
        )
        if settings.external_idp_enabled
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

    async def stop_worker(app: Litestar) -> None:
        if background:
            app.state.worker.stop()
            await asyncio.gather(*background, return_exceptions=True)
        await sender.aclose()
        forget_this_process()

    async def dispose_engine(app: Litestar) -> None:
        await engine.dispose()

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
            EventTypeController,
            WebhookController,
            RedeliveryController,
            AgreementReviewController,
            ReviewController,
            DisputeController,
            SlaController,
            AgreementBillingController,
            BillingController,
            CalendarController,
            InvitationController,
            MetricsController,
            graphql_controller(settings),
            docs_assets(),
        ],
        dependencies=DEPENDENCIES,
        guards=[require_scope],
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
                    redis_url=settings.redis_url,
                ),
            }
        ),
        on_startup=[start_worker],
        on_shutdown=[stop_worker, *([dispose_engine] if owns_engine else [])],
        openapi_config=openapi_config(),
        debug=False,
        # api/logging.py routes every record (Litestar's too) through one structlog renderer.
        logging_config=None,
    )
    document_problems(app.openapi_schema)
    app.state.allowed_methods = allowed_methods(app)
    # Outermost, so the router's own 404s and every problem body carry the request id too.
    app.asgi_handler = traced(RequestLog(app.asgi_handler, observe=observe_request))
    return app


def create_app_from_env() -> Litestar:
    """Entry point for `uvicorn --factory` (used by `sla serve`)."""
    settings = Settings()
    configure_logging(settings.log_format or "console", settings.log_level)
    configure_tracing()
    return create_app(settings)
