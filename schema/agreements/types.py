"""Agreements, their memberships, versions, approvals and clauses.

These types resolve straight off the ORM rows the services return (`db.models.*`): fields named like a column
need no resolver; the others take the row as `strawberry.Parent`. Nested fields load through the request's
DataLoaders, so a list of agreements costs the same number of SQL statements as one.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.permission import PermissionExtension

from db import models, values
from db.values import Scope
from schema.billing.types import Incident
from schema.clause_terms import ClauseTerms, read_terms
from schema.context import actor_of
from schema.errors import as_graphql_error
from schema.events.queries import event_connection
from schema.events.types import Event
from schema.pagination import DEFAULT_PAGE_SIZE, Connection
from schema.parties.types import Party
from schema.permissions import HasScope, requires_scope
from schema.reports.queries import agreement_report, agreement_reports
from schema.reports.types import ReportSummary, ServiceReport
from schema.reviews.types import Review, ReviewCycle
from schema.scalars import JSON
from services.agreements import drafts as agreement_service
from services.agreements.reads import MembershipState
from services.agreements.states import effective_status
from services.errors import DomainError, NotFound
from services.rows import ClauseHeading
from services.scoping import visible_clauses

# The `type: ignore[arg-type]` / `[return-value]` below are one pattern: a resolver hands strawberry the ORM row, which
# it resolves as the declared GraphQL type (the type's fields read the row's attributes); mypy sees two classes.

if TYPE_CHECKING:
    from schema.disputes.types import Dispute


AgreementStatus = strawberry.enum(values.AgreementStatus)


AgreementRole = strawberry.enum(values.Role, name="AgreementRole")


VersionStatus = strawberry.enum(values.VersionStatus)


ApprovalDecision = strawberry.enum(values.ApprovalDecision)


async def visible_clauses_of(info: strawberry.Info, version: models.AgreementVersion) -> list[models.Clause]:
    """The version's clauses as the caller's role on the agreement may see them (`services.scoping`)."""
    loaders = info.context.loaders
    role, clauses = await asyncio.gather(loaders.role.load(version.agreement_id), loaders.clauses.load(version.id))
    if role is None and not actor_of(info).is_operator:
        # Not a member: nothing to see. (Unreachable through the scoped reads; fail closed all the same.)
        return []
    return visible_clauses(clauses, role)


async def terms_of(clause: strawberry.Parent[models.Clause | ClauseHeading], info: strawberry.Info) -> dict[str, Any]:
    """A clause's terms: read with the row, or — for the rows the `clauses` loader hands out, which leave the one
    large column out — loaded (one batch per request) only when a query asks for them."""
    if not isinstance(clause, ClauseHeading):
        return clause.terms
    terms: dict[str, Any] = await info.context.loaders.clause_terms.load(clause.id)
    return terms


@strawberry.type(description="One typed element of a version, with a `key` that is stable across versions.")
class Clause:
    id: uuid.UUID
    key: str
    kind: str = strawberry.field(
        description="service_level, schedule, cost, service_credit, responsibility, escalation, "
        "dispute_resolution, verification, reporting, review or general."
    )
    title: str
    body: str
    terms: JSON = strawberry.field(resolver=terms_of, description="The terms as stored (the same JSON as REST).")
    shared_with_third_parties: bool

    @strawberry.field(description="The same terms, typed by the clause's kind.")
    @staticmethod
    async def typed_terms(
        clause: strawberry.Parent[models.Clause | ClauseHeading], info: strawberry.Info
    ) -> ClauseTerms:
        return read_terms(clause.kind, await terms_of(clause, info))  # type: ignore[return-value]


@strawberry.type(description="One party's accept or reject of one version.")
class Approval:
    party_id: uuid.UUID
    decision: ApprovalDecision
    comment: str | None
    decided_at: datetime

    @strawberry.field
    @staticmethod
    async def party(approval: strawberry.Parent[models.Approval], info: strawberry.Info) -> Party | None:
        return await info.context.loaders.party.load(approval.party_id)


@strawberry.type(description="An immutable snapshot of the agreement's clauses, numbered 1, 2, …")
class AgreementVersion:
    id: uuid.UUID
    number: int
    status: VersionStatus
    summary: str | None
    effective_from: datetime | None
    proposed_at: datetime | None
    decided_at: datetime | None

    @strawberry.field
    @staticmethod
    async def proposed_by(version: strawberry.Parent[models.AgreementVersion], info: strawberry.Info) -> Party | None:
        if version.proposed_by_party_id is None:
            return None
        return await info.context.loaders.party.load(version.proposed_by_party_id)

    @strawberry.field
    @staticmethod
    async def approvals(version: strawberry.Parent[models.AgreementVersion], info: strawberry.Info) -> list[Approval]:
        return await info.context.loaders.approvals.load(version.id)

    @strawberry.field(description="The clauses the caller's role may see (third parties never see cost or credits).")
    @staticmethod
    async def clauses(version: strawberry.Parent[models.AgreementVersion], info: strawberry.Info) -> list[Clause]:
        return await visible_clauses_of(info, version)  # type: ignore[return-value]


MembershipStatus = strawberry.enum(
    values.MembershipStatus,
    description="A member (`ACCEPTED`), or an invitation with no answer yet (`INVITED`) or declined.",
)


@strawberry.type(
    description="A party's role on an agreement. Of a party that has not accepted its invitation, "
    "only the id and role the inviter gave are shown (`party` is null)."
)
class Membership:
    party_id: uuid.UUID
    role: AgreementRole
    status: MembershipStatus

    @strawberry.field(description="The party's profile: null unless both the caller and it are members.")
    @staticmethod
    async def party(membership: strawberry.Parent[MembershipState], info: strawberry.Info) -> Party | None:
        return await info.context.loaders.party.load(membership.party_id)


@strawberry.type(description="The clauses of one version, as the caller may see them.")
class AgreementClauses:
    version: AgreementVersion | None = strawberry.field(description="Null when no version applies.")
    items: list[Clause]


@strawberry.type(description="A service level agreement between parties.")
class Agreement:
    id: uuid.UUID
    reference: str = strawberry.field(description="The stable human reference, e.g. SLA-2026-0042.")
    title: str
    description: str | None
    timezone: str
    effective_from: datetime | None
    effective_to: datetime | None
    created_at: datetime
    updated_at: datetime

    @strawberry.field(description="Active and suspended agreements past their end read as expired.")
    @staticmethod
    def status(agreement: strawberry.Parent[models.Agreement], info: strawberry.Info) -> AgreementStatus:
        return AgreementStatus(effective_status(agreement.status, agreement.effective_to, info.context.now))

    @strawberry.field(description="Increases with every change (REST's ETag); pass it as `expectedVersion`.")
    @staticmethod
    def version(agreement: strawberry.Parent[models.Agreement]) -> int:
        return agreement.row_version

    @strawberry.field(description="The caller's role on this agreement; null for the operator.")
    @staticmethod
    async def my_role(agreement: strawberry.Parent[models.Agreement], info: strawberry.Info) -> AgreementRole | None:
        role = await info.context.loaders.role.load(agreement.id)
        return AgreementRole(role) if role else None

    @strawberry.field
    @staticmethod
    async def memberships(agreement: strawberry.Parent[models.Agreement], info: strawberry.Info) -> list[Membership]:
        return await info.context.loaders.memberships.load(agreement.id)

    @strawberry.field(description="Every version, oldest first.")
    @staticmethod
    async def versions(agreement: strawberry.Parent[models.Agreement], info: strawberry.Info) -> list[AgreementVersion]:
        return await info.context.loaders.versions.load(agreement.id)

    @strawberry.field(description="The version in effect now: the newest accepted one already effective.")
    @staticmethod
    async def current_version(
        agreement: strawberry.Parent[models.Agreement], info: strawberry.Info
    ) -> AgreementVersion | None:
        return await info.context.loaders.current_version.load(agreement.id)

    @strawberry.field(
        description="The clauses in effect now, at `asOf`, or of version `version` (not both). "
        "Before anything was accepted, those of the working draft or open proposal. "
        "Null if there is no such version. One query per agreement: ask it of one."
    )
    @staticmethod
    async def clauses(
        agreement: strawberry.Parent[models.Agreement],
        info: strawberry.Info,
        version: int | None = None,
        as_of: datetime | None = None,
    ) -> AgreementClauses | None:
        try:
            async with info.context.sessions.session() as session:
                found, clauses = await agreement_service.agreement_clauses(
                    session, actor_of(info), agreement.id, now=info.context.now, version_number=version, as_of=as_of
                )
        except NotFound:
            return None
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        return AgreementClauses(version=found, items=clauses)  # type: ignore[arg-type]

    @strawberry.field(description="The agreement's events, oldest first. One query per agreement: ask it of one.")
    @staticmethod
    async def history(
        agreement: strawberry.Parent[models.Agreement],
        info: strawberry.Info,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Event]:
        return await event_connection(info, first=first, after=after, agreement_id=agreement.id)

    @strawberry.field(
        description="How often the agreement is reviewed; null if it has no review clause and none was set."
    )
    @staticmethod
    async def review_cycle(agreement: strawberry.Parent[models.Agreement], info: strawberry.Info) -> ReviewCycle | None:
        return await info.context.loaders.review_cycle.load(agreement.id)  # type: ignore[return-value]

    @strawberry.field(description="Every review of the agreement, by due date.")
    @staticmethod
    async def reviews(agreement: strawberry.Parent[models.Agreement], info: strawberry.Info) -> list[Review]:
        return await info.context.loaders.reviews.load(agreement.id)  # type: ignore[return-value]

    @strawberry.field(
        description="Disputes about this agreement that the caller raised or received (all of them for "
        "the operator), newest first; empty without the disputes:read scope.",
        extensions=[PermissionExtension(permissions=[HasScope(Scope.DISPUTES_READ)], fail_silently=True)],
    )
    @staticmethod
    async def disputes(
        agreement: strawberry.Parent[models.Agreement], info: strawberry.Info
    ) -> list[Annotated[Dispute, strawberry.lazy("schema.disputes.types")]]:
        return await info.context.loaders.disputes.load(agreement.id)  # type: ignore[return-value]

    @strawberry.field(description="Availability incidents and maintenance windows, by start.")
    @staticmethod
    async def incidents(agreement: strawberry.Parent[models.Agreement], info: strawberry.Info) -> list[Incident]:
        return await info.context.loaders.incidents.load(agreement.id)  # type: ignore[return-value]

    reports: Connection[ReportSummary] = strawberry.field(
        resolver=agreement_reports,
        description="The agreement's published service reports, newest period first (the caller's rendering's "
        "hash). One query per agreement: ask it of one.",
        extensions=[requires_scope(Scope.AGREEMENTS_READ)],
    )
    report: ServiceReport | None = strawberry.field(
        resolver=agreement_report,
        description="One period's frozen service report as the caller may read it (a third party's without cost or "
        "credit figures); null if none was published for that period.",
        extensions=[requires_scope(Scope.AGREEMENTS_READ)],
    )
