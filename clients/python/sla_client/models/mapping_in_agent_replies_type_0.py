from enum import StrEnum


class MappingInAgentRepliesType0(StrEnum):
    ALL = "all"
    PUBLIC = "public"

    def __str__(self) -> str:
        return str(self.value)
