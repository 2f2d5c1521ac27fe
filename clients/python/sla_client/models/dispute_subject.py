from enum import StrEnum


class DisputeSubject(StrEnum):
    AGREEMENT = "agreement"
    CLAUSE = "clause"
    CREDIT = "credit"
    TICKET = "ticket"

    def __str__(self) -> str:
        return str(self.value)
