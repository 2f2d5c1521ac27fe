from enum import StrEnum


class MappingAgentReplies(StrEnum):
    ALL = "all"
    PUBLIC = "public"

    def __str__(self) -> str:
        return str(self.value)
