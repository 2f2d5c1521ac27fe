"""An active agreement whose clauses describe reviews, dispute stages and escalation levels."""

from __future__ import annotations

from tests.conftest import Deal, sla_clauses

PROCEDURE_CLAUSES = [
    {
        "key": "review",
        "kind": "review",
        "title": "Quarterly review",
        "terms": {"cadence": "P3M", "notice": "P14D", "participants": ["service manager", "customer success"]},
    },
    {
        "key": "disputes",
        "kind": "dispute_resolution",
        "title": "Disputes",
        "terms": {
            "stages": [{"name": "negotiation", "time_limit": "P10D"}, {"name": "mediation", "time_limit": "P30D"}],
            "raiser_must_accept": True,
        },
    },
]


async def activate(client, deal: Deal, extra_clauses=PROCEDURE_CLAUSES) -> str:
    """Propose the draft with the procedure clauses, approve from both sides, activate; returns the agreement path."""
    a = f"/v1/agreements/{deal.agreement_id}"
    r = await client.post(f"{a}/versions", json={"clauses": list(extra_clauses)}, headers=deal.h["provider"])
    assert r.status_code == 201, r.text
    for side in ("provider", "customer"):
        r = await client.post(f"{a}/versions/1/approve", headers=deal.h[side])
        assert r.status_code == 200, r.text
    r = await client.post(f"{a}/activate", headers=deal.h["provider"])
    assert r.status_code == 200, r.text
    return a


__all__ = ["sla_clauses"]
