from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.clause_change import ClauseChange
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


T = TypeVar("T", bound="VersionDiff")


@_attrs_define
class VersionDiff:
    """Version diff

    Attributes:
        added (list[CostClauseOut | DisputeResolutionClauseOut | EscalationClauseOut | GeneralClauseOut |
            ReportingClauseOut | ResponsibilityClauseOut | ReviewClauseOut | ScheduleClauseOut | ServiceCreditClauseOut |
            ServiceLevelClauseOut | VerificationClauseOut]): Clause keys present only in the newer version
        against (int): The older version compared with
        changed (list[ClauseChange]): Clause keys present in both versions with different content
        removed (list[CostClauseOut | DisputeResolutionClauseOut | EscalationClauseOut | GeneralClauseOut |
            ReportingClauseOut | ResponsibilityClauseOut | ReviewClauseOut | ScheduleClauseOut | ServiceCreditClauseOut |
            ServiceLevelClauseOut | VerificationClauseOut]): Clause keys present only in the older version
        unchanged (list[str]): Clause keys identical in both versions
        version (int): The version (for `If-Match` and optimistic concurrency)
    """

    added: list[
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
    against: int
    changed: list[ClauseChange]
    removed: list[
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
    unchanged: list[str]
    version: int
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

        added = []
        for added_item_data in self.added:
            added_item: dict[str, Any]
            if isinstance(added_item_data, ServiceLevelClauseOut):
                added_item = added_item_data.to_dict()
            elif isinstance(added_item_data, ScheduleClauseOut):
                added_item = added_item_data.to_dict()
            elif isinstance(added_item_data, CostClauseOut):
                added_item = added_item_data.to_dict()
            elif isinstance(added_item_data, ServiceCreditClauseOut):
                added_item = added_item_data.to_dict()
            elif isinstance(added_item_data, ResponsibilityClauseOut):
                added_item = added_item_data.to_dict()
            elif isinstance(added_item_data, EscalationClauseOut):
                added_item = added_item_data.to_dict()
            elif isinstance(added_item_data, DisputeResolutionClauseOut):
                added_item = added_item_data.to_dict()
            elif isinstance(added_item_data, VerificationClauseOut):
                added_item = added_item_data.to_dict()
            elif isinstance(added_item_data, ReportingClauseOut):
                added_item = added_item_data.to_dict()
            elif isinstance(added_item_data, ReviewClauseOut):
                added_item = added_item_data.to_dict()
            else:
                added_item = added_item_data.to_dict()

            added.append(added_item)

        against = self.against

        changed = []
        for changed_item_data in self.changed:
            changed_item = changed_item_data.to_dict()
            changed.append(changed_item)

        removed = []
        for removed_item_data in self.removed:
            removed_item: dict[str, Any]
            if isinstance(removed_item_data, ServiceLevelClauseOut):
                removed_item = removed_item_data.to_dict()
            elif isinstance(removed_item_data, ScheduleClauseOut):
                removed_item = removed_item_data.to_dict()
            elif isinstance(removed_item_data, CostClauseOut):
                removed_item = removed_item_data.to_dict()
            elif isinstance(removed_item_data, ServiceCreditClauseOut):
                removed_item = removed_item_data.to_dict()
            elif isinstance(removed_item_data, ResponsibilityClauseOut):
                removed_item = removed_item_data.to_dict()
            elif isinstance(removed_item_data, EscalationClauseOut):
                removed_item = removed_item_data.to_dict()
            elif isinstance(removed_item_data, DisputeResolutionClauseOut):
                removed_item = removed_item_data.to_dict()
            elif isinstance(removed_item_data, VerificationClauseOut):
                removed_item = removed_item_data.to_dict()
            elif isinstance(removed_item_data, ReportingClauseOut):
                removed_item = removed_item_data.to_dict()
            elif isinstance(removed_item_data, ReviewClauseOut):
                removed_item = removed_item_data.to_dict()
            else:
                removed_item = removed_item_data.to_dict()

            removed.append(removed_item)

        unchanged = self.unchanged

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "added": added,
                "against": against,
                "changed": changed,
                "removed": removed,
                "unchanged": unchanged,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.clause_change import ClauseChange  # noqa: PLC0415
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
        added = []
        _added = d.pop("added")
        for added_item_data in _added:

            def _parse_added_item(
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

            added_item = _parse_added_item(added_item_data)

            added.append(added_item)

        against = d.pop("against")

        changed = []
        _changed = d.pop("changed")
        for changed_item_data in _changed:
            changed_item = ClauseChange.from_dict(changed_item_data)

            changed.append(changed_item)

        removed = []
        _removed = d.pop("removed")
        for removed_item_data in _removed:

            def _parse_removed_item(
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

            removed_item = _parse_removed_item(removed_item_data)

            removed.append(removed_item)

        unchanged = cast(list[str], d.pop("unchanged"))

        version = d.pop("version")

        version_diff = cls(
            added=added,
            against=against,
            changed=changed,
            removed=removed,
            unchanged=unchanged,
            version=version,
        )

        version_diff.additional_properties = d
        return version_diff

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
