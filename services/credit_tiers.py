"""Service-credit tiers: which tier an attainment falls into. Pure; shared by the clause terms that declare tiers
(services.agreements) and the credit arithmetic that applies them (services.billing.credits), so neither package
imports the other for it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Tier:
    below: Decimal
    credit_percent: Decimal
    price_lines: tuple[str, ...] = ()


def check_tiers(tiers: Sequence[Tier]) -> None:
    thresholds = [t.below for t in tiers]
    if not tiers or thresholds != sorted(thresholds, reverse=True) or len(set(thresholds)) != len(thresholds):
        raise ValueError("tiers must be ordered from the highest `below` threshold down, without overlap")


def applicable_tier(tiers: Sequence[Tier], attainment: Decimal) -> Tier | None:
    """The most severe tier whose threshold the attainment is below (tiers are ordered highest first)."""
    chosen = None
    for tier in tiers:
        if attainment < tier.below:
            chosen = tier
    return chosen
