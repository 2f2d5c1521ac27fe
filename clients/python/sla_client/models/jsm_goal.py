from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JsmGoal")


@_attrs_define
class JsmGoal:
    """Jsm goal

    Attributes:
        goal (str): The goal time (`4h`, `1h 30m`)
        calendar (str | Unset): The calendar the time counts in Default: '24/7'.
        from_ (None | str | Unset): From when (RFC 3339, UTC)
        jql (str | Unset): The JQL a ticket must match for this goal Default: ''.
    """

    goal: str
    calendar: str | Unset = "24/7"
    from_: None | str | Unset = UNSET
    jql: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        goal = self.goal

        calendar = self.calendar

        from_: None | str | Unset
        if isinstance(self.from_, Unset):
            from_ = UNSET
        else:
            from_ = self.from_

        jql = self.jql

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "goal": goal,
            }
        )
        if calendar is not UNSET:
            field_dict["calendar"] = calendar
        if from_ is not UNSET:
            field_dict["from"] = from_
        if jql is not UNSET:
            field_dict["jql"] = jql

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        goal = d.pop("goal")

        calendar = d.pop("calendar", UNSET)

        def _parse_from_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        from_ = _parse_from_(d.pop("from", UNSET))

        jql = d.pop("jql", UNSET)

        jsm_goal = cls(
            goal=goal,
            calendar=calendar,
            from_=from_,
            jql=jql,
        )

        jsm_goal.additional_properties = d
        return jsm_goal

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
