from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.escalation_time_to_type_0 import EscalationTimeToType0


T = TypeVar("T", bound="EscalationTime")


@_attrs_define
class EscalationTime:
    """Escalation time

    Attributes:
        after (str): The clause as it is in the newer version
        at (datetime.datetime): When (RFC 3339, UTC)
        channel (None | str): How to reach them (e.g. email, phone)
        level (int): The escalation level
        to (EscalationTimeToType0 | None): Until when (RFC 3339, UTC)
    """

    after: str
    at: datetime.datetime
    channel: None | str
    level: int
    to: EscalationTimeToType0 | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.escalation_time_to_type_0 import EscalationTimeToType0  # noqa: PLC0415

        after = self.after

        at = self.at.isoformat()

        channel: None | str
        channel = self.channel

        level = self.level

        to: dict[str, Any] | None
        if isinstance(self.to, EscalationTimeToType0):
            to = self.to.to_dict()
        else:
            to = self.to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "after": after,
                "at": at,
                "channel": channel,
                "level": level,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.escalation_time_to_type_0 import EscalationTimeToType0  # noqa: PLC0415

        d = dict(src_dict)
        after = d.pop("after")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_channel(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        channel = _parse_channel(d.pop("channel"))

        level = d.pop("level")

        def _parse_to(data: object) -> EscalationTimeToType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                to_type_0 = EscalationTimeToType0.from_dict(data)

                return to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EscalationTimeToType0 | None, data)

        to = _parse_to(d.pop("to"))

        escalation_time = cls(
            after=after,
            at=at,
            channel=channel,
            level=level,
            to=to,
        )

        escalation_time.additional_properties = d
        return escalation_time

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
