"""Use cases, authorization and domain rules; called by REST and GraphQL alike."""
