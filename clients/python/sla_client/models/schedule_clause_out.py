from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.schedule_terms import ScheduleTerms


T = TypeVar("T", bound="ScheduleClauseOut")


@_attrs_define
class ScheduleClauseOut:
    """Schedule clause out

    Attributes:
        body (str): Free text
        id (UUID): The object's id (UUID)
        key (str): A key unique within the agreement
        kind (Literal['schedule']): The clause's kind
        shared_with_third_parties (bool): Whether third parties may see this clause
        terms (ScheduleTerms): Schedule terms
        title (str): A human title
    """

    body: str
    id: UUID
    key: str
    kind: Literal["schedule"]
    shared_with_third_parties: bool
    terms: ScheduleTerms
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        id = str(self.id)

        key = self.key

        kind = self.kind

        shared_with_third_parties = self.shared_with_third_parties

        terms = self.terms.to_dict()

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body": body,
                "id": id,
                "key": key,
                "kind": kind,
                "shared_with_third_parties": shared_with_third_parties,
                "terms": terms,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.schedule_terms import ScheduleTerms  # noqa: PLC0415

        d = dict(src_dict)
        body = d.pop("body")

        id = UUID(d.pop("id"))

        key = d.pop("key")

        kind = cast(Literal["schedule"], d.pop("kind"))
        if kind != "schedule":
            raise ValueError(f"kind must match const 'schedule', got '{kind}'")

        shared_with_third_parties = d.pop("shared_with_third_parties")

        terms = ScheduleTerms.from_dict(d.pop("terms"))

        title = d.pop("title")

        schedule_clause_out = cls(
            body=body,
            id=id,
            key=key,
            kind=kind,
            shared_with_third_parties=shared_with_third_parties,
            terms=terms,
            title=title,
        )

        schedule_clause_out.additional_properties = d
        return schedule_clause_out

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
