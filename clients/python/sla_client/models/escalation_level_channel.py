from enum import StrEnum


class EscalationLevelChannel(StrEnum):
    CHAT = "chat"
    EMAIL = "email"
    MEETING = "meeting"
    PHONE = "phone"
    TICKET = "ticket"

    def __str__(self) -> str:
        return str(self.value)
