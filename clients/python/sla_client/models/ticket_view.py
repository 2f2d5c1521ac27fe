from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ticket_match import TicketMatch


T = TypeVar("T", bound="TicketView")


@_attrs_define
class TicketView:
    """Ticket view

    Attributes:
        agreement_id (None | UUID): The agreement's id (UUID)
        external_id (str): The id in the external system
        id (UUID): The object's id (UUID)
        match (TicketMatch): Ticket match
        opened_at (datetime.datetime | None): When it was opened (RFC 3339, UTC)
        source (str): The ticketing tool that sent it
    """

    agreement_id: None | UUID
    external_id: str
    id: UUID
    match: TicketMatch
    opened_at: datetime.datetime | None
    source: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_id: None | str
        if isinstance(self.agreement_id, UUID):
            agreement_id = str(self.agreement_id)
        else:
            agreement_id = self.agreement_id

        external_id = self.external_id

        id = str(self.id)

        match = self.match.to_dict()

        opened_at: None | str
        if isinstance(self.opened_at, datetime.datetime):
            opened_at = self.opened_at.isoformat()
        else:
            opened_at = self.opened_at

        source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_id": agreement_id,
                "external_id": external_id,
                "id": id,
                "match": match,
                "opened_at": opened_at,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ticket_match import TicketMatch  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_agreement_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agreement_id_type_0 = UUID(data)

                return agreement_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        agreement_id = _parse_agreement_id(d.pop("agreement_id"))

        external_id = d.pop("external_id")

        id = UUID(d.pop("id"))

        match = TicketMatch.from_dict(d.pop("match"))

        def _parse_opened_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                opened_at_type_0 = datetime.datetime.fromisoformat(data)

                return opened_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        opened_at = _parse_opened_at(d.pop("opened_at"))

        source = d.pop("source")

        ticket_view = cls(
            agreement_id=agreement_id,
            external_id=external_id,
            id=id,
            match=match,
            opened_at=opened_at,
            source=source,
        )

        ticket_view.additional_properties = d
        return ticket_view

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
