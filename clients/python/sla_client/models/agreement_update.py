from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cost_clause_input import CostClauseInput
    from ..models.dispute_resolution_clause_input import DisputeResolutionClauseInput
    from ..models.escalation_clause_input import EscalationClauseInput
    from ..models.general_clause_input import GeneralClauseInput
    from ..models.membership_input import MembershipInput
    from ..models.reporting_clause_input import ReportingClauseInput
    from ..models.responsibility_clause_input import ResponsibilityClauseInput
    from ..models.review_clause_input import ReviewClauseInput
    from ..models.schedule_clause_input import ScheduleClauseInput
    from ..models.service_credit_clause_input import ServiceCreditClauseInput
    from ..models.service_level_clause_input import ServiceLevelClauseInput
    from ..models.verification_clause_input import VerificationClauseInput


T = TypeVar("T", bound="AgreementUpdate")


@_attrs_define
class AgreementUpdate:
    """Request body: agreement update

    Attributes:
        clauses (list[CostClauseInput | DisputeResolutionClauseInput | EscalationClauseInput | GeneralClauseInput |
            ReportingClauseInput | ResponsibilityClauseInput | ReviewClauseInput | ScheduleClauseInput |
            ServiceCreditClauseInput | ServiceLevelClauseInput | VerificationClauseInput] | Unset): The clauses, in order
        description (None | str | Unset): A human description
        effective_from (datetime.datetime | None | Unset): When it takes effect (RFC 3339, UTC)
        effective_to (datetime.datetime | None | Unset): When it stops being in effect (RFC 3339, UTC), if it does
        memberships (list[MembershipInput] | Unset): The parties of the agreement and their roles
        timezone (str | Unset): An IANA time zone (e.g. `Europe/Berlin`)
        title (str | Unset): A human title
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
        | Unset
    ) = UNSET
    description: None | str | Unset = UNSET
    effective_from: datetime.datetime | None | Unset = UNSET
    effective_to: datetime.datetime | None | Unset = UNSET
    memberships: list[MembershipInput] | Unset = UNSET
    timezone: str | Unset = UNSET
    title: str | Unset = UNSET
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

        clauses: list[dict[str, Any]] | Unset
        if isinstance(self.clauses, Unset):
            clauses = UNSET
        else:
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

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        effective_from: None | str | Unset
        if isinstance(self.effective_from, Unset):
            effective_from = UNSET
        elif isinstance(self.effective_from, datetime.datetime):
            effective_from = self.effective_from.isoformat()
        else:
            effective_from = self.effective_from

        effective_to: None | str | Unset
        if isinstance(self.effective_to, Unset):
            effective_to = UNSET
        elif isinstance(self.effective_to, datetime.datetime):
            effective_to = self.effective_to.isoformat()
        else:
            effective_to = self.effective_to

        memberships: list[dict[str, Any]] | Unset
        if isinstance(self.memberships, Unset):
            memberships = UNSET
        else:
            memberships = []
            for memberships_type_0_item_data in self.memberships:
                memberships_type_0_item = memberships_type_0_item_data.to_dict()
                memberships.append(memberships_type_0_item)

        timezone: str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        title: str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if clauses is not UNSET:
            field_dict["clauses"] = clauses
        if description is not UNSET:
            field_dict["description"] = description
        if effective_from is not UNSET:
            field_dict["effective_from"] = effective_from
        if effective_to is not UNSET:
            field_dict["effective_to"] = effective_to
        if memberships is not UNSET:
            field_dict["memberships"] = memberships
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cost_clause_input import CostClauseInput  # noqa: PLC0415
        from ..models.dispute_resolution_clause_input import DisputeResolutionClauseInput  # noqa: PLC0415
        from ..models.escalation_clause_input import EscalationClauseInput  # noqa: PLC0415
        from ..models.general_clause_input import GeneralClauseInput  # noqa: PLC0415
        from ..models.membership_input import MembershipInput  # noqa: PLC0415
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
            | Unset
        ):
            if isinstance(data, Unset):
                return data
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

        clauses = _parse_clauses(d.pop("clauses", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

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

        def _parse_effective_to(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effective_to_type_0 = datetime.datetime.fromisoformat(data)

                return effective_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        effective_to = _parse_effective_to(d.pop("effective_to", UNSET))

        def _parse_memberships(data: object) -> list[MembershipInput] | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, list):
                raise TypeError()
            memberships_type_0 = []
            _memberships_type_0 = data
            for memberships_type_0_item_data in _memberships_type_0:
                memberships_type_0_item = MembershipInput.from_dict(memberships_type_0_item_data)

                memberships_type_0.append(memberships_type_0_item)

            return memberships_type_0

        memberships = _parse_memberships(d.pop("memberships", UNSET))

        def _parse_timezone(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        def _parse_title(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        agreement_update = cls(
            clauses=clauses,
            description=description,
            effective_from=effective_from,
            effective_to=effective_to,
            memberships=memberships,
            timezone=timezone,
            title=title,
        )

        agreement_update.additional_properties = d
        return agreement_update

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
