from enum import StrEnum


class IndicatorSourceRole(StrEnum):
    CUSTOMER = "customer"
    PROVIDER = "provider"

    def __str__(self) -> str:
        return str(self.value)
