from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.metric import Metric

if TYPE_CHECKING:
    from ..models.attainment_evidence import AttainmentEvidence


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
    """

    clause_key: str
    evidence: AttainmentEvidence
    measured: None | str
    measured_exact: None | str
    met: bool | None
    metric: Metric
    target: None | str
    target_key: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attainment_evidence import AttainmentEvidence  # noqa: PLC0415

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

        target_attainment = cls(
            clause_key=clause_key,
            evidence=evidence,
            measured=measured,
            measured_exact=measured_exact,
            met=met,
            metric=metric,
            target=target,
            target_key=target_key,
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
