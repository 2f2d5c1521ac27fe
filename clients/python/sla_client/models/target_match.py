from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.target_match_attributes import TargetMatchAttributes


T = TypeVar("T", bound="TargetMatch")


@_attrs_define
class TargetMatch:
    """Target match

    Attributes:
        attributes (TargetMatchAttributes | Unset): Other ticket attributes to match, name → value (or any of several
            values)
        priority (list[str] | None | str | Unset): The ticket's priority
        service (list[str] | None | str | Unset): The service
    """

    attributes: TargetMatchAttributes | Unset = UNSET
    priority: list[str] | None | str | Unset = UNSET
    service: list[str] | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        priority: list[str] | None | str | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        elif isinstance(self.priority, list):
            priority = self.priority

        else:
            priority = self.priority

        service: list[str] | None | str | Unset
        if isinstance(self.service, Unset):
            service = UNSET
        elif isinstance(self.service, list):
            service = self.service

        else:
            service = self.service

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if priority is not UNSET:
            field_dict["priority"] = priority
        if service is not UNSET:
            field_dict["service"] = service

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.target_match_attributes import TargetMatchAttributes  # noqa: PLC0415

        d = dict(src_dict)
        _attributes = d.pop("attributes", UNSET)
        attributes: TargetMatchAttributes | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = TargetMatchAttributes.from_dict(_attributes)

        def _parse_priority(data: object) -> list[str] | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                priority_type_1 = cast(list[str], data)

                return priority_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | str | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

        def _parse_service(data: object) -> list[str] | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                service_type_1 = cast(list[str], data)

                return service_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | str | Unset, data)

        service = _parse_service(d.pop("service", UNSET))

        target_match = cls(
            attributes=attributes,
            priority=priority,
            service=service,
        )

        return target_match
