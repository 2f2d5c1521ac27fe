"""GraphQL side of measured service level indicators: `indicators` and `recordMeasurements`."""
