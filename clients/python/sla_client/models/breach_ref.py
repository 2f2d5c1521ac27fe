from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BreachRef")


@_attrs_define
class BreachRef:
    """Breach ref

    Attributes:
        due_at (datetime.datetime): When the target is due (RFC 3339, UTC)
        external_id (str): The id in the external system
        metric (str): What is measured
        source (str): The ticketing tool that sent it
        stopped_at (datetime.datetime | None): When the clock stopped (RFC 3339, UTC), if it did
    """

    due_at: datetime.datetime
    external_id: str
    metric: str
    source: str
    stopped_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due_at = self.due_at.isoformat()

        external_id = self.external_id

        metric = self.metric

        source = self.source

        stopped_at: None | str
        if isinstance(self.stopped_at, datetime.datetime):
            stopped_at = self.stopped_at.isoformat()
        else:
            stopped_at = self.stopped_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "due_at": due_at,
                "external_id": external_id,
                "metric": metric,
                "source": source,
                "stopped_at": stopped_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))

        external_id = d.pop("external_id")

        metric = d.pop("metric")

        source = d.pop("source")

        def _parse_stopped_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stopped_at_type_0 = datetime.datetime.fromisoformat(data)

                return stopped_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        stopped_at = _parse_stopped_at(d.pop("stopped_at"))

        breach_ref = cls(
            due_at=due_at,
            external_id=external_id,
            metric=metric,
            source=source,
            stopped_at=stopped_at,
        )

        breach_ref.additional_properties = d
        return breach_ref

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
