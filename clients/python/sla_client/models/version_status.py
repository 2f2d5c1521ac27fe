from enum import StrEnum


class VersionStatus(StrEnum):
    ACCEPTED = "accepted"
    DRAFT = "draft"
    PROPOSED = "proposed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
