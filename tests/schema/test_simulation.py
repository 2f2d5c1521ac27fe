"""`simulateVersion` through POST /graphql: a query (it stores nothing), null for non-members, refused for third
parties, and the same figures as REST (the REST test records the same October, worked by hand)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.api.test_simulation import P1_CREDITS, record_october
from tests.flows import activate

SIMULATE = """
query($id: UUID!, $n: Int!) {
  simulateVersion(agreementId: $id, number: $n, from: "2026-10", to: "2026-10") {
    proposedVersion acceptedVersion ticketsReplayed
    targets { targetKey periods { period accepted { breached attainment } proposed { breached attainment } }
              breachesAdded { externalId dueAt } }
    periods { period proposed { credits { amount { amount currency } } } difference { amount currency } }
  }
}
"""


async def test_simulate_version_is_a_read(client, gql, deal, clock, session):
    clock.now = datetime(2026, 9, 15, 8, tzinfo=UTC)
    await activate(client, deal, clauses=[P1_CREDITS])
    clock.now = datetime(2026, 10, 31, 12, tzinfo=UTC)
    await record_october(client, deal)
    clock.now = datetime(2026, 11, 5, tzinfo=UTC)
    # Simulating the accepted version itself changes nothing: no added breach, no difference.
    data = await gql(SIMULATE, deal.h["customer"], id=deal.agreement_id, n=1)
    simulation = data["simulateVersion"]
    assert (simulation["proposedVersion"], simulation["acceptedVersion"], simulation["ticketsReplayed"]) == (1, 1, 10)
    p1 = next(t for t in simulation["targets"] if t["targetKey"] == "p1-first-response")
    assert p1["periods"][0]["accepted"] == p1["periods"][0]["proposed"] == {"breached": 0, "attainment": "100"}
    assert p1["breachesAdded"] == [] and simulation["periods"][0]["difference"] == [
        {"amount": "0.00", "currency": "EUR"}
    ]
    assert (await gql(SIMULATE, deal.h["outsider"], id=deal.agreement_id, n=1))["simulateVersion"] is None
    denied = await gql.raw(SIMULATE, deal.h["third"], id=deal.agreement_id, n=1)
    assert denied["data"]["simulateVersion"] is None and denied["errors"][0]["extensions"]["code"] == "not_a_signatory"
