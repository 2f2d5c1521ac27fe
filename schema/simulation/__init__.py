"""GraphQL side of the what-if simulation: `simulateVersion`."""
