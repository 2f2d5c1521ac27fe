from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.jira_import_out_clauses_item import JiraImportOutClausesItem
    from ..models.unmapped_item import UnmappedItem


T = TypeVar("T", bound="JiraImportOut")


@_attrs_define
class JiraImportOut:
    """Jira import out

    Attributes:
        agreement_id (str): The agreement's id (UUID)
        applied_as (str): `draft` (the draft's clauses were replaced) or `proposal` (a new version was proposed)
        clauses (list[JiraImportOutClausesItem]): The clauses, in order
        unmapped (list[UnmappedItem]): What could not be carried over, each with the reason
        version (int | None): The version (for `If-Match` and optimistic concurrency)
    """

    agreement_id: str
    applied_as: str
    clauses: list[JiraImportOutClausesItem]
    unmapped: list[UnmappedItem]
    version: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_id = self.agreement_id

        applied_as = self.applied_as

        clauses = []
        for clauses_item_data in self.clauses:
            clauses_item = clauses_item_data.to_dict()
            clauses.append(clauses_item)

        unmapped = []
        for unmapped_item_data in self.unmapped:
            unmapped_item = unmapped_item_data.to_dict()
            unmapped.append(unmapped_item)

        version: int | None
        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_id": agreement_id,
                "applied_as": applied_as,
                "clauses": clauses,
                "unmapped": unmapped,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.jira_import_out_clauses_item import JiraImportOutClausesItem  # noqa: PLC0415
        from ..models.unmapped_item import UnmappedItem  # noqa: PLC0415

        d = dict(src_dict)
        agreement_id = d.pop("agreement_id")

        applied_as = d.pop("applied_as")

        clauses = []
        _clauses = d.pop("clauses")
        for clauses_item_data in _clauses:
            clauses_item = JiraImportOutClausesItem.from_dict(clauses_item_data)

            clauses.append(clauses_item)

        unmapped = []
        _unmapped = d.pop("unmapped")
        for unmapped_item_data in _unmapped:
            unmapped_item = UnmappedItem.from_dict(unmapped_item_data)

            unmapped.append(unmapped_item)

        def _parse_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        version = _parse_version(d.pop("version"))

        jira_import_out = cls(
            agreement_id=agreement_id,
            applied_as=applied_as,
            clauses=clauses,
            unmapped=unmapped,
            version=version,
        )

        jira_import_out.additional_properties = d
        return jira_import_out

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
