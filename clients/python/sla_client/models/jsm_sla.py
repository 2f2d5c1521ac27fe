from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.jsm_goal import JsmGoal


T = TypeVar("T", bound="JsmSla")


@_attrs_define
class JsmSla:
    """Jsm sla

    Attributes:
        goals (list[JsmGoal]): The goals, in the order JSM tries them (the first whose JQL matches applies)
        name (str): A human name
        start (list[str]): The start (inclusive)
        stop (list[str]): JSM stop conditions
        pause (list[str] | Unset): JSM pause conditions
    """

    goals: list[JsmGoal]
    name: str
    start: list[str]
    stop: list[str]
    pause: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        goals = []
        for goals_item_data in self.goals:
            goals_item = goals_item_data.to_dict()
            goals.append(goals_item)

        name = self.name

        start = self.start

        stop = self.stop

        pause: list[str] | Unset = UNSET
        if not isinstance(self.pause, Unset):
            pause = self.pause

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "goals": goals,
                "name": name,
                "start": start,
                "stop": stop,
            }
        )
        if pause is not UNSET:
            field_dict["pause"] = pause

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.jsm_goal import JsmGoal  # noqa: PLC0415

        d = dict(src_dict)
        goals = []
        _goals = d.pop("goals")
        for goals_item_data in _goals:
            goals_item = JsmGoal.from_dict(goals_item_data)

            goals.append(goals_item)

        name = d.pop("name")

        start = cast(list[str], d.pop("start"))

        stop = cast(list[str], d.pop("stop"))

        pause = cast(list[str], d.pop("pause", UNSET))

        jsm_sla = cls(
            goals=goals,
            name=name,
            start=start,
            stop=stop,
            pause=pause,
        )

        jsm_sla.additional_properties = d
        return jsm_sla

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
