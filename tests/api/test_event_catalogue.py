"""The event catalogue's schemas are derived from the payload structs: every event type's example payload — built
from its struct, encoded as the services store it and rendered as a delivery — validates against the schema
`GET /v1/event-types` serves, and not against another type's; real deliveries of the payloads that used to be
hand-built dicts validate too."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import jsonschema
import msgspec
import pytest
from sqlalchemy import select

from api.event_catalogue import EVENTS, MEMBERS, payload_fields
from api.settings import Settings
from db.models import Event
from db.values import EventType
from services.webhooks.subscriptions import WEBHOOK_EVENT_TYPES, render_body
from tests.api.conftest import assert_problem
from tests.support.receiver import Receiver

NOW = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)


# Strings some structs check on construction.
TEXT = {"amount": "12.50", "currency": "EUR", "period": "2026-10", "sha256": "0" * 64}


def example(info: msgspec.inspect.Type, name: str = "") -> Any:
    """A value of the type msgspec describes, with every field filled (optional ones too)."""
    if isinstance(info, msgspec.inspect.StructType):
        values = {f.name: example(f.type, f.name) for f in info.fields}
        if info.cls.__name__ == "ClauseOut":
            # Clause terms are typed by kind (a union the document discriminates): a `general` clause has none.
            values.update(kind="general", terms={})
        return info.cls(**values)
    if isinstance(info, msgspec.inspect.UnionType):
        useful = [t for t in info.types if not isinstance(t, msgspec.inspect.NoneType)]
        return example(useful[0], name) if useful else None
    if isinstance(info, msgspec.inspect.ListType):
        return [example(info.item_type, name)]
    if isinstance(info, msgspec.inspect.DictType):
        return {"key": example(info.value_type)}
    if isinstance(info, msgspec.inspect.StrType):
        return TEXT.get(name, "text")
    if isinstance(info, msgspec.inspect.EnumType):
        return next(iter(info.cls))
    if isinstance(info, msgspec.inspect.LiteralType):
        return info.values[0]
    simple: dict[type, Any] = {
        msgspec.inspect.IntType: 3,
        msgspec.inspect.FloatType: 1.5,
        msgspec.inspect.BoolType: True,
        msgspec.inspect.DateTimeType: NOW,
        msgspec.inspect.DateType: NOW.date(),
        msgspec.inspect.UUIDType: uuid.UUID(int=7),
        msgspec.inspect.DecimalType: Decimal("12.50"),
        msgspec.inspect.AnyType: "any",
    }
    return simple[type(info)]


def delivered(event_type: str, payload: Any) -> dict[str, Any]:
    """The webhook body of an event whose payload is stored as `record_event` stores it."""
    event = Event(
        id=uuid.uuid4(),
        type=event_type,
        agreement_id=uuid.uuid4(),
        sequence=1,
        occurred_at=NOW,
        payload=msgspec.to_builtins(payload),
        actor_party_id=None,
        actor_client_id=None,
        actor_token_id=None,
    )
    return json.loads(render_body(event, None, None))


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(environment="test", database_url=database_url, webhook_allow_networks="127.0.0.0/8")


@pytest.fixture
async def catalogue(client, world) -> dict[str, dict[str, Any]]:
    headers = await world.headers(await world.party("Acme"))
    r = await client.get("/v1/event-types", params={"limit": 100}, headers=headers)
    assert r.status_code == 200, r.text
    return {entry["type"]: entry["schema"] for entry in r.json()["items"]}


def test_every_event_type_has_a_payload_struct_and_its_always_members_are_its_fields():
    assert set(EVENTS) == set(WEBHOOK_EVENT_TYPES) and set(EventType) <= set(EVENTS)
    used = set()
    for event_type, (description, struct, always) in EVENTS.items():
        assert description and issubclass(struct, msgspec.Struct), event_type
        fields = {f.name for f in msgspec.structs.fields(struct)}
        assert set(always) <= fields, f"{event_type}: {set(always) - fields} is not a member of {struct.__name__}"
        members, required = payload_fields(event_type)
        assert set(members) == fields and set(required) <= fields
        used |= fields
    assert set(MEMBERS) <= used, f"descriptions of members no payload has: {set(MEMBERS) - used}"


async def test_each_types_example_payload_validates_against_its_schema_only(catalogue):
    for event_type, (_, struct, always) in EVENTS.items():
        payload = example(msgspec.inspect.type_info(struct))
        body = delivered(event_type, payload)
        jsonschema.validate(body, catalogue[event_type], cls=jsonschema.Draft202012Validator)
        other = "review.due" if event_type != "review.due" else "party.created"
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(body, catalogue[other], cls=jsonschema.Draft202012Validator)
        # A type's `always` members are required: the same payload without one is refused.
        for member in always:
            data = {k: v for k, v in body["data"].items() if k != member}
            with pytest.raises(jsonschema.ValidationError):
                jsonschema.validate({**body, "data": data}, catalogue[event_type], cls=jsonschema.Draft202012Validator)


async def test_a_payload_that_drifted_from_its_struct_is_refused(catalogue):
    body = delivered("webhook.failing", example(msgspec.inspect.type_info(EVENTS["webhook.failing"][1])))
    body["data"]["consecutive_failures"] = "three"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(body, catalogue["webhook.failing"], cls=jsonschema.Draft202012Validator)


async def test_real_webhook_test_and_client_revoked_events_validate(client, world, session, catalogue):
    acme = await world.party("Acme")
    headers = await world.headers(acme)
    operator = await world.headers(None)
    rx = await Receiver().start()
    try:
        r = await client.post("/v1/webhooks", json={"url": rx.url, "event_types": ["*"]}, headers=headers)
        assert r.status_code == 201, r.text
        tested = await client.post(f"/v1/webhooks/{r.json()['id']}/test", headers=headers)
        assert tested.status_code == 200 and tested.json()["succeeded"], tested.text
    finally:
        await rx.stop()
    created = await client.post(f"/v1/parties/{acme.id}/clients", json={"name": "desk"}, headers=operator)
    assert (await client.post(f"/v1/clients/{created.json()['id']}/revoke", headers=operator)).status_code == 200
    events = {e.type: e for e in await session.scalars(select(Event).where(Event.subject_party_id == acme.id))}
    for event_type in ("webhook.test", "client.revoked"):
        body = json.loads(render_body(events[event_type], None, acme.id))
        jsonschema.validate(body, catalogue[event_type], cls=jsonschema.Draft202012Validator)
    assert_problem(await client.get("/v1/event-types"), 401)
