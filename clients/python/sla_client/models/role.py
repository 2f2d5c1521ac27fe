from enum import StrEnum


class Role(StrEnum):
    CUSTOMER = "customer"
    PROVIDER = "provider"
    THIRD_PARTY = "third_party"

    def __str__(self) -> str:
        return str(self.value)
