from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.decided_by import DecidedBy
from ..models.metric import Metric
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attainment_evidence import AttainmentEvidence
    from ..models.measured_evidence import MeasuredEvidence


T = TypeVar("T", bound="TargetAttainment")


@_attrs_define
class TargetAttainment:
    """Target attainment

    Attributes:
        clause_key (str): The clause's key within the agreement
        evidence (AttainmentEvidence): Attainment evidence
        measured (None | str): The measured value, rounded for display (never contradicting `met`)
        measured_exact (None | str): The measured value as an exact decimal
        met (bool | None): Whether the target was met
        metric (Metric): Metric
        target (None | str): The agreed target (ISO 8601 duration or percentage)
        target_key (str): The key of the service-level target
        by_incidents (None | str | Unset): Availability targets: the attainment the incidents give (percent, shown like
            `measured`)
        by_measurement (MeasuredEvidence | None | Unset): Availability targets: the deciding indicator's figure in the
            period, when it was measured
        decided_by (DecidedBy | None | Unset): Availability targets: `measured` when the verification clause's indicator
            decides the target and was measured in the period, `incidents` otherwise; `measured` is the deciding figure and
            the credit follows it
    """

    clause_key: str
    evidence: AttainmentEvidence
    measured: None | str
    measured_exact: None | str
    met: bool | None
    metric: Metric
    target: None | str
    target_key: str
    by_incidents: None | str | Unset = UNSET
    by_measurement: MeasuredEvidence | None | Unset = UNSET
    decided_by: DecidedBy | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.measured_evidence import MeasuredEvidence  # noqa: PLC0415

        clause_key = self.clause_key

        evidence = self.evidence.to_dict()

        measured: None | str
        measured = self.measured

        measured_exact: None | str
        measured_exact = self.measured_exact

        met: bool | None
        met = self.met

        metric = self.metric.value

        target: None | str
        target = self.target

        target_key = self.target_key

        by_incidents: None | str | Unset
        if isinstance(self.by_incidents, Unset):
            by_incidents = UNSET
        else:
            by_incidents = self.by_incidents

        by_measurement: dict[str, Any] | None | Unset
        if isinstance(self.by_measurement, Unset):
            by_measurement = UNSET
        elif isinstance(self.by_measurement, MeasuredEvidence):
            by_measurement = self.by_measurement.to_dict()
        else:
            by_measurement = self.by_measurement

        decided_by: None | str | Unset
        if isinstance(self.decided_by, Unset):
            decided_by = UNSET
        elif isinstance(self.decided_by, DecidedBy):
            decided_by = self.decided_by.value
        else:
            decided_by = self.decided_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "clause_key": clause_key,
                "evidence": evidence,
                "measured": measured,
                "measured_exact": measured_exact,
                "met": met,
                "metric": metric,
                "target": target,
                "target_key": target_key,
            }
        )
        if by_incidents is not UNSET:
            field_dict["by_incidents"] = by_incidents
        if by_measurement is not UNSET:
            field_dict["by_measurement"] = by_measurement
        if decided_by is not UNSET:
            field_dict["decided_by"] = decided_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attainment_evidence import AttainmentEvidence  # noqa: PLC0415
        from ..models.measured_evidence import MeasuredEvidence  # noqa: PLC0415

        d = dict(src_dict)
        clause_key = d.pop("clause_key")

        evidence = AttainmentEvidence.from_dict(d.pop("evidence"))

        def _parse_measured(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        measured = _parse_measured(d.pop("measured"))

        def _parse_measured_exact(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        measured_exact = _parse_measured_exact(d.pop("measured_exact"))

        def _parse_met(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        met = _parse_met(d.pop("met"))

        metric = Metric(d.pop("metric"))

        def _parse_target(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        target = _parse_target(d.pop("target"))

        target_key = d.pop("target_key")

        def _parse_by_incidents(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        by_incidents = _parse_by_incidents(d.pop("by_incidents", UNSET))

        def _parse_by_measurement(data: object) -> MeasuredEvidence | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                by_measurement_type_0 = MeasuredEvidence.from_dict(data)

                return by_measurement_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MeasuredEvidence | None | Unset, data)

        by_measurement = _parse_by_measurement(d.pop("by_measurement", UNSET))

        def _parse_decided_by(data: object) -> DecidedBy | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_by_type_0 = DecidedBy(data)

                return decided_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DecidedBy | None | Unset, data)

        decided_by = _parse_decided_by(d.pop("decided_by", UNSET))

        target_attainment = cls(
            clause_key=clause_key,
            evidence=evidence,
            measured=measured,
            measured_exact=measured_exact,
            met=met,
            metric=metric,
            target=target,
            target_key=target_key,
            by_incidents=by_incidents,
            by_measurement=by_measurement,
            decided_by=decided_by,
        )

        target_attainment.additional_properties = d
        return target_attainment

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
