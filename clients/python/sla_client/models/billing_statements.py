from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.statement import Statement
    from ..models.total import Total


T = TypeVar("T", bound="BillingStatements")


@_attrs_define
class BillingStatements:
    """Billing statements

    Attributes:
        closed (bool): Whether the period is closed (every statement frozen)
        closed_at (datetime.datetime | None): When it was closed (RFC 3339, UTC)
        customer_party_id (UUID): The customer party's id
        period (str): A calendar month (`YYYY-MM`)
        statements (list[Statement]): One statement per agreement the caller signed with the customer
        totals (list[Total]): Per currency: all statements' totals added up
    """

    closed: bool
    closed_at: datetime.datetime | None
    customer_party_id: UUID
    period: str
    statements: list[Statement]
    totals: list[Total]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        closed = self.closed

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        customer_party_id = str(self.customer_party_id)

        period = self.period

        statements = []
        for statements_item_data in self.statements:
            statements_item = statements_item_data.to_dict()
            statements.append(statements_item)

        totals = []
        for totals_item_data in self.totals:
            totals_item = totals_item_data.to_dict()
            totals.append(totals_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "closed": closed,
                "closed_at": closed_at,
                "customer_party_id": customer_party_id,
                "period": period,
                "statements": statements,
                "totals": totals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.statement import Statement  # noqa: PLC0415
        from ..models.total import Total  # noqa: PLC0415

        d = dict(src_dict)
        closed = d.pop("closed")

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        customer_party_id = UUID(d.pop("customer_party_id"))

        period = d.pop("period")

        statements = []
        _statements = d.pop("statements")
        for statements_item_data in _statements:
            statements_item = Statement.from_dict(statements_item_data)

            statements.append(statements_item)

        totals = []
        _totals = d.pop("totals")
        for totals_item_data in _totals:
            totals_item = Total.from_dict(totals_item_data)

            totals.append(totals_item)

        billing_statements = cls(
            closed=closed,
            closed_at=closed_at,
            customer_party_id=customer_party_id,
            period=period,
            statements=statements,
            totals=totals,
        )

        billing_statements.additional_properties = d
        return billing_statements

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
