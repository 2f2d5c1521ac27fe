from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TestResult")


@_attrs_define
class TestResult:
    """Test result

    Attributes:
        delivery_id (str): The delivery's id (UUID)
        error (None | str): The OAuth 2.0 error code (RFC 6749 §5.2)
        event_id (str): The event's id, unique per source
        latency_ms (int): How long the receiver took, in milliseconds
        status_code (int | None): The receiver's HTTP status
        succeeded (bool): Whether the receiver answered 2xx
    """

    delivery_id: str
    error: None | str
    event_id: str
    latency_ms: int
    status_code: int | None
    succeeded: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delivery_id = self.delivery_id

        error: None | str
        error = self.error

        event_id = self.event_id

        latency_ms = self.latency_ms

        status_code: int | None
        status_code = self.status_code

        succeeded = self.succeeded

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "delivery_id": delivery_id,
                "error": error,
                "event_id": event_id,
                "latency_ms": latency_ms,
                "status_code": status_code,
                "succeeded": succeeded,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        delivery_id = d.pop("delivery_id")

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        event_id = d.pop("event_id")

        latency_ms = d.pop("latency_ms")

        def _parse_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        status_code = _parse_status_code(d.pop("status_code"))

        succeeded = d.pop("succeeded")

        test_result = cls(
            delivery_id=delivery_id,
            error=error,
            event_id=event_id,
            latency_ms=latency_ms,
            status_code=status_code,
            succeeded=succeeded,
        )

        test_result.additional_properties = d
        return test_result

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
