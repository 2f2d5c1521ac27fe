from enum import StrEnum


class ReviewStatus(StrEnum):
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    DUE = "due"
    OVERDUE = "overdue"
    SCHEDULED = "scheduled"

    def __str__(self) -> str:
        return str(self.value)
