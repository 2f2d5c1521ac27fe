"""GraphQL: agreements."""
