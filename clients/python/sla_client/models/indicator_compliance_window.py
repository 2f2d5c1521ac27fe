from enum import StrEnum


class IndicatorComplianceWindow(StrEnum):
    CALENDAR_MONTH = "calendar_month"
    ROLLING_28D = "rolling_28d"

    def __str__(self) -> str:
        return str(self.value)
