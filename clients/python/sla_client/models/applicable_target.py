from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.metric import Metric

if TYPE_CHECKING:
    from ..models.calendar_used import CalendarUsed
    from ..models.escalation_time import EscalationTime
    from ..models.target_explanation import TargetExplanation
    from ..models.warning_time import WarningTime


T = TypeVar("T", bound="ApplicableTarget")


@_attrs_define
class ApplicableTarget:
    """Applicable target

    Attributes:
        calendar (CalendarUsed): Calendar used
        clause_key (str): The clause's key within the agreement
        due_at (datetime.datetime): When the target is due (RFC 3339, UTC)
        duration (str): An ISO 8601 duration (e.g. `PT4H`)
        escalations (list[EscalationTime]): When each escalation level is reached
        explanation (TargetExplanation): Target explanation
        metric (Metric): Metric
        pause_statuses (list[str]): Ticket statuses that pause the clock
        target_key (str): The key of the service-level target
        time (str): `business` (counted in the calendar's open hours) or `calendar` time
        warnings (list[WarningTime]): When each warning threshold is reached
    """

    calendar: CalendarUsed
    clause_key: str
    due_at: datetime.datetime
    duration: str
    escalations: list[EscalationTime]
    explanation: TargetExplanation
    metric: Metric
    pause_statuses: list[str]
    target_key: str
    time: str
    warnings: list[WarningTime]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        calendar = self.calendar.to_dict()

        clause_key = self.clause_key

        due_at = self.due_at.isoformat()

        duration = self.duration

        escalations = []
        for escalations_item_data in self.escalations:
            escalations_item = escalations_item_data.to_dict()
            escalations.append(escalations_item)

        explanation = self.explanation.to_dict()

        metric = self.metric.value

        pause_statuses = self.pause_statuses

        target_key = self.target_key

        time = self.time

        warnings = []
        for warnings_item_data in self.warnings:
            warnings_item = warnings_item_data.to_dict()
            warnings.append(warnings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "calendar": calendar,
                "clause_key": clause_key,
                "due_at": due_at,
                "duration": duration,
                "escalations": escalations,
                "explanation": explanation,
                "metric": metric,
                "pause_statuses": pause_statuses,
                "target_key": target_key,
                "time": time,
                "warnings": warnings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.calendar_used import CalendarUsed  # noqa: PLC0415
        from ..models.escalation_time import EscalationTime  # noqa: PLC0415
        from ..models.target_explanation import TargetExplanation  # noqa: PLC0415
        from ..models.warning_time import WarningTime  # noqa: PLC0415

        d = dict(src_dict)
        calendar = CalendarUsed.from_dict(d.pop("calendar"))

        clause_key = d.pop("clause_key")

        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))

        duration = d.pop("duration")

        escalations = []
        _escalations = d.pop("escalations")
        for escalations_item_data in _escalations:
            escalations_item = EscalationTime.from_dict(escalations_item_data)

            escalations.append(escalations_item)

        explanation = TargetExplanation.from_dict(d.pop("explanation"))

        metric = Metric(d.pop("metric"))

        pause_statuses = cast(list[str], d.pop("pause_statuses"))

        target_key = d.pop("target_key")

        time = d.pop("time")

        warnings = []
        _warnings = d.pop("warnings")
        for warnings_item_data in _warnings:
            warnings_item = WarningTime.from_dict(warnings_item_data)

            warnings.append(warnings_item)

        applicable_target = cls(
            calendar=calendar,
            clause_key=clause_key,
            due_at=due_at,
            duration=duration,
            escalations=escalations,
            explanation=explanation,
            metric=metric,
            pause_statuses=pause_statuses,
            target_key=target_key,
            time=time,
            warnings=warnings,
        )

        applicable_target.additional_properties = d
        return applicable_target

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
