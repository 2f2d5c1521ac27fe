from enum import StrEnum


class PartyCreateKind(StrEnum):
    ORGANIZATION = "organization"
    SYSTEM = "system"

    def __str__(self) -> str:
        return str(self.value)
