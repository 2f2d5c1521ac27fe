"""`attainment(agreementId, period)` and `billingStatements(customer, period)` — the GraphQL side of
`GET /v1/agreements/{id}/attainment` and `GET /v1/billing/statements`. An agreement's incidents are a field of
`Agreement` (`schema.agreements.types`)."""

from __future__ import annotations

import uuid
from typing import Annotated

import strawberry

from db.values import Scope
from schema.billing.types import Attainment, BillingStatements
from schema.context import actor_of
from schema.errors import as_graphql_error
from schema.permissions import requires_scope
from schema.views import shown_as
from services.billing import statements
from services.errors import DomainError, NotFound

Period = Annotated[str, strawberry.argument(description="A calendar month, YYYY-MM, in each agreement's time zone.")]


@strawberry.type
class BillingQueries:
    @strawberry.field(
        description="Measured attainment per service-level target of an agreement the caller is a "
        "member of, for one period; frozen once the period is closed. Null if there is no "
        "such agreement or it is not the caller's (indistinguishable).",
        extensions=[requires_scope(Scope.AGREEMENTS_READ)],
    )
    async def attainment(self, info: strawberry.Info, agreement_id: uuid.UUID, period: Period) -> Attainment | None:
        try:
            async with info.context.sessions.session() as session:
                found = await statements.attainment_for(
                    session, actor_of(info), agreement_id, period, now=info.context.now
                )
        except NotFound:
            return None
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        return shown_as(Attainment, found)

    @strawberry.field(
        description="The billing pull: per agreement the caller signed with the customer (as provider "
        "or customer), the period's charges, credits and totals. Open periods are "
        "computed now and marked provisional; closed ones are frozen, with their SHA-256. "
        "Third parties get no statements. Null if the customer is unknown.",
        extensions=[requires_scope(Scope.BILLING_READ)],
    )
    async def billing_statements(
        self,
        info: strawberry.Info,
        customer: Annotated[
            str, strawberry.argument(description="The customer's party id, or an external ref such as `zendesk:12345`.")
        ],
        period: Period,
    ) -> BillingStatements | None:
        try:
            async with info.context.sessions.session() as session:
                pull = await statements.billing_statements(
                    session, actor_of(info), customer, period, now=info.context.now
                )
        except NotFound:
            return None
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        return shown_as(BillingStatements, pull)
