"""GraphQL subscriptions over WebSocket (`graphql-transport-ws`) at `/graphql`: `events(types)` and
`ticketSla(source, externalId)`.

`connection` authenticates the socket in `connection_init` and closes it when its token expires or its API client is
revoked (the HTTP rules); `fields` holds the subscriptions, which read through the same service functions as the
queries (`services.events.list_events`, `services.ticketing.tickets.ticket_sla`) and wake on the outbox's NOTIFY, so
an idle subscription costs no query.
"""
