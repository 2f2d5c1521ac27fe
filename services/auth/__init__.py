"""Who is calling: signing keys, tokens and API clients."""
