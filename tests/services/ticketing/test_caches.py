"""The per-process caches of the ticketing hot paths hold at most their configured number of entries, least recently
used dropped first, whatever a worker is asked: its memory stays flat however many versions, schedules and
customers it has seen."""

from __future__ import annotations

import uuid

import pytest

from api.app import create_app
from api.settings import Settings
from services.ticketing import applicable
from services.ticketing.applicable_mapping import MAPPINGS, Mapping
from services.ticketing.bounded_cache import BoundedCache
from services.ticketing.calendars import BUILT_SCHEDULES, schedule_from_terms

DEFAULTS = Settings(environment="test")


@pytest.fixture
def small_caches():
    applicable.configure(versions=3, schedules=4, built_schedules=2, mappings=5)
    yield
    applicable.configure(
        versions=DEFAULTS.applicable_versions_cached,
        schedules=DEFAULTS.applicable_schedules_cached,
        built_schedules=DEFAULTS.schedules_built_cached,
        mappings=DEFAULTS.applicable_mappings_cached,
    )


def test_a_bounded_cache_drops_the_least_recently_used_first():
    cache: BoundedCache[int, str] = BoundedCache(3)
    for n in range(3):
        cache.put(n, str(n))
    assert cache.get(0) == "0"  # 0 is now the most recently used
    cache.put(3, "3")
    assert len(cache) == 3 and cache.get(1) is None and [cache.get(n) for n in (0, 2, 3)] == ["0", "2", "3"]
    cache.resize(1)
    assert len(cache) == 1 and cache.get(3) == "3"
    cache.resize(0)
    assert len(cache) == 0 and cache.put(4, "4") == "4" and cache.get(4) is None


async def test_compiled_versions_stay_within_their_bound(small_caches, session):
    ids = [uuid.uuid4() for _ in range(10)]
    for version_id in ids:  # read from the database: none of them has clauses, each still compiles
        await applicable.compiled_versions(session, {version_id})
        assert len(applicable.VERSIONS) <= 3
    assert applicable.VERSIONS.get(ids[-1]) is not None and applicable.VERSIONS.get(ids[0]) is None
    # A batch asking for more versions than the bound still gets every one of them.
    many = await applicable.compiled_versions(session, set(ids))
    assert set(many) == set(ids) and len(applicable.VERSIONS) == 3


def test_schedules_stay_within_their_bounds(small_caches):
    years = range(2026, 2030)
    for hour in range(10):
        terms = {
            "timezone": "Europe/Paris",
            "weekly_windows": {"mon": [{"start": f"{hour:02d}:00", "end": "18:00"}]},
        }
        first = schedule_from_terms(terms, years)
        assert schedule_from_terms(terms, years) is first  # the same content is one schedule
        assert len(BUILT_SCHEDULES) <= 2
    clauses = (applicable.CompiledClause("hours", "schedule", "Hours", terms, False),)
    view = applicable.RoleView(clauses, [("levels", {"targets": []})], [])
    target = {"key": "t", "metric": "first_response", "duration": "PT1H"}
    for zone in ("UTC", "Europe/Paris", "Asia/Tokyo", "America/New_York", "Europe/Berlin", "Australia/Sydney"):
        key = applicable.schedule_key(uuid.uuid4(), None, target, zone, years, ())
        applicable.SCHEDULES.put(key, applicable.target_schedule(view, target, zone, years, {}))
        assert len(applicable.SCHEDULES) <= 4


def test_the_mapping_cache_stays_within_its_bound(small_caches):
    for n in range(12):
        MAPPINGS.put(("caller", n), Mapping(None, ()), generation=MAPPINGS.generation, read_at=0.0)
        assert len(MAPPINGS) <= 5


async def test_the_app_sizes_the_caches_from_its_settings(engine, sessionmaker):
    settings = Settings(
        environment="test",
        applicable_versions_cached=7,
        applicable_schedules_cached=8,
        schedules_built_cached=9,
        applicable_mappings_cached=10,
    )
    try:
        create_app(settings, engine=engine, sessionmaker=sessionmaker)
        sizes = (applicable.VERSIONS.size, applicable.SCHEDULES.size, BUILT_SCHEDULES.size, MAPPINGS.size)
        assert sizes == (7, 8, 9, 10)
    finally:
        create_app(DEFAULTS, engine=engine, sessionmaker=sessionmaker)
    assert applicable.VERSIONS.size == 4096
