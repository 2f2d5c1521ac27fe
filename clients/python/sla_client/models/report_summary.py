from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReportSummary")


@_attrs_define
class ReportSummary:
    """Report summary

    Attributes:
        href (str): Where to read the report (JSON, HTML or PDF by `Accept`, or `?format=json|html|pdf`)
        period (str): The report's period: `2026-W48` (ISO week), `2026-11` (month), `2026-Q4` (quarter) or `2026`
            (year), in the agreement's time zone
        published_at (datetime.datetime): When the report was frozen and published (RFC 3339, UTC)
        sha256 (str): SHA-256 of the content, hex
    """

    href: str
    period: str
    published_at: datetime.datetime
    sha256: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        href = self.href

        period = self.period

        published_at = self.published_at.isoformat()

        sha256 = self.sha256

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "href": href,
                "period": period,
                "published_at": published_at,
                "sha256": sha256,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        href = d.pop("href")

        period = d.pop("period")

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))

        sha256 = d.pop("sha256")

        report_summary = cls(
            href=href,
            period=period,
            published_at=published_at,
            sha256=sha256,
        )

        report_summary.additional_properties = d
        return report_summary

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
