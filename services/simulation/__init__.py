"""What-if simulation: a proposed version's targets, calendars, credits and prices replayed over recorded data."""
