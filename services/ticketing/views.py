"""What ticketing answers, declared once: the applicable SLA, ingestion results, tickets and their clocks, and
the calendars deadlines were computed on. REST returns these, GraphQL types read them, `sla.*` events carry them
as `msgspec.to_builtins(view)`.
"""

from __future__ import annotations

import uuid

import msgspec


class AgreementRef(msgspec.Struct):
    """The agreement an answer refers to: a reference, not the agreement (nothing here leads to clauses)."""

    id: uuid.UUID
    reference: str
    title: str
    timezone: str
