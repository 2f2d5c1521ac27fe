from enum import StrEnum


class DisputeRole(StrEnum):
    RAISED = "raised"
    RECEIVED = "received"

    def __str__(self) -> str:
        return str(self.value)
