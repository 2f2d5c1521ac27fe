"""`/v1/event-types`: the catalogue of event types with the JSON Schema of each one's webhook body."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, Response, get

from api.dependencies import Limit
from api.event_catalogue import EVENTS, standalone_schema
from api.openapi import contract_document
from api.pagination import paged, slice_page
from api.representations import Page


class EventTypeOut(msgspec.Struct):
    type: str
    description: str
    schema: dict[str, Any]


class EventTypeController(Controller):
    path = "/v1/event-types"
    tags = ["webhooks"]

    @get("/", summary="Every event type with the JSON Schema of its webhook body")
    async def list_event_types(
        self, request: Request, limit: Limit = 50, cursor: str | None = None
    ) -> Response[Page[EventTypeOut]]:
        components = contract_document(request.app)["components"]["schemas"]
        types, next_cursor = slice_page(list(EVENTS), limit, cursor)
        items = [EventTypeOut(t, EVENTS[t][0], standalone_schema(t, components)) for t in types]
        return paged(request, items, next_cursor)
