from enum import StrEnum


class DisputeStatus(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    ESCALATED = "escalated"
    IN_RESOLUTION = "in_resolution"
    OPEN = "open"
    REJECTED = "rejected"
    RESOLVED = "resolved"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
