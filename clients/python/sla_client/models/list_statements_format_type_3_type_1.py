from enum import StrEnum


class ListStatementsFormatType3Type1(StrEnum):
    CSV = "csv"
    JSON = "json"

    def __str__(self) -> str:
        return str(self.value)
