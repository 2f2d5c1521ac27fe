"""GraphQL: events."""
