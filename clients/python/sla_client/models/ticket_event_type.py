from enum import StrEnum


class TicketEventType(StrEnum):
    AGENT_REPLIED = "agent_replied"
    ATTRIBUTES_CHANGED = "attributes_changed"
    CLOSED = "closed"
    CREATED = "created"
    CUSTOMER_REPLIED = "customer_replied"
    PRIORITY_CHANGED = "priority_changed"
    REOPENED = "reopened"
    SOLVED = "solved"
    STATUS_CHANGED = "status_changed"

    def __str__(self) -> str:
        return str(self.value)
