from enum import StrEnum


class ClauseKind(StrEnum):
    COST = "cost"
    DISPUTE_RESOLUTION = "dispute_resolution"
    ESCALATION = "escalation"
    GENERAL = "general"
    REPORTING = "reporting"
    RESPONSIBILITY = "responsibility"
    REVIEW = "review"
    SCHEDULE = "schedule"
    SERVICE_CREDIT = "service_credit"
    SERVICE_LEVEL = "service_level"
    VERIFICATION = "verification"

    def __str__(self) -> str:
        return str(self.value)
