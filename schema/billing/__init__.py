"""GraphQL: billing — incidents, usage, attainment per period, statements with credits, closing periods."""
