from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.indicator import Indicator


T = TypeVar("T", bound="VerificationTerms")


@_attrs_define
class VerificationTerms:
    """Verification terms

    Attributes:
        data_source (str): Where the measurements come from
        method (str): How it is measured
        indicators (list[Indicator] | Unset): The measured service level indicators
        measurement_period (str | Unset): Over what period it is measured Default: 'P1M'.
    """

    data_source: str
    method: str
    indicators: list[Indicator] | Unset = UNSET
    measurement_period: str | Unset = "P1M"

    def to_dict(self) -> dict[str, Any]:
        data_source = self.data_source

        method = self.method

        indicators: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.indicators, Unset):
            indicators = []
            for indicators_item_data in self.indicators:
                indicators_item = indicators_item_data.to_dict()
                indicators.append(indicators_item)

        measurement_period = self.measurement_period

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "data_source": data_source,
                "method": method,
            }
        )
        if indicators is not UNSET:
            field_dict["indicators"] = indicators
        if measurement_period is not UNSET:
            field_dict["measurement_period"] = measurement_period

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.indicator import Indicator  # noqa: PLC0415

        d = dict(src_dict)
        data_source = d.pop("data_source")

        method = d.pop("method")

        _indicators = d.pop("indicators", UNSET)
        indicators: list[Indicator] | Unset = UNSET
        if _indicators is not UNSET:
            indicators = []
            for indicators_item_data in _indicators:
                indicators_item = Indicator.from_dict(indicators_item_data)

                indicators.append(indicators_item)

        measurement_period = d.pop("measurement_period", UNSET)

        verification_terms = cls(
            data_source=data_source,
            method=method,
            indicators=indicators,
            measurement_period=measurement_period,
        )

        return verification_terms
