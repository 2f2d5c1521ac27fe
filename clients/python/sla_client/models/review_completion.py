from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.review_outcome import ReviewOutcome
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.version_proposal import VersionProposal


T = TypeVar("T", bound="ReviewCompletion")


@_attrs_define
class ReviewCompletion:
    """Review completion

    Attributes:
        outcome (ReviewOutcome): Review outcome
        amendment (None | Unset | VersionProposal): The version proposed as the review's outcome, if any
        findings (None | str | Unset): What the review found
        participants (list[str] | Unset): Who takes part
        proposed_version (int | None | Unset): The number of the version waiting for approval, if any
    """

    outcome: ReviewOutcome
    amendment: None | Unset | VersionProposal = UNSET
    findings: None | str | Unset = UNSET
    participants: list[str] | Unset = UNSET
    proposed_version: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.version_proposal import VersionProposal  # noqa: PLC0415

        outcome = self.outcome.value

        amendment: dict[str, Any] | None | Unset
        if isinstance(self.amendment, Unset):
            amendment = UNSET
        elif isinstance(self.amendment, VersionProposal):
            amendment = self.amendment.to_dict()
        else:
            amendment = self.amendment

        findings: None | str | Unset
        if isinstance(self.findings, Unset):
            findings = UNSET
        else:
            findings = self.findings

        participants: list[str] | Unset = UNSET
        if not isinstance(self.participants, Unset):
            participants = self.participants

        proposed_version: int | None | Unset
        if isinstance(self.proposed_version, Unset):
            proposed_version = UNSET
        else:
            proposed_version = self.proposed_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "outcome": outcome,
            }
        )
        if amendment is not UNSET:
            field_dict["amendment"] = amendment
        if findings is not UNSET:
            field_dict["findings"] = findings
        if participants is not UNSET:
            field_dict["participants"] = participants
        if proposed_version is not UNSET:
            field_dict["proposed_version"] = proposed_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.version_proposal import VersionProposal  # noqa: PLC0415

        d = dict(src_dict)
        outcome = ReviewOutcome(d.pop("outcome"))

        def _parse_amendment(data: object) -> None | Unset | VersionProposal:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                amendment_type_0 = VersionProposal.from_dict(data)

                return amendment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VersionProposal, data)

        amendment = _parse_amendment(d.pop("amendment", UNSET))

        def _parse_findings(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        findings = _parse_findings(d.pop("findings", UNSET))

        participants = cast(list[str], d.pop("participants", UNSET))

        def _parse_proposed_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        proposed_version = _parse_proposed_version(d.pop("proposed_version", UNSET))

        review_completion = cls(
            outcome=outcome,
            amendment=amendment,
            findings=findings,
            participants=participants,
            proposed_version=proposed_version,
        )

        review_completion.additional_properties = d
        return review_completion

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
