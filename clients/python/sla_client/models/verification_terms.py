from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="VerificationTerms")


@_attrs_define
class VerificationTerms:
    """Verification terms

    Attributes:
        data_source (str): Where the measurements come from
        method (str): How it is measured
        measurement_period (str | Unset): Over what period it is measured Default: 'P1M'.
    """

    data_source: str
    method: str
    measurement_period: str | Unset = "P1M"

    def to_dict(self) -> dict[str, Any]:
        data_source = self.data_source

        method = self.method

        measurement_period = self.measurement_period

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "data_source": data_source,
                "method": method,
            }
        )
        if measurement_period is not UNSET:
            field_dict["measurement_period"] = measurement_period

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        data_source = d.pop("data_source")

        method = d.pop("method")

        measurement_period = d.pop("measurement_period", UNSET)

        verification_terms = cls(
            data_source=data_source,
            method=method,
            measurement_period=measurement_period,
        )

        return verification_terms
