from enum import StrEnum


class ClockStatus(StrEnum):
    BREACHED = "breached"
    CANCELLED = "cancelled"
    MET = "met"
    PAUSED = "paused"
    RUNNING = "running"

    def __str__(self) -> str:
        return str(self.value)
