"""Clauses describing reviews and dispute stages, for agreements activated with them (`tests.flows.activate`)."""

from __future__ import annotations

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
