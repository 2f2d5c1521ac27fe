from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.clock_status import ClockStatus
from ..models.metric import Metric

if TYPE_CHECKING:
    from ..models.clock_step import ClockStep


T = TypeVar("T", bound="ClockView")


@_attrs_define
class ClockView:
    """Clock view

    Attributes:
        business_seconds_paused (int): Business time spent paused, in whole seconds
        business_seconds_used (int): Business time counted so far, in whole seconds
        clause_key (str): The clause's key within the agreement
        cycle (int): The review cycle
        due_at (datetime.datetime): When the target is due (RFC 3339, UTC)
        history (list[ClockStep]): Every change of this clock, oldest first
        id (UUID): The object's id (UUID)
        metric (Metric): Metric
        opened_by (str): The party that opened it
        original_due_at (datetime.datetime): The due time first computed, before pauses and re-matching (RFC 3339, UTC)
        started_at (datetime.datetime): When it started (RFC 3339, UTC)
        status (ClockStatus): Clock status
        stopped_at (datetime.datetime | None): When the clock stopped (RFC 3339, UTC), if it did
        target_key (str): The key of the service-level target
    """

    business_seconds_paused: int
    business_seconds_used: int
    clause_key: str
    cycle: int
    due_at: datetime.datetime
    history: list[ClockStep]
    id: UUID
    metric: Metric
    opened_by: str
    original_due_at: datetime.datetime
    started_at: datetime.datetime
    status: ClockStatus
    stopped_at: datetime.datetime | None
    target_key: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        business_seconds_paused = self.business_seconds_paused

        business_seconds_used = self.business_seconds_used

        clause_key = self.clause_key

        cycle = self.cycle

        due_at = self.due_at.isoformat()

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        id = str(self.id)

        metric = self.metric.value

        opened_by = self.opened_by

        original_due_at = self.original_due_at.isoformat()

        started_at = self.started_at.isoformat()

        status = self.status.value

        stopped_at: None | str
        if isinstance(self.stopped_at, datetime.datetime):
            stopped_at = self.stopped_at.isoformat()
        else:
            stopped_at = self.stopped_at

        target_key = self.target_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "business_seconds_paused": business_seconds_paused,
                "business_seconds_used": business_seconds_used,
                "clause_key": clause_key,
                "cycle": cycle,
                "due_at": due_at,
                "history": history,
                "id": id,
                "metric": metric,
                "opened_by": opened_by,
                "original_due_at": original_due_at,
                "started_at": started_at,
                "status": status,
                "stopped_at": stopped_at,
                "target_key": target_key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.clock_step import ClockStep  # noqa: PLC0415

        d = dict(src_dict)
        business_seconds_paused = d.pop("business_seconds_paused")

        business_seconds_used = d.pop("business_seconds_used")

        clause_key = d.pop("clause_key")

        cycle = d.pop("cycle")

        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = ClockStep.from_dict(history_item_data)

            history.append(history_item)

        id = UUID(d.pop("id"))

        metric = Metric(d.pop("metric"))

        opened_by = d.pop("opened_by")

        original_due_at = datetime.datetime.fromisoformat(d.pop("original_due_at"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        status = ClockStatus(d.pop("status"))

        def _parse_stopped_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stopped_at_type_0 = datetime.datetime.fromisoformat(data)

                return stopped_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        stopped_at = _parse_stopped_at(d.pop("stopped_at"))

        target_key = d.pop("target_key")

        clock_view = cls(
            business_seconds_paused=business_seconds_paused,
            business_seconds_used=business_seconds_used,
            clause_key=clause_key,
            cycle=cycle,
            due_at=due_at,
            history=history,
            id=id,
            metric=metric,
            opened_by=opened_by,
            original_due_at=original_due_at,
            started_at=started_at,
            status=status,
            stopped_at=stopped_at,
            target_key=target_key,
        )

        clock_view.additional_properties = d
        return clock_view

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
