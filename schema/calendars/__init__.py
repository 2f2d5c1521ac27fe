"""GraphQL: calendars (service hours) of the caller's party, the shared ones and the built-in 24×7."""
