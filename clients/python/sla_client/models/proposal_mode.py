from enum import StrEnum


class ProposalMode(StrEnum):
    MERGE = "merge"
    REPLACE = "replace"

    def __str__(self) -> str:
        return str(self.value)
