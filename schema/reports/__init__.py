"""GraphQL side of the service reports: `Agreement.reports` and `Agreement.report(period)`."""
