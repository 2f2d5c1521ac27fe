from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.unmapped_item import UnmappedItem
    from ..models.zendesk_export_out_schedules_item import ZendeskExportOutSchedulesItem
    from ..models.zendesk_export_out_sla_policies_item import ZendeskExportOutSlaPoliciesItem


T = TypeVar("T", bound="ZendeskExportOut")


@_attrs_define
class ZendeskExportOut:
    """Zendesk export out

    Attributes:
        schedules (list[ZendeskExportOutSchedulesItem]): Zendesk schedules (with their holidays), in Zendesk's own
            format
        sla_policies (list[ZendeskExportOutSlaPoliciesItem]): Zendesk SLA policies, in Zendesk's own format
        unmapped (list[UnmappedItem]): What could not be carried over, each with the reason
    """

    schedules: list[ZendeskExportOutSchedulesItem]
    sla_policies: list[ZendeskExportOutSlaPoliciesItem]
    unmapped: list[UnmappedItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        schedules = []
        for schedules_item_data in self.schedules:
            schedules_item = schedules_item_data.to_dict()
            schedules.append(schedules_item)

        sla_policies = []
        for sla_policies_item_data in self.sla_policies:
            sla_policies_item = sla_policies_item_data.to_dict()
            sla_policies.append(sla_policies_item)

        unmapped = []
        for unmapped_item_data in self.unmapped:
            unmapped_item = unmapped_item_data.to_dict()
            unmapped.append(unmapped_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "schedules": schedules,
                "sla_policies": sla_policies,
                "unmapped": unmapped,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.unmapped_item import UnmappedItem  # noqa: PLC0415
        from ..models.zendesk_export_out_schedules_item import ZendeskExportOutSchedulesItem  # noqa: PLC0415
        from ..models.zendesk_export_out_sla_policies_item import ZendeskExportOutSlaPoliciesItem  # noqa: PLC0415

        d = dict(src_dict)
        schedules = []
        _schedules = d.pop("schedules")
        for schedules_item_data in _schedules:
            schedules_item = ZendeskExportOutSchedulesItem.from_dict(schedules_item_data)

            schedules.append(schedules_item)

        sla_policies = []
        _sla_policies = d.pop("sla_policies")
        for sla_policies_item_data in _sla_policies:
            sla_policies_item = ZendeskExportOutSlaPoliciesItem.from_dict(sla_policies_item_data)

            sla_policies.append(sla_policies_item)

        unmapped = []
        _unmapped = d.pop("unmapped")
        for unmapped_item_data in _unmapped:
            unmapped_item = UnmappedItem.from_dict(unmapped_item_data)

            unmapped.append(unmapped_item)

        zendesk_export_out = cls(
            schedules=schedules,
            sla_policies=sla_policies,
            unmapped=unmapped,
        )

        zendesk_export_out.additional_properties = d
        return zendesk_export_out

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
