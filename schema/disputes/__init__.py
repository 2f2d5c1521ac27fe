"""GraphQL: dispute cases, their timeline and evidence."""
