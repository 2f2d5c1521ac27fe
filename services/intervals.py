"""Half-open intervals of instants, `[start, end)`: merging and cutting holes. Pure: no I/O.

One copy for the business-time clock (open windows less pauses) and for billing (downtime less accepted
maintenance).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

Interval = tuple[datetime, datetime]


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, with overlapping and touching intervals joined and empty ones dropped."""
    merged: list[list[datetime]] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def cut(interval: Interval, holes: list[Interval]) -> Iterator[Interval]:
    """The pieces of `interval` outside `holes`, in order; `holes` must be merged (as `merge` answers)."""
    start, end = interval
    for hole_start, hole_end in holes:
        if hole_end <= start or hole_start >= end:
            continue
        if hole_start > start:
            yield start, hole_start
        start = max(start, hole_end)
        if start >= end:
            return
    if start < end:
        yield start, end


def subtract(intervals: Iterable[Interval], holes: Iterable[Interval]) -> list[Interval]:
    """The parts of `intervals` outside every hole."""
    merged_holes = merge(holes)
    return [piece for interval in intervals for piece in cut(interval, merged_holes)]
