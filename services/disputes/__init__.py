"""Dispute cases: stages, deadlines, escalation, evidence and resolution."""
