"""Zendesk writes time zones with Ruby on Rails' names ("Berlin", "Eastern Time (US & Canada)"); clauses hold IANA
names. Most Rails names are an IANA city with spaces for underscores; the others are listed here."""

from __future__ import annotations

import functools
import zoneinfo

# Rails names that are not the city part of their IANA zone.
NAMED: dict[str, str] = {
    "International Date Line West": "Pacific/Midway",
    "Midway Island": "Pacific/Midway",
    "American Samoa": "Pacific/Pago_Pago",
    "Hawaii": "Pacific/Honolulu",
    "Alaska": "America/Juneau",
    "Pacific Time (US & Canada)": "America/Los_Angeles",
    "Mountain Time (US & Canada)": "America/Denver",
    "Arizona": "America/Phoenix",
    "Central Time (US & Canada)": "America/Chicago",
    "Saskatchewan": "America/Regina",
    "Guadalajara": "America/Mexico_City",
    "Central America": "America/Guatemala",
    "Eastern Time (US & Canada)": "America/New_York",
    "Indiana (East)": "America/Indiana/Indianapolis",
    "Quito": "America/Lima",
    "Atlantic Time (Canada)": "America/Halifax",
    "Newfoundland": "America/St_Johns",
    "Brasilia": "America/Sao_Paulo",
    "Georgetown": "America/Guyana",
    "Greenland": "America/Nuuk",
    "Mid-Atlantic": "Atlantic/South_Georgia",
    "Cape Verde Is.": "Atlantic/Cape_Verde",
    "Edinburgh": "Europe/London",
    "UTC": "Etc/UTC",
    "Bern": "Europe/Zurich",
    "West Central Africa": "Africa/Algiers",
    "Pretoria": "Africa/Johannesburg",
    "St. Petersburg": "Europe/Moscow",
    "Abu Dhabi": "Asia/Muscat",
    "Ekaterinburg": "Asia/Yekaterinburg",
    "Islamabad": "Asia/Karachi",
    "Chennai": "Asia/Kolkata",
    "Mumbai": "Asia/Kolkata",
    "New Delhi": "Asia/Kolkata",
    "Astana": "Asia/Dhaka",
    "Sri Jayawardenepura": "Asia/Colombo",
    "Rangoon": "Asia/Yangon",
    "Hanoi": "Asia/Bangkok",
    "Beijing": "Asia/Shanghai",
    "Osaka": "Asia/Tokyo",
    "Sapporo": "Asia/Tokyo",
    "Canberra": "Australia/Melbourne",
    "Solomon Is.": "Pacific/Guadalcanal",
    "New Caledonia": "Pacific/Noumea",
    "Marshall Is.": "Pacific/Majuro",
    "Wellington": "Pacific/Auckland",
    "Nuku'alofa": "Pacific/Tongatapu",
    "Tokelau Is.": "Pacific/Fakaofo",
    "Chatham Is.": "Pacific/Chatham",
    "Samoa": "Pacific/Apia",
}
# For export: the Rails name to write for an IANA zone that is not a Rails city.
PREFERRED = {
    "America/Los_Angeles": "Pacific Time (US & Canada)",
    "America/Denver": "Mountain Time (US & Canada)",
    "America/Chicago": "Central Time (US & Canada)",
    "America/New_York": "Eastern Time (US & Canada)",
    "Etc/UTC": "UTC",
    "Asia/Kolkata": "New Delhi",
    "Asia/Shanghai": "Beijing",
    "Pacific/Auckland": "Wellington",
    "Asia/Tokyo": "Tokyo",
    "Europe/London": "London",
}


@functools.cache
def _by_city() -> dict[str, str]:
    """IANA zones by their last part ("Buenos_Aires"), for the unambiguous ones."""
    found: dict[str, list[str]] = {}
    for name in zoneinfo.available_timezones():
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/")):
            found.setdefault(name.rsplit("/", 1)[1], []).append(name)
    return {city: names[0] for city, names in found.items() if len(names) == 1}


def iana_zone(rails_name: str) -> str | None:
    """The IANA zone of a Rails zone name (an IANA name is taken as it is); None when it is neither."""
    if rails_name in NAMED:
        return NAMED[rails_name]
    if "/" in rails_name and rails_name in zoneinfo.available_timezones():
        return rails_name
    return _by_city().get(rails_name.replace(" ", "_"))


def rails_zone(iana: str) -> str | None:
    """The Rails name Zendesk takes for an IANA zone; None when Rails has none."""
    if iana in PREFERRED:
        return PREFERRED[iana]
    city = iana.rsplit("/", 1)[-1].replace("_", " ")
    if iana_zone(city) == iana:
        return city
    return next((name for name, zone in NAMED.items() if zone == iana), None)
