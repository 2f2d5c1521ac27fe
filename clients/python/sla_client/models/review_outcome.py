from enum import StrEnum


class ReviewOutcome(StrEnum):
    AMENDMENT_PROPOSED = "amendment_proposed"
    NO_CHANGE = "no_change"

    def __str__(self) -> str:
        return str(self.value)
