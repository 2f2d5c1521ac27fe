from enum import StrEnum


class AgreementStatus(StrEnum):
    ACTIVE = "active"
    DRAFT = "draft"
    EXPIRED = "expired"
    PROPOSED = "proposed"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"

    def __str__(self) -> str:
        return str(self.value)
