from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.jira_goal_out import JiraGoalOut


T = TypeVar("T", bound="JiraSlaOut")


@_attrs_define
class JiraSlaOut:
    """Jira sla out

    Attributes:
        goals (list[JiraGoalOut]): The goals, in the order JSM tries them (the first whose JQL matches applies)
        name (str): A human name
        pause (list[str]): JSM pause conditions
        start (list[str]): JSM start conditions
        stop (list[str]): JSM stop conditions
    """

    goals: list[JiraGoalOut]
    name: str
    pause: list[str]
    start: list[str]
    stop: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        goals = []
        for goals_item_data in self.goals:
            goals_item = goals_item_data.to_dict()
            goals.append(goals_item)

        name = self.name

        pause = self.pause

        start = self.start

        stop = self.stop

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "goals": goals,
                "name": name,
                "pause": pause,
                "start": start,
                "stop": stop,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.jira_goal_out import JiraGoalOut  # noqa: PLC0415

        d = dict(src_dict)
        goals = []
        _goals = d.pop("goals")
        for goals_item_data in _goals:
            goals_item = JiraGoalOut.from_dict(goals_item_data)

            goals.append(goals_item)

        name = d.pop("name")

        pause = cast(list[str], d.pop("pause"))

        start = cast(list[str], d.pop("start"))

        stop = cast(list[str], d.pop("stop"))

        jira_sla_out = cls(
            goals=goals,
            name=name,
            pause=pause,
            start=start,
            stop=stop,
        )

        jira_sla_out.additional_properties = d
        return jira_sla_out

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
