from enum import StrEnum


class DisputeEntryKind(StrEnum):
    COMMENT = "comment"
    ESCALATION = "escalation"
    EVIDENCE = "evidence"
    OPENED = "opened"
    STATUS = "status"

    def __str__(self) -> str:
        return str(self.value)
