"""GraphQL: the ticketing integration — which SLA applies to a ticket, ticket events and their SLA clocks."""
