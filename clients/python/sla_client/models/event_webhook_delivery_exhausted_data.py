from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event_actor import EventActor
    from ..models.subscription_out import SubscriptionOut


T = TypeVar("T", bound="EventWebhookDeliveryExhaustedData")


@_attrs_define
class EventWebhookDeliveryExhaustedData:
    """The event as the receiving party may see it (clauses it may not read are left out)

    Attributes:
        actor (EventActor): Event actor
        attempts (int): Attempts made
        delivery_id (UUID): The failed delivery
        event_id (UUID): The event's id (as in `/v1/events`)
        failed_event_id (UUID): The event whose delivery failed
        last_error (None | str): The last connection error
        last_status_code (int | None): The receiver's last status code
        subscription (SubscriptionOut): Subscription out
        agreement_id (None | Unset | UUID): The agreement it concerns
        sequence (int | None | Unset): The event's position in its agreement's history
    """

    actor: EventActor
    attempts: int
    delivery_id: UUID
    event_id: UUID
    failed_event_id: UUID
    last_error: None | str
    last_status_code: int | None
    subscription: SubscriptionOut
    agreement_id: None | Unset | UUID = UNSET
    sequence: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor = self.actor.to_dict()

        attempts = self.attempts

        delivery_id = str(self.delivery_id)

        event_id = str(self.event_id)

        failed_event_id = str(self.failed_event_id)

        last_error: None | str
        last_error = self.last_error

        last_status_code: int | None
        last_status_code = self.last_status_code

        subscription = self.subscription.to_dict()

        agreement_id: None | str | Unset
        if isinstance(self.agreement_id, Unset):
            agreement_id = UNSET
        elif isinstance(self.agreement_id, UUID):
            agreement_id = str(self.agreement_id)
        else:
            agreement_id = self.agreement_id

        sequence: int | None | Unset
        if isinstance(self.sequence, Unset):
            sequence = UNSET
        else:
            sequence = self.sequence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor": actor,
                "attempts": attempts,
                "delivery_id": delivery_id,
                "event_id": event_id,
                "failed_event_id": failed_event_id,
                "last_error": last_error,
                "last_status_code": last_status_code,
                "subscription": subscription,
            }
        )
        if agreement_id is not UNSET:
            field_dict["agreement_id"] = agreement_id
        if sequence is not UNSET:
            field_dict["sequence"] = sequence

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_actor import EventActor  # noqa: PLC0415
        from ..models.subscription_out import SubscriptionOut  # noqa: PLC0415

        d = dict(src_dict)
        actor = EventActor.from_dict(d.pop("actor"))

        attempts = d.pop("attempts")

        delivery_id = UUID(d.pop("delivery_id"))

        event_id = UUID(d.pop("event_id"))

        failed_event_id = UUID(d.pop("failed_event_id"))

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        def _parse_last_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        last_status_code = _parse_last_status_code(d.pop("last_status_code"))

        subscription = SubscriptionOut.from_dict(d.pop("subscription"))

        def _parse_agreement_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agreement_id_type_0 = UUID(data)

                return agreement_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        agreement_id = _parse_agreement_id(d.pop("agreement_id", UNSET))

        def _parse_sequence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sequence = _parse_sequence(d.pop("sequence", UNSET))

        event_webhook_delivery_exhausted_data = cls(
            actor=actor,
            attempts=attempts,
            delivery_id=delivery_id,
            event_id=event_id,
            failed_event_id=failed_event_id,
            last_error=last_error,
            last_status_code=last_status_code,
            subscription=subscription,
            agreement_id=agreement_id,
            sequence=sequence,
        )

        event_webhook_delivery_exhausted_data.additional_properties = d
        return event_webhook_delivery_exhausted_data

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
