from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.escalation_level_channel import EscalationLevelChannel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact import Contact


T = TypeVar("T", bound="EscalationLevel")


@_attrs_define
class EscalationLevel:
    """Escalation level

    Attributes:
        after (str): The clause as it is in the newer version
        level (int): The escalation level
        to (Contact): Contact
        channel (EscalationLevelChannel | Unset): How to reach them (e.g. email, phone) Default:
            EscalationLevelChannel.EMAIL.
    """

    after: str
    level: int
    to: Contact
    channel: EscalationLevelChannel | Unset = EscalationLevelChannel.EMAIL

    def to_dict(self) -> dict[str, Any]:
        after = self.after

        level = self.level

        to = self.to.to_dict()

        channel: str | Unset = UNSET
        if not isinstance(self.channel, Unset):
            channel = self.channel.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "after": after,
                "level": level,
                "to": to,
            }
        )
        if channel is not UNSET:
            field_dict["channel"] = channel

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact import Contact  # noqa: PLC0415

        d = dict(src_dict)
        after = d.pop("after")

        level = d.pop("level")

        to = Contact.from_dict(d.pop("to"))

        _channel = d.pop("channel", UNSET)
        channel: EscalationLevelChannel | Unset
        if isinstance(_channel, Unset):
            channel = UNSET
        else:
            channel = EscalationLevelChannel(_channel)

        escalation_level = cls(
            after=after,
            level=level,
            to=to,
            channel=channel,
        )

        return escalation_level
