from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.open_window import OpenWindow
    from ..models.skipped_date import SkippedDate


T = TypeVar("T", bound="TargetExplanation")


@_attrs_define
class TargetExplanation:
    """Target explanation

    Attributes:
        because (list[str]): The conditions the ticket met
        matched (str): Which target matched, of which clause, at which position
        skipped (list[SkippedDate]): Closed dates (holidays, closures) between opening and the deadline
        windows (list[OpenWindow]): Open windows (`HH:MM`–`HH:MM`, local time)
    """

    because: list[str]
    matched: str
    skipped: list[SkippedDate]
    windows: list[OpenWindow]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        because = self.because

        matched = self.matched

        skipped = []
        for skipped_item_data in self.skipped:
            skipped_item = skipped_item_data.to_dict()
            skipped.append(skipped_item)

        windows = []
        for windows_item_data in self.windows:
            windows_item = windows_item_data.to_dict()
            windows.append(windows_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "because": because,
                "matched": matched,
                "skipped": skipped,
                "windows": windows,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.open_window import OpenWindow  # noqa: PLC0415
        from ..models.skipped_date import SkippedDate  # noqa: PLC0415

        d = dict(src_dict)
        because = cast(list[str], d.pop("because"))

        matched = d.pop("matched")

        skipped = []
        _skipped = d.pop("skipped")
        for skipped_item_data in _skipped:
            skipped_item = SkippedDate.from_dict(skipped_item_data)

            skipped.append(skipped_item)

        windows = []
        _windows = d.pop("windows")
        for windows_item_data in _windows:
            windows_item = OpenWindow.from_dict(windows_item_data)

            windows.append(windows_item)

        target_explanation = cls(
            because=because,
            matched=matched,
            skipped=skipped,
            windows=windows,
        )

        target_explanation.additional_properties = d
        return target_explanation

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
