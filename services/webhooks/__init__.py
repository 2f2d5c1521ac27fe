"""Subscriptions, signed delivery of the outbox and the SSRF rules for their URLs."""
