from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agreement_ref import AgreementRef
    from ..models.credit import Credit
    from ..models.statement_line import StatementLine
    from ..models.statement_version import StatementVersion
    from ..models.target_attainment import TargetAttainment
    from ..models.total import Total


T = TypeVar("T", bound="Statement")


@_attrs_define
class Statement:
    """Statement

    Attributes:
        agreement (AgreementRef): Agreement ref
        attainment (list[TargetAttainment]): Each service-level target's attainment in the period
        credits_ (list[Credit]): The service credits of the period
        lines (list[StatementLine]): The charges: prorated recurring fees and priced usage
        period (str): A calendar month (`YYYY-MM`)
        period_end (datetime.datetime): When the period ends in the agreement's time zone (RFC 3339, UTC)
        period_start (datetime.datetime): When the period starts in the agreement's time zone (RFC 3339, UTC)
        provisional (bool): Whether the figures may still change (the period is not closed)
        sha256 (None | str): SHA-256 of the content, hex
        totals (list[Total]): Per currency: charges less owed and adjusted credits
        versions (list[StatementVersion]): Each version's share of the period
    """

    agreement: AgreementRef
    attainment: list[TargetAttainment]
    credits_: list[Credit]
    lines: list[StatementLine]
    period: str
    period_end: datetime.datetime
    period_start: datetime.datetime
    provisional: bool
    sha256: None | str
    totals: list[Total]
    versions: list[StatementVersion]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement = self.agreement.to_dict()

        attainment = []
        for attainment_item_data in self.attainment:
            attainment_item = attainment_item_data.to_dict()
            attainment.append(attainment_item)

        credits_ = []
        for credits_item_data in self.credits_:
            credits_item = credits_item_data.to_dict()
            credits_.append(credits_item)

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        period = self.period

        period_end = self.period_end.isoformat()

        period_start = self.period_start.isoformat()

        provisional = self.provisional

        sha256: None | str
        sha256 = self.sha256

        totals = []
        for totals_item_data in self.totals:
            totals_item = totals_item_data.to_dict()
            totals.append(totals_item)

        versions = []
        for versions_item_data in self.versions:
            versions_item = versions_item_data.to_dict()
            versions.append(versions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement": agreement,
                "attainment": attainment,
                "credits": credits_,
                "lines": lines,
                "period": period,
                "period_end": period_end,
                "period_start": period_start,
                "provisional": provisional,
                "sha256": sha256,
                "totals": totals,
                "versions": versions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agreement_ref import AgreementRef  # noqa: PLC0415
        from ..models.credit import Credit  # noqa: PLC0415
        from ..models.statement_line import StatementLine  # noqa: PLC0415
        from ..models.statement_version import StatementVersion  # noqa: PLC0415
        from ..models.target_attainment import TargetAttainment  # noqa: PLC0415
        from ..models.total import Total  # noqa: PLC0415

        d = dict(src_dict)
        agreement = AgreementRef.from_dict(d.pop("agreement"))

        attainment = []
        _attainment = d.pop("attainment")
        for attainment_item_data in _attainment:
            attainment_item = TargetAttainment.from_dict(attainment_item_data)

            attainment.append(attainment_item)

        credits_ = []
        _credits_ = d.pop("credits")
        for credits_item_data in _credits_:
            credits_item = Credit.from_dict(credits_item_data)

            credits_.append(credits_item)

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = StatementLine.from_dict(lines_item_data)

            lines.append(lines_item)

        period = d.pop("period")

        period_end = datetime.datetime.fromisoformat(d.pop("period_end"))

        period_start = datetime.datetime.fromisoformat(d.pop("period_start"))

        provisional = d.pop("provisional")

        def _parse_sha256(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sha256 = _parse_sha256(d.pop("sha256"))

        totals = []
        _totals = d.pop("totals")
        for totals_item_data in _totals:
            totals_item = Total.from_dict(totals_item_data)

            totals.append(totals_item)

        versions = []
        _versions = d.pop("versions")
        for versions_item_data in _versions:
            versions_item = StatementVersion.from_dict(versions_item_data)

            versions.append(versions_item)

        statement = cls(
            agreement=agreement,
            attainment=attainment,
            credits_=credits_,
            lines=lines,
            period=period,
            period_end=period_end,
            period_start=period_start,
            provisional=provisional,
            sha256=sha256,
            totals=totals,
            versions=versions,
        )

        statement.additional_properties = d
        return statement

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
