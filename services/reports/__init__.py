"""Scheduled service reports: the `reporting` clause acted on (content, freezing, publishing, rendering)."""
