from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.simulated_amount import SimulatedAmount


T = TypeVar("T", bound="CreditOutcome")


@_attrs_define
class CreditOutcome:
    """Credit outcome

    Attributes:
        amount (SimulatedAmount): Simulated amount
        attainment (None | str): Percent of events good (truncated to 4 decimals; null without events)
        clause_key (str): The clause's key within the agreement
        credit_percent (None | str): The credit, as a percentage of the backed price lines
        target_key (str): The key of the service-level target
        tier_below (None | str): The credit tier's threshold that applied
    """

    amount: SimulatedAmount
    attainment: None | str
    clause_key: str
    credit_percent: None | str
    target_key: str
    tier_below: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount.to_dict()

        attainment: None | str
        attainment = self.attainment

        clause_key = self.clause_key

        credit_percent: None | str
        credit_percent = self.credit_percent

        target_key = self.target_key

        tier_below: None | str
        tier_below = self.tier_below

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "attainment": attainment,
                "clause_key": clause_key,
                "credit_percent": credit_percent,
                "target_key": target_key,
                "tier_below": tier_below,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.simulated_amount import SimulatedAmount  # noqa: PLC0415

        d = dict(src_dict)
        amount = SimulatedAmount.from_dict(d.pop("amount"))

        def _parse_attainment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        attainment = _parse_attainment(d.pop("attainment"))

        clause_key = d.pop("clause_key")

        def _parse_credit_percent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        credit_percent = _parse_credit_percent(d.pop("credit_percent"))

        target_key = d.pop("target_key")

        def _parse_tier_below(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tier_below = _parse_tier_below(d.pop("tier_below"))

        credit_outcome = cls(
            amount=amount,
            attainment=attainment,
            clause_key=clause_key,
            credit_percent=credit_percent,
            target_key=target_key,
            tier_below=tier_below,
        )

        credit_outcome.additional_properties = d
        return credit_outcome

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
