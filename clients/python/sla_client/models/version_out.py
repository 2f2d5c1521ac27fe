from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.version_status import VersionStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.approval_out import ApprovalOut
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


T = TypeVar("T", bound="VersionOut")


@_attrs_define
class VersionOut:
    """Version out

    Attributes:
        decided_at (datetime.datetime | None): When it was decided (RFC 3339, UTC)
        effective_from (datetime.datetime | None): When it takes effect (RFC 3339, UTC)
        id (UUID): The object's id (UUID)
        number (int): The version number, from 1
        proposed_at (datetime.datetime | None): When it was proposed (RFC 3339, UTC)
        proposed_by_party_id (None | UUID): The party that proposed it
        status (VersionStatus): Version status
        summary (None | str): A short summary
        approvals (list[ApprovalOut] | Unset): Each member's decision on this version
        clauses (list[CostClauseOut | DisputeResolutionClauseOut | EscalationClauseOut | GeneralClauseOut |
            ReportingClauseOut | ResponsibilityClauseOut | ReviewClauseOut | ScheduleClauseOut | ServiceCreditClauseOut |
            ServiceLevelClauseOut | VerificationClauseOut] | Unset): The clauses, in order
    """

    decided_at: datetime.datetime | None
    effective_from: datetime.datetime | None
    id: UUID
    number: int
    proposed_at: datetime.datetime | None
    proposed_by_party_id: None | UUID
    status: VersionStatus
    summary: None | str
    approvals: list[ApprovalOut] | Unset = UNSET
    clauses: (
        list[
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
        | Unset
    ) = UNSET
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

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        effective_from: None | str
        if isinstance(self.effective_from, datetime.datetime):
            effective_from = self.effective_from.isoformat()
        else:
            effective_from = self.effective_from

        id = str(self.id)

        number = self.number

        proposed_at: None | str
        if isinstance(self.proposed_at, datetime.datetime):
            proposed_at = self.proposed_at.isoformat()
        else:
            proposed_at = self.proposed_at

        proposed_by_party_id: None | str
        if isinstance(self.proposed_by_party_id, UUID):
            proposed_by_party_id = str(self.proposed_by_party_id)
        else:
            proposed_by_party_id = self.proposed_by_party_id

        status = self.status.value

        summary: None | str
        summary = self.summary

        approvals: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.approvals, Unset):
            approvals = []
            for approvals_item_data in self.approvals:
                approvals_item = approvals_item_data.to_dict()
                approvals.append(approvals_item)

        clauses: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.clauses, Unset):
            clauses = []
            for clauses_item_data in self.clauses:
                clauses_item: dict[str, Any]
                if isinstance(clauses_item_data, ServiceLevelClauseOut):
                    clauses_item = clauses_item_data.to_dict()
                elif isinstance(clauses_item_data, ScheduleClauseOut):
                    clauses_item = clauses_item_data.to_dict()
                elif isinstance(clauses_item_data, CostClauseOut):
                    clauses_item = clauses_item_data.to_dict()
                elif isinstance(clauses_item_data, ServiceCreditClauseOut):
                    clauses_item = clauses_item_data.to_dict()
                elif isinstance(clauses_item_data, ResponsibilityClauseOut):
                    clauses_item = clauses_item_data.to_dict()
                elif isinstance(clauses_item_data, EscalationClauseOut):
                    clauses_item = clauses_item_data.to_dict()
                elif isinstance(clauses_item_data, DisputeResolutionClauseOut):
                    clauses_item = clauses_item_data.to_dict()
                elif isinstance(clauses_item_data, VerificationClauseOut):
                    clauses_item = clauses_item_data.to_dict()
                elif isinstance(clauses_item_data, ReportingClauseOut):
                    clauses_item = clauses_item_data.to_dict()
                elif isinstance(clauses_item_data, ReviewClauseOut):
                    clauses_item = clauses_item_data.to_dict()
                else:
                    clauses_item = clauses_item_data.to_dict()

                clauses.append(clauses_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "decided_at": decided_at,
                "effective_from": effective_from,
                "id": id,
                "number": number,
                "proposed_at": proposed_at,
                "proposed_by_party_id": proposed_by_party_id,
                "status": status,
                "summary": summary,
            }
        )
        if approvals is not UNSET:
            field_dict["approvals"] = approvals
        if clauses is not UNSET:
            field_dict["clauses"] = clauses

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.approval_out import ApprovalOut  # noqa: PLC0415
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

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

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

        id = UUID(d.pop("id"))

        number = d.pop("number")

        def _parse_proposed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                proposed_at_type_0 = datetime.datetime.fromisoformat(data)

                return proposed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        proposed_at = _parse_proposed_at(d.pop("proposed_at"))

        def _parse_proposed_by_party_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                proposed_by_party_id_type_0 = UUID(data)

                return proposed_by_party_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        proposed_by_party_id = _parse_proposed_by_party_id(d.pop("proposed_by_party_id"))

        status = VersionStatus(d.pop("status"))

        def _parse_summary(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        summary = _parse_summary(d.pop("summary"))

        _approvals = d.pop("approvals", UNSET)
        approvals: list[ApprovalOut] | Unset = UNSET
        if _approvals is not UNSET:
            approvals = []
            for approvals_item_data in _approvals:
                approvals_item = ApprovalOut.from_dict(approvals_item_data)

                approvals.append(approvals_item)

        _clauses = d.pop("clauses", UNSET)
        clauses: (
            list[
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
            | Unset
        ) = UNSET
        if _clauses is not UNSET:
            clauses = []
            for clauses_item_data in _clauses:

                def _parse_clauses_item(
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

                clauses_item = _parse_clauses_item(clauses_item_data)

                clauses.append(clauses_item)

        version_out = cls(
            decided_at=decided_at,
            effective_from=effective_from,
            id=id,
            number=number,
            proposed_at=proposed_at,
            proposed_by_party_id=proposed_by_party_id,
            status=status,
            summary=summary,
            approvals=approvals,
            clauses=clauses,
        )

        version_out.additional_properties = d
        return version_out

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
