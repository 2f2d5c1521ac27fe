from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agreement_ref import AgreementRef
    from ..models.applicable_explanation import ApplicableExplanation
    from ..models.applicable_target import ApplicableTarget
    from ..models.version_ref import VersionRef


T = TypeVar("T", bound="ApplicableSla")


@_attrs_define
class ApplicableSla:
    """Applicable sla

    Attributes:
        agreement (AgreementRef | None): The agreement it concerns
        customer_party_id (UUID): The customer party's id
        explanation (ApplicableExplanation): Applicable explanation
        opened_at (datetime.datetime): When it was opened (RFC 3339, UTC)
        reason (None | str): Why
        targets (list[ApplicableTarget]): The service-level targets
        version (None | VersionRef): The version (for `If-Match` and optimistic concurrency)
    """

    agreement: AgreementRef | None
    customer_party_id: UUID
    explanation: ApplicableExplanation
    opened_at: datetime.datetime
    reason: None | str
    targets: list[ApplicableTarget]
    version: None | VersionRef
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.agreement_ref import AgreementRef  # noqa: PLC0415
        from ..models.version_ref import VersionRef  # noqa: PLC0415

        agreement: dict[str, Any] | None
        if isinstance(self.agreement, AgreementRef):
            agreement = self.agreement.to_dict()
        else:
            agreement = self.agreement

        customer_party_id = str(self.customer_party_id)

        explanation = self.explanation.to_dict()

        opened_at = self.opened_at.isoformat()

        reason: None | str
        reason = self.reason

        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)

        version: dict[str, Any] | None
        if isinstance(self.version, VersionRef):
            version = self.version.to_dict()
        else:
            version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement": agreement,
                "customer_party_id": customer_party_id,
                "explanation": explanation,
                "opened_at": opened_at,
                "reason": reason,
                "targets": targets,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agreement_ref import AgreementRef  # noqa: PLC0415
        from ..models.applicable_explanation import ApplicableExplanation  # noqa: PLC0415
        from ..models.applicable_target import ApplicableTarget  # noqa: PLC0415
        from ..models.version_ref import VersionRef  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_agreement(data: object) -> AgreementRef | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                agreement_type_0 = AgreementRef.from_dict(data)

                return agreement_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgreementRef | None, data)

        agreement = _parse_agreement(d.pop("agreement"))

        customer_party_id = UUID(d.pop("customer_party_id"))

        explanation = ApplicableExplanation.from_dict(d.pop("explanation"))

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        targets = []
        _targets = d.pop("targets")
        for targets_item_data in _targets:
            targets_item = ApplicableTarget.from_dict(targets_item_data)

            targets.append(targets_item)

        def _parse_version(data: object) -> None | VersionRef:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                version_type_0 = VersionRef.from_dict(data)

                return version_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | VersionRef, data)

        version = _parse_version(d.pop("version"))

        applicable_sla = cls(
            agreement=agreement,
            customer_party_id=customer_party_id,
            explanation=explanation,
            opened_at=opened_at,
            reason=reason,
            targets=targets,
            version=version,
        )

        applicable_sla.additional_properties = d
        return applicable_sla

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
