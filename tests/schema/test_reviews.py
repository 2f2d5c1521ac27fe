"""Review cycles and reviews through POST /graphql: `Agreement.reviewCycle`/`reviews`, `review(id)`, every review
mutation, typed errors, and nothing stored after a failure."""

from __future__ import annotations

import uuid
from datetime import timedelta

from db.models import Review, ReviewCycle
from schema.dataloaders import Loaders
from schema.sessions import SessionSource
from services.actors import PARTY_SCOPES, Actor
from tests.factories import World
from tests.flows import OPERATOR, Deal, activate
from tests.schema.conftest import GraphQL, count, mutate
from tests.support.procedures import PROCEDURE_CLAUSES

REVIEW = (
    "id agreementId status dueAt noticeAt participants findings outcome proposedVersion completedByPartyId "
    "completedBy { name } completedAt cancelledAt cancelReason createdAt version"
)
AGREEMENT_REVIEWS = f"""query($id: UUID!) {{ agreement(id: $id) {{
  reviewCycle {{ cadence notice participants source }} reviews {{ {REVIEW} }} }} }}"""
ONE = f"query($id: UUID!) {{ review(id: $id) {{ {REVIEW} }} }}"


def z(moment) -> str:
    return moment.isoformat().replace("+00:00", "Z")


async def reviews_of(gql: GraphQL, deal: Deal, side: str = "provider") -> dict:
    return (await gql(AGREEMENT_REVIEWS, deal.h[side], id=deal.agreement_id))["agreement"]


async def set_cycle(gql: GraphQL, deal: Deal, side: str, **input) -> dict:
    return await mutate(
        gql,
        "setReviewCycle",
        "... on SetReviewCyclePayload { reviewCycle { cadence notice "
        "participants source } agreement { reviews { status dueAt } } }",
        deal.h[side],
        "$id: UUID!, $input: SetReviewCycleInput!",
        "agreementId: $id, input: $input",
        id=deal.agreement_id,
        input=input,
    )


async def complete(gql: GraphQL, headers: dict[str, str], review_id: str, **input) -> dict:
    return await mutate(
        gql,
        "completeReview",
        f"... on CompleteReviewPayload {{ review {{ {REVIEW} }} }}",
        headers,
        "$id: UUID!, $input: CompleteReviewInput!",
        "id: $id, input: $input",
        id=review_id,
        input=input,
    )


async def cancel(gql: GraphQL, headers: dict[str, str], review_id: str, reason: str | None = None) -> dict:
    return await mutate(
        gql,
        "cancelReview",
        "... on CancelReviewPayload { review { status cancelReason version } }",
        headers,
        "$id: UUID!, $reason: String",
        "id: $id, reason: $reason",
        id=review_id,
        reason=reason,
    )


async def test_the_review_clause_sets_the_cycle_and_schedules_the_first_review(gql: GraphQL, client, deal: Deal, clock):
    assert await reviews_of(gql, deal) == {"reviewCycle": None, "reviews": []}
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    read = await reviews_of(gql, deal)
    assert read["reviewCycle"] == {
        "cadence": "P3M",
        "notice": "P14D",
        "participants": ["service manager", "customer success"],
        "source": "CLAUSE",
    }
    [review] = read["reviews"]
    assert review["status"] == "SCHEDULED" and review["agreementId"] == deal.agreement_id
    assert review["participants"] == ["service manager", "customer success"]
    assert review["dueAt"] > z(clock.now) and review["noticeAt"] < review["dueAt"]
    assert review["completedBy"] is None and review["version"] == 1
    # Every member reads them, the third party included; `review(id)` gives the same.
    assert (await reviews_of(gql, deal, "third"))["reviews"] == [review]
    assert (await gql(ONE, deal.h["customer"], id=review["id"]))["review"] == review
    assert (await gql(ONE, deal.h["customer"], id=str(uuid.uuid4())))["review"] is None


async def test_set_review_cycle(gql: GraphQL, client, deal: Deal, session):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    changed = await set_cycle(gql, deal, "customer", cadence="P1M", notice="P7D", participants=["ops"])
    assert changed["__typename"] == "SetReviewCyclePayload", changed
    assert changed["reviewCycle"] == {"cadence": "P1M", "notice": "P7D", "participants": ["ops"], "source": "EXPLICIT"}
    # The open review stays: one open review at a time.
    assert [r["status"] for r in changed["agreement"]["reviews"]] == ["SCHEDULED"]
    assert (await reviews_of(gql, deal))["reviewCycle"]["source"] == "EXPLICIT"


async def test_a_bad_cadence_is_a_validation_error_naming_the_field_and_stores_nothing(
    gql: GraphQL, client, deal: Deal, session
):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    before = await reviews_of(gql, deal)
    for input, field in (
        ({"cadence": "quarterly"}, "cadence"),
        ({"cadence": "P0D"}, "cadence"),
        ({"cadence": "P1M", "notice": "two weeks"}, "notice"),
    ):
        failed = await set_cycle(gql, deal, "provider", **input)
        assert failed["__typename"] == "ValidationError" and failed["code"] == "invalid_input", failed
        assert failed["field"] == field and failed["problems"] == [{"field": field, "message": failed["message"]}]
    assert await reviews_of(gql, deal) == before


async def test_only_signatories_manage_reviews(gql: GraphQL, client, deal: Deal, world: World):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    forbidden = await set_cycle(gql, deal, "third", cadence="P1M")
    assert forbidden["__typename"] == "ForbiddenError" and forbidden["code"] == "not_a_signatory"
    [review] = (await reviews_of(gql, deal))["reviews"]
    third = await complete(gql, deal.h["third"], review["id"], outcome="NO_CHANGE")
    assert third["__typename"] == "ForbiddenError"
    no_scope = await world.headers(deal.provider, scopes=["agreements:read", "agreements:write"])
    body = await gql.raw("mutation($id: UUID!) { cancelReview(id: $id) { __typename } }", no_scope, id=review["id"])
    assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "insufficient_scope"
    assert (await gql(ONE, deal.h["provider"], id=review["id"]))["review"]["status"] == "SCHEDULED"


async def test_complete_then_the_cycle_schedules_the_next(gql: GraphQL, client, deal: Deal):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    [review] = (await reviews_of(gql, deal))["reviews"]
    done = await complete(
        gql,
        deal.h["customer"],
        review["id"],
        outcome="NO_CHANGE",
        findings="All targets met.",
        participants=["Ada", "Grace"],
    )
    assert done["__typename"] == "CompleteReviewPayload", done
    assert done["review"] | {"completedAt": None} == review | {
        "status": "COMPLETED",
        "outcome": "NO_CHANGE",
        "findings": "All targets met.",
        "participants": ["Ada", "Grace"],
        "completedByPartyId": str(deal.customer.id),
        "completedBy": {"name": "Globex"},
        "completedAt": None,
        "version": 2,
    }
    completed, following = (await reviews_of(gql, deal))["reviews"]
    assert completed["id"] == review["id"] and following["status"] == "SCHEDULED"
    assert following["dueAt"] > review["dueAt"]
    again = await complete(gql, deal.h["customer"], review["id"], outcome="NO_CHANGE")
    assert again["__typename"] == "ConflictError" and again["code"] == "invalid_transition"


async def test_completing_a_cancelled_review_is_a_conflict(gql: GraphQL, client, deal: Deal):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    [review] = (await reviews_of(gql, deal))["reviews"]
    cancelled = await cancel(gql, deal.h["provider"], review["id"], reason="merged into the annual review")
    assert cancelled["review"] == {"status": "CANCELLED", "cancelReason": "merged into the annual review", "version": 2}
    conflict = await complete(gql, deal.h["customer"], review["id"], outcome="NO_CHANGE")
    assert conflict["__typename"] == "ConflictError" and conflict["code"] == "invalid_transition"
    assert "cancelled" in conflict["message"]
    twice = await cancel(gql, deal.h["provider"], review["id"])
    assert twice["__typename"] == "ConflictError"
    read = (await gql(ONE, deal.h["provider"], id=review["id"]))["review"]
    assert read["status"] == "CANCELLED" and read["outcome"] is None and read["completedAt"] is None


async def test_complete_with_an_amendment_proposes_a_version(gql: GraphQL, client, deal: Deal, session):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    [review] = (await reviews_of(gql, deal))["reviews"]
    reviews_before = await count(session, Review)
    # AMENDMENT_PROPOSED needs the amendment (or a proposed version): nothing is stored without it.
    missing = await complete(gql, deal.h["provider"], review["id"], outcome="AMENDMENT_PROPOSED")
    assert missing["__typename"] == "ValidationError" and missing["field"] == "amendment"
    unknown = await complete(gql, deal.h["provider"], review["id"], outcome="AMENDMENT_PROPOSED", proposedVersion=7)
    assert unknown["__typename"] == "ValidationError" and unknown["field"] == "proposedVersion"
    bad_clause = await complete(
        gql,
        deal.h["provider"],
        review["id"],
        outcome="AMENDMENT_PROPOSED",
        amendment={"clauses": [{"key": "review", "kind": "review", "title": "Review", "terms": {"cadence": "often"}}]},
    )
    assert bad_clause["__typename"] == "ValidationError", bad_clause
    assert (await gql(ONE, deal.h["provider"], id=review["id"]))["review"]["status"] == "SCHEDULED"
    assert await count(session, Review) == reviews_before

    amended = await complete(
        gql,
        deal.h["provider"],
        review["id"],
        outcome="AMENDMENT_PROPOSED",
        findings="Move to monthly reviews.",
        amendment={"summary": "monthly reviews", "clauses": [{**PROCEDURE_CLAUSES[0], "terms": {"cadence": "P1M"}}]},
    )
    assert amended["__typename"] == "CompleteReviewPayload", amended
    assert amended["review"]["outcome"] == "AMENDMENT_PROPOSED" and amended["review"]["proposedVersion"] == 2
    versions = await gql(
        "query($id: UUID!) { agreement(id: $id) { versions { number status summary } } }",
        deal.h["customer"],
        id=deal.agreement_id,
    )
    assert versions["agreement"]["versions"][-1] == {"number": 2, "status": "PROPOSED", "summary": "monthly reviews"}


SCHEDULED = f"... on ScheduleReviewPayload {{ review {{ {REVIEW} }} }}"


async def test_schedule_an_extra_review(gql: GraphQL, client, deal: Deal, clock, session):
    # Without a review clause there is no cycle, so no review is open.
    await activate(client, deal, clauses=PROCEDURE_CLAUSES[1:])
    signature, arguments = "$id: UUID!, $input: ScheduleReviewInput!", "agreementId: $id, input: $input"
    past = await mutate(
        gql,
        "scheduleReview",
        SCHEDULED,
        deal.h["provider"],
        signature,
        arguments,
        id=deal.agreement_id,
        input={"dueAt": z(clock.now - timedelta(days=1))},
    )
    assert past["__typename"] == "ValidationError" and past["field"] == "dueAt"
    assert await count(session, Review) == 0
    due = clock.now + timedelta(days=30)
    scheduled = await mutate(
        gql,
        "scheduleReview",
        SCHEDULED,
        deal.h["provider"],
        signature,
        arguments,
        id=deal.agreement_id,
        input={"dueAt": z(due), "participants": ["Ada"]},
    )
    assert scheduled["__typename"] == "ScheduleReviewPayload", scheduled
    assert scheduled["review"] | {"id": None, "createdAt": None} == {
        "id": None,
        "agreementId": deal.agreement_id,
        "status": "SCHEDULED",
        "dueAt": z(due),
        "noticeAt": z(due),
        "participants": ["Ada"],
        "findings": None,
        "outcome": None,
        "proposedVersion": None,
        "completedByPartyId": None,
        "completedBy": None,
        "completedAt": None,
        "cancelledAt": None,
        "cancelReason": None,
        "createdAt": None,
        "version": 1,
    }
    second = await mutate(
        gql,
        "scheduleReview",
        SCHEDULED,
        deal.h["customer"],
        signature,
        arguments,
        id=deal.agreement_id,
        input={"dueAt": z(due + timedelta(days=1))},
    )
    assert second["__typename"] == "ConflictError" and second["code"] == "review_open"
    assert await count(session, Review) == 1
    assert await count(session, ReviewCycle) == 0


async def test_the_review_loaders_read_only_agreements_the_caller_is_on(client, deal: Deal, sessionmaker, clock):
    # `services.agreements.reviews.reviews_for`/`cycles_for` take only `scoping.ReadableAgreementIds`: an id that
    # reached the loaders without a scoped read must still load nothing for a party that is not on it.

    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    agreement_id = uuid.UUID(deal.agreement_id)
    sessions = SessionSource(sessionmaker)

    def loaders(actor: Actor) -> Loaders:
        return Loaders(sessions, actor, now=clock())

    outsider = loaders(Actor(party_id=deal.outsider.id, scopes=frozenset(PARTY_SCOPES)))
    assert await outsider.reviews.load(agreement_id) == []
    assert await outsider.review_cycle.load(agreement_id) is None
    for actor in (Actor(party_id=deal.third.id, scopes=frozenset(PARTY_SCOPES)), OPERATOR):
        member = loaders(actor)
        assert [r.status for r in await member.reviews.load(agreement_id)] == ["scheduled"]
        assert (await member.review_cycle.load(agreement_id)).cadence == "P3M"
