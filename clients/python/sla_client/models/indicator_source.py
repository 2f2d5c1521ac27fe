from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.indicator_source_role import IndicatorSourceRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="IndicatorSource")


@_attrs_define
class IndicatorSource:
    """Who posts an indicator's measurements: a party role and, optionally, one of its API clients.

    Attributes:
        role (IndicatorSourceRole): `provider`, `customer` or `third_party`
        integration (None | str | Unset): The API client (`client_id`) of the source's integration; when set, only it
            may post
    """

    role: IndicatorSourceRole
    integration: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        role = self.role.value

        integration: None | str | Unset
        if isinstance(self.integration, Unset):
            integration = UNSET
        else:
            integration = self.integration

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role": role,
            }
        )
        if integration is not UNSET:
            field_dict["integration"] = integration

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        role = IndicatorSourceRole(d.pop("role"))

        def _parse_integration(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        integration = _parse_integration(d.pop("integration", UNSET))

        indicator_source = cls(
            role=role,
            integration=integration,
        )

        return indicator_source
