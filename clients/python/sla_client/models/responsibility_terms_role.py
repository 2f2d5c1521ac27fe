from enum import StrEnum


class ResponsibilityTermsRole(StrEnum):
    CUSTOMER = "customer"
    PROVIDER = "provider"
    THIRD_PARTY = "third_party"

    def __str__(self) -> str:
        return str(self.value)
