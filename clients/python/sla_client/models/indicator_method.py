from enum import StrEnum


class IndicatorMethod(StrEnum):
    RATIO = "ratio"
    THRESHOLD = "threshold"

    def __str__(self) -> str:
        return str(self.value)
