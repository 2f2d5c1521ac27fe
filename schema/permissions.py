"""Scopes declared on fields, checked the way REST routes are (`api.auth.require_scope`: `actor.has_scope`).

Usage: `@strawberry.field(extensions=[requires_scope(Scope.AGREEMENTS_READ)])` (`db.values.Scope`). The scope
also appears in the SDL as `@requiresScope(scope: "...")` on the field, so the schema documents what each field
needs.
Object-level rules (only a signatory may approve, not-yours answers null) stay in `services/`.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.extensions.field_extension import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension
from strawberry.schema_directive import Location

from db.values import Scope


@strawberry.schema_directive(
    locations=[Location.FIELD_DEFINITION],
    name="requiresScope",
    description="The caller's token must carry this scope (OAuth 2.0 `scope` claim).",
)
class RequiresScope:
    scope: str


class HasScope(BasePermission):
    error_extensions = {"code": "insufficient_scope"}

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.message = f"this field needs the {scope!r} scope"
        self._requires = RequiresScope(scope=str(scope))

    @property
    def schema_directive(self) -> object:
        """`@requiresScope(scope: "…")` in the SDL, naming this field's own scope."""
        return self._requires

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        actor = info.context.actor
        return actor is not None and actor.has_scope(self.scope)


def requires_scope(scope: Scope) -> FieldExtension:
    return PermissionExtension(permissions=[HasScope(scope)])
