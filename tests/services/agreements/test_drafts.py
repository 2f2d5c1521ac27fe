"""Drafts through the use cases (services/agreements/drafts.py): who is named, what the events carry, who reads what."""

from __future__ import annotations

import msgspec
import pytest
from sqlalchemy import select

from db.models import Event, Invitation, Membership
from db.values import AgreementStatus, ClauseKind, MembershipStatus, Role
from services.agreements.drafts import agreement_clauses, create_agreement, get_agreement, list_agreements, update_draft
from services.agreements.inputs import AgreementCreate, AgreementFilter, AgreementUpdate, ClauseInput, MembershipInput
from services.agreements.views import AgreementEventData, InvitationEventData
from services.errors import Conflict, InvalidInput, NotFound, PreconditionFailed
from tests.flows import OPERATOR, accept_all_invitations, activate_agreement, party_actor, sla_clauses


def _create(cast, *, third: bool = False) -> AgreementCreate:
    members = [MembershipInput(cast.provider.id, Role.PROVIDER), MembershipInput(cast.customer.id, Role.CUSTOMER)]
    if third:
        members.append(MembershipInput(cast.third.id, Role.THIRD_PARTY))
    return AgreementCreate(
        title="Acme ↔ Globex", memberships=members, clauses=[ClauseInput(**c) for c in sla_clauses()]
    )


async def _events(session, agreement_id, type_: str | None = None) -> list[Event]:
    stmt = select(Event).where(Event.agreement_id == agreement_id)
    if type_ is not None:
        stmt = stmt.where(Event.type == type_)
    return list(await session.scalars(stmt.order_by(Event.position)))


async def test_the_creator_joins_and_every_other_party_is_invited(session, cast, clock):
    agreement = await create_agreement(session, party_actor(cast.provider.id), _create(cast), now=clock())
    members = list(await session.scalars(select(Membership).where(Membership.agreement_id == agreement.id)))
    assert [(m.party_id, m.role) for m in members] == [(cast.provider.id, Role.PROVIDER)]
    (invitation,) = await session.scalars(select(Invitation).where(Invitation.agreement_id == agreement.id))
    assert (invitation.party_id, invitation.role, invitation.status) == (
        cast.customer.id,
        Role.CUSTOMER,
        MembershipStatus.INVITED,
    )
    assert agreement.status == AgreementStatus.DRAFT and agreement.reference.startswith(f"SLA-{clock().year}-")


async def test_the_created_event_is_the_typed_view_as_json(session, cast, clock):
    agreement = await create_agreement(session, party_actor(cast.provider.id), _create(cast), now=clock())
    (created,) = await _events(session, agreement.id, "agreement.created")
    data = msgspec.convert(created.payload, AgreementEventData)  # the stored JSON reads back as the view
    assert data.agreement.id == agreement.id and data.agreement.status == AgreementStatus.DRAFT
    assert [c.key for c in data.version.clauses] == [c["key"] for c in sla_clauses()]
    assert [c.kind for c in data.version.clauses] == [ClauseKind.SERVICE_LEVEL, ClauseKind.COST, ClauseKind.ESCALATION]
    # Parts of other event types are left out of the JSON, not sent as null.
    assert {"decision", "reason", "expires_at", "invitation"}.isdisjoint(created.payload)
    (invited,) = await session.scalars(select(Event).where(Event.type == "party.invited"))
    notice = msgspec.convert(invited.payload, InvitationEventData)
    assert invited.subject_party_id == cast.customer.id and notice.invitation.agreement.id == agreement.id


@pytest.mark.parametrize(
    "change, field",
    [
        (AgreementUpdate(title=" "), "title"),
        (AgreementUpdate(timezone="Mars/Olympus"), "timezone"),
        (AgreementUpdate(clauses=[ClauseInput(key="x", kind="nonsense", title="X")]), "clauses[0].kind"),
        (AgreementUpdate(memberships=[]), "memberships"),
    ],
)
async def test_a_bad_update_names_its_field(session, cast, clock, change, field):
    agreement = await create_agreement(session, party_actor(cast.provider.id), _create(cast), now=clock())
    with pytest.raises(InvalidInput) as refused:
        await update_draft(
            session, party_actor(cast.provider.id), agreement.id, change, expected_version=1, now=clock()
        )
    assert field in [problem.field for problem in refused.value.problems]


async def test_an_update_needs_the_version_read_and_a_draft(session, cast, clock):
    provider = party_actor(cast.provider.id)
    agreement = await create_agreement(session, provider, _create(cast), now=clock())
    with pytest.raises(PreconditionFailed):
        await update_draft(
            session, provider, agreement.id, AgreementUpdate(title="New"), expected_version=7, now=clock()
        )
    updated = await update_draft(
        session, provider, agreement.id, AgreementUpdate(title="New"), expected_version=1, now=clock()
    )
    assert (updated.title, updated.row_version) == ("New", 2)
    active = await activate_agreement(session, cast.provider, cast.customer, now=clock())
    with pytest.raises(Conflict) as refused:
        await update_draft(
            session, provider, active.id, AgreementUpdate(title="Late"), expected_version=None, now=clock()
        )
    assert refused.value.code == "not_a_draft"


async def test_not_yours_reads_as_not_found(session, cast, clock):
    agreement = await create_agreement(session, party_actor(cast.provider.id), _create(cast), now=clock())
    with pytest.raises(NotFound):
        await get_agreement(session, party_actor(cast.outsider.id), agreement.id)
    # Invited is not yet a member: the customer reads the invitation, not the agreement.
    with pytest.raises(NotFound):
        await get_agreement(session, party_actor(cast.customer.id), agreement.id)
    found, role = await get_agreement(session, OPERATOR, agreement.id)
    assert found.id == agreement.id and role is None


async def test_the_list_filters_by_status_and_role(session, cast, clock):
    provider = party_actor(cast.provider.id)
    draft = await create_agreement(session, provider, _create(cast), now=clock())
    active = await activate_agreement(session, cast.provider, cast.customer, now=clock())
    drafts, _ = await list_agreements(session, provider, AgreementFilter(status="draft"), now=clock())
    assert [a.id for a in drafts] == [draft.id]
    as_customer, _ = await list_agreements(
        session, party_actor(cast.customer.id), AgreementFilter(role="customer"), now=clock()
    )
    assert [a.id for a in as_customer] == [active.id]
    with pytest.raises(InvalidInput) as refused:
        await list_agreements(session, OPERATOR, AgreementFilter(role="customer"), now=clock())
    assert [problem.field for problem in refused.value.problems] == ["role"]


async def test_a_third_party_reads_only_the_clauses_shared_with_it(session, cast, clock):
    agreement = await create_agreement(session, party_actor(cast.provider.id), _create(cast, third=True), now=clock())
    await accept_all_invitations(session, agreement.id, clock())
    _, seen_by_third = await agreement_clauses(session, party_actor(cast.third.id), agreement.id, now=clock())
    _, seen_by_customer = await agreement_clauses(session, party_actor(cast.customer.id), agreement.id, now=clock())
    assert "fees" in {c.key for c in seen_by_customer}
    assert "fees" not in {c.key for c in seen_by_third}
