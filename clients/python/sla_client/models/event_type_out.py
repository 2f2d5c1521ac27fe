from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.event_type_out_schema import EventTypeOutSchema


T = TypeVar("T", bound="EventTypeOut")


@_attrs_define
class EventTypeOut:
    """Event type out

    Attributes:
        description (str): A human description
        schema (EventTypeOutSchema): A self-contained JSON Schema (2020-12) of the webhook body
        type_ (str): The type
    """

    description: str
    schema: EventTypeOutSchema
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        schema = self.schema.to_dict()

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "schema": schema,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_type_out_schema import EventTypeOutSchema  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description")

        schema = EventTypeOutSchema.from_dict(d.pop("schema"))

        type_ = d.pop("type")

        event_type_out = cls(
            description=description,
            schema=schema,
            type_=type_,
        )

        event_type_out.additional_properties = d
        return event_type_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
