"""GraphQL: webhook subscriptions of the caller's party, their delivery attempts, tests and redelivery."""
