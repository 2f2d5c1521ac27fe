"""Connectors for ticketing tools: integrations configured by a party, and the tools' own payloads read into
ticket events (`zendesk`, `jira`)."""
