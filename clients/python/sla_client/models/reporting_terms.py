from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReportingTerms")


@_attrs_define
class ReportingTerms:
    """Reporting terms

    Attributes:
        contents (list[str]): What the report contains
        frequency (str): How often (ISO 8601 duration)
        due_after_period_end (None | str | Unset): How long after the period ends the report is due (ISO 8601 duration)
        recipients (list[str] | Unset): Who receives it
    """

    contents: list[str]
    frequency: str
    due_after_period_end: None | str | Unset = UNSET
    recipients: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        contents = self.contents

        frequency = self.frequency

        due_after_period_end: None | str | Unset
        if isinstance(self.due_after_period_end, Unset):
            due_after_period_end = UNSET
        else:
            due_after_period_end = self.due_after_period_end

        recipients: list[str] | Unset = UNSET
        if not isinstance(self.recipients, Unset):
            recipients = self.recipients

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "contents": contents,
                "frequency": frequency,
            }
        )
        if due_after_period_end is not UNSET:
            field_dict["due_after_period_end"] = due_after_period_end
        if recipients is not UNSET:
            field_dict["recipients"] = recipients

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contents = cast(list[str], d.pop("contents"))

        frequency = d.pop("frequency")

        def _parse_due_after_period_end(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        due_after_period_end = _parse_due_after_period_end(d.pop("due_after_period_end", UNSET))

        recipients = cast(list[str], d.pop("recipients", UNSET))

        reporting_terms = cls(
            contents=contents,
            frequency=frequency,
            due_after_period_end=due_after_period_end,
            recipients=recipients,
        )

        return reporting_terms
