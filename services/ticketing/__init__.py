"""Calendars and business time, the SLA clock, the applicable-SLA lookup and ticket ingestion."""
