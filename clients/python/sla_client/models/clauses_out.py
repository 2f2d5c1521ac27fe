from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.version_status import VersionStatus

if TYPE_CHECKING:
    from ..models.cost_clause_out import CostClauseOut
    from ..models.dispute_resolution_clause_out import DisputeResolutionClauseOut
    from ..models.escalation_clause_out import EscalationClauseOut
    from ..models.general_clause_out import GeneralClauseOut
    from ..models.reporting_clause_out import ReportingClauseOut
    from ..models.responsibility_clause_out import ResponsibilityClauseOut
    from ..models.review_clause_out import ReviewClauseOut
    from ..models.schedule_clause_out import ScheduleClauseOut
    from ..models.service_credit_clause_out import ServiceCreditClauseOut
    from ..models.service_level_clause_out import ServiceLevelClauseOut
    from ..models.verification_clause_out import VerificationClauseOut


T = TypeVar("T", bound="ClausesOut")


@_attrs_define
class ClausesOut:
    """Clauses out

    Attributes:
        agreement_id (UUID): The agreement's id (UUID)
        effective_from (datetime.datetime | None): When it takes effect (RFC 3339, UTC)
        items (list[CostClauseOut | DisputeResolutionClauseOut | EscalationClauseOut | GeneralClauseOut |
            ReportingClauseOut | ResponsibilityClauseOut | ReviewClauseOut | ScheduleClauseOut | ServiceCreditClauseOut |
            ServiceLevelClauseOut | VerificationClauseOut]): This page's items
        version (int | None): The version (for `If-Match` and optimistic concurrency)
        version_status (None | VersionStatus): The version's state
    """

    agreement_id: UUID
    effective_from: datetime.datetime | None
    items: list[
        CostClauseOut
        | DisputeResolutionClauseOut
        | EscalationClauseOut
        | GeneralClauseOut
        | ReportingClauseOut
        | ResponsibilityClauseOut
        | ReviewClauseOut
        | ScheduleClauseOut
        | ServiceCreditClauseOut
        | ServiceLevelClauseOut
        | VerificationClauseOut
    ]
    version: int | None
    version_status: None | VersionStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.cost_clause_out import CostClauseOut  # noqa: PLC0415
        from ..models.dispute_resolution_clause_out import DisputeResolutionClauseOut  # noqa: PLC0415
        from ..models.escalation_clause_out import EscalationClauseOut  # noqa: PLC0415
        from ..models.reporting_clause_out import ReportingClauseOut  # noqa: PLC0415
        from ..models.responsibility_clause_out import ResponsibilityClauseOut  # noqa: PLC0415
        from ..models.review_clause_out import ReviewClauseOut  # noqa: PLC0415
        from ..models.schedule_clause_out import ScheduleClauseOut  # noqa: PLC0415
        from ..models.service_credit_clause_out import ServiceCreditClauseOut  # noqa: PLC0415
        from ..models.service_level_clause_out import ServiceLevelClauseOut  # noqa: PLC0415
        from ..models.verification_clause_out import VerificationClauseOut  # noqa: PLC0415

        agreement_id = str(self.agreement_id)

        effective_from: None | str
        if isinstance(self.effective_from, datetime.datetime):
            effective_from = self.effective_from.isoformat()
        else:
            effective_from = self.effective_from

        items = []
        for items_item_data in self.items:
            items_item: dict[str, Any]
            if isinstance(items_item_data, ServiceLevelClauseOut):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ScheduleClauseOut):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, CostClauseOut):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ServiceCreditClauseOut):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ResponsibilityClauseOut):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, EscalationClauseOut):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, DisputeResolutionClauseOut):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, VerificationClauseOut):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ReportingClauseOut):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ReviewClauseOut):
                items_item = items_item_data.to_dict()
            else:
                items_item = items_item_data.to_dict()

            items.append(items_item)

        version: int | None
        version = self.version

        version_status: None | str
        if isinstance(self.version_status, VersionStatus):
            version_status = self.version_status.value
        else:
            version_status = self.version_status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_id": agreement_id,
                "effective_from": effective_from,
                "items": items,
                "version": version,
                "version_status": version_status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cost_clause_out import CostClauseOut  # noqa: PLC0415
        from ..models.dispute_resolution_clause_out import DisputeResolutionClauseOut  # noqa: PLC0415
        from ..models.escalation_clause_out import EscalationClauseOut  # noqa: PLC0415
        from ..models.general_clause_out import GeneralClauseOut  # noqa: PLC0415
        from ..models.reporting_clause_out import ReportingClauseOut  # noqa: PLC0415
        from ..models.responsibility_clause_out import ResponsibilityClauseOut  # noqa: PLC0415
        from ..models.review_clause_out import ReviewClauseOut  # noqa: PLC0415
        from ..models.schedule_clause_out import ScheduleClauseOut  # noqa: PLC0415
        from ..models.service_credit_clause_out import ServiceCreditClauseOut  # noqa: PLC0415
        from ..models.service_level_clause_out import ServiceLevelClauseOut  # noqa: PLC0415
        from ..models.verification_clause_out import VerificationClauseOut  # noqa: PLC0415

        d = dict(src_dict)
        agreement_id = UUID(d.pop("agreement_id"))

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

        items = []
        _items = d.pop("items")
        for items_item_data in _items:

            def _parse_items_item(
                data: object,
            ) -> (
                CostClauseOut
                | DisputeResolutionClauseOut
                | EscalationClauseOut
                | GeneralClauseOut
                | ReportingClauseOut
                | ResponsibilityClauseOut
                | ReviewClauseOut
                | ScheduleClauseOut
                | ServiceCreditClauseOut
                | ServiceLevelClauseOut
                | VerificationClauseOut
            ):
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_clause_out_type_0 = ServiceLevelClauseOut.from_dict(data)

                    return componentsschemas_clause_out_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_clause_out_type_1 = ScheduleClauseOut.from_dict(data)

                    return componentsschemas_clause_out_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_clause_out_type_2 = CostClauseOut.from_dict(data)

                    return componentsschemas_clause_out_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_clause_out_type_3 = ServiceCreditClauseOut.from_dict(data)

                    return componentsschemas_clause_out_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_clause_out_type_4 = ResponsibilityClauseOut.from_dict(data)

                    return componentsschemas_clause_out_type_4
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_clause_out_type_5 = EscalationClauseOut.from_dict(data)

                    return componentsschemas_clause_out_type_5
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_clause_out_type_6 = DisputeResolutionClauseOut.from_dict(data)

                    return componentsschemas_clause_out_type_6
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_clause_out_type_7 = VerificationClauseOut.from_dict(data)

                    return componentsschemas_clause_out_type_7
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_clause_out_type_8 = ReportingClauseOut.from_dict(data)

                    return componentsschemas_clause_out_type_8
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_clause_out_type_9 = ReviewClauseOut.from_dict(data)

                    return componentsschemas_clause_out_type_9
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_clause_out_type_10 = GeneralClauseOut.from_dict(data)

                return componentsschemas_clause_out_type_10

            items_item = _parse_items_item(items_item_data)

            items.append(items_item)

        def _parse_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        version = _parse_version(d.pop("version"))

        def _parse_version_status(data: object) -> None | VersionStatus:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                version_status_type_0 = VersionStatus(data)

                return version_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | VersionStatus, data)

        version_status = _parse_version_status(d.pop("version_status"))

        clauses_out = cls(
            agreement_id=agreement_id,
            effective_from=effective_from,
            items=items,
            version=version,
            version_status=version_status,
        )

        clauses_out.additional_properties = d
        return clauses_out

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
