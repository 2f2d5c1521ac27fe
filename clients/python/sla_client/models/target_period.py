from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.target_outcome import TargetOutcome


T = TypeVar("T", bound="TargetPeriod")


@_attrs_define
class TargetPeriod:
    """Target period

    Attributes:
        accepted (None | TargetOutcome): Under the accepted version (null if it has no such target)
        period (str): A calendar month (`YYYY-MM`)
        proposed (None | TargetOutcome): Under the simulated version (null if it has no such target)
    """

    accepted: None | TargetOutcome
    period: str
    proposed: None | TargetOutcome
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.target_outcome import TargetOutcome  # noqa: PLC0415

        accepted: dict[str, Any] | None
        if isinstance(self.accepted, TargetOutcome):
            accepted = self.accepted.to_dict()
        else:
            accepted = self.accepted

        period = self.period

        proposed: dict[str, Any] | None
        if isinstance(self.proposed, TargetOutcome):
            proposed = self.proposed.to_dict()
        else:
            proposed = self.proposed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accepted": accepted,
                "period": period,
                "proposed": proposed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.target_outcome import TargetOutcome  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_accepted(data: object) -> None | TargetOutcome:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                accepted_type_0 = TargetOutcome.from_dict(data)

                return accepted_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TargetOutcome, data)

        accepted = _parse_accepted(d.pop("accepted"))

        period = d.pop("period")

        def _parse_proposed(data: object) -> None | TargetOutcome:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                proposed_type_0 = TargetOutcome.from_dict(data)

                return proposed_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TargetOutcome, data)

        proposed = _parse_proposed(d.pop("proposed"))

        target_period = cls(
            accepted=accepted,
            period=period,
            proposed=proposed,
        )

        target_period.additional_properties = d
        return target_period

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
