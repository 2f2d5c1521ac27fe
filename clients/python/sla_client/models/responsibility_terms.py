from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.role import Role

T = TypeVar("T", bound="ResponsibilityTerms")


@_attrs_define
class ResponsibilityTerms:
    """Responsibility terms

    Attributes:
        obligations (list[str]): What the responsible role must do
        role (Role): A member's role on an agreement.
    """

    obligations: list[str]
    role: Role

    def to_dict(self) -> dict[str, Any]:
        obligations = self.obligations

        role = self.role.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "obligations": obligations,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        obligations = cast(list[str], d.pop("obligations"))

        role = Role(d.pop("role"))

        responsibility_terms = cls(
            obligations=obligations,
            role=role,
        )

        return responsibility_terms
