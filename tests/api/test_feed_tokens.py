"""Calendar feed tokens: created once with the secret shown once (only its hash stored), listed without it, revoked
with effect at once; `…/reviews.ics?feed_token=…` answers only agreements the token's party can read, another
party's token or agreement answers like not-found, and the token never reaches a log line."""

from __future__ import annotations

import io
import json
import logging
import uuid

import icalendar
from sqlalchemy import select

from api.logging import REDACTED, configure_logging
from db.models import FeedToken
from services.auth.tokens import hash_secret
from tests.api.conftest import assert_problem
from tests.flows import activate
from tests.support.procedures import PROCEDURE_CLAUSES


async def _feed_token(client, headers, name="Outlook") -> dict:
    r = await client.post("/v1/feed-tokens", json={"name": name}, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


async def test_a_feed_token_reads_the_review_calendar_until_it_is_revoked(client, deal, session):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    created = await _feed_token(client, deal.h["customer"])
    secret = created["token"]
    assert secret.startswith("sft_") and created["party_id"] == str(deal.customer.id)
    assert created["revoked_at"] is None
    # Only the hash is stored.
    row = await session.scalar(select(FeedToken).where(FeedToken.id == uuid.UUID(created["id"])))
    assert row.token_hash == hash_secret(secret) and secret not in row.token_hash

    r = await client.get(f"{deal.path}/reviews.ics", params={"feed_token": secret})
    assert r.status_code == 200, r.text
    (event,) = icalendar.Calendar.from_ical(r.content).walk("VEVENT")
    assert str(event["uid"]).startswith("review-")

    listed = (await client.get("/v1/feed-tokens", headers=deal.h["customer"])).json()
    assert [t["id"] for t in listed["items"]] == [created["id"]] and listed["next_cursor"] is None
    assert "token" not in listed["items"][0]

    r = await client.post(f"/v1/feed-tokens/{created['id']}/revoke", headers=deal.h["customer"])
    assert r.status_code == 200 and r.json()["revoked_at"] is not None
    assert_problem(await client.get(f"{deal.path}/reviews.ics", params={"feed_token": secret}), 401, "unauthorized")
    listed = (await client.get("/v1/feed-tokens", headers=deal.h["customer"])).json()
    assert listed["items"][0]["revoked_at"] is not None


async def test_a_feed_token_is_only_its_partys_and_only_reads_feeds(client, deal):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    outsider = (await _feed_token(client, deal.h["outsider"]))["token"]
    customer = await _feed_token(client, deal.h["customer"])
    # Another party's agreement answers like a missing one.
    assert_problem(await client.get(f"{deal.path}/reviews.ics", params={"feed_token": outsider}), 404, "not_found")
    missing = f"/v1/agreements/{uuid.uuid4()}/reviews.ics"
    assert_problem(await client.get(missing, params={"feed_token": customer["token"]}), 404, "not_found")
    # Another party's token: not listed, and revoking it answers like a missing one (and leaves it working).
    assert (await client.get("/v1/feed-tokens", headers=deal.h["outsider"])).json()["items"][0]["id"] != customer["id"]
    r = await client.post(f"/v1/feed-tokens/{customer['id']}/revoke", headers=deal.h["outsider"])
    assert_problem(r, 404, "not_found")
    r = await client.post(f"/v1/feed-tokens/{uuid.uuid4()}/revoke", headers=deal.h["outsider"])
    assert_problem(r, 404, "not_found")
    assert (await client.get(f"{deal.path}/reviews.ics", params={"feed_token": customer["token"]})).status_code == 200
    # A made-up token is a 401; a feed token is not a bearer token and opens nothing but feeds.
    assert_problem(await client.get(f"{deal.path}/reviews.ics", params={"feed_token": "sft_nope"}), 401)
    assert_problem(await client.get(deal.path, params={"feed_token": customer["token"]}), 401)
    assert_problem(
        await client.get(deal.path, headers={"Authorization": f"Bearer {customer['token']}"}), 401, "unauthorized"
    )


async def test_bad_feed_token_requests_are_clear_4xx(client, deal, session):
    before = len(list(await session.scalars(select(FeedToken.id))))
    assert_problem(await client.post("/v1/feed-tokens", json={"name": "  "}, headers=deal.h["customer"]), 422)
    assert_problem(await client.post("/v1/feed-tokens", json={}, headers=deal.h["customer"]), 400)
    # The operator has no party, so no calendar of its own.
    assert_problem(await client.post("/v1/feed-tokens", json={"name": "x"}, headers=deal.h["operator"]), 422)
    assert_problem(await client.post("/v1/feed-tokens", json={"name": "x"}), 401)
    assert len(list(await session.scalars(select(FeedToken.id)))) == before


async def test_a_feed_token_never_reaches_a_log_line(client, deal):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    secret = (await _feed_token(client, deal.h["customer"]))["token"]
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    configure_logging("json", "INFO", stream=stream)
    try:
        assert (await client.get(f"{deal.path}/reviews.ics?feed_token={secret}")).status_code == 200
        logging.getLogger("sla.test").warning("calendar asked with %s", secret)
    finally:
        for handler in [h for h in root.handlers if getattr(h, "stream", None) is stream]:
            root.removeHandler(handler)
        root.setLevel(level)
    text = stream.getvalue()
    assert secret not in text and secret[4:] not in text
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    ics = next(line for line in lines if line.get("logger") == "sla.access" and line["path"].endswith(".ics"))
    assert ics["query"] == f"feed_token={REDACTED}" and ics["party_id"] == str(deal.customer.id)
