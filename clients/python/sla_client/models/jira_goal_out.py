from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="JiraGoalOut")


@_attrs_define
class JiraGoalOut:
    """Jira goal out

    Attributes:
        calendar (str): The JSM calendar the goal counts in (`24/7` or a calendar's name)
        from_ (str): The clause and target the goal comes from
        goal (str): The goal time (`4h`, `1h 30m`)
        jql (str): The JQL a ticket must match for this goal
    """

    calendar: str
    from_: str
    goal: str
    jql: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        calendar = self.calendar

        from_ = self.from_

        goal = self.goal

        jql = self.jql

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "calendar": calendar,
                "from": from_,
                "goal": goal,
                "jql": jql,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        calendar = d.pop("calendar")

        from_ = d.pop("from")

        goal = d.pop("goal")

        jql = d.pop("jql")

        jira_goal_out = cls(
            calendar=calendar,
            from_=from_,
            goal=goal,
            jql=jql,
        )

        jira_goal_out.additional_properties = d
        return jira_goal_out

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
