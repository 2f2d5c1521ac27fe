from enum import StrEnum


class ListDisputesRoleType3Type1(StrEnum):
    RAISED = "raised"
    RECEIVED = "received"

    def __str__(self) -> str:
        return str(self.value)
