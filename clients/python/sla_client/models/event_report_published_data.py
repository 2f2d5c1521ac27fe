from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event_actor import EventActor


T = TypeVar("T", bound="EventReportPublishedData")


@_attrs_define
class EventReportPublishedData:
    """The event as the receiving party may see it (clauses it may not read are left out)

    Attributes:
        actor (EventActor): Event actor
        event_id (UUID): The event's id (as in `/v1/events`)
        href (str): Where to read the report (JSON, HTML or PDF by `Accept`)
        period (str): The period, YYYY-MM
        recipients (list[str]): The reporting clause's recipients
        sha256 (str): Digest of the frozen statement or of the report's canonical JSON as the recipient reads it
        agreement_id (None | Unset | UUID): The agreement it concerns
        sequence (int | None | Unset): The event's position in its agreement's history
    """

    actor: EventActor
    event_id: UUID
    href: str
    period: str
    recipients: list[str]
    sha256: str
    agreement_id: None | Unset | UUID = UNSET
    sequence: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor = self.actor.to_dict()

        event_id = str(self.event_id)

        href = self.href

        period = self.period

        recipients = self.recipients

        sha256 = self.sha256

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
                "event_id": event_id,
                "href": href,
                "period": period,
                "recipients": recipients,
                "sha256": sha256,
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

        d = dict(src_dict)
        actor = EventActor.from_dict(d.pop("actor"))

        event_id = UUID(d.pop("event_id"))

        href = d.pop("href")

        period = d.pop("period")

        recipients = cast(list[str], d.pop("recipients"))

        sha256 = d.pop("sha256")

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

        event_report_published_data = cls(
            actor=actor,
            event_id=event_id,
            href=href,
            period=period,
            recipients=recipients,
            sha256=sha256,
            agreement_id=agreement_id,
            sequence=sequence,
        )

        event_report_published_data.additional_properties = d
        return event_report_published_data

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
