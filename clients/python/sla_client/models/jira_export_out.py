from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.jira_export_out_calendars_item import JiraExportOutCalendarsItem
    from ..models.jira_sla_out import JiraSlaOut
    from ..models.unmapped_item import UnmappedItem


T = TypeVar("T", bound="JiraExportOut")


@_attrs_define
class JiraExportOut:
    """Jira export out

    Attributes:
        calendars (list[JiraExportOutCalendarsItem]): JSM calendars: time zone, working time and holidays
        slas (list[JiraSlaOut]): JSM SLA metrics, each with its conditions and goals in order
        unmapped (list[UnmappedItem]): What could not be carried over, each with the reason
    """

    calendars: list[JiraExportOutCalendarsItem]
    slas: list[JiraSlaOut]
    unmapped: list[UnmappedItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        calendars = []
        for calendars_item_data in self.calendars:
            calendars_item = calendars_item_data.to_dict()
            calendars.append(calendars_item)

        slas = []
        for slas_item_data in self.slas:
            slas_item = slas_item_data.to_dict()
            slas.append(slas_item)

        unmapped = []
        for unmapped_item_data in self.unmapped:
            unmapped_item = unmapped_item_data.to_dict()
            unmapped.append(unmapped_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "calendars": calendars,
                "slas": slas,
                "unmapped": unmapped,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.jira_export_out_calendars_item import JiraExportOutCalendarsItem  # noqa: PLC0415
        from ..models.jira_sla_out import JiraSlaOut  # noqa: PLC0415
        from ..models.unmapped_item import UnmappedItem  # noqa: PLC0415

        d = dict(src_dict)
        calendars = []
        _calendars = d.pop("calendars")
        for calendars_item_data in _calendars:
            calendars_item = JiraExportOutCalendarsItem.from_dict(calendars_item_data)

            calendars.append(calendars_item)

        slas = []
        _slas = d.pop("slas")
        for slas_item_data in _slas:
            slas_item = JiraSlaOut.from_dict(slas_item_data)

            slas.append(slas_item)

        unmapped = []
        _unmapped = d.pop("unmapped")
        for unmapped_item_data in _unmapped:
            unmapped_item = UnmappedItem.from_dict(unmapped_item_data)

            unmapped.append(unmapped_item)

        jira_export_out = cls(
            calendars=calendars,
            slas=slas,
            unmapped=unmapped,
        )

        jira_export_out.additional_properties = d
        return jira_export_out

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
