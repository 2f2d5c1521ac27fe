from enum import StrEnum


class IndicatorThresholdOp(StrEnum):
    GE = "ge"
    GT = "gt"
    LE = "le"
    LT = "lt"

    def __str__(self) -> str:
        return str(self.value)
