"""Versions through the use cases (services/agreements/proposals.py): who proposes, decides and withdraws (the policy
table), what the decision events carry, and the diff by clause key."""

from __future__ import annotations

import msgspec
import pytest
from sqlalchemy import select

from db.models import Event
from db.values import AgreementStatus, ApprovalDecision, ProposalMode, Role, VersionStatus
from services.agreements.drafts import create_agreement
from services.agreements.inputs import AgreementCreate, ClauseInput, Decision, MembershipInput, VersionProposal
from services.agreements.proposals import decide_version, diff_versions, propose_version, withdraw_version
from services.agreements.views import AgreementEventData, ClauseChange
from services.errors import Conflict, Forbidden
from tests.flows import OPERATOR, accept_all_invitations, activate_agreement, party_actor, sla_clauses


async def _draft(session, cast, clock, *, joined: bool = True):
    agreement = await create_agreement(
        session,
        party_actor(cast.provider.id),
        AgreementCreate(
            title="Versions",
            memberships=[
                MembershipInput(cast.provider.id, Role.PROVIDER),
                MembershipInput(cast.customer.id, Role.CUSTOMER),
                MembershipInput(cast.third.id, Role.THIRD_PARTY),
            ],
            clauses=[ClauseInput(**c) for c in sla_clauses()],
        ),
        now=clock(),
    )
    if joined:
        await accept_all_invitations(session, agreement.id, clock())
    return agreement


async def test_nothing_is_proposed_before_both_signatories_joined(session, cast, clock):
    agreement = await _draft(session, cast, clock, joined=False)
    with pytest.raises(Conflict) as refused:
        await propose_version(session, party_actor(cast.provider.id), agreement.id, VersionProposal(), now=clock())
    assert refused.value.code == "invitation_pending"


async def test_both_signatories_approve_and_the_version_is_accepted(session, cast, clock):
    agreement = await _draft(session, cast, clock)
    version = await propose_version(
        session, party_actor(cast.customer.id), agreement.id, VersionProposal(), now=clock()
    )
    assert (version.number, version.status, agreement.status) == (1, VersionStatus.PROPOSED, AgreementStatus.PROPOSED)
    for party in (cast.provider, cast.customer):
        await decide_version(
            session, party_actor(party.id), agreement.id, 1, ApprovalDecision.APPROVED, Decision("fine"), now=clock()
        )
    assert version.status == VersionStatus.ACCEPTED and version.decided_at == clock()
    approved = list(
        await session.scalars(
            select(Event)
            .where(Event.agreement_id == agreement.id, Event.type == "agreement.version_approved")
            .order_by(Event.position)
        )
    )
    decisions = [msgspec.convert(e.payload, AgreementEventData).decision for e in approved]
    assert [(d.party_id, d.decision, d.comment) for d in decisions] == [
        (cast.provider.id, ApprovalDecision.APPROVED, "fine"),
        (cast.customer.id, ApprovalDecision.APPROVED, "fine"),
    ]


async def test_one_rejection_rejects_and_the_first_proposal_reopens_the_draft(session, cast, clock):
    agreement = await _draft(session, cast, clock)
    version = await propose_version(
        session, party_actor(cast.provider.id), agreement.id, VersionProposal(), now=clock()
    )
    await decide_version(
        session, party_actor(cast.customer.id), agreement.id, 1, ApprovalDecision.REJECTED, Decision(), now=clock()
    )
    assert (version.status, agreement.status) == (VersionStatus.REJECTED, AgreementStatus.DRAFT)


@pytest.mark.parametrize("who", ["operator", "third"])
async def test_only_signatories_propose_and_decide(session, cast, clock, who):
    agreement = await _draft(session, cast, clock)
    actor = OPERATOR if who == "operator" else party_actor(cast.third.id)
    with pytest.raises(Forbidden) as refused:
        await propose_version(session, actor, agreement.id, VersionProposal(), now=clock())
    assert refused.value.code == "not_a_signatory"
    await propose_version(session, party_actor(cast.provider.id), agreement.id, VersionProposal(), now=clock())
    with pytest.raises(Forbidden):
        await decide_version(session, actor, agreement.id, 1, ApprovalDecision.APPROVED, Decision(), now=clock())


async def test_only_the_proposer_or_the_operator_withdraws(session, cast, clock):
    agreement = await _draft(session, cast, clock)
    await propose_version(session, party_actor(cast.provider.id), agreement.id, VersionProposal(), now=clock())
    with pytest.raises(Forbidden) as refused:
        await withdraw_version(session, party_actor(cast.customer.id), agreement.id, 1, now=clock())
    assert refused.value.code == "not_the_proposer"
    withdrawn = await withdraw_version(session, OPERATOR, agreement.id, 1, now=clock())
    assert withdrawn.status == VersionStatus.WITHDRAWN and agreement.status == AgreementStatus.DRAFT


async def test_an_amendment_diffs_by_clause_key(session, cast, clock):
    agreement = await activate_agreement(session, cast.provider, cast.customer, now=clock())
    fees = next(c for c in sla_clauses() if c["key"] == "fees")
    fees["title"] = "Fees from next year"
    proposal = VersionProposal(
        mode=ProposalMode.MERGE,
        clauses=[ClauseInput(**fees), ClauseInput(key="notes", kind="general", title="Notes")],
        remove=["escalation"],
    )
    await propose_version(session, party_actor(cast.customer.id), agreement.id, proposal, now=clock())
    diff = await diff_versions(session, party_actor(cast.provider.id), agreement.id, 2, 1)
    assert [c.key for c in diff.added] == ["notes"] and [c.key for c in diff.removed] == ["escalation"]
    assert diff.changed == [
        ClauseChange(key="fees", fields=["title"], before={"title": "Fees"}, after={"title": "Fees from next year"})
    ]
    assert diff.unchanged == ["response-times"]
