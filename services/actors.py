from __future__ import annotations

import uuid
from dataclasses import dataclass

from db.values import Scope

ALL_SCOPES = tuple(Scope)
PARTY_SCOPES = tuple(s for s in Scope if s is not Scope.PARTIES_ADMIN)


@dataclass(frozen=True)
class Actor:
    """Who is calling: the verified token, reduced to what the services need."""

    party_id: uuid.UUID | None
    scopes: frozenset[str]
    client_id: str | None = None
    token_id: str | None = None
    subject: str | None = None

    @property
    def is_operator(self) -> bool:
        return Scope.PARTIES_ADMIN in self.scopes and self.party_id is None

    @property
    def principal(self) -> str:
        """Stable name of the caller for per-caller records such as idempotency keys."""
        return self.client_id or self.subject or (f"party:{self.party_id}" if self.party_id else "operator")

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes
