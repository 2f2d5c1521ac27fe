from enum import StrEnum


class ListDisputesRoleType2Type1(StrEnum):
    RAISED = "raised"
    RECEIVED = "received"

    def __str__(self) -> str:
        return str(self.value)
