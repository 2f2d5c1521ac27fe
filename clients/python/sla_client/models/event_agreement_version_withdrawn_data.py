from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agreement_out import AgreementOut
    from ..models.decision_out import DecisionOut
    from ..models.event_actor import EventActor
    from ..models.invitation_out import InvitationOut
    from ..models.simulation_link import SimulationLink
    from ..models.version_out import VersionOut


T = TypeVar("T", bound="EventAgreementVersionWithdrawnData")


@_attrs_define
class EventAgreementVersionWithdrawnData:
    """The event as the receiving party may see it (clauses it may not read are left out)

    Attributes:
        actor (EventActor): Event actor
        agreement (AgreementOut): Agreement out
        event_id (UUID): The event's id (as in `/v1/events`)
        agreement_id (None | Unset | UUID): The agreement it concerns
        decision (DecisionOut | Unset): Decision out
        expires_at (str | Unset): When it ends
        invitation (InvitationOut | Unset): Invitation out
        reason (str | Unset): The reason given, when one was
        sequence (int | None | Unset): The event's position in its agreement's history
        simulation (SimulationLink | Unset): Where a signatory can see what a proposed version would have meant over
            recorded months (POST, read-only).
        version (VersionOut | Unset): Version out
    """

    actor: EventActor
    agreement: AgreementOut
    event_id: UUID
    agreement_id: None | Unset | UUID = UNSET
    decision: DecisionOut | Unset = UNSET
    expires_at: str | Unset = UNSET
    invitation: InvitationOut | Unset = UNSET
    reason: str | Unset = UNSET
    sequence: int | None | Unset = UNSET
    simulation: SimulationLink | Unset = UNSET
    version: VersionOut | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor = self.actor.to_dict()

        agreement = self.agreement.to_dict()

        event_id = str(self.event_id)

        agreement_id: None | str | Unset
        if isinstance(self.agreement_id, Unset):
            agreement_id = UNSET
        elif isinstance(self.agreement_id, UUID):
            agreement_id = str(self.agreement_id)
        else:
            agreement_id = self.agreement_id

        decision: dict[str, Any] | Unset = UNSET
        if not isinstance(self.decision, Unset):
            decision = self.decision.to_dict()

        expires_at = self.expires_at

        invitation: dict[str, Any] | Unset = UNSET
        if not isinstance(self.invitation, Unset):
            invitation = self.invitation.to_dict()

        reason = self.reason

        sequence: int | None | Unset
        if isinstance(self.sequence, Unset):
            sequence = UNSET
        else:
            sequence = self.sequence

        simulation: dict[str, Any] | Unset = UNSET
        if not isinstance(self.simulation, Unset):
            simulation = self.simulation.to_dict()

        version: dict[str, Any] | Unset = UNSET
        if not isinstance(self.version, Unset):
            version = self.version.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor": actor,
                "agreement": agreement,
                "event_id": event_id,
            }
        )
        if agreement_id is not UNSET:
            field_dict["agreement_id"] = agreement_id
        if decision is not UNSET:
            field_dict["decision"] = decision
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if invitation is not UNSET:
            field_dict["invitation"] = invitation
        if reason is not UNSET:
            field_dict["reason"] = reason
        if sequence is not UNSET:
            field_dict["sequence"] = sequence
        if simulation is not UNSET:
            field_dict["simulation"] = simulation
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agreement_out import AgreementOut  # noqa: PLC0415
        from ..models.decision_out import DecisionOut  # noqa: PLC0415
        from ..models.event_actor import EventActor  # noqa: PLC0415
        from ..models.invitation_out import InvitationOut  # noqa: PLC0415
        from ..models.simulation_link import SimulationLink  # noqa: PLC0415
        from ..models.version_out import VersionOut  # noqa: PLC0415

        d = dict(src_dict)
        actor = EventActor.from_dict(d.pop("actor"))

        agreement = AgreementOut.from_dict(d.pop("agreement"))

        event_id = UUID(d.pop("event_id"))

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

        _decision = d.pop("decision", UNSET)
        decision: DecisionOut | Unset
        if isinstance(_decision, Unset):
            decision = UNSET
        else:
            decision = DecisionOut.from_dict(_decision)

        expires_at = d.pop("expires_at", UNSET)

        _invitation = d.pop("invitation", UNSET)
        invitation: InvitationOut | Unset
        if isinstance(_invitation, Unset):
            invitation = UNSET
        else:
            invitation = InvitationOut.from_dict(_invitation)

        reason = d.pop("reason", UNSET)

        def _parse_sequence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sequence = _parse_sequence(d.pop("sequence", UNSET))

        _simulation = d.pop("simulation", UNSET)
        simulation: SimulationLink | Unset
        if isinstance(_simulation, Unset):
            simulation = UNSET
        else:
            simulation = SimulationLink.from_dict(_simulation)

        _version = d.pop("version", UNSET)
        version: VersionOut | Unset
        if isinstance(_version, Unset):
            version = UNSET
        else:
            version = VersionOut.from_dict(_version)

        event_agreement_version_withdrawn_data = cls(
            actor=actor,
            agreement=agreement,
            event_id=event_id,
            agreement_id=agreement_id,
            decision=decision,
            expires_at=expires_at,
            invitation=invitation,
            reason=reason,
            sequence=sequence,
            simulation=simulation,
            version=version,
        )

        event_agreement_version_withdrawn_data.additional_properties = d
        return event_agreement_version_withdrawn_data

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
