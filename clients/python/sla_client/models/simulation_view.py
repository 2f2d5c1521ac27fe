from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.period_comparison import PeriodComparison
    from ..models.target_comparison import TargetComparison


T = TypeVar("T", bound="SimulationView")


@_attrs_define
class SimulationView:
    """Simulation view

    Attributes:
        accepted_version (int | None): The accepted version it is compared with (in effect at the range's end)
        agreement_id (UUID): The agreement's id (UUID)
        from_period (str): The first month of the range (`YYYY-MM`)
        incidents (int): Incidents recorded in the range
        periods (list[PeriodComparison]): Per month: charges, credits and totals under each version, and their
            difference
        proposed_version (int): The version simulated
        targets (list[TargetComparison]): The service-level targets
        tickets_replayed (int): Tickets opened in the range whose events were replayed
        to_period (str): The last month of the range (`YYYY-MM`)
    """

    accepted_version: int | None
    agreement_id: UUID
    from_period: str
    incidents: int
    periods: list[PeriodComparison]
    proposed_version: int
    targets: list[TargetComparison]
    tickets_replayed: int
    to_period: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accepted_version: int | None
        accepted_version = self.accepted_version

        agreement_id = str(self.agreement_id)

        from_period = self.from_period

        incidents = self.incidents

        periods = []
        for periods_item_data in self.periods:
            periods_item = periods_item_data.to_dict()
            periods.append(periods_item)

        proposed_version = self.proposed_version

        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)

        tickets_replayed = self.tickets_replayed

        to_period = self.to_period

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accepted_version": accepted_version,
                "agreement_id": agreement_id,
                "from_period": from_period,
                "incidents": incidents,
                "periods": periods,
                "proposed_version": proposed_version,
                "targets": targets,
                "tickets_replayed": tickets_replayed,
                "to_period": to_period,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.period_comparison import PeriodComparison  # noqa: PLC0415
        from ..models.target_comparison import TargetComparison  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_accepted_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        accepted_version = _parse_accepted_version(d.pop("accepted_version"))

        agreement_id = UUID(d.pop("agreement_id"))

        from_period = d.pop("from_period")

        incidents = d.pop("incidents")

        periods = []
        _periods = d.pop("periods")
        for periods_item_data in _periods:
            periods_item = PeriodComparison.from_dict(periods_item_data)

            periods.append(periods_item)

        proposed_version = d.pop("proposed_version")

        targets = []
        _targets = d.pop("targets")
        for targets_item_data in _targets:
            targets_item = TargetComparison.from_dict(targets_item_data)

            targets.append(targets_item)

        tickets_replayed = d.pop("tickets_replayed")

        to_period = d.pop("to_period")

        simulation_view = cls(
            accepted_version=accepted_version,
            agreement_id=agreement_id,
            from_period=from_period,
            incidents=incidents,
            periods=periods,
            proposed_version=proposed_version,
            targets=targets,
            tickets_replayed=tickets_replayed,
            to_period=to_period,
        )

        simulation_view.additional_properties = d
        return simulation_view

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
