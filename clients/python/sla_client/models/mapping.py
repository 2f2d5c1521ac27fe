from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.mapping_agent_replies import MappingAgentReplies
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.mapping_priorities import MappingPriorities
    from ..models.mapping_statuses import MappingStatuses


T = TypeVar("T", bound="Mapping")


@_attrs_define
class Mapping:
    """Mapping

    Attributes:
        priorities (MappingPriorities): The tool's priority (lower case) → the agreement's priority; others pass through
        statuses (MappingStatuses): The tool's status (lower case) → ours; `solved` and `closed` end the ticket; others
            pass through
        agent_replies (MappingAgentReplies | Unset): Which agent comments are replies: `public` ones only, or `all`
            (internal notes too) Default: MappingAgentReplies.PUBLIC.
        count_customer_replies (bool | Unset): Whether the requester's public comments are customer replies Default:
            True.
        customer (None | str | Unset): The customer party
        customer_ref_system (str | Unset): The external-ref system of organisation ids read from payloads (`system:id`)
            Default: 'zendesk'.
        organization_field (None | str | Unset): Jira: the field holding the JSM organisations; the first is the
            customer
        service (None | str | Unset): The service
    """

    priorities: MappingPriorities
    statuses: MappingStatuses
    agent_replies: MappingAgentReplies | Unset = MappingAgentReplies.PUBLIC
    count_customer_replies: bool | Unset = True
    customer: None | str | Unset = UNSET
    customer_ref_system: str | Unset = "zendesk"
    organization_field: None | str | Unset = UNSET
    service: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        priorities = self.priorities.to_dict()

        statuses = self.statuses.to_dict()

        agent_replies: str | Unset = UNSET
        if not isinstance(self.agent_replies, Unset):
            agent_replies = self.agent_replies.value

        count_customer_replies = self.count_customer_replies

        customer: None | str | Unset
        if isinstance(self.customer, Unset):
            customer = UNSET
        else:
            customer = self.customer

        customer_ref_system = self.customer_ref_system

        organization_field: None | str | Unset
        if isinstance(self.organization_field, Unset):
            organization_field = UNSET
        else:
            organization_field = self.organization_field

        service: None | str | Unset
        if isinstance(self.service, Unset):
            service = UNSET
        else:
            service = self.service

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "priorities": priorities,
                "statuses": statuses,
            }
        )
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
        if service is not UNSET:
            field_dict["service"] = service

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mapping_priorities import MappingPriorities  # noqa: PLC0415
        from ..models.mapping_statuses import MappingStatuses  # noqa: PLC0415

        d = dict(src_dict)
        priorities = MappingPriorities.from_dict(d.pop("priorities"))

        statuses = MappingStatuses.from_dict(d.pop("statuses"))

        _agent_replies = d.pop("agent_replies", UNSET)
        agent_replies: MappingAgentReplies | Unset
        if isinstance(_agent_replies, Unset):
            agent_replies = UNSET
        else:
            agent_replies = MappingAgentReplies(_agent_replies)

        count_customer_replies = d.pop("count_customer_replies", UNSET)

        def _parse_customer(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        customer = _parse_customer(d.pop("customer", UNSET))

        customer_ref_system = d.pop("customer_ref_system", UNSET)

        def _parse_organization_field(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organization_field = _parse_organization_field(d.pop("organization_field", UNSET))

        def _parse_service(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service = _parse_service(d.pop("service", UNSET))

        mapping = cls(
            priorities=priorities,
            statuses=statuses,
            agent_replies=agent_replies,
            count_customer_replies=count_customer_replies,
            customer=customer,
            customer_ref_system=customer_ref_system,
            organization_field=organization_field,
            service=service,
        )

        mapping.additional_properties = d
        return mapping

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
