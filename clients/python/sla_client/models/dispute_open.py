from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.dispute_subject import DisputeSubject
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.evidence_input import EvidenceInput


T = TypeVar("T", bound="DisputeOpen")


@_attrs_define
class DisputeOpen:
    """Dispute open

    Attributes:
        agreement_id (UUID): The agreement's id (UUID)
        description (str): A human description
        respondent_party_id (UUID): The party that must answer it
        subject (str): The token's subject
        about (DisputeSubject | Unset): Dispute subject
        clause_key (None | str | Unset): The clause's key within the agreement
        credit_period (None | str | Unset): The month (`YYYY-MM`) of the credit disputed
        evidence (list[EvidenceInput] | Unset): Attached evidence
        ticket_external_id (None | str | Unset): The ticket's id in its ticketing tool
        ticket_source (None | str | Unset): The ticketing tool of the ticket
    """

    agreement_id: UUID
    description: str
    respondent_party_id: UUID
    subject: str
    about: DisputeSubject | Unset = UNSET
    clause_key: None | str | Unset = UNSET
    credit_period: None | str | Unset = UNSET
    evidence: list[EvidenceInput] | Unset = UNSET
    ticket_external_id: None | str | Unset = UNSET
    ticket_source: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_id = str(self.agreement_id)

        description = self.description

        respondent_party_id = str(self.respondent_party_id)

        subject = self.subject

        about: str | Unset = UNSET
        if not isinstance(self.about, Unset):
            about = self.about.value

        clause_key: None | str | Unset
        if isinstance(self.clause_key, Unset):
            clause_key = UNSET
        else:
            clause_key = self.clause_key

        credit_period: None | str | Unset
        if isinstance(self.credit_period, Unset):
            credit_period = UNSET
        else:
            credit_period = self.credit_period

        evidence: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.evidence, Unset):
            evidence = []
            for evidence_item_data in self.evidence:
                evidence_item = evidence_item_data.to_dict()
                evidence.append(evidence_item)

        ticket_external_id: None | str | Unset
        if isinstance(self.ticket_external_id, Unset):
            ticket_external_id = UNSET
        else:
            ticket_external_id = self.ticket_external_id

        ticket_source: None | str | Unset
        if isinstance(self.ticket_source, Unset):
            ticket_source = UNSET
        else:
            ticket_source = self.ticket_source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_id": agreement_id,
                "description": description,
                "respondent_party_id": respondent_party_id,
                "subject": subject,
            }
        )
        if about is not UNSET:
            field_dict["about"] = about
        if clause_key is not UNSET:
            field_dict["clause_key"] = clause_key
        if credit_period is not UNSET:
            field_dict["credit_period"] = credit_period
        if evidence is not UNSET:
            field_dict["evidence"] = evidence
        if ticket_external_id is not UNSET:
            field_dict["ticket_external_id"] = ticket_external_id
        if ticket_source is not UNSET:
            field_dict["ticket_source"] = ticket_source

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.evidence_input import EvidenceInput  # noqa: PLC0415

        d = dict(src_dict)
        agreement_id = UUID(d.pop("agreement_id"))

        description = d.pop("description")

        respondent_party_id = UUID(d.pop("respondent_party_id"))

        subject = d.pop("subject")

        _about = d.pop("about", UNSET)
        about: DisputeSubject | Unset
        if isinstance(_about, Unset):
            about = UNSET
        else:
            about = DisputeSubject(_about)

        def _parse_clause_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        clause_key = _parse_clause_key(d.pop("clause_key", UNSET))

        def _parse_credit_period(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        credit_period = _parse_credit_period(d.pop("credit_period", UNSET))

        _evidence = d.pop("evidence", UNSET)
        evidence: list[EvidenceInput] | Unset = UNSET
        if _evidence is not UNSET:
            evidence = []
            for evidence_item_data in _evidence:
                evidence_item = EvidenceInput.from_dict(evidence_item_data)

                evidence.append(evidence_item)

        def _parse_ticket_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ticket_external_id = _parse_ticket_external_id(d.pop("ticket_external_id", UNSET))

        def _parse_ticket_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ticket_source = _parse_ticket_source(d.pop("ticket_source", UNSET))

        dispute_open = cls(
            agreement_id=agreement_id,
            description=description,
            respondent_party_id=respondent_party_id,
            subject=subject,
            about=about,
            clause_key=clause_key,
            credit_period=credit_period,
            evidence=evidence,
            ticket_external_id=ticket_external_id,
            ticket_source=ticket_source,
        )

        dispute_open.additional_properties = d
        return dispute_open

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
