from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.compliance_window_out import ComplianceWindowOut
    from ..models.event_actor import EventActor


T = TypeVar("T", bound="EventSloRecoveredData")


@_attrs_define
class EventSloRecoveredData:
    """The event as the receiving party may see it (clauses it may not read are left out)

    Attributes:
        actor (EventActor): Event actor
        alert (str): The alert rule's name (`budget_exhausted` for the budget itself)
        at (str): The end of the measurement window the alert was judged at
        clause_key (str): The verification clause
        compliance_window (ComplianceWindowOut): The compliance window an alert was judged in.
        error_budget_remaining_percent (None | str): The error budget left in the window, percent (exact decimal)
        event_id (UUID): The event's id (as in `/v1/events`)
        indicator (str): The indicator's key in the verification clause
        objective (str): The objective, percent (exact decimal)
        agreement_id (None | Unset | UUID): The agreement it concerns
        budget_percent (str | Unset): The share of the budget the rule allows to burn in its long window, percent
        consumed_bad (int | Unset): Bad events counted against the budget
        long_burn_rate (None | str | Unset): The burn rate over the long window
        long_window (str | Unset): The rule's long window (ISO 8601 duration)
        sequence (int | None | Unset): The event's position in its agreement's history
        short_burn_rate (None | str | Unset): The burn rate over the short window
        short_window (str | Unset): The rule's short window (ISO 8601 duration)
        threshold (None | str | Unset): The burn rate above which the rule fires
    """

    actor: EventActor
    alert: str
    at: str
    clause_key: str
    compliance_window: ComplianceWindowOut
    error_budget_remaining_percent: None | str
    event_id: UUID
    indicator: str
    objective: str
    agreement_id: None | Unset | UUID = UNSET
    budget_percent: str | Unset = UNSET
    consumed_bad: int | Unset = UNSET
    long_burn_rate: None | str | Unset = UNSET
    long_window: str | Unset = UNSET
    sequence: int | None | Unset = UNSET
    short_burn_rate: None | str | Unset = UNSET
    short_window: str | Unset = UNSET
    threshold: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor = self.actor.to_dict()

        alert = self.alert

        at = self.at

        clause_key = self.clause_key

        compliance_window = self.compliance_window.to_dict()

        error_budget_remaining_percent: None | str
        error_budget_remaining_percent = self.error_budget_remaining_percent

        event_id = str(self.event_id)

        indicator = self.indicator

        objective = self.objective

        agreement_id: None | str | Unset
        if isinstance(self.agreement_id, Unset):
            agreement_id = UNSET
        elif isinstance(self.agreement_id, UUID):
            agreement_id = str(self.agreement_id)
        else:
            agreement_id = self.agreement_id

        budget_percent = self.budget_percent

        consumed_bad = self.consumed_bad

        long_burn_rate: None | str | Unset
        if isinstance(self.long_burn_rate, Unset):
            long_burn_rate = UNSET
        else:
            long_burn_rate = self.long_burn_rate

        long_window = self.long_window

        sequence: int | None | Unset
        if isinstance(self.sequence, Unset):
            sequence = UNSET
        else:
            sequence = self.sequence

        short_burn_rate: None | str | Unset
        if isinstance(self.short_burn_rate, Unset):
            short_burn_rate = UNSET
        else:
            short_burn_rate = self.short_burn_rate

        short_window = self.short_window

        threshold: None | str | Unset
        if isinstance(self.threshold, Unset):
            threshold = UNSET
        else:
            threshold = self.threshold

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor": actor,
                "alert": alert,
                "at": at,
                "clause_key": clause_key,
                "compliance_window": compliance_window,
                "error_budget_remaining_percent": error_budget_remaining_percent,
                "event_id": event_id,
                "indicator": indicator,
                "objective": objective,
            }
        )
        if agreement_id is not UNSET:
            field_dict["agreement_id"] = agreement_id
        if budget_percent is not UNSET:
            field_dict["budget_percent"] = budget_percent
        if consumed_bad is not UNSET:
            field_dict["consumed_bad"] = consumed_bad
        if long_burn_rate is not UNSET:
            field_dict["long_burn_rate"] = long_burn_rate
        if long_window is not UNSET:
            field_dict["long_window"] = long_window
        if sequence is not UNSET:
            field_dict["sequence"] = sequence
        if short_burn_rate is not UNSET:
            field_dict["short_burn_rate"] = short_burn_rate
        if short_window is not UNSET:
            field_dict["short_window"] = short_window
        if threshold is not UNSET:
            field_dict["threshold"] = threshold

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.compliance_window_out import ComplianceWindowOut  # noqa: PLC0415
        from ..models.event_actor import EventActor  # noqa: PLC0415

        d = dict(src_dict)
        actor = EventActor.from_dict(d.pop("actor"))

        alert = d.pop("alert")

        at = d.pop("at")

        clause_key = d.pop("clause_key")

        compliance_window = ComplianceWindowOut.from_dict(d.pop("compliance_window"))

        def _parse_error_budget_remaining_percent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error_budget_remaining_percent = _parse_error_budget_remaining_percent(d.pop("error_budget_remaining_percent"))

        event_id = UUID(d.pop("event_id"))

        indicator = d.pop("indicator")

        objective = d.pop("objective")

        def _parse_agreement_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agreement_id_type_0 = UUID(data)

                return agreement_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        agreement_id = _parse_agreement_id(d.pop("agreement_id", UNSET))

        budget_percent = d.pop("budget_percent", UNSET)

        consumed_bad = d.pop("consumed_bad", UNSET)

        def _parse_long_burn_rate(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        long_burn_rate = _parse_long_burn_rate(d.pop("long_burn_rate", UNSET))

        long_window = d.pop("long_window", UNSET)

        def _parse_sequence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sequence = _parse_sequence(d.pop("sequence", UNSET))

        def _parse_short_burn_rate(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        short_burn_rate = _parse_short_burn_rate(d.pop("short_burn_rate", UNSET))

        short_window = d.pop("short_window", UNSET)

        def _parse_threshold(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        threshold = _parse_threshold(d.pop("threshold", UNSET))

        event_slo_recovered_data = cls(
            actor=actor,
            alert=alert,
            at=at,
            clause_key=clause_key,
            compliance_window=compliance_window,
            error_budget_remaining_percent=error_budget_remaining_percent,
            event_id=event_id,
            indicator=indicator,
            objective=objective,
            agreement_id=agreement_id,
            budget_percent=budget_percent,
            consumed_bad=consumed_bad,
            long_burn_rate=long_burn_rate,
            long_window=long_window,
            sequence=sequence,
            short_burn_rate=short_burn_rate,
            short_window=short_window,
            threshold=threshold,
        )

        event_slo_recovered_data.additional_properties = d
        return event_slo_recovered_data

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
