from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.metric import Metric
from ..models.target_time import TargetTime
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.target_match import TargetMatch


T = TypeVar("T", bound="Target")


@_attrs_define
class Target:
    """Target

    Attributes:
        metric (Metric): Metric
        calendar (None | str | Unset): The calendar the time counts in
        compliance_target (None | str | Unset): Share of tickets that must meet the target in the period (percentage)
        duration (None | str | Unset): An ISO 8601 duration (e.g. `PT4H`)
        key (None | str | Unset): A key unique within the agreement
        match (TargetMatch | Unset): Target match
        pause_statuses (list[str] | Unset): Ticket statuses that pause the clock
        percentage (None | str | Unset): A percentage as an exact decimal string (availability targets)
        time (TargetTime | Unset): `business` (counted in the calendar's open hours) or `calendar` time Default:
            TargetTime.BUSINESS.
        warn_at_percent (list[int] | Unset): Warn when this share of the target time is used (1–99)
    """

    metric: Metric
    calendar: None | str | Unset = UNSET
    compliance_target: None | str | Unset = UNSET
    duration: None | str | Unset = UNSET
    key: None | str | Unset = UNSET
    match: TargetMatch | Unset = UNSET
    pause_statuses: list[str] | Unset = UNSET
    percentage: None | str | Unset = UNSET
    time: TargetTime | Unset = TargetTime.BUSINESS
    warn_at_percent: list[int] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        metric = self.metric.value

        calendar: None | str | Unset
        if isinstance(self.calendar, Unset):
            calendar = UNSET
        else:
            calendar = self.calendar

        compliance_target: None | str | Unset
        if isinstance(self.compliance_target, Unset):
            compliance_target = UNSET
        else:
            compliance_target = self.compliance_target

        duration: None | str | Unset
        if isinstance(self.duration, Unset):
            duration = UNSET
        else:
            duration = self.duration

        key: None | str | Unset
        if isinstance(self.key, Unset):
            key = UNSET
        else:
            key = self.key

        match: dict[str, Any] | Unset = UNSET
        if not isinstance(self.match, Unset):
            match = self.match.to_dict()

        pause_statuses: list[str] | Unset = UNSET
        if not isinstance(self.pause_statuses, Unset):
            pause_statuses = self.pause_statuses

        percentage: None | str | Unset
        if isinstance(self.percentage, Unset):
            percentage = UNSET
        else:
            percentage = self.percentage

        time: str | Unset = UNSET
        if not isinstance(self.time, Unset):
            time = self.time.value

        warn_at_percent: list[int] | Unset = UNSET
        if not isinstance(self.warn_at_percent, Unset):
            warn_at_percent = self.warn_at_percent

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "metric": metric,
            }
        )
        if calendar is not UNSET:
            field_dict["calendar"] = calendar
        if compliance_target is not UNSET:
            field_dict["compliance_target"] = compliance_target
        if duration is not UNSET:
            field_dict["duration"] = duration
        if key is not UNSET:
            field_dict["key"] = key
        if match is not UNSET:
            field_dict["match"] = match
        if pause_statuses is not UNSET:
            field_dict["pause_statuses"] = pause_statuses
        if percentage is not UNSET:
            field_dict["percentage"] = percentage
        if time is not UNSET:
            field_dict["time"] = time
        if warn_at_percent is not UNSET:
            field_dict["warn_at_percent"] = warn_at_percent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.target_match import TargetMatch  # noqa: PLC0415

        d = dict(src_dict)
        metric = Metric(d.pop("metric"))

        def _parse_calendar(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        calendar = _parse_calendar(d.pop("calendar", UNSET))

        def _parse_compliance_target(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        compliance_target = _parse_compliance_target(d.pop("compliance_target", UNSET))

        def _parse_duration(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        duration = _parse_duration(d.pop("duration", UNSET))

        def _parse_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        key = _parse_key(d.pop("key", UNSET))

        _match = d.pop("match", UNSET)
        match: TargetMatch | Unset
        if isinstance(_match, Unset):
            match = UNSET
        else:
            match = TargetMatch.from_dict(_match)

        pause_statuses = cast(list[str], d.pop("pause_statuses", UNSET))

        def _parse_percentage(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        percentage = _parse_percentage(d.pop("percentage", UNSET))

        _time = d.pop("time", UNSET)
        time: TargetTime | Unset
        if isinstance(_time, Unset):
            time = UNSET
        else:
            time = TargetTime(_time)

        warn_at_percent = cast(list[int], d.pop("warn_at_percent", UNSET))

        target = cls(
            metric=metric,
            calendar=calendar,
            compliance_target=compliance_target,
            duration=duration,
            key=key,
            match=match,
            pause_statuses=pause_statuses,
            percentage=percentage,
            time=time,
            warn_at_percent=warn_at_percent,
        )

        return target
