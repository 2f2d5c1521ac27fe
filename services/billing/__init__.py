"""Costs, attainment, service credits, statements and closed periods."""
