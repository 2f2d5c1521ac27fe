from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.jira_sla_import_priorities_type_0 import JiraSlaImportPrioritiesType0
    from ..models.jira_sla_import_statuses_type_0 import JiraSlaImportStatusesType0
    from ..models.jira_sla_import_unmapped_item import JiraSlaImportUnmappedItem
    from ..models.jsm_calendar import JsmCalendar
    from ..models.jsm_sla import JsmSla


T = TypeVar("T", bound="JiraSlaImport")


@_attrs_define
class JiraSlaImport:
    """Jira sla import

    Attributes:
        slas (list[JsmSla]): JSM SLA metrics, each with its conditions and goals in order
        calendars (list[JsmCalendar] | Unset): JSM calendars: time zone, working time and holidays
        priorities (JiraSlaImportPrioritiesType0 | None | Unset): The tool's priority (lower case) → the agreement's
            priority; others pass through
        statuses (JiraSlaImportStatusesType0 | None | Unset): The tool's status (lower case) → ours; `solved` and
            `closed` end the ticket; others pass through
        summary (None | str | Unset): A short summary
        unmapped (list[JiraSlaImportUnmappedItem] | Unset): What could not be carried over, each with the reason
    """

    slas: list[JsmSla]
    calendars: list[JsmCalendar] | Unset = UNSET
    priorities: JiraSlaImportPrioritiesType0 | None | Unset = UNSET
    statuses: JiraSlaImportStatusesType0 | None | Unset = UNSET
    summary: None | str | Unset = UNSET
    unmapped: list[JiraSlaImportUnmappedItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.jira_sla_import_priorities_type_0 import JiraSlaImportPrioritiesType0  # noqa: PLC0415
        from ..models.jira_sla_import_statuses_type_0 import JiraSlaImportStatusesType0  # noqa: PLC0415

        slas = []
        for slas_item_data in self.slas:
            slas_item = slas_item_data.to_dict()
            slas.append(slas_item)

        calendars: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.calendars, Unset):
            calendars = []
            for calendars_item_data in self.calendars:
                calendars_item = calendars_item_data.to_dict()
                calendars.append(calendars_item)

        priorities: dict[str, Any] | None | Unset
        if isinstance(self.priorities, Unset):
            priorities = UNSET
        elif isinstance(self.priorities, JiraSlaImportPrioritiesType0):
            priorities = self.priorities.to_dict()
        else:
            priorities = self.priorities

        statuses: dict[str, Any] | None | Unset
        if isinstance(self.statuses, Unset):
            statuses = UNSET
        elif isinstance(self.statuses, JiraSlaImportStatusesType0):
            statuses = self.statuses.to_dict()
        else:
            statuses = self.statuses

        summary: None | str | Unset
        if isinstance(self.summary, Unset):
            summary = UNSET
        else:
            summary = self.summary

        unmapped: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.unmapped, Unset):
            unmapped = []
            for unmapped_item_data in self.unmapped:
                unmapped_item = unmapped_item_data.to_dict()
                unmapped.append(unmapped_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "slas": slas,
            }
        )
        if calendars is not UNSET:
            field_dict["calendars"] = calendars
        if priorities is not UNSET:
            field_dict["priorities"] = priorities
        if statuses is not UNSET:
            field_dict["statuses"] = statuses
        if summary is not UNSET:
            field_dict["summary"] = summary
        if unmapped is not UNSET:
            field_dict["unmapped"] = unmapped

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.jira_sla_import_priorities_type_0 import JiraSlaImportPrioritiesType0  # noqa: PLC0415
        from ..models.jira_sla_import_statuses_type_0 import JiraSlaImportStatusesType0  # noqa: PLC0415
        from ..models.jira_sla_import_unmapped_item import JiraSlaImportUnmappedItem  # noqa: PLC0415
        from ..models.jsm_calendar import JsmCalendar  # noqa: PLC0415
        from ..models.jsm_sla import JsmSla  # noqa: PLC0415

        d = dict(src_dict)
        slas = []
        _slas = d.pop("slas")
        for slas_item_data in _slas:
            slas_item = JsmSla.from_dict(slas_item_data)

            slas.append(slas_item)

        _calendars = d.pop("calendars", UNSET)
        calendars: list[JsmCalendar] | Unset = UNSET
        if _calendars is not UNSET:
            calendars = []
            for calendars_item_data in _calendars:
                calendars_item = JsmCalendar.from_dict(calendars_item_data)

                calendars.append(calendars_item)

        def _parse_priorities(data: object) -> JiraSlaImportPrioritiesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                priorities_type_0 = JiraSlaImportPrioritiesType0.from_dict(data)

                return priorities_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JiraSlaImportPrioritiesType0 | None | Unset, data)

        priorities = _parse_priorities(d.pop("priorities", UNSET))

        def _parse_statuses(data: object) -> JiraSlaImportStatusesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                statuses_type_0 = JiraSlaImportStatusesType0.from_dict(data)

                return statuses_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JiraSlaImportStatusesType0 | None | Unset, data)

        statuses = _parse_statuses(d.pop("statuses", UNSET))

        def _parse_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        summary = _parse_summary(d.pop("summary", UNSET))

        _unmapped = d.pop("unmapped", UNSET)
        unmapped: list[JiraSlaImportUnmappedItem] | Unset = UNSET
        if _unmapped is not UNSET:
            unmapped = []
            for unmapped_item_data in _unmapped:
                unmapped_item = JiraSlaImportUnmappedItem.from_dict(unmapped_item_data)

                unmapped.append(unmapped_item)

        jira_sla_import = cls(
            slas=slas,
            calendars=calendars,
            priorities=priorities,
            statuses=statuses,
            summary=summary,
            unmapped=unmapped,
        )

        jira_sla_import.additional_properties = d
        return jira_sla_import

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
