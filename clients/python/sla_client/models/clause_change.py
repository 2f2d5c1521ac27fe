from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.clause_change_after import ClauseChangeAfter
    from ..models.clause_change_before import ClauseChangeBefore


T = TypeVar("T", bound="ClauseChange")


@_attrs_define
class ClauseChange:
    """Clause change

    Attributes:
        after (ClauseChangeAfter): The clause as it is in the newer version
        before (ClauseChangeBefore): The clause as it was in the older version
        fields (list[str]): The fields changed
        key (str): A key unique within the agreement
    """

    after: ClauseChangeAfter
    before: ClauseChangeBefore
    fields: list[str]
    key: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        after = self.after.to_dict()

        before = self.before.to_dict()

        fields = self.fields

        key = self.key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "after": after,
                "before": before,
                "fields": fields,
                "key": key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.clause_change_after import ClauseChangeAfter  # noqa: PLC0415
        from ..models.clause_change_before import ClauseChangeBefore  # noqa: PLC0415

        d = dict(src_dict)
        after = ClauseChangeAfter.from_dict(d.pop("after"))

        before = ClauseChangeBefore.from_dict(d.pop("before"))

        fields = cast(list[str], d.pop("fields"))

        key = d.pop("key")

        clause_change = cls(
            after=after,
            before=before,
            fields=fields,
            key=key,
        )

        clause_change.additional_properties = d
        return clause_change

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
