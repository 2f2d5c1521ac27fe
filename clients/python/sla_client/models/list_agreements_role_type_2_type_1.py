from enum import StrEnum


class ListAgreementsRoleType2Type1(StrEnum):
    CUSTOMER = "customer"
    PROVIDER = "provider"
    THIRD_PARTY = "third_party"

    def __str__(self) -> str:
        return str(self.value)
