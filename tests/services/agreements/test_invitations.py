"""Invitations through the use cases (services/agreements/invitations.py): only the invited party answers, once."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.models import Membership
from db.values import MembershipStatus, Role
from services.agreements.drafts import create_agreement
from services.agreements.inputs import AgreementCreate, MembershipInput
from services.agreements.invitations import answer_invitation, get_invitation, list_invitations
from services.errors import Conflict, Forbidden, NotFound
from tests.flows import OPERATOR, party_actor


async def _invite(session, cast, clock):
    await create_agreement(
        session,
        party_actor(cast.provider.id),
        AgreementCreate(
            title="Invitations",
            memberships=[
                MembershipInput(cast.provider.id, Role.PROVIDER),
                MembershipInput(cast.customer.id, Role.CUSTOMER),
            ],
        ),
        now=clock(),
    )
    (invitation,), _ = await list_invitations(session, party_actor(cast.customer.id))
    return invitation


async def test_accepting_makes_the_party_a_member_once(session, cast, clock):
    invitation = await _invite(session, cast, clock)
    customer = party_actor(cast.customer.id)
    answered = await answer_invitation(session, customer, invitation.id, MembershipStatus.ACCEPTED, now=clock())
    assert (answered.status, answered.decided_at, answered.role) == (MembershipStatus.ACCEPTED, clock(), Role.CUSTOMER)
    member = await session.scalar(
        select(Membership).where(
            Membership.agreement_id == invitation.agreement.id, Membership.party_id == cast.customer.id
        )
    )
    assert member.role == Role.CUSTOMER
    with pytest.raises(Conflict) as refused:
        await answer_invitation(session, customer, invitation.id, MembershipStatus.DECLINED, now=clock())
    assert refused.value.code == "invitation_answered"


async def test_another_partys_invitation_reads_as_not_found(session, cast, clock):
    invitation = await _invite(session, cast, clock)
    for party in (cast.provider, cast.outsider):
        with pytest.raises(NotFound):
            await get_invitation(session, party_actor(party.id), invitation.id)
        with pytest.raises(NotFound):
            await answer_invitation(
                session, party_actor(party.id), invitation.id, MembershipStatus.ACCEPTED, now=clock()
            )
    # The operator reads every invitation but answers none.
    assert (await get_invitation(session, OPERATOR, invitation.id)).id == invitation.id
    with pytest.raises(Forbidden):
        await answer_invitation(session, OPERATOR, invitation.id, MembershipStatus.ACCEPTED, now=clock())
