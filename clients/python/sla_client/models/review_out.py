from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.review_outcome import ReviewOutcome
from ..models.review_status import ReviewStatus

T = TypeVar("T", bound="ReviewOut")


@_attrs_define
class ReviewOut:
    """Review out

    Attributes:
        agreement_id (UUID): The agreement's id (UUID)
        cancel_reason (None | str): Why the review was cancelled
        cancelled_at (datetime.datetime | None): When it was cancelled (RFC 3339, UTC)
        completed_at (datetime.datetime | None): When it was completed (RFC 3339, UTC)
        completed_by_party_id (None | UUID): The party that completed it
        created_at (datetime.datetime): When it was created (RFC 3339, UTC)
        due_at (datetime.datetime): When the target is due (RFC 3339, UTC)
        findings (None | str): What the review found
        id (UUID): The object's id (UUID)
        notice_at (datetime.datetime): When the review is announced (RFC 3339, UTC)
        outcome (None | ReviewOutcome): How it ended
        participants (list[str]): Who takes part
        proposed_version (int | None): The number of the version waiting for approval, if any
        status (ReviewStatus): Review status
        version (int): The version (for `If-Match` and optimistic concurrency)
    """

    agreement_id: UUID
    cancel_reason: None | str
    cancelled_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    completed_by_party_id: None | UUID
    created_at: datetime.datetime
    due_at: datetime.datetime
    findings: None | str
    id: UUID
    notice_at: datetime.datetime
    outcome: None | ReviewOutcome
    participants: list[str]
    proposed_version: int | None
    status: ReviewStatus
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_id = str(self.agreement_id)

        cancel_reason: None | str
        cancel_reason = self.cancel_reason

        cancelled_at: None | str
        if isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        completed_by_party_id: None | str
        if isinstance(self.completed_by_party_id, UUID):
            completed_by_party_id = str(self.completed_by_party_id)
        else:
            completed_by_party_id = self.completed_by_party_id

        created_at = self.created_at.isoformat()

        due_at = self.due_at.isoformat()

        findings: None | str
        findings = self.findings

        id = str(self.id)

        notice_at = self.notice_at.isoformat()

        outcome: None | str
        if isinstance(self.outcome, ReviewOutcome):
            outcome = self.outcome.value
        else:
            outcome = self.outcome

        participants = self.participants

        proposed_version: int | None
        proposed_version = self.proposed_version

        status = self.status.value

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_id": agreement_id,
                "cancel_reason": cancel_reason,
                "cancelled_at": cancelled_at,
                "completed_at": completed_at,
                "completed_by_party_id": completed_by_party_id,
                "created_at": created_at,
                "due_at": due_at,
                "findings": findings,
                "id": id,
                "notice_at": notice_at,
                "outcome": outcome,
                "participants": participants,
                "proposed_version": proposed_version,
                "status": status,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agreement_id = UUID(d.pop("agreement_id"))

        def _parse_cancel_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cancel_reason = _parse_cancel_reason(d.pop("cancel_reason"))

        def _parse_cancelled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_at_type_0 = datetime.datetime.fromisoformat(data)

                return cancelled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        cancelled_at = _parse_cancelled_at(d.pop("cancelled_at"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        def _parse_completed_by_party_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_by_party_id_type_0 = UUID(data)

                return completed_by_party_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        completed_by_party_id = _parse_completed_by_party_id(d.pop("completed_by_party_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))

        def _parse_findings(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        findings = _parse_findings(d.pop("findings"))

        id = UUID(d.pop("id"))

        notice_at = datetime.datetime.fromisoformat(d.pop("notice_at"))

        def _parse_outcome(data: object) -> None | ReviewOutcome:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_type_0 = ReviewOutcome(data)

                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReviewOutcome, data)

        outcome = _parse_outcome(d.pop("outcome"))

        participants = cast(list[str], d.pop("participants"))

        def _parse_proposed_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        proposed_version = _parse_proposed_version(d.pop("proposed_version"))

        status = ReviewStatus(d.pop("status"))

        version = d.pop("version")

        review_out = cls(
            agreement_id=agreement_id,
            cancel_reason=cancel_reason,
            cancelled_at=cancelled_at,
            completed_at=completed_at,
            completed_by_party_id=completed_by_party_id,
            created_at=created_at,
            due_at=due_at,
            findings=findings,
            id=id,
            notice_at=notice_at,
            outcome=outcome,
            participants=participants,
            proposed_version=proposed_version,
            status=status,
            version=version,
        )

        review_out.additional_properties = d
        return review_out

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
