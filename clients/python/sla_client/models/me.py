from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.party_out import PartyOut


T = TypeVar("T", bound="Me")


@_attrs_define
class Me:
    """Me

    Attributes:
        client_id (None | str): The API client's public id
        operator (bool): Whether the caller is the operator
        party (None | PartyOut): The party
        scopes (list[str]): Scopes granted
        token_id (None | str): The token's `jti`
    """

    client_id: None | str
    operator: bool
    party: None | PartyOut
    scopes: list[str]
    token_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.party_out import PartyOut  # noqa: PLC0415

        client_id: None | str
        client_id = self.client_id

        operator = self.operator

        party: dict[str, Any] | None
        if isinstance(self.party, PartyOut):
            party = self.party.to_dict()
        else:
            party = self.party

        scopes = self.scopes

        token_id: None | str
        token_id = self.token_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client_id": client_id,
                "operator": operator,
                "party": party,
                "scopes": scopes,
                "token_id": token_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.party_out import PartyOut  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_client_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        client_id = _parse_client_id(d.pop("client_id"))

        operator = d.pop("operator")

        def _parse_party(data: object) -> None | PartyOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                party_type_0 = PartyOut.from_dict(data)

                return party_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PartyOut, data)

        party = _parse_party(d.pop("party"))

        scopes = cast(list[str], d.pop("scopes"))

        def _parse_token_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        token_id = _parse_token_id(d.pop("token_id"))

        me = cls(
            client_id=client_id,
            operator=operator,
            party=party,
            scopes=scopes,
            token_id=token_id,
        )

        me.additional_properties = d
        return me

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
