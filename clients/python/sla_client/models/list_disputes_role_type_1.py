from enum import StrEnum


class ListDisputesRoleType1(StrEnum):
    RAISED = "raised"
    RECEIVED = "received"

    def __str__(self) -> str:
        return str(self.value)
