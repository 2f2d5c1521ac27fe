from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.open_slo_export_out_documents_item import OpenSloExportOutDocumentsItem
    from ..models.unmapped_item import UnmappedItem


T = TypeVar("T", bound="OpenSloExportOut")


@_attrs_define
class OpenSloExportOut:
    """Open slo export out

    Attributes:
        documents (list[OpenSloExportOutDocumentsItem]): The OpenSLO documents as JSON objects
        unmapped (list[UnmappedItem]): What could not be carried over, each with the reason
        yaml (str): The documents as OpenSLO v1 YAML, separated by `---`
    """

    documents: list[OpenSloExportOutDocumentsItem]
    unmapped: list[UnmappedItem]
    yaml: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        documents = []
        for documents_item_data in self.documents:
            documents_item = documents_item_data.to_dict()
            documents.append(documents_item)

        unmapped = []
        for unmapped_item_data in self.unmapped:
            unmapped_item = unmapped_item_data.to_dict()
            unmapped.append(unmapped_item)

        yaml = self.yaml

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "documents": documents,
                "unmapped": unmapped,
                "yaml": yaml,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.open_slo_export_out_documents_item import OpenSloExportOutDocumentsItem  # noqa: PLC0415
        from ..models.unmapped_item import UnmappedItem  # noqa: PLC0415

        d = dict(src_dict)
        documents = []
        _documents = d.pop("documents")
        for documents_item_data in _documents:
            documents_item = OpenSloExportOutDocumentsItem.from_dict(documents_item_data)

            documents.append(documents_item)

        unmapped = []
        _unmapped = d.pop("unmapped")
        for unmapped_item_data in _unmapped:
            unmapped_item = UnmappedItem.from_dict(unmapped_item_data)

            unmapped.append(unmapped_item)

        yaml = d.pop("yaml")

        open_slo_export_out = cls(
            documents=documents,
            unmapped=unmapped,
            yaml=yaml,
        )

        open_slo_export_out.additional_properties = d
        return open_slo_export_out

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
