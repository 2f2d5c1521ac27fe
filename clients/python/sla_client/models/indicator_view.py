from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.burn_rate_view import BurnRateView
    from ..models.error_budget_view import ErrorBudgetView
    from ..models.series_point import SeriesPoint


T = TypeVar("T", bound="IndicatorView")


@_attrs_define
class IndicatorView:
    """Indicator view

    Attributes:
        attainment (None | str): Percent of events good (truncated to 4 decimals; null without events)
        burn_rates (list[BurnRateView]): The burn rate over each alert's windows
        clause_key (str): The clause's key within the agreement
        compliance_window (str): `rolling_28d` or `calendar_month` (in the agreement's time zone)
        decides_target (None | str): The service-level target whose attainment (and credits) this indicator's figure
            decides
        description (None | str): A human description
        error_budget (ErrorBudgetView): Error budget view
        good (int): Good events
        key (str): A key unique within the agreement
        met (bool | None): Whether the target was met
        method (str): How it is measured
        objective (str): The share of good events promised, in percent (e.g. `99.9`)
        open_episodes (list[str]): Conditions whose alert episode is open (an alert's name, or `budget_exhausted`)
        series (list[SeriesPoint]): The counts per step of the requested range (measurements whose window ends in the
            step)
        source_role (str): The party role that posts the measurements
        total (int): All events
        window_end (datetime.datetime): End of the window (RFC 3339, UTC)
        window_start (datetime.datetime): Start of the window (RFC 3339, UTC)
    """

    attainment: None | str
    burn_rates: list[BurnRateView]
    clause_key: str
    compliance_window: str
    decides_target: None | str
    description: None | str
    error_budget: ErrorBudgetView
    good: int
    key: str
    met: bool | None
    method: str
    objective: str
    open_episodes: list[str]
    series: list[SeriesPoint]
    source_role: str
    total: int
    window_end: datetime.datetime
    window_start: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attainment: None | str
        attainment = self.attainment

        burn_rates = []
        for burn_rates_item_data in self.burn_rates:
            burn_rates_item = burn_rates_item_data.to_dict()
            burn_rates.append(burn_rates_item)

        clause_key = self.clause_key

        compliance_window = self.compliance_window

        decides_target: None | str
        decides_target = self.decides_target

        description: None | str
        description = self.description

        error_budget = self.error_budget.to_dict()

        good = self.good

        key = self.key

        met: bool | None
        met = self.met

        method = self.method

        objective = self.objective

        open_episodes = self.open_episodes

        series = []
        for series_item_data in self.series:
            series_item = series_item_data.to_dict()
            series.append(series_item)

        source_role = self.source_role

        total = self.total

        window_end = self.window_end.isoformat()

        window_start = self.window_start.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attainment": attainment,
                "burn_rates": burn_rates,
                "clause_key": clause_key,
                "compliance_window": compliance_window,
                "decides_target": decides_target,
                "description": description,
                "error_budget": error_budget,
                "good": good,
                "key": key,
                "met": met,
                "method": method,
                "objective": objective,
                "open_episodes": open_episodes,
                "series": series,
                "source_role": source_role,
                "total": total,
                "window_end": window_end,
                "window_start": window_start,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.burn_rate_view import BurnRateView  # noqa: PLC0415
        from ..models.error_budget_view import ErrorBudgetView  # noqa: PLC0415
        from ..models.series_point import SeriesPoint  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_attainment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        attainment = _parse_attainment(d.pop("attainment"))

        burn_rates = []
        _burn_rates = d.pop("burn_rates")
        for burn_rates_item_data in _burn_rates:
            burn_rates_item = BurnRateView.from_dict(burn_rates_item_data)

            burn_rates.append(burn_rates_item)

        clause_key = d.pop("clause_key")

        compliance_window = d.pop("compliance_window")

        def _parse_decides_target(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decides_target = _parse_decides_target(d.pop("decides_target"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        error_budget = ErrorBudgetView.from_dict(d.pop("error_budget"))

        good = d.pop("good")

        key = d.pop("key")

        def _parse_met(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        met = _parse_met(d.pop("met"))

        method = d.pop("method")

        objective = d.pop("objective")

        open_episodes = cast(list[str], d.pop("open_episodes"))

        series = []
        _series = d.pop("series")
        for series_item_data in _series:
            series_item = SeriesPoint.from_dict(series_item_data)

            series.append(series_item)

        source_role = d.pop("source_role")

        total = d.pop("total")

        window_end = datetime.datetime.fromisoformat(d.pop("window_end"))

        window_start = datetime.datetime.fromisoformat(d.pop("window_start"))

        indicator_view = cls(
            attainment=attainment,
            burn_rates=burn_rates,
            clause_key=clause_key,
            compliance_window=compliance_window,
            decides_target=decides_target,
            description=description,
            error_budget=error_budget,
            good=good,
            key=key,
            met=met,
            method=method,
            objective=objective,
            open_episodes=open_episodes,
            series=series,
            source_role=source_role,
            total=total,
            window_end=window_end,
            window_start=window_start,
        )

        indicator_view.additional_properties = d
        return indicator_view

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
