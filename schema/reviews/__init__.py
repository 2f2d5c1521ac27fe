"""GraphQL: review cycles and reviews of agreements."""
