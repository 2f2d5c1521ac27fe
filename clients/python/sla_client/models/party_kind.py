from enum import StrEnum


class PartyKind(StrEnum):
    ORGANIZATION = "organization"
    SYSTEM = "system"

    def __str__(self) -> str:
        return str(self.value)
