from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.proposal_mode import ProposalMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cost_clause_input import CostClauseInput
    from ..models.dispute_resolution_clause_input import DisputeResolutionClauseInput
    from ..models.escalation_clause_input import EscalationClauseInput
    from ..models.general_clause_input import GeneralClauseInput
    from ..models.reporting_clause_input import ReportingClauseInput
    from ..models.responsibility_clause_input import ResponsibilityClauseInput
    from ..models.review_clause_input import ReviewClauseInput
    from ..models.schedule_clause_input import ScheduleClauseInput
    from ..models.service_credit_clause_input import ServiceCreditClauseInput
    from ..models.service_level_clause_input import ServiceLevelClauseInput
    from ..models.verification_clause_input import VerificationClauseInput


T = TypeVar("T", bound="VersionProposal")


@_attrs_define
class VersionProposal:
    """Version proposal

    Attributes:
        clauses (list[CostClauseInput | DisputeResolutionClauseInput | EscalationClauseInput | GeneralClauseInput |
            ReportingClauseInput | ResponsibilityClauseInput | ReviewClauseInput | ScheduleClauseInput |
            ServiceCreditClauseInput | ServiceLevelClauseInput | VerificationClauseInput] | None | Unset): The clauses, in
            order
        effective_from (datetime.datetime | None | Unset): When it takes effect (RFC 3339, UTC)
        mode (ProposalMode | Unset): Proposal mode
        remove (list[str] | Unset): Keys to remove
        summary (None | str | Unset): A short summary
    """

    clauses: (
        list[
            CostClauseInput
            | DisputeResolutionClauseInput
            | EscalationClauseInput
            | GeneralClauseInput
            | ReportingClauseInput
            | ResponsibilityClauseInput
            | ReviewClauseInput
            | ScheduleClauseInput
            | ServiceCreditClauseInput
            | ServiceLevelClauseInput
            | VerificationClauseInput
        ]
        | None
        | Unset
    ) = UNSET
    effective_from: datetime.datetime | None | Unset = UNSET
    mode: ProposalMode | Unset = UNSET
    remove: list[str] | Unset = UNSET
    summary: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.cost_clause_input import CostClauseInput  # noqa: PLC0415
        from ..models.dispute_resolution_clause_input import DisputeResolutionClauseInput  # noqa: PLC0415
        from ..models.escalation_clause_input import EscalationClauseInput  # noqa: PLC0415
        from ..models.reporting_clause_input import ReportingClauseInput  # noqa: PLC0415
        from ..models.responsibility_clause_input import ResponsibilityClauseInput  # noqa: PLC0415
        from ..models.review_clause_input import ReviewClauseInput  # noqa: PLC0415
        from ..models.schedule_clause_input import ScheduleClauseInput  # noqa: PLC0415
        from ..models.service_credit_clause_input import ServiceCreditClauseInput  # noqa: PLC0415
        from ..models.service_level_clause_input import ServiceLevelClauseInput  # noqa: PLC0415
        from ..models.verification_clause_input import VerificationClauseInput  # noqa: PLC0415

        clauses: list[dict[str, Any]] | None | Unset
        if isinstance(self.clauses, Unset):
            clauses = UNSET
        elif isinstance(self.clauses, list):
            clauses = []
            for clauses_type_0_item_data in self.clauses:
                clauses_type_0_item: dict[str, Any]
                if isinstance(clauses_type_0_item_data, ServiceLevelClauseInput):
                    clauses_type_0_item = clauses_type_0_item_data.to_dict()
                elif isinstance(clauses_type_0_item_data, ScheduleClauseInput):
                    clauses_type_0_item = clauses_type_0_item_data.to_dict()
                elif isinstance(clauses_type_0_item_data, CostClauseInput):
                    clauses_type_0_item = clauses_type_0_item_data.to_dict()
                elif isinstance(clauses_type_0_item_data, ServiceCreditClauseInput):
                    clauses_type_0_item = clauses_type_0_item_data.to_dict()
                elif isinstance(clauses_type_0_item_data, ResponsibilityClauseInput):
                    clauses_type_0_item = clauses_type_0_item_data.to_dict()
                elif isinstance(clauses_type_0_item_data, EscalationClauseInput):
                    clauses_type_0_item = clauses_type_0_item_data.to_dict()
                elif isinstance(clauses_type_0_item_data, DisputeResolutionClauseInput):
                    clauses_type_0_item = clauses_type_0_item_data.to_dict()
                elif isinstance(clauses_type_0_item_data, VerificationClauseInput):
                    clauses_type_0_item = clauses_type_0_item_data.to_dict()
                elif isinstance(clauses_type_0_item_data, ReportingClauseInput):
                    clauses_type_0_item = clauses_type_0_item_data.to_dict()
                elif isinstance(clauses_type_0_item_data, ReviewClauseInput):
                    clauses_type_0_item = clauses_type_0_item_data.to_dict()
                else:
                    clauses_type_0_item = clauses_type_0_item_data.to_dict()

                clauses.append(clauses_type_0_item)

        else:
            clauses = self.clauses

        effective_from: None | str | Unset
        if isinstance(self.effective_from, Unset):
            effective_from = UNSET
        elif isinstance(self.effective_from, datetime.datetime):
            effective_from = self.effective_from.isoformat()
        else:
            effective_from = self.effective_from

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value

        remove: list[str] | Unset = UNSET
        if not isinstance(self.remove, Unset):
            remove = self.remove

        summary: None | str | Unset
        if isinstance(self.summary, Unset):
            summary = UNSET
        else:
            summary = self.summary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if clauses is not UNSET:
            field_dict["clauses"] = clauses
        if effective_from is not UNSET:
            field_dict["effective_from"] = effective_from
        if mode is not UNSET:
            field_dict["mode"] = mode
        if remove is not UNSET:
            field_dict["remove"] = remove
        if summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cost_clause_input import CostClauseInput  # noqa: PLC0415
        from ..models.dispute_resolution_clause_input import DisputeResolutionClauseInput  # noqa: PLC0415
        from ..models.escalation_clause_input import EscalationClauseInput  # noqa: PLC0415
        from ..models.general_clause_input import GeneralClauseInput  # noqa: PLC0415
        from ..models.reporting_clause_input import ReportingClauseInput  # noqa: PLC0415
        from ..models.responsibility_clause_input import ResponsibilityClauseInput  # noqa: PLC0415
        from ..models.review_clause_input import ReviewClauseInput  # noqa: PLC0415
        from ..models.schedule_clause_input import ScheduleClauseInput  # noqa: PLC0415
        from ..models.service_credit_clause_input import ServiceCreditClauseInput  # noqa: PLC0415
        from ..models.service_level_clause_input import ServiceLevelClauseInput  # noqa: PLC0415
        from ..models.verification_clause_input import VerificationClauseInput  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_clauses(
            data: object,
        ) -> (
            list[
                CostClauseInput
                | DisputeResolutionClauseInput
                | EscalationClauseInput
                | GeneralClauseInput
                | ReportingClauseInput
                | ResponsibilityClauseInput
                | ReviewClauseInput
                | ScheduleClauseInput
                | ServiceCreditClauseInput
                | ServiceLevelClauseInput
                | VerificationClauseInput
            ]
            | None
            | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                clauses_type_0 = []
                _clauses_type_0 = data
                for clauses_type_0_item_data in _clauses_type_0:

                    def _parse_clauses_type_0_item(
                        data: object,
                    ) -> (
                        CostClauseInput
                        | DisputeResolutionClauseInput
                        | EscalationClauseInput
                        | GeneralClauseInput
                        | ReportingClauseInput
                        | ResponsibilityClauseInput
                        | ReviewClauseInput
                        | ScheduleClauseInput
                        | ServiceCreditClauseInput
                        | ServiceLevelClauseInput
                        | VerificationClauseInput
                    ):
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_clause_input_type_0 = ServiceLevelClauseInput.from_dict(data)

                            return componentsschemas_clause_input_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_clause_input_type_1 = ScheduleClauseInput.from_dict(data)

                            return componentsschemas_clause_input_type_1
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_clause_input_type_2 = CostClauseInput.from_dict(data)

                            return componentsschemas_clause_input_type_2
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_clause_input_type_3 = ServiceCreditClauseInput.from_dict(data)

                            return componentsschemas_clause_input_type_3
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_clause_input_type_4 = ResponsibilityClauseInput.from_dict(data)

                            return componentsschemas_clause_input_type_4
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_clause_input_type_5 = EscalationClauseInput.from_dict(data)

                            return componentsschemas_clause_input_type_5
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_clause_input_type_6 = DisputeResolutionClauseInput.from_dict(data)

                            return componentsschemas_clause_input_type_6
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_clause_input_type_7 = VerificationClauseInput.from_dict(data)

                            return componentsschemas_clause_input_type_7
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_clause_input_type_8 = ReportingClauseInput.from_dict(data)

                            return componentsschemas_clause_input_type_8
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_clause_input_type_9 = ReviewClauseInput.from_dict(data)

                            return componentsschemas_clause_input_type_9
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_clause_input_type_10 = GeneralClauseInput.from_dict(data)

                        return componentsschemas_clause_input_type_10

                    clauses_type_0_item = _parse_clauses_type_0_item(clauses_type_0_item_data)

                    clauses_type_0.append(clauses_type_0_item)

                return clauses_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                list[
                    CostClauseInput
                    | DisputeResolutionClauseInput
                    | EscalationClauseInput
                    | GeneralClauseInput
                    | ReportingClauseInput
                    | ResponsibilityClauseInput
                    | ReviewClauseInput
                    | ScheduleClauseInput
                    | ServiceCreditClauseInput
                    | ServiceLevelClauseInput
                    | VerificationClauseInput
                ]
                | None
                | Unset,
                data,
            )

        clauses = _parse_clauses(d.pop("clauses", UNSET))

        def _parse_effective_from(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effective_from_type_0 = datetime.datetime.fromisoformat(data)

                return effective_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        effective_from = _parse_effective_from(d.pop("effective_from", UNSET))

        _mode = d.pop("mode", UNSET)
        mode: ProposalMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = ProposalMode(_mode)

        remove = cast(list[str], d.pop("remove", UNSET))

        def _parse_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        summary = _parse_summary(d.pop("summary", UNSET))

        version_proposal = cls(
            clauses=clauses,
            effective_from=effective_from,
            mode=mode,
            remove=remove,
            summary=summary,
        )

        version_proposal.additional_properties = d
        return version_proposal

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
