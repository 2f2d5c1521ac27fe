"""GraphQL: parties."""
