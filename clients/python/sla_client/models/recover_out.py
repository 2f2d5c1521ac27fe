from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RecoverOut")


@_attrs_define
class RecoverOut:
    """Recover out

    Attributes:
        queued (int): How many deliveries were queued
        since (datetime.datetime): From when (RFC 3339, UTC)
        subscription_id (str): The subscription's id (UUID)
    """

    queued: int
    since: datetime.datetime
    subscription_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        queued = self.queued

        since = self.since.isoformat()

        subscription_id = self.subscription_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "queued": queued,
                "since": since,
                "subscription_id": subscription_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        queued = d.pop("queued")

        since = datetime.datetime.fromisoformat(d.pop("since"))

        subscription_id = d.pop("subscription_id")

        recover_out = cls(
            queued=queued,
            since=since,
            subscription_id=subscription_id,
        )

        recover_out.additional_properties = d
        return recover_out

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
