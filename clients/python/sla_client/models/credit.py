from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.credit_status import CreditStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credit_tier_reached import CreditTierReached


T = TypeVar("T", bound="Credit")


@_attrs_define
class Credit:
    """Credit

    Attributes:
        amount (str): An exact decimal string, never a float (e.g. `1234.50`)
        clause_key (str): The clause's key within the agreement
        currency (str): ISO 4217 currency code
        period (str): A calendar month (`YYYY-MM`)
        status (CreditStatus): Credit status
        target_key (str): The key of the service-level target
        attainment (None | str | Unset): The displayed attainment the credit was computed from (percent)
        base (None | str | Unset): The fees the tier's percentage applies to (exact decimal)
        below_minimum (bool | None | Unset): Below the clause's minimum amount: no credit given
        capped (bool | None | Unset): Whether the monthly cap reduced the credit
        claim_by (datetime.datetime | None | Unset): The end of the clause's claim window, if it has one (RFC 3339, UTC)
        claimed_at (datetime.datetime | None | Unset): When the customer claimed it within the window (RFC 3339, UTC)
        computed_amount (None | str | Unset): For adjusted and expired credits: the amount computed before (exact
            decimal)
        dispute_id (None | Unset | UUID): The dispute about it (UUID)
        reason (None | str | Unset): Why
        tier (CreditTierReached | None | Unset): The credit tier the attainment fell into
    """

    amount: str
    clause_key: str
    currency: str
    period: str
    status: CreditStatus
    target_key: str
    attainment: None | str | Unset = UNSET
    base: None | str | Unset = UNSET
    below_minimum: bool | None | Unset = UNSET
    capped: bool | None | Unset = UNSET
    claim_by: datetime.datetime | None | Unset = UNSET
    claimed_at: datetime.datetime | None | Unset = UNSET
    computed_amount: None | str | Unset = UNSET
    dispute_id: None | Unset | UUID = UNSET
    reason: None | str | Unset = UNSET
    tier: CreditTierReached | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.credit_tier_reached import CreditTierReached  # noqa: PLC0415

        amount = self.amount

        clause_key = self.clause_key

        currency = self.currency

        period = self.period

        status = self.status.value

        target_key = self.target_key

        attainment: None | str | Unset
        if isinstance(self.attainment, Unset):
            attainment = UNSET
        else:
            attainment = self.attainment

        base: None | str | Unset
        if isinstance(self.base, Unset):
            base = UNSET
        else:
            base = self.base

        below_minimum: bool | None | Unset
        if isinstance(self.below_minimum, Unset):
            below_minimum = UNSET
        else:
            below_minimum = self.below_minimum

        capped: bool | None | Unset
        if isinstance(self.capped, Unset):
            capped = UNSET
        else:
            capped = self.capped

        claim_by: None | str | Unset
        if isinstance(self.claim_by, Unset):
            claim_by = UNSET
        elif isinstance(self.claim_by, datetime.datetime):
            claim_by = self.claim_by.isoformat()
        else:
            claim_by = self.claim_by

        claimed_at: None | str | Unset
        if isinstance(self.claimed_at, Unset):
            claimed_at = UNSET
        elif isinstance(self.claimed_at, datetime.datetime):
            claimed_at = self.claimed_at.isoformat()
        else:
            claimed_at = self.claimed_at

        computed_amount: None | str | Unset
        if isinstance(self.computed_amount, Unset):
            computed_amount = UNSET
        else:
            computed_amount = self.computed_amount

        dispute_id: None | str | Unset
        if isinstance(self.dispute_id, Unset):
            dispute_id = UNSET
        elif isinstance(self.dispute_id, UUID):
            dispute_id = str(self.dispute_id)
        else:
            dispute_id = self.dispute_id

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        tier: dict[str, Any] | None | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        elif isinstance(self.tier, CreditTierReached):
            tier = self.tier.to_dict()
        else:
            tier = self.tier

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "clause_key": clause_key,
                "currency": currency,
                "period": period,
                "status": status,
                "target_key": target_key,
            }
        )
        if attainment is not UNSET:
            field_dict["attainment"] = attainment
        if base is not UNSET:
            field_dict["base"] = base
        if below_minimum is not UNSET:
            field_dict["below_minimum"] = below_minimum
        if capped is not UNSET:
            field_dict["capped"] = capped
        if claim_by is not UNSET:
            field_dict["claim_by"] = claim_by
        if claimed_at is not UNSET:
            field_dict["claimed_at"] = claimed_at
        if computed_amount is not UNSET:
            field_dict["computed_amount"] = computed_amount
        if dispute_id is not UNSET:
            field_dict["dispute_id"] = dispute_id
        if reason is not UNSET:
            field_dict["reason"] = reason
        if tier is not UNSET:
            field_dict["tier"] = tier

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.credit_tier_reached import CreditTierReached  # noqa: PLC0415

        d = dict(src_dict)
        amount = d.pop("amount")

        clause_key = d.pop("clause_key")

        currency = d.pop("currency")

        period = d.pop("period")

        status = CreditStatus(d.pop("status"))

        target_key = d.pop("target_key")

        def _parse_attainment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        attainment = _parse_attainment(d.pop("attainment", UNSET))

        def _parse_base(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        base = _parse_base(d.pop("base", UNSET))

        def _parse_below_minimum(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        below_minimum = _parse_below_minimum(d.pop("below_minimum", UNSET))

        def _parse_capped(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        capped = _parse_capped(d.pop("capped", UNSET))

        def _parse_claim_by(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                claim_by_type_0 = datetime.datetime.fromisoformat(data)

                return claim_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        claim_by = _parse_claim_by(d.pop("claim_by", UNSET))

        def _parse_claimed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                claimed_at_type_0 = datetime.datetime.fromisoformat(data)

                return claimed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        claimed_at = _parse_claimed_at(d.pop("claimed_at", UNSET))

        def _parse_computed_amount(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        computed_amount = _parse_computed_amount(d.pop("computed_amount", UNSET))

        def _parse_dispute_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                dispute_id_type_0 = UUID(data)

                return dispute_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        dispute_id = _parse_dispute_id(d.pop("dispute_id", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_tier(data: object) -> CreditTierReached | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tier_type_0 = CreditTierReached.from_dict(data)

                return tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CreditTierReached | None | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))

        credit = cls(
            amount=amount,
            clause_key=clause_key,
            currency=currency,
            period=period,
            status=status,
            target_key=target_key,
            attainment=attainment,
            base=base,
            below_minimum=below_minimum,
            capped=capped,
            claim_by=claim_by,
            claimed_at=claimed_at,
            computed_amount=computed_amount,
            dispute_id=dispute_id,
            reason=reason,
            tier=tier,
        )

        credit.additional_properties = d
        return credit

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
