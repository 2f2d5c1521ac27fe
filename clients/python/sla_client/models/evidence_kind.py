from enum import StrEnum


class EvidenceKind(StrEnum):
    ATTACHMENT = "attachment"
    LINK = "link"

    def __str__(self) -> str:
        return str(self.value)
