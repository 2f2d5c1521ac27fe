from enum import StrEnum


class IntegrationKind(StrEnum):
    JIRA = "jira"
    ZENDESK = "zendesk"

    def __str__(self) -> str:
        return str(self.value)
