from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.event_webhook_test_data import EventWebhookTestData


T = TypeVar("T", bound="EventWebhookTest")


@_attrs_define
class EventWebhookTest:
    """The `webhook.test` webhook body: a test delivery asked for with `POST /v1/webhooks/{id}/test` (to that subscription
    only)

        Attributes:
            data (EventWebhookTestData): The event as the receiving party may see it (clauses it may not read are left out)
            timestamp (datetime.datetime): When it happened
            type_ (Literal['webhook.test']): The event type
    """

    data: EventWebhookTestData
    timestamp: datetime.datetime
    type_: Literal["webhook.test"]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        timestamp = self.timestamp.isoformat()

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "timestamp": timestamp,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_webhook_test_data import EventWebhookTestData  # noqa: PLC0415

        d = dict(src_dict)
        data = EventWebhookTestData.from_dict(d.pop("data"))

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        type_ = cast(Literal["webhook.test"], d.pop("type"))
        if type_ != "webhook.test":
            raise ValueError(f"type must match const 'webhook.test', got '{type_}'")

        event_webhook_test = cls(
            data=data,
            timestamp=timestamp,
            type_=type_,
        )

        event_webhook_test.additional_properties = d
        return event_webhook_test

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
