from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.responsibility_terms_role import ResponsibilityTermsRole

T = TypeVar("T", bound="ResponsibilityTerms")


@_attrs_define
class ResponsibilityTerms:
    """Responsibility terms

    Attributes:
        obligations (list[str]): What the responsible role must do
        role (ResponsibilityTermsRole): `provider`, `customer` or `third_party`
    """

    obligations: list[str]
    role: ResponsibilityTermsRole

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

        role = ResponsibilityTermsRole(d.pop("role"))

        responsibility_terms = cls(
            obligations=obligations,
            role=role,
        )

        return responsibility_terms
