from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.attempt_out_response_headers_type_0 import AttemptOutResponseHeadersType0


T = TypeVar("T", bound="AttemptOut")


@_attrs_define
class AttemptOut:
    """Attempt out

    Attributes:
        attempt (int): The attempt's number, from 1
        delivery_id (str): The delivery's id (UUID)
        delivery_status (str): Where the delivery stands
        error (None | str): The OAuth 2.0 error code (RFC 6749 §5.2)
        event_id (str): The event's id, unique per source
        id (str): The object's id (UUID)
        latency_ms (int): How long the receiver took, in milliseconds
        response_body (None | str): The start of the receiver's answer
        response_headers (AttemptOutResponseHeadersType0 | None): The receiver's answer headers
        started_at (datetime.datetime): When it started (RFC 3339, UTC)
        status_code (int | None): The receiver's HTTP status
        succeeded (bool): Whether the receiver answered 2xx
    """

    attempt: int
    delivery_id: str
    delivery_status: str
    error: None | str
    event_id: str
    id: str
    latency_ms: int
    response_body: None | str
    response_headers: AttemptOutResponseHeadersType0 | None
    started_at: datetime.datetime
    status_code: int | None
    succeeded: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.attempt_out_response_headers_type_0 import AttemptOutResponseHeadersType0  # noqa: PLC0415

        attempt = self.attempt

        delivery_id = self.delivery_id

        delivery_status = self.delivery_status

        error: None | str
        error = self.error

        event_id = self.event_id

        id = self.id

        latency_ms = self.latency_ms

        response_body: None | str
        response_body = self.response_body

        response_headers: dict[str, Any] | None
        if isinstance(self.response_headers, AttemptOutResponseHeadersType0):
            response_headers = self.response_headers.to_dict()
        else:
            response_headers = self.response_headers

        started_at = self.started_at.isoformat()

        status_code: int | None
        status_code = self.status_code

        succeeded = self.succeeded

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempt": attempt,
                "delivery_id": delivery_id,
                "delivery_status": delivery_status,
                "error": error,
                "event_id": event_id,
                "id": id,
                "latency_ms": latency_ms,
                "response_body": response_body,
                "response_headers": response_headers,
                "started_at": started_at,
                "status_code": status_code,
                "succeeded": succeeded,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attempt_out_response_headers_type_0 import AttemptOutResponseHeadersType0  # noqa: PLC0415

        d = dict(src_dict)
        attempt = d.pop("attempt")

        delivery_id = d.pop("delivery_id")

        delivery_status = d.pop("delivery_status")

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        event_id = d.pop("event_id")

        id = d.pop("id")

        latency_ms = d.pop("latency_ms")

        def _parse_response_body(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        response_body = _parse_response_body(d.pop("response_body"))

        def _parse_response_headers(data: object) -> AttemptOutResponseHeadersType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_headers_type_0 = AttemptOutResponseHeadersType0.from_dict(data)

                return response_headers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AttemptOutResponseHeadersType0 | None, data)

        response_headers = _parse_response_headers(d.pop("response_headers"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        def _parse_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        status_code = _parse_status_code(d.pop("status_code"))

        succeeded = d.pop("succeeded")

        attempt_out = cls(
            attempt=attempt,
            delivery_id=delivery_id,
            delivery_status=delivery_status,
            error=error,
            event_id=event_id,
            id=id,
            latency_ms=latency_ms,
            response_body=response_body,
            response_headers=response_headers,
            started_at=started_at,
            status_code=status_code,
            succeeded=succeeded,
        )

        attempt_out.additional_properties = d
        return attempt_out

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
