from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.dispute_status import DisputeStatus
from ..models.dispute_subject import DisputeSubject

if TYPE_CHECKING:
    from ..models.money import Money
    from ..models.ticket_ref import TicketRef


T = TypeVar("T", bound="DisputeOut")


@_attrs_define
class DisputeOut:
    """Dispute out

    Attributes:
        about (DisputeSubject): Dispute subject
        adjustment (Money | None): An agreed credit adjustment (exact money)
        agreement_id (UUID): The agreement's id (UUID)
        clause_key (None | str): The clause's key within the agreement
        closed_at (datetime.datetime | None): When it was closed (RFC 3339, UTC)
        created_at (datetime.datetime): When it was created (RFC 3339, UTC)
        credit_period (None | str): The month (`YYYY-MM`) of the credit disputed
        description (str): A human description
        escalation_level (int): How many times it was escalated
        id (UUID): The object's id (UUID)
        raised_by_party_id (UUID): The party that raised it
        raiser_must_accept (bool): Whether the raising party must accept the resolution
        reference (str): The agreement's human reference
        resolution (None | str): How it was resolved
        respondent_party_id (UUID): The party that must answer it
        stage (None | str): The dispute-resolution stage
        stage_deadline (datetime.datetime | None): When the current stage's time limit ends (RFC 3339, UTC)
        status (DisputeStatus): Dispute status
        subject (str): The token's subject
        ticket (None | TicketRef): The ticket
        updated_at (datetime.datetime): When it last changed (RFC 3339, UTC)
        version (int): The version (for `If-Match` and optimistic concurrency)
    """

    about: DisputeSubject
    adjustment: Money | None
    agreement_id: UUID
    clause_key: None | str
    closed_at: datetime.datetime | None
    created_at: datetime.datetime
    credit_period: None | str
    description: str
    escalation_level: int
    id: UUID
    raised_by_party_id: UUID
    raiser_must_accept: bool
    reference: str
    resolution: None | str
    respondent_party_id: UUID
    stage: None | str
    stage_deadline: datetime.datetime | None
    status: DisputeStatus
    subject: str
    ticket: None | TicketRef
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.money import Money  # noqa: PLC0415
        from ..models.ticket_ref import TicketRef  # noqa: PLC0415

        about = self.about.value

        adjustment: dict[str, Any] | None
        if isinstance(self.adjustment, Money):
            adjustment = self.adjustment.to_dict()
        else:
            adjustment = self.adjustment

        agreement_id = str(self.agreement_id)

        clause_key: None | str
        clause_key = self.clause_key

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        created_at = self.created_at.isoformat()

        credit_period: None | str
        credit_period = self.credit_period

        description = self.description

        escalation_level = self.escalation_level

        id = str(self.id)

        raised_by_party_id = str(self.raised_by_party_id)

        raiser_must_accept = self.raiser_must_accept

        reference = self.reference

        resolution: None | str
        resolution = self.resolution

        respondent_party_id = str(self.respondent_party_id)

        stage: None | str
        stage = self.stage

        stage_deadline: None | str
        if isinstance(self.stage_deadline, datetime.datetime):
            stage_deadline = self.stage_deadline.isoformat()
        else:
            stage_deadline = self.stage_deadline

        status = self.status.value

        subject = self.subject

        ticket: dict[str, Any] | None
        if isinstance(self.ticket, TicketRef):
            ticket = self.ticket.to_dict()
        else:
            ticket = self.ticket

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "about": about,
                "adjustment": adjustment,
                "agreement_id": agreement_id,
                "clause_key": clause_key,
                "closed_at": closed_at,
                "created_at": created_at,
                "credit_period": credit_period,
                "description": description,
                "escalation_level": escalation_level,
                "id": id,
                "raised_by_party_id": raised_by_party_id,
                "raiser_must_accept": raiser_must_accept,
                "reference": reference,
                "resolution": resolution,
                "respondent_party_id": respondent_party_id,
                "stage": stage,
                "stage_deadline": stage_deadline,
                "status": status,
                "subject": subject,
                "ticket": ticket,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415
        from ..models.ticket_ref import TicketRef  # noqa: PLC0415

        d = dict(src_dict)
        about = DisputeSubject(d.pop("about"))

        def _parse_adjustment(data: object) -> Money | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                adjustment_type_0 = Money.from_dict(data)

                return adjustment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Money | None, data)

        adjustment = _parse_adjustment(d.pop("adjustment"))

        agreement_id = UUID(d.pop("agreement_id"))

        def _parse_clause_key(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        clause_key = _parse_clause_key(d.pop("clause_key"))

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

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_credit_period(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        credit_period = _parse_credit_period(d.pop("credit_period"))

        description = d.pop("description")

        escalation_level = d.pop("escalation_level")

        id = UUID(d.pop("id"))

        raised_by_party_id = UUID(d.pop("raised_by_party_id"))

        raiser_must_accept = d.pop("raiser_must_accept")

        reference = d.pop("reference")

        def _parse_resolution(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        resolution = _parse_resolution(d.pop("resolution"))

        respondent_party_id = UUID(d.pop("respondent_party_id"))

        def _parse_stage(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        stage = _parse_stage(d.pop("stage"))

        def _parse_stage_deadline(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stage_deadline_type_0 = datetime.datetime.fromisoformat(data)

                return stage_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        stage_deadline = _parse_stage_deadline(d.pop("stage_deadline"))

        status = DisputeStatus(d.pop("status"))

        subject = d.pop("subject")

        def _parse_ticket(data: object) -> None | TicketRef:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                ticket_type_0 = TicketRef.from_dict(data)

                return ticket_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TicketRef, data)

        ticket = _parse_ticket(d.pop("ticket"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        dispute_out = cls(
            about=about,
            adjustment=adjustment,
            agreement_id=agreement_id,
            clause_key=clause_key,
            closed_at=closed_at,
            created_at=created_at,
            credit_period=credit_period,
            description=description,
            escalation_level=escalation_level,
            id=id,
            raised_by_party_id=raised_by_party_id,
            raiser_must_accept=raiser_must_accept,
            reference=reference,
            resolution=resolution,
            respondent_party_id=respondent_party_id,
            stage=stage,
            stage_deadline=stage_deadline,
            status=status,
            subject=subject,
            ticket=ticket,
            updated_at=updated_at,
            version=version,
        )

        dispute_out.additional_properties = d
        return dispute_out

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
