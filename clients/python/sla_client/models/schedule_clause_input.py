from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.schedule_terms import ScheduleTerms


T = TypeVar("T", bound="ScheduleClauseInput")


@_attrs_define
class ScheduleClauseInput:
    """Request body: schedule clause input

    Attributes:
        key (str): A key unique within the agreement
        kind (Literal['schedule']): The clause's kind
        title (str): A human title
        body (str | Unset): Free text Default: ''.
        shared_with_third_parties (bool | Unset): Whether third parties may see this clause Default: False.
        terms (ScheduleTerms | Unset): Schedule terms
    """

    key: str
    kind: Literal["schedule"]
    title: str
    body: str | Unset = ""
    shared_with_third_parties: bool | Unset = False
    terms: ScheduleTerms | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        kind = self.kind

        title = self.title

        body = self.body

        shared_with_third_parties = self.shared_with_third_parties

        terms: dict[str, Any] | Unset = UNSET
        if not isinstance(self.terms, Unset):
            terms = self.terms.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "kind": kind,
                "title": title,
            }
        )
        if body is not UNSET:
            field_dict["body"] = body
        if shared_with_third_parties is not UNSET:
            field_dict["shared_with_third_parties"] = shared_with_third_parties
        if terms is not UNSET:
            field_dict["terms"] = terms

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.schedule_terms import ScheduleTerms  # noqa: PLC0415

        d = dict(src_dict)
        key = d.pop("key")

        kind = cast(Literal["schedule"], d.pop("kind"))
        if kind != "schedule":
            raise ValueError(f"kind must match const 'schedule', got '{kind}'")

        title = d.pop("title")

        body = d.pop("body", UNSET)

        shared_with_third_parties = d.pop("shared_with_third_parties", UNSET)

        _terms = d.pop("terms", UNSET)
        terms: ScheduleTerms | Unset
        if isinstance(_terms, Unset):
            terms = UNSET
        else:
            terms = ScheduleTerms.from_dict(_terms)

        schedule_clause_input = cls(
            key=key,
            kind=kind,
            title=title,
            body=body,
            shared_with_third_parties=shared_with_third_parties,
            terms=terms,
        )

        schedule_clause_input.additional_properties = d
        return schedule_clause_input

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
