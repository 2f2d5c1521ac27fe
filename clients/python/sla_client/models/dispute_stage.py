from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DisputeStage")


@_attrs_define
class DisputeStage:
    """A stage's time limit is a calendar duration (`time_limit`, e.g. P14D, added in the agreement's time zone)
    or `business_days` counted on a `calendar` (a calendar id, "24x7" or a schedule clause key; by default the
    agreement's first schedule clause).

        Attributes:
            name (str): A human name
            business_days (int | None | Unset): Whether the time limit counts business days only
            calendar (None | str | Unset): The calendar the time counts in
            time_limit (None | str | Unset): How long the stage may last (ISO 8601 duration)
    """

    name: str
    business_days: int | None | Unset = UNSET
    calendar: None | str | Unset = UNSET
    time_limit: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        business_days: int | None | Unset
        if isinstance(self.business_days, Unset):
            business_days = UNSET
        else:
            business_days = self.business_days

        calendar: None | str | Unset
        if isinstance(self.calendar, Unset):
            calendar = UNSET
        else:
            calendar = self.calendar

        time_limit: None | str | Unset
        if isinstance(self.time_limit, Unset):
            time_limit = UNSET
        else:
            time_limit = self.time_limit

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if business_days is not UNSET:
            field_dict["business_days"] = business_days
        if calendar is not UNSET:
            field_dict["calendar"] = calendar
        if time_limit is not UNSET:
            field_dict["time_limit"] = time_limit

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_business_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        business_days = _parse_business_days(d.pop("business_days", UNSET))

        def _parse_calendar(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        calendar = _parse_calendar(d.pop("calendar", UNSET))

        def _parse_time_limit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_limit = _parse_time_limit(d.pop("time_limit", UNSET))

        dispute_stage = cls(
            name=name,
            business_days=business_days,
            calendar=calendar,
            time_limit=time_limit,
        )

        return dispute_stage
