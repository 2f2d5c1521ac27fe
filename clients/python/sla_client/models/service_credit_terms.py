from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credit_tier import CreditTier
    from ..models.money import Money


T = TypeVar("T", bound="ServiceCreditTerms")


@_attrs_define
class ServiceCreditTerms:
    """Service credit terms

    Attributes:
        target (str): The agreed target (ISO 8601 duration or percentage)
        tiers (list[CreditTier]): Credit tiers by attainment
        claim_window (None | str | Unset): How long after the period a credit may be claimed (ISO 8601 duration)
        minimum (Money | None | Unset): Credits below this amount are dropped (exact decimal)
        monthly_cap_percent (None | str | Unset): The most credit per month, as a percentage of the backed price lines
    """

    target: str
    tiers: list[CreditTier]
    claim_window: None | str | Unset = UNSET
    minimum: Money | None | Unset = UNSET
    monthly_cap_percent: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.money import Money  # noqa: PLC0415

        target = self.target

        tiers = []
        for tiers_item_data in self.tiers:
            tiers_item = tiers_item_data.to_dict()
            tiers.append(tiers_item)

        claim_window: None | str | Unset
        if isinstance(self.claim_window, Unset):
            claim_window = UNSET
        else:
            claim_window = self.claim_window

        minimum: dict[str, Any] | None | Unset
        if isinstance(self.minimum, Unset):
            minimum = UNSET
        elif isinstance(self.minimum, Money):
            minimum = self.minimum.to_dict()
        else:
            minimum = self.minimum

        monthly_cap_percent: None | str | Unset
        if isinstance(self.monthly_cap_percent, Unset):
            monthly_cap_percent = UNSET
        else:
            monthly_cap_percent = self.monthly_cap_percent

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target": target,
                "tiers": tiers,
            }
        )
        if claim_window is not UNSET:
            field_dict["claim_window"] = claim_window
        if minimum is not UNSET:
            field_dict["minimum"] = minimum
        if monthly_cap_percent is not UNSET:
            field_dict["monthly_cap_percent"] = monthly_cap_percent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.credit_tier import CreditTier  # noqa: PLC0415
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        target = d.pop("target")

        tiers = []
        _tiers = d.pop("tiers")
        for tiers_item_data in _tiers:
            tiers_item = CreditTier.from_dict(tiers_item_data)

            tiers.append(tiers_item)

        def _parse_claim_window(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        claim_window = _parse_claim_window(d.pop("claim_window", UNSET))

        def _parse_minimum(data: object) -> Money | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                minimum_type_0 = Money.from_dict(data)

                return minimum_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Money | None | Unset, data)

        minimum = _parse_minimum(d.pop("minimum", UNSET))

        def _parse_monthly_cap_percent(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        monthly_cap_percent = _parse_monthly_cap_percent(d.pop("monthly_cap_percent", UNSET))

        service_credit_terms = cls(
            target=target,
            tiers=tiers,
            claim_window=claim_window,
            minimum=minimum,
            monthly_cap_percent=monthly_cap_percent,
        )

        return service_credit_terms
