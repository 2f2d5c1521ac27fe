from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agreement_status import AgreementStatus

if TYPE_CHECKING:
    from ..models.membership_out import MembershipOut


T = TypeVar("T", bound="AgreementOut")


@_attrs_define
class AgreementOut:
    """Agreement out

    Attributes:
        created_at (datetime.datetime): When it was created (RFC 3339, UTC)
        current_version (int | None): The number of the version in effect now, if any
        description (None | str): A human description
        effective_from (datetime.datetime | None): When it takes effect (RFC 3339, UTC)
        effective_to (datetime.datetime | None): When it stops being in effect (RFC 3339, UTC), if it does
        id (UUID): The object's id (UUID)
        memberships (list[MembershipOut]): The parties of the agreement and their roles
        reference (str): The agreement's human reference
        status (AgreementStatus): Agreement status
        timezone (str): An IANA time zone (e.g. `Europe/Berlin`)
        title (str): A human title
        updated_at (datetime.datetime): When it last changed (RFC 3339, UTC)
        version (int): The version (for `If-Match` and optimistic concurrency)
    """

    created_at: datetime.datetime
    current_version: int | None
    description: None | str
    effective_from: datetime.datetime | None
    effective_to: datetime.datetime | None
    id: UUID
    memberships: list[MembershipOut]
    reference: str
    status: AgreementStatus
    timezone: str
    title: str
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        current_version: int | None
        current_version = self.current_version

        description: None | str
        description = self.description

        effective_from: None | str
        if isinstance(self.effective_from, datetime.datetime):
            effective_from = self.effective_from.isoformat()
        else:
            effective_from = self.effective_from

        effective_to: None | str
        if isinstance(self.effective_to, datetime.datetime):
            effective_to = self.effective_to.isoformat()
        else:
            effective_to = self.effective_to

        id = str(self.id)

        memberships = []
        for memberships_item_data in self.memberships:
            memberships_item = memberships_item_data.to_dict()
            memberships.append(memberships_item)

        reference = self.reference

        status = self.status.value

        timezone = self.timezone

        title = self.title

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "current_version": current_version,
                "description": description,
                "effective_from": effective_from,
                "effective_to": effective_to,
                "id": id,
                "memberships": memberships,
                "reference": reference,
                "status": status,
                "timezone": timezone,
                "title": title,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.membership_out import MembershipOut  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_current_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        current_version = _parse_current_version(d.pop("current_version"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        def _parse_effective_from(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effective_from_type_0 = datetime.datetime.fromisoformat(data)

                return effective_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        effective_from = _parse_effective_from(d.pop("effective_from"))

        def _parse_effective_to(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effective_to_type_0 = datetime.datetime.fromisoformat(data)

                return effective_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        effective_to = _parse_effective_to(d.pop("effective_to"))

        id = UUID(d.pop("id"))

        memberships = []
        _memberships = d.pop("memberships")
        for memberships_item_data in _memberships:
            memberships_item = MembershipOut.from_dict(memberships_item_data)

            memberships.append(memberships_item)

        reference = d.pop("reference")

        status = AgreementStatus(d.pop("status"))

        timezone = d.pop("timezone")

        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        agreement_out = cls(
            created_at=created_at,
            current_version=current_version,
            description=description,
            effective_from=effective_from,
            effective_to=effective_to,
            id=id,
            memberships=memberships,
            reference=reference,
            status=status,
            timezone=timezone,
            title=title,
            updated_at=updated_at,
            version=version,
        )

        agreement_out.additional_properties = d
        return agreement_out

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
