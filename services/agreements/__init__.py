"""Agreements, their versions and clauses, invitations, lifecycle and review cycles."""
