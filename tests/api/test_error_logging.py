"""Unexpected database errors are logged with their statement but never with the values bound to it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import httpx
import pytest
from graphql import GraphQLError
from litestar import Litestar, get
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from api.errors import EXCEPTION_HANDLERS
from db.engine import make_engine
from schema.app import build_schema

SECRET_NUMBER, SECRET_TEXT = 9876543, "s3cret-parameter-value"
FAILING = [
    # division by zero: PostgreSQL's own error, the statement has bound parameters
    (
        "SELECT 1 / (CAST(:n AS int) - CAST(:n AS int)) + length(CAST(:t AS text))",
        {"n": SECRET_NUMBER, "t": SECRET_TEXT},
    ),
    # a value the driver refuses: asyncpg quotes the value in its own message
    ("SELECT CAST(:n AS int)", {"n": SECRET_TEXT}),
]


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def text(self) -> str:
        formatter = logging.Formatter()
        return "\n".join(formatter.format(r) for r in self.records)

    def attach(self) -> Records:
        # Again after an app is built: Litestar's logging set-up replaces the root logger's handlers.
        for name in LOGGERS:
            logging.getLogger(name).addHandler(self)
        return self

    async def wait_for(self, needle: str) -> str:
        """Litestar logs through a queue: the record arrives a moment after the response."""
        for _ in range(100):
            if needle in self.text():
                break
            await asyncio.sleep(0.02)
        return self.text()


LOGGERS = ("", "litestar", "strawberry.execution")


@pytest.fixture
def logged() -> Iterator[Records]:
    handler = Records()
    yield handler.attach()
    for name in LOGGERS:
        logging.getLogger(name).removeHandler(handler)


async def _database_error(database_url: str, statement: str, params: dict) -> DBAPIError:
    engine = make_engine(database_url, pool_size=1)
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement), params)
    except DBAPIError as exc:
        return exc
    finally:
        await engine.dispose()
    raise AssertionError("the statement did not fail")


@pytest.mark.parametrize("statement, params", FAILING)
async def test_a_rest_500_logs_the_statement_without_its_parameters(database_url, logged, statement, params):
    @get("/boom")
    async def boom() -> None:
        raise await _database_error(database_url, statement, params)

    app = Litestar([boom], exception_handlers=EXCEPTION_HANDLERS)  # type: ignore[arg-type]
    logged.attach()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        response = await client.get("/boom")
    assert response.status_code == 500 and response.json()["code"] == "internal_error"
    assert SECRET_TEXT not in response.text and str(SECRET_NUMBER) not in response.text
    logs = await logged.wait_for("database error")
    assert "database error" in logs and "CAST(" in logs  # the statement is there, to debug with
    assert SECRET_TEXT not in logs and str(SECRET_NUMBER) not in logs


@pytest.mark.parametrize("statement, params", FAILING)
async def test_a_graphql_internal_error_logs_the_statement_without_its_parameters(
    database_url, logged, statement, params
):
    exc = await _database_error(database_url, statement, params)
    build_schema().process_errors([GraphQLError("internal error", original_error=exc)])
    logs = logged.text()
    assert "database error" in logs and "CAST(" in logs
    assert SECRET_TEXT not in logs and str(SECRET_NUMBER) not in logs


async def test_the_engine_hides_parameters_in_its_exceptions(database_url):
    exc = await _database_error(database_url, *FAILING[0])
    assert str(SECRET_NUMBER) not in str(exc) and "hidden" in str(exc)
