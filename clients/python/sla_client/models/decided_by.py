from enum import StrEnum


class DecidedBy(StrEnum):
    INCIDENTS = "incidents"
    MEASURED = "measured"

    def __str__(self) -> str:
        return str(self.value)
