"""The newcomer's tour end to end: draft, propose, approve from both sides, activate, amend, read."""

from tests.flows import Deal


async def test_full_agreement_lifecycle(client, deal: Deal, clock):
    a = f"/v1/agreements/{deal.agreement_id}"
    h = deal.h
    r = await client.post(f"{a}/versions", json={"summary": "initial terms"}, headers=h["provider"])
    assert r.status_code == 201, r.text
    assert r.json()["number"] == 1 and r.json()["status"] == "proposed"
    r = await client.post(f"{a}/versions/1/approve", headers=h["provider"])
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "proposed"
    r = await client.post(f"{a}/versions/1/approve", json={"comment": "ok"}, headers=h["customer"])
    assert r.json()["status"] == "accepted"
    r = await client.post(f"{a}/activate", headers=h["customer"])
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "active" and r.json()["current_version"] == 1

    amendment = {
        "summary": "faster P1",
        "clauses": [
            {
                "key": "response-times",
                "kind": "service_level",
                "title": "Response times",
                "terms": {
                    "targets": [
                        {
                            "key": "p1-first-response",
                            "metric": "first_response",
                            "match": {"priority": "P1"},
                            "duration": "PT30M",
                        }
                    ]
                },
            }
        ],
    }
    r = await client.post(f"{a}/versions", json=amendment, headers=h["customer"])
    assert r.status_code == 201, r.text
    assert r.json()["number"] == 2
    for side in ("provider", "customer"):
        r = await client.post(f"{a}/versions/2/approve", headers=h[side])
        assert r.status_code == 200, r.text
    assert r.json()["status"] == "accepted"

    r = await client.get(f"{a}/clauses", headers=h["customer"])
    body = r.json()
    assert body["version"] == 2
    assert {c["key"] for c in body["items"]} == {"response-times", "fees", "escalation"}
    targets = next(c for c in body["items"] if c["key"] == "response-times")["terms"]["targets"]
    assert targets[0]["duration"] == "PT30M"

    r = await client.get(f"{a}/clauses", headers=h["third"])
    assert {c["key"] for c in r.json()["items"]} == {"response-times", "escalation"}

    r = await client.get(f"{a}/versions/2/diff", params={"against": 1}, headers=h["provider"])
    assert r.json()["changed"][0]["key"] == "response-times"

    r = await client.get(f"{a}/history", headers=h["provider"])
    types = [e["type"] for e in r.json()["items"]]
    assert types == [
        "agreement.created",
        "invitation.accepted",
        "invitation.accepted",
        "agreement.version_proposed",
        "agreement.version_approved",
        "agreement.version_approved",
        "agreement.activated",
        "agreement.version_proposed",
        "agreement.version_approved",
        "agreement.version_approved",
        "agreement.amended",
    ]
    assert [e["sequence"] for e in r.json()["items"]] == list(range(1, 12))

    r = await client.get(f"{a}/history", headers=h["third"])
    for e in r.json()["items"]:
        clauses = (e["data"].get("version") or {}).get("clauses", [])
        assert all(c["kind"] not in ("cost", "service_credit") for c in clauses)
