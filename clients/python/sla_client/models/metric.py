from enum import StrEnum


class Metric(StrEnum):
    AVAILABILITY = "availability"
    FIRST_RESPONSE = "first_response"
    NEXT_RESPONSE = "next_response"
    PERIODIC_UPDATE = "periodic_update"
    RESOLUTION = "resolution"

    def __str__(self) -> str:
        return str(self.value)
