"""Relay-style connections over the services' keyset pagination.

Ids stay the plain UUIDs REST uses, so these are hand-made `Connection`/`Edge`/`PageInfo` types rather than
`strawberry.relay` (whose nodes carry base64 global ids). Cursors are the services' opaque cursors: the
`endCursor` is exactly the `next_cursor` a service returned, and each edge's cursor is built from the same
sort key the service pages by (`tests/schema/test_pagination.py` checks the two agree).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import strawberry
from strawberry.types.nodes import SelectedField, Selection

from db import models
from services.pagination import encode_cursor

Node = TypeVar("Node")
Row = TypeVar("Row")

DEFAULT_PAGE_SIZE = 50


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None = strawberry.field(description="Pass as `after` to get the next page.")


@strawberry.type
class Edge(Generic[Node]):
    cursor: str
    node: Node


@strawberry.type
class Connection(Generic[Node]):
    edges: list[Edge[Node]]
    page_info: PageInfo


def node_fields(info: strawberry.Info) -> set[str]:
    """The GraphQL names of the fields a connection field's query asks of its nodes (`edges { node { … } }`),
    fragments included."""
    return {
        field.name
        for connection_field in info.selected_fields
        for edges in _fields(connection_field.selections)
        if edges.name == "edges"
        for node in _fields(edges.selections)
        if node.name == "node"
        for field in _fields(node.selections)
    }


def _fields(selections: Sequence[Selection]) -> list[SelectedField]:
    found: list[SelectedField] = []
    for selection in selections:
        if isinstance(selection, SelectedField):
            found.append(selection)
        else:
            found.extend(_fields(selection.selections))
    return found


def connection(
    rows: Sequence[Row],
    next_cursor: str | None,
    cursor_of: Callable[[Row], str],
    node_of: Callable[[Row], object] = lambda row: row,
) -> Connection:
    edges = [Edge(cursor=cursor_of(row), node=node_of(row)) for row in rows]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=next_cursor is not None,
            end_cursor=next_cursor if next_cursor is not None else (edges[-1].cursor if edges else None),
        ),
    )


# The sort keys of services.agreements.drafts.list_agreements, services.parties.list_parties,
# services.events.list_events, services.disputes.cases.list_disputes, services.webhooks.subscriptions.list_attempts
# and services.ticketing.calendars.list_calendars.
def agreement_cursor(agreement: models.Agreement) -> str:
    return encode_cursor(agreement.created_at.isoformat(), str(agreement.id))


def party_cursor(party: models.Party) -> str:
    return encode_cursor(party.created_at.isoformat(), str(party.id))


def event_cursor(event: models.Event) -> str:
    return encode_cursor(event.position)


def dispute_cursor(dispute: models.Dispute) -> str:
    return encode_cursor(dispute.created_at.isoformat(), str(dispute.id))


def attempt_cursor(attempt: models.WebhookAttempt) -> str:
    return encode_cursor(attempt.started_at.isoformat(), str(attempt.id))


def calendar_cursor(calendar: models.Calendar) -> str:
    # services.ticketing.calendars.list_calendars lists the built-in 24×7 (never stored, no creation time) first.
    if calendar.created_at is None:
        return encode_cursor("", "")
    return encode_cursor(calendar.created_at.isoformat(), str(calendar.id))
