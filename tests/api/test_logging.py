"""Structured logs: a JSON line per request carrying the request id the response and problem body carry,
credentials redacted, health checks quiet."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import socket
import threading
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from api.logging import REDACTED, configure_logging, redact_text
from tests.api.conftest import assert_problem


class JsonLines:
    def __init__(self, stream: io.StringIO) -> None:
        self.stream = stream

    def lines(self) -> list[dict]:
        return [json.loads(line) for line in self.stream.getvalue().splitlines() if line.strip()]

    def access(self) -> list[dict]:
        return [line for line in self.lines() if line.get("logger") == "sla.access"]


@pytest.fixture
def json_logs() -> Iterator[JsonLines]:
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    configure_logging("json", "INFO", stream=stream)
    yield JsonLines(stream)
    for handler in [h for h in root.handlers if getattr(h, "stream", None) is stream]:
        root.removeHandler(handler)
    root.setLevel(level)


async def test_a_request_writes_one_json_line_with_its_id_route_and_party(client, world, json_logs):
    acme = await world.party("Acme")
    response = await client.get("/v1/me", headers={**await world.headers(acme), "X-Request-Id": "req-42.a"})
    assert response.status_code == 200
    assert response.headers["x-request-id"] == "req-42.a"
    [line] = json_logs.access()
    assert line["request_id"] == "req-42.a"
    assert line["method"] == "GET"
    assert line["route"] == "/v1/me"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["party_id"] == str(acme.id)
    assert line["level"] == "info" and line["timestamp"]


async def test_the_problem_body_carries_the_generated_request_id(client, world, json_logs):
    acme = await world.party("Acme")
    response = await client.get(f"/v1/parties/{uuid.uuid4()}", headers=await world.headers(acme))
    body = response.json()
    assert_problem(response, 404)
    request_id = response.headers["x-request-id"]
    assert len(request_id) == 32
    assert body["instance"] == f"urn:sla-api:request:{request_id}"
    [line] = json_logs.access()
    assert line["request_id"] == request_id and line["status"] == 404
    assert line["route"] == "/v1/parties/{party_id}"


async def test_an_unusable_request_id_is_replaced_and_a_401_is_logged_too(client, json_logs):
    response = await client.get("/v1/me", headers={"X-Request-Id": "two words<script>"})
    body = response.json()
    assert_problem(response, 401)
    assert response.headers["x-request-id"] != "two words<script>"
    assert body["instance"].endswith(response.headers["x-request-id"])
    [line] = json_logs.access()
    assert line["status"] == 401 and line["request_id"] == response.headers["x-request-id"]


async def test_tokens_and_secrets_never_reach_a_line(client, world, json_logs):
    acme = await world.party("Acme")
    token = await world.token(acme)
    await client.get(f"/v1/agreements/{uuid.uuid4()}/reviews.ics?access_token={token}")
    await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    logging.getLogger("sla.test").warning(
        "sent Authorization: Bearer %s", token, extra={"client_secret": "sk_abcdefghijklmnop", "token": token}
    )
    text = json_logs.stream.getvalue()
    assert token not in text
    assert token.split(".")[2] not in text  # not even the signature
    assert "sk_abcdefghijklmnop" not in text
    ics = next(line for line in json_logs.access() if line["path"].endswith(".ics"))
    assert ics["query"] == f"access_token={REDACTED}"
    warning = next(line for line in json_logs.lines() if line.get("logger") == "sla.test")
    assert warning["client_secret"] == REDACTED and warning["token"] == REDACTED
    assert warning["event"] == f"sent Authorization: Bearer {REDACTED}"


def test_redact_text_covers_each_credential_shape():
    assert redact_text("GET /x?a=1&access_token=abc.def&b=2") == f"GET /x?a=1&access_token={REDACTED}&b=2"
    assert redact_text("client_secret=sk_live") == f"client_secret={REDACTED}"
    assert redact_text("whsec_c2VjcmV0c2VjcmV0 signed") == f"{REDACTED} signed"
    assert redact_text("a eyJhbGciOi.eyJzdWIiOi.c2ln b") == f"a {REDACTED} b"
    assert redact_text("GET /x.ics?feed_token=sft_abc-def") == f"GET /x.ics?feed_token={REDACTED}"
    assert redact_text("subscribed with sft_c2VjcmV0c2VjcmV0") == f"subscribed with {REDACTED}"
    assert redact_text("nothing secret here") == "nothing secret here"


async def test_health_checks_log_at_debug_only(client, json_logs):
    assert (await client.get("/healthz")).status_code == 200
    assert json_logs.access() == []
    logging.getLogger().setLevel(logging.DEBUG)
    await client.get("/healthz", headers={"X-Request-Id": "probe"})
    [line] = json_logs.access()
    assert line["level"] == "debug" and line["request_id"] == "probe"


def test_console_format_is_readable_text():
    stream = io.StringIO()
    configure_logging("console", "INFO", stream=stream)
    try:
        logging.getLogger("sla.test").info("hello %s", "world", extra={"status": 200})
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "stream", None) is stream]:
            root.removeHandler(handler)
    line = stream.getvalue()
    assert "hello world" in line and "status=200" in line
    assert not line.lstrip().startswith("{")


async def test_readyz_writes_no_alembic_lines(client, json_logs):
    # The revision check configures an Alembic migration context, which announces itself at INFO each time.
    for _ in range(2):
        assert (await client.get("/readyz")).status_code == 200
    assert [line for line in json_logs.lines() if str(line.get("logger", "")).startswith("alembic")] == []


def test_a_request_served_by_uvicorn_is_logged_once():
    # uvicorn writes an access line of its own unless its logger has no handler to reach; ours (`sla.access`) is the
    # one wanted, with the request id and route, and a second line per request doubled the cost of logging.
    async def app(scope, receive, send):
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 204, "headers": []})
            await send({"type": "http.response.body", "body": b""})

    stream = io.StringIO()
    configure_logging("json", "INFO", stream=stream)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # log_level: uvicorn sets its loggers' levels from it (another test's server may have left them at warning).
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, log_level="info", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.02)
        assert httpx.get(f"http://127.0.0.1:{port}/anything").status_code == 204
    finally:
        server.should_exit = True
        thread.join(10)
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "stream", None) is stream]:
            root.removeHandler(handler)
    loggers = [json.loads(line).get("logger") for line in stream.getvalue().splitlines() if line.strip()]
    assert "uvicorn.access" not in loggers
    assert "uvicorn.error" in loggers  # uvicorn's other records still reach the same handler


async def test_the_direct_access_line_matches_the_one_logging_writes(client, world, json_logs):
    # While the handler configure_logging installed is the only one a line reaches, the access line is written to it
    # directly (api.logging._AccessLines); pytest's own capture handlers make the normal way run. Both lines must be
    # the same record: the same keys in the same order, the same values, credentials redacted.
    acme = await world.party("Acme")
    headers = await world.headers(acme)
    root = logging.getLogger()
    ours = [h for h in root.handlers if getattr(h, "stream", None) is json_logs.stream]
    others = [h for h in root.handlers if h not in ours]
    assert others, "pytest's log capture is expected on the root logger"
    path = "/v1/me?access_token=eyJhbGciOi.eyJzdWIiOi.c2ln&x=1"
    await client.get(path, headers={**headers, "X-Request-Id": "through-logging"})
    for handler in others:
        root.removeHandler(handler)
    try:
        await client.get(path, headers={**headers, "X-Request-Id": "direct"})
    finally:
        for handler in others:
            root.addHandler(handler)
    through_logging, direct = json_logs.access()
    # pytest's capture handlers format the record before ours, which leaves `message` (and, with a time format,
    # `asctime`) attributes that structlog's ExtraAdder then copies; served by `sla serve`, the line has no such keys
    # (the direct line never has them).
    through_logging.pop("message", None)
    through_logging.pop("asctime", None)
    assert through_logging["request_id"] == "through-logging" and direct["request_id"] == "direct"
    assert list(direct) == list(through_logging)
    varying = {"timestamp", "duration_ms", "request_id"}
    assert {k: v for k, v in direct.items() if k not in varying} == {
        k: v for k, v in through_logging.items() if k not in varying
    }
    assert direct["query"] == f"access_token={REDACTED}&x=1"
    assert direct["party_id"] == str(acme.id) and direct["level"] == "info" and direct["timestamp"].endswith("Z")


class CountingStream(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


async def test_access_lines_of_one_loop_turn_reach_the_stream_in_one_write_and_in_order():
    # A write system call per access line was about a sixth of a short request's CPU: the lines kept in one turn of
    # the event loop are written together at its end, and any other record writes what is kept first.
    stream = CountingStream()
    root = logging.getLogger()
    level = root.level
    configure_logging("json", "INFO", stream=stream)
    [handler] = [h for h in root.handlers if getattr(h, "stream", None) is stream]
    try:
        handler.write_soon('{"n":1}\n')
        handler.write_soon('{"n":2}\n')
        assert stream.writes == 0
        await asyncio.sleep(0)  # the end of this turn
        assert stream.writes == 1 and stream.getvalue() == '{"n":1}\n{"n":2}\n'

        handler.write_soon('{"n":3}\n')
        logging.getLogger("sla.test").warning("after the third")
        lines = JsonLines(stream).lines()
        assert [line.get("n", line.get("event")) for line in lines] == [1, 2, 3, "after the third"]

        handler.write_soon('{"n":4}\n')
        handler.flush()  # logging's shutdown flushes every handler: nothing kept is lost
        assert JsonLines(stream).lines()[-1] == {"n": 4}
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def test_an_access_line_outside_a_running_loop_is_written_at_once():
    stream = CountingStream()
    root = logging.getLogger()
    configure_logging("json", "INFO", stream=stream)
    [handler] = [h for h in root.handlers if getattr(h, "stream", None) is stream]
    try:
        handler.write_soon('{"n":1}\n')
        assert stream.getvalue() == '{"n":1}\n'
    finally:
        root.removeHandler(handler)
