"""`sla serve --demo`: three parties, their API clients and an active agreement, through the real use cases.

The agreement is back-dated to the start of last month (Europe/Berlin) and last month has history: tickets (one
answered in time, one late) and a 90-minute outage. So the applicable-SLA lookup, the ticket clocks, last month's
statement with its service credit and the review calendar all show real figures on the first start."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, PartyExternalRef
from db.values import ApprovalDecision, IncidentKind, MembershipStatus, Role, TicketEventType
from services.actors import ALL_SCOPES, PARTY_SCOPES, Actor
from services.agreements.drafts import create_agreement
from services.agreements.inputs import AgreementCreate, ClauseInput, Decision, MembershipInput, VersionProposal
from services.agreements.invitations import answer_invitation, list_invitations
from services.agreements.lifecycle import transition_agreement
from services.agreements.proposals import decide_version, propose_version
from services.auth.clients import create_api_client
from services.auth.tokens import TokenSettings, mint_operator_token, mint_party_token
from services.billing.records import IncidentInput, report_incident
from services.parties import PartyInput, create_party
from services.periods import Frequency, ReportPeriod
from services.reports.reports import publish_report
from services.scoping import readable_agreements
from services.ticketing.tickets import TicketEventBatch, TicketEventIn, ingest_events

DEMO_ZONE = ZoneInfo("Europe/Berlin")


def last_month_start(now: datetime) -> datetime:
    """00:00 on the first day of the month before `now`'s, Berlin time (the agreement's zone), as UTC."""
    local = now.astimezone(DEMO_ZONE)
    first = (local.replace(day=1) - timedelta(days=1)).replace(day=1)
    return datetime(first.year, first.month, 1, tzinfo=DEMO_ZONE).astimezone(now.tzinfo)


OPERATOR = Actor(party_id=None, scopes=frozenset(ALL_SCOPES), subject="demo")

DEMO_CLAUSES = [
    ClauseInput(
        key="response-times",
        kind="service_level",
        title="Response and resolution times",
        terms={
            "targets": [
                {
                    "key": "p1-first-response",
                    "metric": "first_response",
                    "match": {"priority": "P1"},
                    "duration": "PT1H",
                    "time": "calendar",
                    "warn_at_percent": [75],
                    "compliance_target": "95",
                },
                {
                    "key": "p2-first-response",
                    "metric": "first_response",
                    "match": {"priority": "P2"},
                    "duration": "PT4H",
                    "time": "business",
                },
                {
                    "key": "p1-resolution",
                    "metric": "resolution",
                    "match": {"priority": "P1"},
                    "duration": "PT8H",
                    "time": "calendar",
                    "pause_statuses": ["pending"],
                },
                {"key": "uptime", "metric": "availability", "percentage": "99.9"},
            ]
        },
    ),
    ClauseInput(
        key="service-hours",
        kind="schedule",
        title="Service hours",
        terms={
            "timezone": "Europe/Berlin",
            "weekly_windows": {
                day: [{"start": "08:00", "end": "18:00"}] for day in ("mon", "tue", "wed", "thu", "fri")
            },
            "holidays": {"country": "DE", "subdivision": "BE"},
        },
    ),
    ClauseInput(
        key="fees",
        kind="cost",
        title="Fees",
        terms={
            "price_lines": [
                {
                    "code": "base",
                    "description": "Monthly support fee",
                    "amount": {"amount": "4200.00", "currency": "EUR"},
                    "unit": "month",
                },
            ]
        },
    ),
    ClauseInput(
        key="uptime-credits",
        kind="service_credit",
        title="Service credits",
        terms={
            "target": "uptime",
            "tiers": [{"below": "99.9", "credit_percent": "10"}, {"below": "99.0", "credit_percent": "25"}],
            "monthly_cap_percent": "100",
            "minimum": {"amount": "1.00", "currency": "EUR"},
        },
    ),
    ClauseInput(
        key="measured-availability",
        kind="verification",
        title="Measured availability",
        terms={
            "data_source": "Acme's monitoring",
            "method": "share of good API requests",
            "measurement_period": "PT1H",
            "indicators": [
                {
                    "key": "api-availability",
                    "source": {"role": "provider"},
                    "method": "ratio",
                    "objective": "99.9",
                    "compliance_window": "calendar_month",
                }
            ],
        },
    ),
    ClauseInput(key="review", kind="review", title="Quarterly review", terms={"cadence": "P3M", "notice": "P14D"}),
    ClauseInput(
        key="disputes",
        kind="dispute_resolution",
        title="Disputes",
        terms={"stages": [{"name": "negotiation", "time_limit": "P10D"}, {"name": "mediation", "time_limit": "P30D"}]},
    ),
    ClauseInput(
        key="escalation",
        kind="escalation",
        title="Escalation",
        terms={
            "levels": [
                {
                    "level": 1,
                    "after": "PT2H",
                    "to": {"role": "provider", "email": "duty@acme.example"},
                    "channel": "phone",
                },
                {"level": 2, "after": "PT4H", "to": {"role": "provider", "email": "cto@acme.example"}},
            ]
        },
    ),
    ClauseInput(
        key="monthly-report",
        kind="reporting",
        title="Monthly service report",
        terms={
            "contents": ["attainment", "breaches", "incidents", "credits", "disputes", "review", "changes"],
            "frequency": "P1M",
            "recipients": ["customer", "third_party"],
            "due_after_period_end": "P5D",
        },
    ),
]


async def seed_demo(session: AsyncSession, settings: TokenSettings, now: datetime) -> dict[str, Any]:
    """Seed once (recognised by the provider's external ref); always print fresh tokens."""
    printable: dict[str, Any] = {}
    if (
        await session.scalar(
            select(PartyExternalRef).where(PartyExternalRef.system == "demo", PartyExternalRef.external_id == "acme")
        )
        is None
    ):
        printable.update(await _seed(session, now))
        await session.flush()
    rows = (
        await session.execute(
            select(PartyExternalRef.external_id, PartyExternalRef.party_id).where(PartyExternalRef.system == "demo")
        )
    ).all()
    parties = dict(rows)
    # Acme's first agreement (it provides every demo agreement), read as Acme would through the scoping module.
    acme = Actor(party_id=parties["acme"], scopes=frozenset(), subject="demo")
    agreement_id = await session.scalar(
        readable_agreements(acme).with_only_columns(Agreement.id).order_by(Agreement.created_at).limit(1)
    )
    printable["demo agreement id"] = str(agreement_id)
    printable["operator token"] = await mint_operator_token(session, settings=settings, now=now)
    for name in ("acme", "globex", "globex-retail"):
        printable[f"{name} party id"] = str(parties[name])
        printable[f"{name} token"] = await mint_party_token(
            session, settings=settings, party_id=parties[name], scopes=list(PARTY_SCOPES), now=now
        )
    return printable


async def _seed(session: AsyncSession, today: datetime) -> dict[str, str]:
    """Returns the demo clients' credentials: shown on this first start only, as secrets are never stored.
    Everything up to the activation happens at the start of last month, so the agreement governs all of it."""
    now = last_month_start(today)
    acme = await create_party(session, OPERATOR, PartyInput("Acme Support", external_refs={"demo": "acme"}), now=now)
    globex = await create_party(
        session, OPERATOR, PartyInput("Globex", external_refs={"demo": "globex", "zendesk": "12345"}), now=now
    )
    retail = await create_party(
        session, OPERATOR, PartyInput("Globex Retail", external_refs={"demo": "globex-retail"}), now=now
    )
    credentials = {}
    for key, party in (("acme", acme), ("globex", globex), ("globex-retail", retail)):
        client, secret = await create_api_client(
            session, party_id=party.id, name=f"{party.name} demo client", scopes=None, now=now
        )
        credentials[f"{key} client_id"] = client.client_id
        credentials[f"{key} client_secret (shown once)"] = secret
    provider = Actor(party_id=acme.id, scopes=frozenset(PARTY_SCOPES), subject="demo")
    customer = Actor(party_id=globex.id, scopes=frozenset(PARTY_SCOPES), subject="demo")
    agreement = await create_agreement(
        session,
        provider,
        AgreementCreate(
            title="Acme ↔ Globex managed support",
            timezone="Europe/Berlin",
            memberships=[
                MembershipInput(acme.id, Role.PROVIDER),
                MembershipInput(globex.id, Role.CUSTOMER),
                MembershipInput(retail.id, Role.THIRD_PARTY),
            ],
            clauses=DEMO_CLAUSES,
        ),
        now=now,
    )
    for invited in (customer, Actor(party_id=retail.id, scopes=frozenset(PARTY_SCOPES), subject="demo")):
        (invitation,), _ = await list_invitations(session, invited, status="invited")
        await answer_invitation(session, invited, invitation.id, MembershipStatus.ACCEPTED, now=now)
    await propose_version(session, provider, agreement.id, VersionProposal(summary="Initial terms"), now=now)
    for actor in (provider, customer):
        await decide_version(session, actor, agreement.id, 1, ApprovalDecision.APPROVED, Decision(), now=now)
    await transition_agreement(session, customer, agreement.id, "activate", now=now)
    await _history(session, provider, agreement.id, start=now, today=today)
    # Last month's report, as the worker publishes it after the month (the demo may run without a worker).
    await publish_report(
        session, agreement.id, ReportPeriod.containing(now, "Europe/Berlin", Frequency.MONTHLY), now=today
    )
    return credentials


async def _history(
    session: AsyncSession, provider: Actor, agreement_id: uuid.UUID, *, start: datetime, today: datetime
) -> None:
    """Last month: two P1 tickets from Globex (zendesk customer 12345), one answered in 40 minutes, one in three
    hours (its first-response clock breached), and a 90-minute API outage on the 14th."""
    day = start + timedelta(days=13, hours=9)  # the 14th, 09:00 Berlin time
    events = [
        TicketEventIn(
            "zendesk", "demo-1", "1001", TicketEventType.CREATED, day, customer="zendesk:12345", priority="P1"
        ),
        TicketEventIn("zendesk", "demo-2", "1001", TicketEventType.AGENT_REPLIED, day + timedelta(minutes=40)),
        TicketEventIn("zendesk", "demo-3", "1001", TicketEventType.SOLVED, day + timedelta(hours=5)),
        TicketEventIn(
            "zendesk",
            "demo-4",
            "1002",
            TicketEventType.CREATED,
            day + timedelta(days=1),
            customer="zendesk:12345",
            priority="P1",
        ),
        TicketEventIn("zendesk", "demo-5", "1002", TicketEventType.AGENT_REPLIED, day + timedelta(days=1, hours=3)),
    ]
    await ingest_events(session, provider, TicketEventBatch(events=events), now=today)
    outage = IncidentInput(
        IncidentKind.OUTAGE, day, day + timedelta(minutes=90), service="api", description="API outage"
    )
    await report_incident(session, provider, agreement_id, outage, now=today)
