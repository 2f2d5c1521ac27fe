"""The words of the OpenAPI document: each operation's stable id and description, and what each parameter and
schema property means. Kept apart from the controllers so a reader (and a lint test) sees the whole contract's
vocabulary in one place; `api.openapi` applies it and refuses an operation that has no entry."""

from __future__ import annotations

# "METHOD /path" → (operationId, description). The operationId is what generated clients name their method:
# short, camelCase, stable; renaming one is a breaking change for every SDK.
OPERATIONS: dict[str, tuple[str, str]] = {
    "GET /.well-known/jwks.json": (
        "getJwks",
        "The JSON Web Key Set of the service's signing keys. Tokens name their key by `kid`; a rotated-out key stays "
        "here until the last token it signed expires. Public, cacheable for five minutes.",
    ),
    "GET /healthz": ("getHealth", "Liveness: answers 200 while the process serves requests. Public."),
    "GET /readyz": (
        "getReadiness",
        "Readiness: 200 when the database is reachable and migrated to the expected revision, 503 otherwise. "
        "Reports the in-process worker's wake-up mode (LISTEN or polling). Public.",
    ),
    "POST /oauth/token": (
        "createToken",
        "OAuth 2.0 client credentials grant (RFC 6749 §4.4). Send `grant_type=client_credentials` with the API "
        "client's id and secret, either as HTTP Basic credentials or in the body (form-encoded or JSON), and "
        "optionally `scope` to narrow the token. Errors carry `error` and `error_description` as RFC 6749 §5.2 "
        "asks. Public.",
    ),
    "POST /v1/agreements/{agreement_id}/import/zendesk": (
        "importZendeskPolicies",
        "Zendesk SLA policies (`sla_policies` as Zendesk's API lists them), schedules (Rails time zones, `intervals` "
        "in minutes from Sunday 00:00, `holidays`) become `service_level` and `schedule` clauses keyed "
        "`zendesk-policy-<id>` and `zendesk-schedule-<id>`: on a draft they replace the clauses of the same keys, "
        "on an agreement past its draft they are proposed as a new version. What cannot be mapped is listed in "
        "`unmapped` with the reason.",
    ),
    "GET /v1/agreements/{agreement_id}/export/zendesk": (
        "exportZendeskPolicies",
        "The service levels and schedules of the version in effect (or `?version=`) as Zendesk SLA policies and "
        "schedules; importing the answer gives the same clauses. What has no Zendesk form is in `unmapped`.",
    ),
    "POST /v1/agreements/{agreement_id}/import/openslo": (
        "importOpenSlo",
        "OpenSLO v1 YAML (`SLO` documents with their `SLI`, inline or by `indicatorRef`) becomes availability and "
        "ticket targets (objectives `target` as a ratio; ticket objectives `op: lte` in seconds) and `verification` "
        "clauses for indicators measured elsewhere; applied to the draft or proposed as a new version. What has no "
        "equivalent (rolling windows, several objectives) is in `unmapped`.",
    ),
    "GET /v1/agreements/{agreement_id}/export/openslo": (
        "exportOpenSlo",
        "Availability targets and ticket targets with a compliance target as OpenSLO v1 `Service`, `SLI` and `SLO` "
        "documents (calendar-month windows in the agreement's time zone), as YAML and as JSON objects; importing "
        "the YAML gives the same targets.",
    ),
    "GET /v1/agreements/{agreement_id}/export/jira": (
        "exportJiraSla",
        "The time targets of the version in effect (or `?version=`) as Jira Service Management SLA metrics (start, "
        "pause and stop conditions) with goals in order (JQL, goal time, calendar), and the schedules as JSM "
        "calendars: what a JSM admin sets up in the project's SLA settings. Targets JSM cannot measure are in "
        "`unmapped`.",
    ),
    "POST /v1/agreements/{agreement_id}/import/jsm": (
        "importJiraSla",
        "Jira Service Management SLA goals in the shape `export/jira` answers (`slas` with start, pause and stop "
        "conditions and goals: JQL, goal time, calendar; `calendars` with working time and holidays) become "
        "`service_level` and `schedule` clauses: goals return to the clause and target their `from` names (else "
        "`jsm-slas`), calendars to their `key` (else `jsm-calendar-<name>`). Applied to the draft or proposed as a "
        "new version; an existing clause keeps its title. What cannot be mapped (JQL beyond `=`/`in` joined by AND, "
        "goals not in hours and minutes, other start/stop or pause conditions) is in `unmapped` with the reason.",
    ),
    "POST /v1/integrations": (
        "createIntegration",
        "Connect a ticketing tool (`zendesk` or `jira`) to the caller's party. The answer shows the signing secret "
        "once (Zendesk: the webhook's own secret, pasted in; Jira: generated unless given) and `events_url`, where "
        "the tool delivers its webhooks. The mapping starts from the tool's defaults.",
    ),
    "GET /v1/integrations": ("listIntegrations", "The caller's party's integrations, oldest first."),
    "GET /v1/integrations/{integration_id}": (
        "getIntegration",
        "One integration with the mapping in force: priorities, statuses (which end the ticket), which comments "
        "count as replies, and where the customer is read from.",
    ),
    "PATCH /v1/integrations/{integration_id}": (
        "updateIntegration",
        "Rename the integration, pause or resume it, or change mapping fields (those left out keep their value).",
    ),
    "DELETE /v1/integrations/{integration_id}": (
        "deleteIntegration",
        "Disconnect the tool: its deliveries are refused from now on; the tickets it fed and their clocks stay.",
    ),
    "POST /v1/integrations/{integration_id}/rotate-secret": (
        "rotateIntegrationSecret",
        "A new signing secret (given, or generated for Jira), shown once; older secrets keep verifying for 24 hours "
        "so the tool can be switched over without refused deliveries.",
    ),
    "GET /v1/integrations/{integration_id}/deliveries": (
        "listIntegrationDeliveries",
        "Every delivery the integration received, newest first: accepted, ignored (nothing in it concerns SLA "
        "clocks) or refused (bad or stale signature, paused, malformed), with the reason.",
    ),
    "POST /v1/integrations/zendesk/events": (
        "receiveZendeskEvents",
        "Where a Zendesk webhook subscribed to ticket events (`zen:event-type:ticket.*`) delivers, with "
        "`?integration=<id>`. Verified with `X-Zendesk-Webhook-Signature` (base64 HMAC-SHA256 of the "
        "`X-Zendesk-Webhook-Signature-Timestamp` value and the body); a bad or stale (over 5 minutes) signature is "
        "refused with 401 and nothing is stored. Creation, priority and status changes and comments become ticket "
        "events through the integration's mapping, with the idempotency and clocks of `POST /v1/tickets/events`. "
        "Authenticated by the signature, not a token.",
    ),
    "POST /v1/integrations/jira/events": (
        "receiveJiraEvents",
        "Where a Jira Cloud admin webhook (with a secret) delivers `jira:issue_created`, `jira:issue_updated` (its "
        "changelog) and `comment_created`, with `?integration=<id>`. Verified with `X-Hub-Signature` (`sha256=` hex "
        "HMAC-SHA256 of the body); a bad signature is refused with 401 and nothing is stored. Authenticated by the "
        "signature, not a token.",
    ),
    "GET /v1/agreements": (
        "listAgreements",
        "Agreements the caller's party is a member of, newest first, filtered by status, the caller's role, a "
        "counter-party or the agreements in effect at an instant.",
    ),
    "POST /v1/agreements": (
        "createAgreement",
        "Create a draft agreement with its memberships and clauses; the caller's party must be a member. Naming "
        "another party invites it. Each clause's `terms` are checked against its `kind`.",
    ),
    "GET /v1/agreements/{agreement_id}": (
        "getAgreement",
        "One agreement with its memberships and current version number. The `ETag` header is the version to send "
        "back in `If-Match`.",
    ),
    "PATCH /v1/agreements/{agreement_id}": (
        "updateAgreement",
        "Change a draft's title, time zone, memberships or clauses. Needs `If-Match` with the ETag last read "
        "(428 without it, 412 when someone changed it since).",
    ),
    "POST /v1/agreements/{agreement_id}/activate": (
        "activateAgreement",
        "Activate an agreement whose proposed version every member approved; the version takes effect.",
    ),
    "POST /v1/agreements/{agreement_id}/suspend": (
        "suspendAgreement",
        "Suspend an active agreement: SLA clocks stop matching it until it is resumed.",
    ),
    "POST /v1/agreements/{agreement_id}/resume": ("resumeAgreement", "Resume a suspended agreement."),
    "POST /v1/agreements/{agreement_id}/terminate": (
        "terminateAgreement",
        "Terminate the agreement for good; its history stays readable.",
    ),
    "GET /v1/agreements/{agreement_id}/clauses": (
        "listClauses",
        "The clauses of the version in effect now, of a given `version`, or of the version in effect at `as_of`. "
        "A third party sees only the kinds its role may see.",
    ),
    "GET /v1/agreements/{agreement_id}/history": (
        "listAgreementHistory",
        "The agreement's events, oldest first, as the caller's role may see them.",
    ),
    "GET /v1/agreements/{agreement_id}/attainment": (
        "getAttainment",
        "Measured attainment per service-level target for one calendar month (in the agreement's time zone): "
        "measured value, target and whether it was met.",
    ),
    "POST /v1/agreements/{agreement_id}/measurements": (
        "recordMeasurements",
        "The data source a `verification` clause names for an indicator (its party role, and API client when the "
        "clause names one) posts a batch of measurements: ratio windows `{indicator, window_start, window_end, good, "
        "total}` or threshold samples `{indicator, at, value}`. Idempotent per indicator and window: the same figures "
        "again change nothing, other figures are a 409. Data for a closed billing period is refused (409). New data "
        "is evaluated against the indicator's burn-rate alerts and error budget, and `slo.burn_rate_high`, "
        "`slo.budget_exhausted` and `slo.recovered` are emitted once per episode.",
    ),
    "GET /v1/agreements/{agreement_id}/indicators": (
        "listIndicators",
        "Each measured indicator of the version in effect (that the caller's role may see): attainment in its "
        "compliance window against the objective, the error budget remaining, the burn rate over each alert's long "
        "and short windows, the open alert episodes; with `from` and `to`, a series at `resolution`.",
    ),
    "POST /v1/agreements/{agreement_id}/versions/{number}/simulate": (
        "simulateVersion",
        "Replay the recorded ticket events and incidents of a range of months (`from`, `to` as `YYYY-MM`; default the "
        "last three completed months) against the version's targets, calendars, credit tiers and price lines, beside "
        "what the accepted version gives for the same range: per target and month the clocks due, met and breached, "
        "the attainment, the breaches the version adds or removes (with their tickets), and per month the charges, "
        "credits and totals and their difference. Read-only: nothing is stored, no event is emitted. For the "
        "provider, the customer and the operator.",
    ),
    "GET /v1/agreements/{agreement_id}/reports": (
        "listReports",
        "The agreement's published service reports (the `reporting` clause), newest period first: period, SHA-256 "
        "of the caller's rendering, when published, and where to read it.",
    ),
    "GET /v1/agreements/{agreement_id}/reports/{period}": (
        "getReport",
        "One completed period's service report (`YYYY-MM`), frozen when published, by `Accept`: `application/json` "
        "(the report with the SHA-256 of its canonical JSON), `text/html` (a self-contained page with inline SVG "
        "charts) or `application/pdf`. Other types are a 406. Third parties read their own rendering, without any "
        "cost or credit figure.",
    ),
    "GET /v1/agreements/{agreement_id}/incidents": (
        "listIncidents",
        "The agreement's availability incidents and maintenance windows, with whether the customer accepted them.",
    ),
    "POST /v1/agreements/{agreement_id}/incidents": (
        "reportIncident",
        "The provider records an availability incident (downtime) or a maintenance window; a maintenance window "
        "is excluded from availability once the customer accepts it.",
    ),
    "POST /v1/agreements/{agreement_id}/incidents/{incident_id}/accept": (
        "acceptIncident",
        "The customer accepts a maintenance window, so it no longer counts as downtime.",
    ),
    "POST /v1/agreements/{agreement_id}/usage": (
        "reportUsage",
        "Report the quantity used of a usage-priced cost line for a period. Idempotent by `usage_id`: the same id "
        "with the same content is a no-op.",
    ),
    "PUT /v1/agreements/{agreement_id}/review-cycle": (
        "setReviewCycle",
        "Set the review cadence and notice explicitly, overriding the review clause's; reviews are scheduled from "
        "the cycle's anchor.",
    ),
    "GET /v1/agreements/{agreement_id}/reviews": (
        "listReviews",
        "The agreement's review cycle and its reviews (scheduled, due, overdue, completed or cancelled).",
    ),
    "POST /v1/agreements/{agreement_id}/reviews": (
        "scheduleReview",
        "Schedule an extra review; refused with 409 while another review is open.",
    ),
    "GET /v1/agreements/{agreement_id}/reviews.ics": (
        "getReviewCalendar",
        "The agreement's reviews as an RFC 5545 calendar feed. Calendar apps that cannot send headers pass a "
        "long-lived feed token (`POST /v1/feed-tokens`) as `feed_token`; a revoked one answers 401 at once. A "
        "short-lived bearer token also works as the `access_token` query parameter (RFC 6750 §2.3).",
    ),
    "GET /v1/feed-tokens": (
        "listFeedTokens",
        "The caller's party's calendar feed tokens, revoked ones included; the tokens themselves are never shown "
        "again.",
    ),
    "POST /v1/feed-tokens": (
        "createFeedToken",
        "Create a long-lived calendar feed token for the caller's party: it reads the party's agreements' review "
        "feeds (`…/reviews.ics?feed_token=…`) and nothing else. The answer holds the token, shown this once; only "
        "its hash is kept.",
    ),
    "POST /v1/feed-tokens/{feed_token_id}/revoke": (
        "revokeFeedToken",
        "Revoke one of the caller's party's feed tokens: feeds using it answer 401 at once. Another party's token "
        "answers 404 like a missing one.",
    ),
    "GET /v1/agreements/{agreement_id}/versions": (
        "listVersions",
        "The agreement's versions with their approvals and the clauses the caller may see.",
    ),
    "POST /v1/agreements/{agreement_id}/versions": (
        "proposeVersion",
        "Propose a new version: the draft's first proposal, or an amendment of an active agreement. Every other "
        "member is asked to approve it.",
    ),
    "GET /v1/agreements/{agreement_id}/versions/{number}": (
        "getVersion",
        "One version with its approvals and clauses.",
    ),
    "POST /v1/agreements/{agreement_id}/versions/{number}/approve": (
        "approveVersion",
        "The caller's party approves a proposed version; once every member approved, it is accepted (and an "
        "amendment takes effect at its effective date).",
    ),
    "POST /v1/agreements/{agreement_id}/versions/{number}/reject": (
        "rejectVersion",
        "The caller's party rejects a proposed version, with an optional comment.",
    ),
    "POST /v1/agreements/{agreement_id}/versions/{number}/withdraw": (
        "withdrawVersion",
        "The proposing party withdraws its proposal before it is decided.",
    ),
    "GET /v1/agreements/{agreement_id}/versions/{number}/diff": (
        "diffVersions",
        "The clauses added, removed and changed from version `against` to this one, by clause key.",
    ),
    "POST /v1/billing/periods/{period}/close": (
        "closeBillingPeriod",
        "The operator closes a month: attainment, credits and statements are frozen and hashed, and events are "
        "emitted.",
    ),
    "GET /v1/billing/statements": (
        "listStatements",
        "The billing pull: a customer's agreed costs and service credits per agreement for one month. "
        "`Accept: text/csv` (or `format=csv`) answers CSV with a totals row.",
    ),
    "GET /v1/calendars": (
        "listCalendars",
        "The built-in 24×7 calendar, the caller's party's own calendars and the operator's shared ones.",
    ),
    "POST /v1/calendars": (
        "createCalendar",
        "Create a business-hours calendar (time zone, weekly windows, holidays, closures) for the caller's party; "
        "the operator's calendars are shared with everyone.",
    ),
    "GET /v1/calendars/{calendar_id}": ("getCalendar", "One calendar."),
    "PATCH /v1/calendars/{calendar_id}": (
        "updateCalendar",
        "Change a calendar; each field sent replaces that field wholly. `If-Match` is optional.",
    ),
    "DELETE /v1/calendars/{calendar_id}": (
        "deleteCalendar",
        "Delete a calendar; refused with 409 while a clause refers to it.",
    ),
    "GET /v1/disputes": (
        "listDisputes",
        "Disputes the caller's party raised or is the respondent of, newest first.",
    ),
    "POST /v1/disputes": (
        "openDispute",
        "Open a dispute about an agreement, one of its clauses, a ticket's SLA or a credit; an open dispute about "
        "a credit holds it.",
    ),
    "GET /v1/disputes/{dispute_id}": ("getDispute", "A dispute with its timeline and evidence."),
    "POST /v1/disputes/{dispute_id}/acknowledge": (
        "acknowledgeDispute",
        "The respondent acknowledges the dispute.",
    ),
    "POST /v1/disputes/{dispute_id}/comments": (
        "commentOnDispute",
        "Either party comments, optionally attaching evidence (inline content or a link).",
    ),
    "POST /v1/disputes/{dispute_id}/escalate": (
        "escalateDispute",
        "Escalate to the next escalation level and dispute-resolution stage.",
    ),
    "GET /v1/disputes/{dispute_id}/evidence/{evidence_id}": (
        "getDisputeEvidence",
        "An attachment's content, served as a download; evidence given as a link answers 303 to it.",
    ),
    "POST /v1/disputes/{dispute_id}/reject": ("rejectDispute", "The respondent rejects the claim."),
    "POST /v1/disputes/{dispute_id}/resolve": (
        "resolveDispute",
        "Resolve with an outcome and an optional agreed credit adjustment.",
    ),
    "POST /v1/disputes/{dispute_id}/withdraw": ("withdrawDispute", "The raising party withdraws the dispute."),
    "GET /v1/events": (
        "listEvents",
        "The caller's events, oldest first: a polling alternative to webhooks, filtered by event type.",
    ),
    "GET /v1/event-types": (
        "listEventTypes",
        "Every event type a webhook subscription (`event_types`) or `/v1/events?type=` can name: what it means and "
        "a self-contained JSON Schema (2020-12) of the webhook body it is delivered in, the same as the document's "
        "`webhooks` section. Any authenticated caller.",
    ),
    "GET /v1/events/stream": (
        "streamEvents",
        "The caller's events as Server-Sent Events (`text/event-stream`), sent as they are committed: the same events "
        "and role filtering as `GET /v1/events`, filtered by `type`. Each message's `event` is the event type, `data` "
        "the event as JSON and `id` a cursor: send it back as `Last-Event-ID` to resume after it. A `: heartbeat` "
        "comment comes when idle; the stream ends with a `stream.closed` message when the token expires or its API "
        "client is revoked.",
    ),
    "GET /v1/events/{event_id}": ("getEvent", "One event, as the caller's role may see it."),
    "POST /v1/events/{event_id}/redeliver": (
        "redeliverEvent",
        "Queue one event again for one of the caller's webhook subscriptions.",
    ),
    "GET /v1/invitations": (
        "listInvitations",
        "Invitations to agreements addressed to the caller's party, oldest first.",
    ),
    "GET /v1/invitations/{invitation_id}": ("getInvitation", "One invitation."),
    "POST /v1/invitations/{invitation_id}/accept": (
        "acceptInvitation",
        "Accept: the caller's party joins the agreement in the role it was invited to.",
    ),
    "POST /v1/invitations/{invitation_id}/decline": (
        "declineInvitation",
        "Decline: the caller's party stays out of the agreement; the inviter learns only that it declined.",
    ),
    "GET /v1/me": ("getMe", "The caller: its party (absent for the operator) and the scopes of its token."),
    "GET /v1/parties": (
        "listParties",
        "Parties the caller can see: its own and those it shares an agreement with.",
    ),
    "POST /v1/parties": ("createParty", "The operator creates a party."),
    "GET /v1/parties/{party_id}": ("getParty", "One party's profile."),
    "PATCH /v1/parties/{party_id}": (
        "updateParty",
        "The operator edits a party. Needs `If-Match` with the ETag last read.",
    ),
    "GET /v1/parties/{party_id}/clients": (
        "listApiClients",
        "A party's API clients (to the party itself or the operator); secrets are never shown again.",
    ),
    "POST /v1/parties/{party_id}/clients": (
        "createApiClient",
        "The operator creates an API client for a party; the answer holds the client secret, shown this once.",
    ),
    "GET /v1/clients/{api_client_id}": (
        "getApiClient",
        "One API client, to the operator or to its own party; the secret is never shown again.",
    ),
    "POST /v1/clients/{api_client_id}/revoke": (
        "revokeApiClient",
        "The operator revokes an API client: tokens it obtained stop working at once and `client.revoked` is recorded.",
    ),
    "GET /metrics": (
        "getMetrics",
        "Prometheus metrics in the text exposition format (off, open, or an operator token, by `SLA_METRICS`).",
    ),
    "GET /v1/reviews/{review_id}": ("getReview", "One review."),
    "POST /v1/reviews/{review_id}/cancel": (
        "cancelReview",
        "Cancel a review with a reason; the cycle schedules the next one.",
    ),
    "POST /v1/reviews/{review_id}/complete": (
        "completeReview",
        "Complete a review with its participants, findings and outcome (`no_change` or an amendment).",
    ),
    "GET /v1/sla/applicable": (
        "getApplicableSla",
        "The ticketing hot path: which agreement and version apply to a ticket of this customer, service and "
        "priority opened at `opened_at`, and when each target is due, with warning times, the calendar used and "
        "an explanation. Any other query parameter is a ticket attribute matched against the targets.",
    ),
    "POST /v1/tickets/events": (
        "ingestTicketEvents",
        "Ticket lifecycle events from a ticketing tool, in batches; idempotent by source and event id. Events in "
        "any order and batching give the same clocks.",
    ),
    "GET /v1/tickets/{source}/{external_id}/sla": (
        "getTicketSla",
        "A ticket's SLA clocks (due times, pauses, outcome) and their histories.",
    ),
    "GET /v1/webhooks": ("listWebhookSubscriptions", "The caller's party's webhook subscriptions."),
    "POST /v1/webhooks": (
        "createWebhookSubscription",
        "Subscribe a URL to event types (or `*`). The answer holds the signing secret (`whsec_…`), shown this "
        "once. Private and loopback addresses are refused unless `SLA_WEBHOOK_ALLOW_NETWORKS` allows them.",
    ),
    "GET /v1/webhooks/{subscription_id}": ("getWebhookSubscription", "One subscription."),
    "PATCH /v1/webhooks/{subscription_id}": (
        "updateWebhookSubscription",
        "Change the URL, event types or description; applies before the next delivery attempt. `If-Match` is optional.",
    ),
    "DELETE /v1/webhooks/{subscription_id}": (
        "deleteWebhookSubscription",
        "Delete a subscription and its pending deliveries.",
    ),
    "GET /v1/webhooks/{subscription_id}/deliveries": (
        "listWebhookDeliveries",
        "Every delivery attempt to this subscription, newest first, with status and latency.",
    ),
    "POST /v1/webhooks/{subscription_id}/pause": (
        "pauseWebhookSubscription",
        "Pause deliveries; events keep queueing and go out in order on resume.",
    ),
    "POST /v1/webhooks/{subscription_id}/resume": (
        "resumeWebhookSubscription",
        "Resume a paused or disabled subscription.",
    ),
    "POST /v1/webhooks/{subscription_id}/rotate-secret": (
        "rotateWebhookSecret",
        "Issue a new signing secret (shown once); older secrets also sign until their grace period (24 hours by "
        "default) ends.",
    ),
    "POST /v1/webhooks/{subscription_id}/test": (
        "testWebhookSubscription",
        "Send a `webhook.test` event now and report the receiver's status and latency.",
    ),
    "POST /v1/webhooks/{subscription_id}/recover": (
        "recoverWebhookEvents",
        "Queue again, in order, every event since `since` that this subscription missed (written while it was "
        "disabled, or failed for good).",
    ),
}

# The routes whose update takes the ETag back: required ones answer 428 without it.
IF_MATCH_REQUIRED = frozenset({"PATCH /v1/agreements/{agreement_id}", "PATCH /v1/parties/{party_id}"})
IF_MATCH_OPTIONAL = frozenset(
    {
        "POST /v1/agreements/{agreement_id}/activate",
        "POST /v1/agreements/{agreement_id}/suspend",
        "POST /v1/agreements/{agreement_id}/resume",
        "POST /v1/agreements/{agreement_id}/terminate",
        "POST /v1/agreements/{agreement_id}/versions",
        "PATCH /v1/calendars/{calendar_id}",
        "POST /v1/disputes/{dispute_id}/comments",
        "POST /v1/disputes/{dispute_id}/resolve",
        "POST /v1/reviews/{review_id}/complete",
        "POST /v1/reviews/{review_id}/cancel",
        "PATCH /v1/webhooks/{subscription_id}",
    }
)
# The routes whose success answer carries the resource's ETag.
ETAG_RESPONSES = frozenset(
    {
        "POST /v1/agreements",
        "GET /v1/agreements/{agreement_id}",
        "PATCH /v1/agreements/{agreement_id}",
        "POST /v1/agreements/{agreement_id}/activate",
        "POST /v1/agreements/{agreement_id}/suspend",
        "POST /v1/agreements/{agreement_id}/resume",
        "POST /v1/agreements/{agreement_id}/terminate",
        "POST /v1/calendars",
        "GET /v1/calendars/{calendar_id}",
        "PATCH /v1/calendars/{calendar_id}",
        "POST /v1/disputes",
        "GET /v1/disputes/{dispute_id}",
        "POST /v1/parties",
        "GET /v1/parties/{party_id}",
        "PATCH /v1/parties/{party_id}",
        "GET /v1/reviews/{review_id}",
        "POST /v1/webhooks",
        "GET /v1/webhooks/{subscription_id}",
        "PATCH /v1/webhooks/{subscription_id}",
    }
)

TAGS = {
    "system": "Health, readiness and the public signing keys.",
    "auth": "Tokens from the OAuth 2.0 client-credentials grant.",
    "parties": "Organisations, the caller, and their API clients.",
    "agreements": "Agreements, their clauses, lifecycle, history and invitations.",
    "versions": "Proposed versions (amendments), approvals and diffs.",
    "reviews": "Periodic reviews and their calendar feed.",
    "disputes": "Disputes, their comments, evidence and escalation.",
    "ticketing": "The ticketing hot path: applicable SLAs, ticket events and SLA clocks.",
    "billing": "Attainment, incidents, usage and the billing pull of statements.",
    "verification": "Measured service level indicators: measurements, error budgets and burn-rate alerts.",
    "calendars": "Business-hours calendars that service-level targets count in.",
    "events": "The caller's event log, a polling alternative to webhooks.",
    "webhooks": "Webhook subscriptions (Standard Webhooks signatures) and their deliveries.",
    "reports": "Scheduled service reports (the `reporting` clause): JSON and self-contained HTML.",
    "integrations": "Ticketing tools (Zendesk, Jira Service Management) delivering their own webhooks.",
}

# What a path or query parameter means, by name.
PARAMETERS = {
    "agreement_id": "The agreement's id (UUID)",
    "agreement": "Only statements of this agreement (UUID)",
    "subscription_id": "The webhook subscription's id (UUID)",
    "integration_id": "The integration's id (UUID)",
    "version": "A version number: that version instead of the one in effect",
    "integration": "The integration the delivery is for (UUID), as in its `events_url`",
    "dispute_id": "The dispute's id (UUID)",
    "party_id": "The party's id (UUID)",
    "api_client_id": "The API client's id (UUID, not its `client_id`)",
    "feed_token_id": "The feed token's id (UUID, not the token itself)",
    "calendar_id": "The calendar's id (UUID)",
    "invitation_id": "The invitation's id (UUID)",
    "review_id": "The review's id (UUID)",
    "event_id": "The event's id (UUID)",
    "incident_id": "The incident's id (UUID)",
    "evidence_id": "The evidence item's id (UUID)",
    "source": "The ticketing tool that owns the ticket, as sent in its events (e.g. `zendesk`)",
    "external_id": "The ticket's id in that tool",
    "cursor": "Opaque cursor from the previous page's `next_cursor`; omit for the first page",
    "status": "Only items in this state",
    "role": "Only agreements where the caller's party has this role",
    "counter_party": "Only agreements shared with this party (UUID)",
    "as_of": "An instant (RFC 3339): only what is in effect then",
    "period": "A calendar month, `YYYY-MM`",
    "customer": "The customer: a party id (UUID) or one of its external refs (`system:value`)",
    "service": "The ticket's service, matched against the targets' `match.service`",
    "priority": "The ticket's priority, matched against the targets' `match.priority`",
    "opened_at": "When the ticket was opened (RFC 3339); the clocks start here",
    "type": "Only events of these types (repeat the parameter for several)",
    "since": "An instant (RFC 3339): events written from then on",
    "format": "`csv` for CSV instead of JSON (the same as `Accept: text/csv`)",
    "from": "Start of the series (RFC 3339); with `to`",
    "to": "End of the series (RFC 3339); with `from`",
    "resolution": "The series' step, a fixed ISO 8601 duration of at least a minute (`PT1H`, `P1D`)",
}

# What a schema property means, by name; `Schema.property` entries override the name's general meaning.
PROPERTIES = {
    "SimulationLink.href": "The simulation's path; POST to it (read-only) to see the version's outcomes",
    "SimulationLink.method": "The HTTP method to use, POST",
    "ReportSummary.href": "Where to read the report (JSON, HTML or PDF by `Accept`, or `?format=json|html|pdf`)",
    "ReportSummary.period": "The report's period: `2026-W48` (ISO week), `2026-11` (month), `2026-Q4` (quarter) or "
    "`2026` (year), in the agreement's time zone",
    "decided_by": "Availability targets: `measured` when the verification clause's indicator decides the target and "
    "was measured in the period, `incidents` otherwise; `measured` is the deciding figure and the credit follows it",
    "by_incidents": "Availability targets: the attainment the incidents give (percent, shown like `measured`)",
    "by_measurement": "Availability targets: the deciding indicator's figure in the period, when it was measured",
    "ReportSummary.published_at": "When the report was frozen and published (RFC 3339, UTC)",
    "not_matched": "Why the other targets or agreements do not apply",
    "clocks_due": "Ticket targets: clocks due in the period",
    "clocks_met": "Ticket targets: of those, met",
    "downtime_seconds": "Availability: downtime in whole seconds, overlaps counted once",
    "AttainmentEvidence.incidents": "Availability: incidents counted in the period",
    "FeedTokenCreated.token": "The feed token (`sft_…`) for `…/reviews.ics?feed_token=`, shown only in this answer",
    "FeedTokenCreate.name": "What the token is for (e.g. the calendar app), 1 to 200 characters",
    "closed": "Whether the period is closed (every statement frozen)",
    "statements": "One statement per agreement the caller signed with the customer",
    "BillingStatements.totals": "Per currency: all statements' totals added up",
    "Statement.totals": "Per currency: charges less owed and adjusted credits",
    "event": "What happened to the clock (started, paused, resumed, rematched, met, cancelled, reopened)",
    "from": "From when (RFC 3339, UTC)",
    "ClockStep.from": "For rematched: the previous target's key",
    "Credit.attainment": "The displayed attainment the credit was computed from (percent)",
    "base": "The fees the tier's percentage applies to (exact decimal)",
    "below_minimum": "Below the clause's minimum amount: no credit given",
    "capped": "Whether the monthly cap reduced the credit",
    "claim_by": "The end of the clause's claim window, if it has one (RFC 3339, UTC)",
    "claimed_at": "When the customer claimed it within the window (RFC 3339, UTC)",
    "computed_amount": "For adjusted and expired credits: the amount computed before (exact decimal)",
    "dispute_id": "The dispute about it (UUID)",
    "tier": "The credit tier the attainment fell into",
    "Statement.attainment": "Each service-level target's attainment in the period",
    "credits": "The service credits of the period",
    "Statement.lines": "The charges: prorated recurring fees and priced usage",
    "period_start": "When the period starts in the agreement's time zone (RFC 3339, UTC)",
    "period_end": "When the period ends in the agreement's time zone (RFC 3339, UTC)",
    "Statement.versions": "Each version's share of the period",
    "unit_amount": "The price of one unit (exact decimal)",
    "because": "The conditions the ticket met",
    "matched": "Which target matched, of which clause, at which position",
    "skipped": "Closed dates (holidays, closures) between opening and the deadline",
    "unmapped": "What could not be carried over, each with the reason",
    "ZendeskImportOut.warnings": "What was carried over but applies to more tickets than in Zendesk, and why",
    "applied_as": "`draft` (the draft's clauses were replaced) or `proposal` (a new version was proposed)",
    "sla_policies": "Zendesk SLA policies, in Zendesk's own format",
    "OpenSloImport.yaml": "OpenSLO v1 YAML: one or more documents",
    "OpenSloExportOut.yaml": "The documents as OpenSLO v1 YAML, separated by `---`",
    "documents": "The OpenSLO documents as JSON objects",
    "DeliveredEvent.ticket_id": "The ticket's id in the tool (Zendesk ticket id, Jira issue key)",
    "DeliveredEvent.event_id": "The ticket event's id, made from the tool's own ids (what makes a retry a duplicate)",
    "slas": "JSM SLA metrics, each with its conditions and goals in order",
    "jql": "The JQL a ticket must match for this goal",
    "goal": "The goal time (`4h`, `1h 30m`)",
    "pause": "JSM pause conditions",
    "stop": "JSM stop conditions",
    "calendars": "JSM calendars: time zone, working time and holidays",
    "JiraGoalOut.calendar": "The JSM calendar the goal counts in (`24/7` or a calendar's name)",
    "JiraGoalOut.from": "The clause and target the goal comes from",
    "JiraSlaOut.start": "JSM start conditions",
    "JsmSla.goals": "The goals, in the order JSM tries them (the first whose JQL matches applies)",
    "JsmCalendar.timeZone": "The calendar's time zone (IANA name)",
    "JsmCalendar.workingTime": "The working hours: a day of the week with the time it starts and ends",
    "JsmCalendar.publicHolidays": "The public-holiday region the export names (`country`, `subdivision`)",
    "JsmWorkingTime.day": "A day of the week (`Monday` … `Sunday`)",
    "JiraSlaOut.goals": "The goals, in the order JSM tries them (the first whose JQL matches applies)",
    "schedules": "Zendesk schedules (with their holidays), in Zendesk's own format",
    "default_schedule_id": "The Zendesk schedule business-hours targets count on (default: the first)",
    "item": "What it is about",
    "ignored": "What in the delivery did not become a ticket event, each with the reason",
    "integration_id": "The integration's id (UUID)",
    "mapping": "How the tool's payloads become ticket events",
    "signing_secret": "The secret deliveries are signed with; shown only when it is set",
    "body_sha256": "SHA-256 (hex) of the body as received, to tell payloads apart without keeping them",
    "delivery_ref": "The tool's id of the delivery or event (Zendesk's event id, Jira's webhook identifier)",
    "events_accepted": "Ticket events stored from this delivery",
    "events_duplicate": "Ticket events of this delivery already stored (a retry)",
    "received_at": "When it arrived (RFC 3339, UTC)",
    "ticket_ref": "The ticket's id in the tool",
    "events_url": "Where the tool delivers its webhooks (this service's path, with the integration's id)",
    "agent_replies": "Which agent comments are replies: `public` ones only, or `all` (internal notes too)",
    "count_customer_replies": "Whether the requester's public comments are customer replies",
    "customer_ref_system": "The external-ref system of organisation ids read from payloads (`system:id`)",
    "organization_field": "Jira: the field holding the JSM organisations; the first is the customer",
    "priorities": "The tool's priority (lower case) → the agreement's priority; others pass through",
    "statuses": "The tool's status (lower case) → ours; `solved` and `closed` end the ticket; others pass through",
    "schema": "A self-contained JSON Schema (2020-12) of the webhook body",
    "email": "An email address",
    "multi_currency": "Whether price lines may use more than one currency",
    "price_lines": "The price lines",
    "below": "Attainment below this percentage earns the tier's credit",
    "credit_percent": "The credit, as a percentage of the backed price lines",
    "stages": "Ordered stages, each with a time limit",
    "business_days": "Whether the time limit counts business days only",
    "time_limit": "How long the stage may last (ISO 8601 duration)",
    "levels": "Ordered escalation levels",
    "billing_period": "How often the line is billed",
    "unit": "What one unit is (`month`, `ticket`, `hour`, …)",
    "contents": "What the report contains",
    "due_after_period_end": "How long after the period ends the report is due (ISO 8601 duration)",
    "frequency": "How often (ISO 8601 duration)",
    "recipients": "Who receives it",
    "obligations": "What the responsible role must do",
    "calendar_id": "The calendar's id (UUID)",
    "claim_window": "How long after the period a credit may be claimed (ISO 8601 duration)",
    "minimum": "Credits below this amount are dropped (exact decimal)",
    "monthly_cap_percent": "The most credit per month, as a percentage of the backed price lines",
    "tiers": "Credit tiers by attainment",
    "compliance_target": "Share of tickets that must meet the target in the period (percentage)",
    "percentage": "A percentage as an exact decimal string (availability targets)",
    "warn_at_percent": "Warn when this share of the target time is used (1–99)",
    "data_source": "Where the measurements come from",
    "measurement_period": "Over what period it is measured",
    "method": "How it is measured",
    "about": "What the dispute is about: the agreement, a clause, a ticket's SLA or a credit",
    "accepted": "Whether the customer accepted this maintenance window",
    "accepted_at": "When it was accepted (RFC 3339, UTC)",
    "access_token": "The bearer token (a JWT) to send as `Authorization: Bearer …`",
    "actor": "Who caused the event",
    "actor_party_id": "The party whose caller caused it",
    "added": "Clause keys present only in the newer version",
    "added_by_party_id": "The party that added it",
    "adjustment": "An agreed credit adjustment (exact money)",
    "after": "The clause as it is in the newer version",
    "against": "The older version compared with",
    "agreement": "The agreement it concerns",
    "agreement_id": "The agreement's id (UUID)",
    "agreements": "One entry per agreement",
    "amendment": "The version proposed as the review's outcome, if any",
    "amount": "An exact decimal string, never a float (e.g. `1234.50`)",
    "approvals": "Each member's decision on this version",
    "at": "When (RFC 3339, UTC)",
    "attempt": "The attempt's number, from 1",
    "attributes": "Other ticket attributes to match, name → value (or any of several values)",
    "before": "The clause as it was in the older version",
    "body": "Free text",
    "builtin": "Whether this is the built-in 24×7 calendar",
    "business_seconds_paused": "Business time spent paused, in whole seconds",
    "business_seconds_used": "Business time counted so far, in whole seconds",
    "cadence": "How often reviews recur (ISO 8601 duration, e.g. `P3M`)",
    "calendar": "The calendar the time counts in",
    "cancel_reason": "Why the review was cancelled",
    "cancelled_at": "When it was cancelled (RFC 3339, UTC)",
    "changed": "Clause keys present in both versions with different content",
    "channel": "How to reach them (e.g. email, phone)",
    "clause_key": "The clause's key within the agreement",
    "clauses": "The clauses, in order",
    "client_id": "The API client's public id",
    "client_secret": "The API client's secret, shown only in this answer",
    "clocks": "One SLA clock per matched target and cycle",
    "closed_at": "When it was closed (RFC 3339, UTC)",
    "closures": "Dates on which the calendar is closed",
    "code": "A stable machine-readable code",
    "comment": "A free-text comment",
    "completed_at": "When it was completed (RFC 3339, UTC)",
    "completed_by_party_id": "The party that completed it",
    "contact_email": "Where to reach the party",
    "content": "Inline content, base64 encoded",
    "content_type": "The MIME type of the content",
    "country": "ISO 3166-1 alpha-2 country code of the public holidays",
    "counts_as_downtime": "Whether this incident counts against availability",
    "created_at": "When it was created (RFC 3339, UTC)",
    "credit_period": "The month (`YYYY-MM`) of the credit disputed",
    "currency": "ISO 4217 currency code",
    "current_version": "The number of the version in effect now, if any",
    "customer": "The customer party",
    "customer_party_id": "The customer party's id",
    "cycle": "The review cycle",
    "data": "The event's payload, shaped as the REST representation of its subject",
    "date": "A calendar date (`YYYY-MM-DD`)",
    "decided_at": "When it was decided (RFC 3339, UTC)",
    "decision": "`approved` or `rejected`",
    "delivery_id": "The delivery's id (UUID)",
    "delivery_status": "Where the delivery stands",
    "description": "A human description",
    "detail": "A human explanation",
    "details": "More about it",
    "disabled_reason": "Why deliveries were disabled, if they are",
    "due_at": "When the target is due (RFC 3339, UTC)",
    "duplicates": "How many events were already known (idempotent replays)",
    "duration": "An ISO 8601 duration (e.g. `PT4H`)",
    "effective_from": "When it takes effect (RFC 3339, UTC)",
    "effective_to": "When it stops being in effect (RFC 3339, UTC), if it does",
    "end": "The end (exclusive)",
    "ended_at": "When it ended (RFC 3339, UTC)",
    "error": "The OAuth 2.0 error code (RFC 6749 §5.2)",
    "error_description": "The OAuth 2.0 error's explanation",
    "errors": "One entry per bad field",
    "escalation_level": "How many times it was escalated",
    "escalations": "When each escalation level is reached",
    "event_id": "The event's id, unique per source",
    "event_types": "Event types delivered, or `*` for all",
    "events": "The events",
    "evidence": "Attached evidence",
    "expires_in": "Seconds until the token expires",
    "explanation": "Why this agreement, version and targets apply, step by step",
    "external_id": "The id in the external system",
    "external_refs": "The party's ids in other systems, system → value",
    "failing_since": "When deliveries started failing, if they are",
    "fields": "The fields changed",
    "filename": "The attachment's file name",
    "findings": "What the review found",
    "fri": "Friday's open windows",
    "from_status": "The state before",
    "history": "Every change of this clock, oldest first",
    "holidays": "Public holidays observed (country and subdivision)",
    "id": "The object's id (UUID)",
    "invited_by_party_id": "The party that sent the invitation",
    "items": "This page's items",
    "key": "A key unique within the agreement",
    "kind": "The kind of object",
    "latency_ms": "How long the receiver took, in milliseconds",
    "level": "The escalation level",
    "match": "Which tickets the target applies to",
    "measured": "The measured value, rounded for display (never contradicting `met`)",
    "measured_exact": "The measured value as an exact decimal",
    "memberships": "The parties of the agreement and their roles",
    "met": "Whether the target was met",
    "metric": "What is measured",
    "mode": "How it works",
    "mon": "Monday's open windows",
    "name": "A human name",
    "next_cursor": "Pass as `cursor` to get the next page; null on the last page",
    "note": "A free-text note",
    "notice": "How long before a review it is announced (ISO 8601 duration)",
    "notice_at": "When the review is announced (RFC 3339, UTC)",
    "number": "The version number, from 1",
    "occurred_at": "When it happened (RFC 3339, UTC)",
    "opened_at": "When it was opened (RFC 3339, UTC)",
    "opened_by": "The party that opened it",
    "operator": "Whether the caller is the operator",
    "original_due_at": "The due time first computed, before pauses and re-matching (RFC 3339, UTC)",
    "outcome": "How it ended",
    "owner_party_id": "The party that owns it; null for shared calendars",
    "participants": "Who takes part",
    "party": "The party",
    "party_id": "The party's id (UUID)",
    "pause_statuses": "Ticket statuses that pause the clock",
    "percent": "A percentage as an exact decimal string",
    "period": "A calendar month (`YYYY-MM`)",
    "price_code": "The code of the cost line",
    "priority": "The ticket's priority",
    "proposed_at": "When it was proposed (RFC 3339, UTC)",
    "proposed_by_party_id": "The party that proposed it",
    "proposed_version": "The number of the version waiting for approval, if any",
    "provisional": "Whether the figures may still change (the period is not closed)",
    "quantity": "How many units, as an exact decimal string",
    "queued": "How many deliveries were queued",
    "raised_by_party_id": "The party that raised it",
    "raiser_must_accept": "Whether the raising party must accept the resolution",
    "reason": "Why",
    "reference": "The agreement's human reference",
    "remove": "Keys to remove",
    "removed": "Clause keys present only in the older version",
    "resolution": "How it was resolved",
    "respondent_party_id": "The party that must answer it",
    "response_body": "The start of the receiver's answer",
    "response_headers": "The receiver's answer headers",
    "revoked_at": "When it was revoked (RFC 3339, UTC), if it was",
    "role": "`provider`, `customer` or `third_party`",
    "sat": "Saturday's open windows",
    "scope": "Space-separated scopes",
    "scopes": "Scopes granted",
    "secret": "The signing secret (`whsec_…`), shown only in this answer",
    "sequence": "Its position in order",
    "service": "The service",
    "sha256": "SHA-256 of the content, hex",
    "shared_with_third_parties": "Whether third parties may see this clause",
    "since": "From when (RFC 3339, UTC)",
    "size": "Size in bytes",
    "source": "The ticketing tool that sent it",
    "special_hours": "Dates with hours other than the weekly ones",
    "stage": "The dispute-resolution stage",
    "stage_deadline": "When the current stage's time limit ends (RFC 3339, UTC)",
    "start": "The start (inclusive)",
    "started_at": "When it started (RFC 3339, UTC)",
    "status": "Its current state",
    "status_code": "The receiver's HTTP status",
    "stopped_at": "When the clock stopped (RFC 3339, UTC), if it did",
    "subdivision": "ISO 3166-2 subdivision of the public holidays",
    "subject": "The token's subject",
    "subscription_id": "The subscription's id (UUID)",
    "succeeded": "Whether the receiver answered 2xx",
    "summary": "A short summary",
    "sun": "Sunday's open windows",
    "target": "The agreed target (ISO 8601 duration or percentage)",
    "target_key": "The key of the service-level target",
    "targets": "The service-level targets",
    "terms": "The clause's typed terms; their shape depends on `kind`",
    "thu": "Thursday's open windows",
    "ticket": "The ticket",
    "ticket_external_id": "The ticket's id in its ticketing tool",
    "ticket_id": "The ticket's id (UUID)",
    "ticket_source": "The ticketing tool of the ticket",
    "tickets": "The tickets",
    "time": "`business` (counted in the calendar's open hours) or `calendar` time",
    "timeline": "Everything that happened, oldest first",
    "timezone": "An IANA time zone (e.g. `Europe/Berlin`)",
    "title": "A human title",
    "to": "Until when (RFC 3339, UTC)",
    "to_status": "The state after",
    "token_id": "The token's `jti`",
    "token_type": "Always `Bearer`",
    "tue": "Tuesday's open windows",
    "type": "The type",
    "unchanged": "Clause keys identical in both versions",
    "updated_at": "When it last changed (RFC 3339, UTC)",
    "url": "An absolute URL",
    "usage_id": "The caller's id for this usage report; repeats are no-ops",
    "version": "The version (for `If-Match` and optimistic concurrency)",
    "version_status": "The version's state",
    "warnings": "When each warning threshold is reached",
    "wed": "Wednesday's open windows",
    "weekly_windows": "The open windows per weekday",
    "windows": "Open windows (`HH:MM`–`HH:MM`, local time)",
    # measured service level indicators
    "alert": "The burn-rate alert's name (or `budget_exhausted`)",
    "budget_percent": "The share of the compliance window's error budget the alert is about (percentage)",
    "long_window": "The alert's long window (fixed ISO 8601 duration, e.g. `PT1H`)",
    "short_window": "The alert's short window, usually a twelfth of the long one (e.g. `PT5M`)",
    "firing": "Whether the burn rate over both windows is above the threshold",
    "long_burn_rate": "The burn rate over the long window (1 spends the budget exactly by the window's end)",
    "short_burn_rate": "The burn rate over the short window",
    "threshold": "The burn rate above which the alert fires: budget share × compliance window ÷ long window",
    "allowed_bad": "How many events may be bad in the window so far: (1 − objective) × total (exact decimal)",
    "consumed_bad": "How many events were bad in the window so far",
    "exhausted": "Whether the error budget is spent (remaining at or below 0)",
    "remaining_percent": "The error budget remaining, in percent: 100 untouched, 0 spent, negative overspent",
    "burn_rate_alerts": "Multi-window burn-rate alerts (default: SRE workbook, 2 % in 1 h, 5 % in 6 h, 10 % in 3 d)",
    "compliance_window": "`rolling_28d` or `calendar_month` (in the agreement's time zone)",
    "decides_target": "The service-level target whose attainment (and credits) this indicator's figure decides",
    "objective": "The share of good events promised, in percent (e.g. `99.9`)",
    "Indicator.threshold": "For `threshold` indicators: a sample is good when `value <op> limit`",
    "integration": "The API client (`client_id`) of the source's integration; when set, only it may post",
    "limit": "The threshold's limit (exact decimal)",
    "op": "`le`, `lt`, `ge` or `gt`: how a sample's value compares with the limit to be good",
    "attainment": "Percent of events good (truncated to 4 decimals; null without events)",
    "burn_rates": "The burn rate over each alert's windows",
    "error_budget": "The error budget in the compliance window",
    "good": "Good events",
    "total": "All events",
    "open_episodes": "Conditions whose alert episode is open (an alert's name, or `budget_exhausted`)",
    "series": "The counts per step of the requested range (measurements whose window ends in the step)",
    "source_role": "The party role that posts the measurements",
    "window_start": "Start of the window (RFC 3339, UTC)",
    "window_end": "End of the window (RFC 3339, UTC)",
    "indicators": "The measured service level indicators",
    "measurements": "Ratio windows or threshold samples (at most 1000)",
    "indicator": "The indicator's key in the verification clause",
    "MeasurementInput.value": "A threshold sample's value (exact decimal)",
    "MeasurementsRecorded.recorded": "New measurements stored",
    "MeasurementsRecorded.unchanged": "Measurements sent again with the same figures (no change)",
    "MeasurementsRecorded.events": "The alert events the new data caused, in order",
    "Indicator.source": "Who posts the measurements: a party role, and optionally its integration",
    "IndicatorsView.as_of": "The instant the figures are computed at (RFC 3339, UTC)",
    "accepted_version": "The accepted version it is compared with (in effect at the range's end)",
    "from_period": "The first month of the range (`YYYY-MM`)",
    "to_period": "The last month of the range (`YYYY-MM`)",
    "tickets_replayed": "Tickets opened in the range whose events were replayed",
    "breaches_added": "Clocks breached under the simulated version and not under the accepted one",
    "breaches_removed": "Clocks breached under the accepted version and not under the simulated one",
    "breaches_listed_up_to": "At most this many breaches are listed per target",
    "met_compliance": "Whether the attainment reaches the compliance target (or the availability percentage)",
    "difference": "Simulated totals minus accepted totals, per currency",
    "tier_below": "The credit tier's threshold that applied",
    "SimulationRange.from": "First month, `YYYY-MM` (default: three months before `to`)",
    "SimulationRange.to": "Last month, `YYYY-MM` (default: the last completed month)",
    "breached": "Clocks breached",
    "due": "Clocks due",
    "proposed": "Under the simulated version",
    "SimulationView.proposed_version": "The version simulated",
    "TargetPeriod.accepted": "Under the accepted version (null if it has no such target)",
    "TargetPeriod.proposed": "Under the simulated version (null if it has no such target)",
    "PeriodComparison.accepted": "Under the accepted version (null without one)",
    "PeriodComparison.proposed": "Under the simulated version",
    "TargetOutcome.attainment": "Percent of clocks due that were met, or availability in percent (exact)",
    "TargetOutcome.met": "Clocks met",
    "SimulationView.incidents": "Incidents recorded in the range",
    "SimulationView.periods": "Per month: charges, credits and totals under each version, and their difference",
    "TargetComparison.periods": "Per month: the target's outcome under each version",
    "PeriodMoney.charges": "The recurring fees of the whole month, per currency",
    "PeriodMoney.credits": "The service credits the month's attainment earns",
    "PeriodMoney.totals": "Charges less credits, per currency",
}
