from enum import StrEnum


class ReviewCycleSource(StrEnum):
    CLAUSE = "clause"
    EXPLICIT = "explicit"

    def __str__(self) -> str:
        return str(self.value)
