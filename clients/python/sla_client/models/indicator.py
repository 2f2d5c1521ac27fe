from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.indicator_compliance_window import IndicatorComplianceWindow
from ..models.indicator_method import IndicatorMethod
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.burn_rate_alert import BurnRateAlert
    from ..models.indicator_source import IndicatorSource
    from ..models.indicator_threshold import IndicatorThreshold


T = TypeVar("T", bound="Indicator")


@_attrs_define
class Indicator:
    """One measured service level indicator (an OpenSLO-style SLO): a ratio of good to total events, or threshold
    samples; its objective over a compliance window; which service-level target its figure decides, if any.

        Attributes:
            key (str): A key unique within the agreement
            method (IndicatorMethod): How it is measured
            objective (str): The share of good events promised, in percent (e.g. `99.9`)
            source (IndicatorSource): Who posts an indicator's measurements: a party role and, optionally, one of its API
                clients.
            burn_rate_alerts (list[BurnRateAlert] | Unset): Multi-window burn-rate alerts (default: SRE workbook, 2 % in 1
                h, 5 % in 6 h, 10 % in 3 d)
            compliance_window (IndicatorComplianceWindow | Unset): `rolling_28d` or `calendar_month` (in the agreement's
                time zone) Default: IndicatorComplianceWindow.CALENDAR_MONTH.
            decides_target (None | str | Unset): The service-level target whose attainment (and credits) this indicator's
                figure decides
            description (None | str | Unset): A human description
            threshold (IndicatorThreshold | None | Unset): For `threshold` indicators: a sample is good when `value <op>
                limit`
    """

    key: str
    method: IndicatorMethod
    objective: str
    source: IndicatorSource
    burn_rate_alerts: list[BurnRateAlert] | Unset = UNSET
    compliance_window: IndicatorComplianceWindow | Unset = IndicatorComplianceWindow.CALENDAR_MONTH
    decides_target: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    threshold: IndicatorThreshold | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.indicator_threshold import IndicatorThreshold  # noqa: PLC0415

        key = self.key

        method = self.method.value

        objective = self.objective

        source = self.source.to_dict()

        burn_rate_alerts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.burn_rate_alerts, Unset):
            burn_rate_alerts = []
            for burn_rate_alerts_item_data in self.burn_rate_alerts:
                burn_rate_alerts_item = burn_rate_alerts_item_data.to_dict()
                burn_rate_alerts.append(burn_rate_alerts_item)

        compliance_window: str | Unset = UNSET
        if not isinstance(self.compliance_window, Unset):
            compliance_window = self.compliance_window.value

        decides_target: None | str | Unset
        if isinstance(self.decides_target, Unset):
            decides_target = UNSET
        else:
            decides_target = self.decides_target

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        threshold: dict[str, Any] | None | Unset
        if isinstance(self.threshold, Unset):
            threshold = UNSET
        elif isinstance(self.threshold, IndicatorThreshold):
            threshold = self.threshold.to_dict()
        else:
            threshold = self.threshold

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "key": key,
                "method": method,
                "objective": objective,
                "source": source,
            }
        )
        if burn_rate_alerts is not UNSET:
            field_dict["burn_rate_alerts"] = burn_rate_alerts
        if compliance_window is not UNSET:
            field_dict["compliance_window"] = compliance_window
        if decides_target is not UNSET:
            field_dict["decides_target"] = decides_target
        if description is not UNSET:
            field_dict["description"] = description
        if threshold is not UNSET:
            field_dict["threshold"] = threshold

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.burn_rate_alert import BurnRateAlert  # noqa: PLC0415
        from ..models.indicator_source import IndicatorSource  # noqa: PLC0415
        from ..models.indicator_threshold import IndicatorThreshold  # noqa: PLC0415

        d = dict(src_dict)
        key = d.pop("key")

        method = IndicatorMethod(d.pop("method"))

        objective = d.pop("objective")

        source = IndicatorSource.from_dict(d.pop("source"))

        _burn_rate_alerts = d.pop("burn_rate_alerts", UNSET)
        burn_rate_alerts: list[BurnRateAlert] | Unset = UNSET
        if _burn_rate_alerts is not UNSET:
            burn_rate_alerts = []
            for burn_rate_alerts_item_data in _burn_rate_alerts:
                burn_rate_alerts_item = BurnRateAlert.from_dict(burn_rate_alerts_item_data)

                burn_rate_alerts.append(burn_rate_alerts_item)

        _compliance_window = d.pop("compliance_window", UNSET)
        compliance_window: IndicatorComplianceWindow | Unset
        if isinstance(_compliance_window, Unset):
            compliance_window = UNSET
        else:
            compliance_window = IndicatorComplianceWindow(_compliance_window)

        def _parse_decides_target(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decides_target = _parse_decides_target(d.pop("decides_target", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_threshold(data: object) -> IndicatorThreshold | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                threshold_type_0 = IndicatorThreshold.from_dict(data)

                return threshold_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IndicatorThreshold | None | Unset, data)

        threshold = _parse_threshold(d.pop("threshold", UNSET))

        indicator = cls(
            key=key,
            method=method,
            objective=objective,
            source=source,
            burn_rate_alerts=burn_rate_alerts,
            compliance_window=compliance_window,
            decides_target=decides_target,
            description=description,
            threshold=threshold,
        )

        return indicator
