from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.mapping_in_agent_replies_type_0 import MappingInAgentRepliesType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.mapping_in_priorities_type_0 import MappingInPrioritiesType0
    from ..models.mapping_in_statuses_type_0 import MappingInStatusesType0


T = TypeVar("T", bound="MappingIn")


@_attrs_define
class MappingIn:
    """Request body: mapping in

    Attributes:
        agent_replies (MappingInAgentRepliesType0 | Unset): Which agent comments are replies: `public` ones only, or
            `all` (internal notes too)
        count_customer_replies (bool | Unset): Whether the requester's public comments are customer replies
        customer (None | str | Unset): The customer party
        customer_ref_system (str | Unset): The external-ref system of organisation ids read from payloads (`system:id`)
        organization_field (None | str | Unset): Jira: the field holding the JSM organisations; the first is the
            customer
        priorities (MappingInPrioritiesType0 | Unset): The tool's priority (lower case) → the agreement's priority;
            others pass through
        service (None | str | Unset): The service
        statuses (MappingInStatusesType0 | Unset): The tool's status (lower case) → ours; `solved` and `closed` end the
            ticket; others pass through
    """

    agent_replies: MappingInAgentRepliesType0 | Unset = UNSET
    count_customer_replies: bool | Unset = UNSET
    customer: None | str | Unset = UNSET
    customer_ref_system: str | Unset = UNSET
    organization_field: None | str | Unset = UNSET
    priorities: MappingInPrioritiesType0 | Unset = UNSET
    service: None | str | Unset = UNSET
    statuses: MappingInStatusesType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_replies: str | Unset
        if isinstance(self.agent_replies, Unset):
            agent_replies = UNSET
        else:
            agent_replies = self.agent_replies.value

        count_customer_replies: bool | Unset
        if isinstance(self.count_customer_replies, Unset):
            count_customer_replies = UNSET
        else:
            count_customer_replies = self.count_customer_replies

        customer: None | str | Unset
        if isinstance(self.customer, Unset):
            customer = UNSET
        else:
            customer = self.customer

        customer_ref_system: str | Unset
        if isinstance(self.customer_ref_system, Unset):
            customer_ref_system = UNSET
        else:
            customer_ref_system = self.customer_ref_system

        organization_field: None | str | Unset
        if isinstance(self.organization_field, Unset):
            organization_field = UNSET
        else:
            organization_field = self.organization_field

        priorities: dict[str, Any] | Unset
        if isinstance(self.priorities, Unset):
            priorities = UNSET
        else:
            priorities = self.priorities.to_dict()

        service: None | str | Unset
        if isinstance(self.service, Unset):
            service = UNSET
        else:
            service = self.service

        statuses: dict[str, Any] | Unset
        if isinstance(self.statuses, Unset):
            statuses = UNSET
        else:
            statuses = self.statuses.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agent_replies is not UNSET:
            field_dict["agent_replies"] = agent_replies
        if count_customer_replies is not UNSET:
            field_dict["count_customer_replies"] = count_customer_replies
        if customer is not UNSET:
            field_dict["customer"] = customer
        if customer_ref_system is not UNSET:
            field_dict["customer_ref_system"] = customer_ref_system
        if organization_field is not UNSET:
            field_dict["organization_field"] = organization_field
        if priorities is not UNSET:
            field_dict["priorities"] = priorities
        if service is not UNSET:
            field_dict["service"] = service
        if statuses is not UNSET:
            field_dict["statuses"] = statuses

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mapping_in_priorities_type_0 import MappingInPrioritiesType0  # noqa: PLC0415
        from ..models.mapping_in_statuses_type_0 import MappingInStatusesType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_agent_replies(data: object) -> MappingInAgentRepliesType0 | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError()
            agent_replies_type_0 = MappingInAgentRepliesType0(data)

            return agent_replies_type_0

        agent_replies = _parse_agent_replies(d.pop("agent_replies", UNSET))

        def _parse_count_customer_replies(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        count_customer_replies = _parse_count_customer_replies(d.pop("count_customer_replies", UNSET))

        def _parse_customer(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        customer = _parse_customer(d.pop("customer", UNSET))

        def _parse_customer_ref_system(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        customer_ref_system = _parse_customer_ref_system(d.pop("customer_ref_system", UNSET))

        def _parse_organization_field(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organization_field = _parse_organization_field(d.pop("organization_field", UNSET))

        def _parse_priorities(data: object) -> MappingInPrioritiesType0 | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError()
            priorities_type_0 = MappingInPrioritiesType0.from_dict(data)

            return priorities_type_0

        priorities = _parse_priorities(d.pop("priorities", UNSET))

        def _parse_service(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service = _parse_service(d.pop("service", UNSET))

        def _parse_statuses(data: object) -> MappingInStatusesType0 | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError()
            statuses_type_0 = MappingInStatusesType0.from_dict(data)

            return statuses_type_0

        statuses = _parse_statuses(d.pop("statuses", UNSET))

        mapping_in = cls(
            agent_replies=agent_replies,
            count_customer_replies=count_customer_replies,
            customer=customer,
            customer_ref_system=customer_ref_system,
            organization_field=organization_field,
            priorities=priorities,
            service=service,
            statuses=statuses,
        )

        mapping_in.additional_properties = d
        return mapping_in

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
