from enum import StrEnum


class IncidentKind(StrEnum):
    DEGRADATION = "degradation"
    MAINTENANCE = "maintenance"
    OUTAGE = "outage"

    def __str__(self) -> str:
        return str(self.value)
