"""Measured service level indicators: measurements, error budgets, multi-window burn-rate alerts and their reads."""
