from enum import StrEnum


class CreditStatus(StrEnum):
    ADJUSTED = "adjusted"
    DISPUTED = "disputed"
    EXPIRED = "expired"
    NONE = "none"
    NOT_MEASURED = "not_measured"
    OWED = "owed"

    def __str__(self) -> str:
        return str(self.value)
