from enum import StrEnum


class PriceLineBillingPeriod(StrEnum):
    MONTH = "month"
    ONE_TIME = "one_time"
    QUARTER = "quarter"
    YEAR = "year"

    def __str__(self) -> str:
        return str(self.value)
