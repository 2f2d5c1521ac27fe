from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.zendesk_policy_import_priorities_type_0 import ZendeskPolicyImportPrioritiesType0
    from ..models.zendesk_policy_import_schedules_item import ZendeskPolicyImportSchedulesItem
    from ..models.zendesk_policy_import_sla_policies_item import ZendeskPolicyImportSlaPoliciesItem
    from ..models.zendesk_policy_import_unmapped_item import ZendeskPolicyImportUnmappedItem


T = TypeVar("T", bound="ZendeskPolicyImport")


@_attrs_define
class ZendeskPolicyImport:
    """Zendesk policy import

    Attributes:
        sla_policies (list[ZendeskPolicyImportSlaPoliciesItem]): Zendesk SLA policies, in Zendesk's own format
        default_schedule_id (int | None | str | Unset): The Zendesk schedule business-hours targets count on (default:
            the first)
        priorities (None | Unset | ZendeskPolicyImportPrioritiesType0): The tool's priority (lower case) → the
            agreement's priority; others pass through
        schedules (list[ZendeskPolicyImportSchedulesItem] | Unset): Zendesk schedules (with their holidays), in
            Zendesk's own format
        summary (None | str | Unset): A short summary
        unmapped (list[ZendeskPolicyImportUnmappedItem] | Unset): What could not be carried over, each with the reason
    """

    sla_policies: list[ZendeskPolicyImportSlaPoliciesItem]
    default_schedule_id: int | None | str | Unset = UNSET
    priorities: None | Unset | ZendeskPolicyImportPrioritiesType0 = UNSET
    schedules: list[ZendeskPolicyImportSchedulesItem] | Unset = UNSET
    summary: None | str | Unset = UNSET
    unmapped: list[ZendeskPolicyImportUnmappedItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.zendesk_policy_import_priorities_type_0 import ZendeskPolicyImportPrioritiesType0  # noqa: PLC0415

        sla_policies = []
        for sla_policies_item_data in self.sla_policies:
            sla_policies_item = sla_policies_item_data.to_dict()
            sla_policies.append(sla_policies_item)

        default_schedule_id: int | None | str | Unset
        if isinstance(self.default_schedule_id, Unset):
            default_schedule_id = UNSET
        else:
            default_schedule_id = self.default_schedule_id

        priorities: dict[str, Any] | None | Unset
        if isinstance(self.priorities, Unset):
            priorities = UNSET
        elif isinstance(self.priorities, ZendeskPolicyImportPrioritiesType0):
            priorities = self.priorities.to_dict()
        else:
            priorities = self.priorities

        schedules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.schedules, Unset):
            schedules = []
            for schedules_item_data in self.schedules:
                schedules_item = schedules_item_data.to_dict()
                schedules.append(schedules_item)

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
                "sla_policies": sla_policies,
            }
        )
        if default_schedule_id is not UNSET:
            field_dict["default_schedule_id"] = default_schedule_id
        if priorities is not UNSET:
            field_dict["priorities"] = priorities
        if schedules is not UNSET:
            field_dict["schedules"] = schedules
        if summary is not UNSET:
            field_dict["summary"] = summary
        if unmapped is not UNSET:
            field_dict["unmapped"] = unmapped

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.zendesk_policy_import_priorities_type_0 import ZendeskPolicyImportPrioritiesType0  # noqa: PLC0415
        from ..models.zendesk_policy_import_schedules_item import ZendeskPolicyImportSchedulesItem  # noqa: PLC0415
        from ..models.zendesk_policy_import_sla_policies_item import ZendeskPolicyImportSlaPoliciesItem  # noqa: PLC0415
        from ..models.zendesk_policy_import_unmapped_item import ZendeskPolicyImportUnmappedItem  # noqa: PLC0415

        d = dict(src_dict)
        sla_policies = []
        _sla_policies = d.pop("sla_policies")
        for sla_policies_item_data in _sla_policies:
            sla_policies_item = ZendeskPolicyImportSlaPoliciesItem.from_dict(sla_policies_item_data)

            sla_policies.append(sla_policies_item)

        def _parse_default_schedule_id(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        default_schedule_id = _parse_default_schedule_id(d.pop("default_schedule_id", UNSET))

        def _parse_priorities(data: object) -> None | Unset | ZendeskPolicyImportPrioritiesType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                priorities_type_0 = ZendeskPolicyImportPrioritiesType0.from_dict(data)

                return priorities_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | ZendeskPolicyImportPrioritiesType0, data)

        priorities = _parse_priorities(d.pop("priorities", UNSET))

        _schedules = d.pop("schedules", UNSET)
        schedules: list[ZendeskPolicyImportSchedulesItem] | Unset = UNSET
        if _schedules is not UNSET:
            schedules = []
            for schedules_item_data in _schedules:
                schedules_item = ZendeskPolicyImportSchedulesItem.from_dict(schedules_item_data)

                schedules.append(schedules_item)

        def _parse_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        summary = _parse_summary(d.pop("summary", UNSET))

        _unmapped = d.pop("unmapped", UNSET)
        unmapped: list[ZendeskPolicyImportUnmappedItem] | Unset = UNSET
        if _unmapped is not UNSET:
            unmapped = []
            for unmapped_item_data in _unmapped:
                unmapped_item = ZendeskPolicyImportUnmappedItem.from_dict(unmapped_item_data)

                unmapped.append(unmapped_item)

        zendesk_policy_import = cls(
            sla_policies=sla_policies,
            default_schedule_id=default_schedule_id,
            priorities=priorities,
            schedules=schedules,
            summary=summary,
            unmapped=unmapped,
        )

        zendesk_policy_import.additional_properties = d
        return zendesk_policy_import

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
