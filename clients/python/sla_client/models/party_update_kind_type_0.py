from enum import StrEnum


class PartyUpdateKindType0(StrEnum):
    ORGANIZATION = "organization"
    SYSTEM = "system"

    def __str__(self) -> str:
        return str(self.value)
