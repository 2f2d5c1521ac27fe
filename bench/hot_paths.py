"""The hot paths measured side by side with what this machine allows, by wrk, after checking every answer.

    bench/postgraphile/install.sh                      # once: PostGraphile 5 and Node 22 into bench/postgraphile
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sla_bench python bench/hot_paths.py [--quick]

Seeds (through the services, once: reused while the marker party exists) a provider with 200 customers, each with
one active agreement of 20 service-level targets and a French-holiday calendar. Then starts, on ports from
--port-base (18220) on:
- `sla serve --workers 2 --no-worker` with SLA_ENVIRONMENT=production;
- the floor, bench/floor_app.py (Litestar + asyncpg, one row by primary key) under uvicorn with 2 workers;
- PostGraphile 5 on Node 22 over the same tables, when bench/postgraphile/install.sh has run (skipped otherwise).
Each target is checked first (the same agreements, versions, targets and clauses as seeded), warmed up, then
driven by `wrk -t1 -c32`; the table shows req/s, p50, p99 and the ratios to the floor and to PostGraphile. Then
ticket-event ingestion (events/s in batches of 100) and the RSS of each `sla serve` worker after N mixed requests.
--quick is a smoke run: short durations and N = 2,000.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.servers import Server, rss_mib, start  # noqa: E402
from bench.wrk import DONE, HttpRequest, WrkResult, lua_headers, lua_string, require_wrk, rotating_script, run_wrk  # noqa: E402
from db.engine import make_engine, make_sessionmaker  # noqa: E402
from db.migrate import migrate  # noqa: E402
from db.models import Agreement, Membership, PartyExternalRef, TicketEventRecord  # noqa: E402
from services.actors import ALL_SCOPES, PARTY_SCOPES, Actor  # noqa: E402
from services.agreements import AgreementCreate, ClauseInput, MembershipInput, create_agreement, transition_agreement  # noqa: E402
from services.keys import ensure_signing_key  # noqa: E402
from services.parties import PartyInput, create_party  # noqa: E402
from services.tokens import mint_party_token  # noqa: E402
from services.versions import Decision, VersionProposal, decide_version, propose_version  # noqa: E402
from tests.support.committed import truncate_all  # noqa: E402

CUSTOMERS = 200
PRIORITIES = ("P1", "P2", "P3", "P4", "P5")
METRICS = ("first_response", "next_response", "periodic_update", "resolution")  # × 5 priorities = 20 targets
MARKER = ("bench", f"hot-paths-v1-{CUSTOMERS}")  # the seed's shape: change it when the seed changes
SEED_CHUNK = 25
SEED_CONCURRENCY = 4
OPERATOR = Actor(party_id=None, scopes=frozenset(ALL_SCOPES), subject="bench")
INGEST_BATCH = 100
INGEST_CONNECTIONS = 8

# The README's portal query, and the same shape on PostGraphile's generated schema: the newest 10 agreements, their
# members with party names, and the clauses of the version in effect (the newest accepted one; the seed has one).
PORTAL_QUERY = """{
  agreements(first: 10) {
    edges { node { reference status memberships { role party { name } }
                   currentVersion { number clauses { key kind title } } } }
    pageInfo { hasNextPage endCursor }
  }
}"""
POSTGRAPHILE_QUERY = """{
  allAgreements(first: 10, orderBy: [CREATED_AT_DESC, ROW_ID_DESC]) {
    edges { node { reference status
      agreementMembershipsByAgreementId { nodes { role partyByPartyId { name } } }
      agreementVersionsByAgreementId(condition: {status: "accepted"}, orderBy: NUMBER_DESC, first: 1) {
        nodes { number clausesByVersionId(orderBy: POSITION_ASC) { nodes { key kind title } } } } } }
    pageInfo { hasNextPage endCursor }
  }
}"""


class BenchTokenSettings:
    issuer = audience = "sla-api"
    token_ttl_seconds = 6 * 3600  # a full run takes tens of minutes
    signing_algorithm = "ES256"


@dataclass(frozen=True)
class Seeded:
    provider_id: uuid.UUID
    agreements: dict[str, uuid.UUID]  # customer external ref (zendesk:…) → its agreement


@dataclass(frozen=True)
class Row:
    what: str
    result: WrkResult
    postgraphile_ratio: bool = False


# ---------------------------------------------------------------- seeding, through the services


def service_levels() -> list[dict]:
    return [{"key": f"{priority}-{metric}", "metric": metric, "match": {"priority": priority},
             "duration": f"PT{(index + 1) * (2 if metric == 'resolution' else 1)}H",
             "time": "calendar" if priority == "P1" else "business", "warn_at_percent": [50, 75],
             "pause_statuses": ["pending"] if metric == "resolution" else []}
            for index, priority in enumerate(PRIORITIES) for metric in METRICS]


CLAUSES = [
    ClauseInput("levels", "service_level", "Response and resolution times", terms={"targets": service_levels()}),
    ClauseInput("hours", "schedule", "Service hours", terms={
        "timezone": "Europe/Paris", "holidays": {"country": "FR"},
        "weekly_windows": {day: [{"start": "08:00", "end": "12:30"}, {"start": "13:30", "end": "18:00"}]
                           for day in ("mon", "tue", "wed", "thu", "fri")}}),
    ClauseInput("escalation", "escalation", "Escalation", terms={"levels": [
        {"level": 1, "after": "PT2H", "to": {"role": "provider", "email": "duty@provider.example"}},
        {"level": 2, "after": "PT6H", "to": {"role": "provider", "email": "cto@provider.example"}}]}),
]


def customer_ref(index: int) -> str:
    return f"bench-{index:04d}"


async def seed(url: str) -> Seeded:
    """Seed once; later runs reuse the data while the marker party (written last) is there."""
    engine = make_engine(url, pool_size=SEED_CONCURRENCY + 1)
    sessionmaker = make_sessionmaker(engine)
    try:
        if not await _seeded(sessionmaker):
            started = time.perf_counter()
            await truncate_all(engine)
            # A day ago, so tickets and lookups at the time of the run fall inside the agreements' terms.
            at = datetime.now(UTC) - timedelta(days=1)
            async with sessionmaker.begin() as session:
                await ensure_signing_key(session, now=at)
                provider = await create_party(session, OPERATOR, PartyInput(
                    "Bench provider", external_refs={"bench": "provider"}), now=at)
            chunks = [range(start, min(start + SEED_CHUNK, CUSTOMERS)) for start in range(0, CUSTOMERS, SEED_CHUNK)]
            limit = asyncio.Semaphore(SEED_CONCURRENCY)

            async def seed_chunk(indexes: range) -> None:
                async with limit, sessionmaker.begin() as session:
                    for index in indexes:
                        await _seed_customer(session, provider.id, index, at)

            await asyncio.gather(*(seed_chunk(chunk) for chunk in chunks))
            async with sessionmaker.begin() as session:
                await create_party(session, OPERATOR, PartyInput(
                    "Bench seed complete", external_refs={MARKER[0]: MARKER[1]}), now=at)
            print(f"seeded {CUSTOMERS} customers with one agreement each in {time.perf_counter() - started:.1f} s")
        else:
            print(f"reusing the seeded database (marker {MARKER[0]}:{MARKER[1]})")
        return await _read_seed(sessionmaker)
    finally:
        await engine.dispose()


async def _seeded(sessionmaker) -> bool:
    async with sessionmaker() as session:
        return await session.scalar(select(PartyExternalRef.party_id).where(
            PartyExternalRef.system == MARKER[0], PartyExternalRef.external_id == MARKER[1])) is not None


async def _seed_customer(session, provider_id: uuid.UUID, index: int, at: datetime) -> None:
    customer = await create_party(session, OPERATOR, PartyInput(
        f"Bench customer {index:04d}", external_refs={"zendesk": customer_ref(index)}), now=at)
    provider = Actor(party_id=provider_id, scopes=frozenset(PARTY_SCOPES), subject="bench")
    buyer = Actor(party_id=customer.id, scopes=frozenset(PARTY_SCOPES), subject="bench")
    agreement = await create_agreement(session, provider, AgreementCreate(
        title=f"Support for customer {index:04d}", timezone="Europe/Paris",
        memberships=[MembershipInput(provider_id, "provider"), MembershipInput(customer.id, "customer")],
        clauses=CLAUSES), now=at)
    await propose_version(session, provider, agreement.id, VersionProposal(summary="Initial terms"), now=at)
    for actor in (provider, buyer):
        await decide_version(session, actor, agreement.id, 1, "approved", Decision(), now=at)
    await transition_agreement(session, buyer, agreement.id, "activate", now=at)


async def _read_seed(sessionmaker) -> Seeded:
    async with sessionmaker() as session:
        provider_id = await session.scalar(select(PartyExternalRef.party_id).where(
            PartyExternalRef.system == "bench", PartyExternalRef.external_id == "provider"))
        rows = (await session.execute(
            select(PartyExternalRef.external_id, Membership.agreement_id)
            .join(Membership, (Membership.party_id == PartyExternalRef.party_id) & (Membership.role == "customer"))
            .where(PartyExternalRef.system == "zendesk", PartyExternalRef.external_id.like("bench-%")))).all()
    agreements = {f"zendesk:{ref}": agreement_id for ref, agreement_id in rows}
    if provider_id is None or len(agreements) != CUSTOMERS:
        raise SystemExit(f"the seeded data is incomplete ({len(agreements)} agreements); drop the marker party or "
                         "empty the database and run again")
    return Seeded(provider_id, agreements)


async def provider_token(url: str, provider_id: uuid.UUID) -> str:
    engine = make_engine(url, pool_size=1)
    try:
        async with make_sessionmaker(engine).begin() as session:
            now = datetime.now(UTC)
            await ensure_signing_key(session, now=now)
            return await mint_party_token(session, settings=BenchTokenSettings, party_id=provider_id,
                                          scopes=list(PARTY_SCOPES), now=now)
    finally:
        await engine.dispose()


async def read(url: str, statement) -> list:
    """The first column of every row, read on a short-lived engine (the checks' own reads, beside the servers)."""
    engine = make_engine(url, pool_size=1)
    try:
        async with make_sessionmaker(engine)() as session:
            return list(await session.scalars(statement))
    finally:
        await engine.dispose()


# ---------------------------------------------------------------- requests and their checks


def applicable_requests(seeded: Seeded, count: int) -> list[HttpRequest]:
    """Customers × priorities × opening times around French holidays (next year: inside every agreement's term)."""
    year = datetime.now(UTC).year + 1
    openings = [f"{year}-12-24T16:30:00Z", f"{year}-07-13T17:45:00Z", f"{year}-05-07T09:15:00Z",
                f"{year}-03-02T11:00:00Z"]
    combos = [(customer, priority, opened) for customer in seeded.agreements for priority in PRIORITIES
              for opened in openings]
    random.Random(12).shuffle(combos)
    return [HttpRequest("GET", f"/v1/sla/applicable?customer={c}&priority={p}&opened_at={o}") for c, p, o in combos[:count]]


def check_applicable(client: httpx.Client, seeded: Seeded, requests: list[HttpRequest]) -> None:
    for request in requests:
        answer = ok(client.get(request.path))
        query = httpx.URL(request.path).params
        expected_agreement = seeded.agreements[query["customer"]]
        keys = sorted(t["target_key"] for t in answer["targets"])
        expected_keys = sorted(f"{query['priority']}-{metric}" for metric in METRICS)
        if answer["agreement"]["id"] != str(expected_agreement) or answer["version"]["number"] != 1 \
                or keys != expected_keys or any(t["due_at"] <= answer["opened_at"] for t in answer["targets"]):
            raise SystemExit(f"wrong answer from {request.path}: {json.dumps(answer)[:1500]}")


def portal_shape(answer: dict, *, postgraphile: bool) -> list[tuple]:
    """Both GraphQL answers reduced to the same comparable rows (enum spellings and member order aside)."""
    connection = answer["data"]["allAgreements" if postgraphile else "agreements"]
    rows = []
    for edge in connection["edges"]:
        node = edge["node"]
        if postgraphile:
            members = [(m["role"], m["partyByPartyId"]["name"]) for m in node["agreementMembershipsByAgreementId"]["nodes"]]
            version = (node["agreementVersionsByAgreementId"]["nodes"] or [None])[0]
            clauses = version and version["clausesByVersionId"]["nodes"]
        else:
            members = [(m["role"], m["party"]["name"]) for m in node["memberships"]]
            version = node["currentVersion"]
            clauses = version and version["clauses"]
        rows.append((node["reference"], node["status"].lower(), sorted((r.lower(), n) for r, n in members),
                     version and version["number"],
                     [(c["key"], c["kind"].lower(), c["title"]) for c in clauses or []]))
    return rows


def check_portal(rows: list[tuple], references: list[str], what: str) -> None:
    expected_clauses = [(c.key, c.kind, c.title) for c in CLAUSES]
    if [r[0] for r in rows] != references or any(
            r[1] != "active" or r[3] != 1 or r[4] != expected_clauses or [m[0] for m in r[2]] != ["customer", "provider"]
            for r in rows):
        raise SystemExit(f"wrong answer from {what}: {rows[:2]} …, expected references {references}")


def ok(response: httpx.Response) -> dict:
    if response.status_code != 200:
        raise SystemExit(f"{response.request.method} {response.request.url} answered {response.status_code}: "
                         f"{response.text[:1000]}")
    answer = response.json()
    if isinstance(answer, dict) and answer.get("errors"):
        raise SystemExit(f"{response.request.url} answered errors: {answer['errors']}")
    return answer


def ingestion_script(headers: dict[str, str], source: str, customers: list[str], at: datetime) -> str:
    """Odd batches open 100 new tickets, even batches reply on them (a reply may overtake its ticket: it is held)."""
    created, replied = (at - timedelta(seconds=90)).isoformat(), (at - timedelta(seconds=30)).isoformat()
    customer_list = ", ".join(lua_string(c) for c in customers)
    priority_list = ", ".join(lua_string(p) for p in PRIORITIES)
    return f"""
local headers = {lua_headers(headers)}
local customers = {{{customer_list}}}
local priorities = {{{priority_list}}}
local batch = 0
function request()
  batch = batch + 1
  local group = math.floor((batch + 1) / 2)
  local events = {{}}
  for j = 1, {INGEST_BATCH} do
    local ticket = group .. "-" .. j
    if batch % 2 == 1 then
      events[j] = string.format('{{"source":"%s","event_id":"%s-c","ticket_id":"%s","type":"created","occurred_at":"%s","customer":"%s","priority":"%s"}}',
        "{source}", ticket, ticket, "{created}", customers[(group * {INGEST_BATCH} + j) % #customers + 1], priorities[j % #priorities + 1])
    else
      events[j] = string.format('{{"source":"%s","event_id":"%s-r","ticket_id":"%s","type":"agent_replied","occurred_at":"%s"}}',
        "{source}", ticket, ticket, "{replied}")
    end
  end
  return wrk.format("POST", "/v1/tickets/events", headers, '{{"events":[' .. table.concat(events, ",") .. ']}}')
end
""" + DONE


# ---------------------------------------------------------------- the run


@dataclass(frozen=True)
class Plan:
    seconds: float
    warmup: float
    connections: int
    mixed_requests: int
    applicable_combos: int
    checks: int


def plan(args: argparse.Namespace) -> Plan:
    if args.quick:
        return Plan(seconds=args.seconds or 4, warmup=2, connections=args.connections,
                    mixed_requests=args.requests or 2000, applicable_combos=400, checks=20)
    return Plan(seconds=args.seconds or 30, warmup=5, connections=args.connections,
                mixed_requests=args.requests or 100_000, applicable_combos=4000, checks=200)


def measure(what: str, server: Server, requests: list[HttpRequest], headers: dict[str, str], p: Plan, *,
            postgraphile_ratio: bool = False) -> Row:
    script = rotating_script(requests, headers)
    run_wrk(server.base_url, script, connections=p.connections, seconds=p.warmup, warm_up=True)
    result = run_wrk(server.base_url, script, connections=p.connections, seconds=p.seconds)
    print(f"  {what}: {result.rate:,.0f} req/s, p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms", flush=True)
    return Row(what, result, postgraphile_ratio=postgraphile_ratio)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: short durations, N = 2,000")
    parser.add_argument("--seconds", type=float, help="wrk duration per target (default 30; quick 4)")
    parser.add_argument("--requests", type=int, help="N, the mixed requests before the memory reading (default 100,000)")
    parser.add_argument("--connections", type=int, default=32, help="wrk -c (default 32)")
    parser.add_argument("--port-base", type=int, default=18220, help="three consecutive ports from this one")
    parser.add_argument("--no-postgraphile", action="store_true", help="skip PostGraphile even when installed")
    args = parser.parse_args()
    p = plan(args)
    require_wrk()

    url = os.environ.get("DATABASE_URL")
    if not url:
        from db.embedded import start_embedded

        url = start_embedded(ROOT / ".sla-bench")
    asyncio.run(migrate(url))
    seeded = asyncio.run(seed(url))
    token = asyncio.run(provider_token(url, seeded.provider_id))
    # The provider's newest agreements, as both GraphQL answers must list them.
    references = asyncio.run(read(url, select(Agreement.reference)
                                  .order_by(Agreement.created_at.desc(), Agreement.id.desc()).limit(10)))
    auth = {"Authorization": f"Bearer {token}"}
    json_auth = {**auth, "Content-Type": "application/json"}
    plain_url = url.replace("postgresql+asyncpg://", "postgresql://")
    node = ROOT / "bench" / "postgraphile" / "node_modules" / ".bin" / "node"
    sla_port, floor_port, graphile_port = args.port_base, args.port_base + 1, args.port_base + 2
    rows: list[Row] = []
    load_before = os.getloadavg()

    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="sla-bench-") as logs:
        log_dir = Path(logs)
        base_env = {**os.environ, "DATABASE_URL": plain_url}
        servers: dict[str, Server] = {}
        servers["sla"] = start("sla serve", [sys.executable, "-m", "api.cli", "serve", "--workers", "2", "--no-worker",
                                             "--port", str(sla_port)],
                               env={**base_env, "SLA_ENVIRONMENT": "production"}, cwd=ROOT, port=sla_port,
                               ready_path="/readyz", log_dir=log_dir)
        stack.callback(servers["sla"].stop)
        servers["floor"] = start("floor", [sys.executable, "-m", "uvicorn", "--app-dir", str(ROOT / "bench"),
                                           "floor_app:app", "--workers", "2", "--port", str(floor_port),
                                           "--log-level", "warning", "--no-access-log"],
                                 env=base_env, cwd=ROOT, port=floor_port,
                                 ready_path=f"/parties/{seeded.provider_id}", log_dir=log_dir)
        stack.callback(servers["floor"].stop)
        skipped = None
        if args.no_postgraphile:
            skipped = "--no-postgraphile"
        elif not node.exists():
            skipped = "bench/postgraphile/node_modules/.bin/node is missing: run bench/postgraphile/install.sh"
        else:
            folder = ROOT / "bench" / "postgraphile"
            servers["postgraphile"] = start("postgraphile", [str(node), "node_modules/postgraphile/dist/cli-run.js",
                                                             "-C", "graphile.config.mjs"],
                                            env={**base_env, "PORT": str(graphile_port), "GRAPHILE_ENV": "production",
                                                 "NODE_ENV": "production"},
                                            cwd=folder, port=graphile_port, ready_path="/graphql",
                                            ready_json={"query": "{ __typename }"},
                                            log_dir=log_dir)
            stack.callback(servers["postgraphile"].stop)
        if skipped:
            print(f"PostGraphile skipped: {skipped}")

        sla, floor = servers["sla"], servers["floor"]
        with httpx.Client(base_url=sla.base_url, headers=auth, timeout=30) as client:
            # floor
            if ok(httpx.get(f"{floor.base_url}/parties/{seeded.provider_id}"))["name"] != "Bench provider":
                raise SystemExit("the floor app answered the wrong row")
            rows.append(measure("floor: Litestar + asyncpg, one row by primary key, 2 uvicorn workers", floor,
                                [HttpRequest("GET", f"/parties/{seeded.provider_id}")], {}, p))
            # /healthz
            ok(client.get("/healthz"))
            rows.append(measure("`/healthz`", sla, [HttpRequest("GET", "/healthz")], {}, p))
            # /v1/me
            if ok(client.get("/v1/me"))["party"]["id"] != str(seeded.provider_id):
                raise SystemExit("/v1/me answered another party")
            rows.append(measure("`/v1/me` (token check + one query)", sla, [HttpRequest("GET", "/v1/me")], auth, p))
            # /v1/sla/applicable
            lookups = applicable_requests(seeded, p.applicable_combos)
            check_applicable(client, seeded, lookups[:p.checks])
            rows.append(measure(f"`/v1/sla/applicable` ({len(lookups)} customer × priority × time rotating)", sla,
                                lookups, auth, p))
            # GraphQL portal query, and PostGraphile's same shape
            portal = HttpRequest("POST", "/graphql", json.dumps({"query": PORTAL_QUERY}))
            sla_rows = portal_shape(ok(client.post("/graphql", content=portal.body, headers=json_auth)), postgraphile=False)
            check_portal(sla_rows, references, "the SLA API's GraphQL")
            graphile_portal = HttpRequest("POST", "/graphql", json.dumps({"query": POSTGRAPHILE_QUERY}))
            if "postgraphile" in servers:
                graphile_rows = portal_shape(ok(httpx.post(servers["postgraphile"].base_url + "/graphql",
                                                           content=graphile_portal.body, headers=json_auth)),
                                             postgraphile=True)
                check_portal(graphile_rows, references, "PostGraphile")
                if graphile_rows != sla_rows:
                    raise SystemExit(f"the two GraphQL answers differ:\n{sla_rows}\n{graphile_rows}")
            rows.append(measure("GraphQL portal query (10 agreements, members, current clauses)", sla, [portal],
                                json_auth, p, postgraphile_ratio=True))
            if "postgraphile" in servers:
                rows.append(measure("PostGraphile 5 (Node 22, one process), the same shape over the same tables",
                                    servers["postgraphile"], [graphile_portal], json_auth, p))

            # ticket-event ingestion
            source = f"bench-{uuid.uuid4().hex[:12]}"
            count_events = select(func.count()).select_from(TicketEventRecord)
            before = asyncio.run(read(url, count_events))[0]
            script = ingestion_script(json_auth, source, list(seeded.agreements), datetime.now(UTC))
            first = ok(client.post("/v1/tickets/events", headers=json_auth, json={"events": [
                {"source": source + "-check", "event_id": "e1", "ticket_id": "t1", "type": "created",
                 "occurred_at": datetime.now(UTC).isoformat(), "customer": next(iter(seeded.agreements)),
                 "priority": "P2"}]}))
            if first["accepted"] != 1 or first["tickets"][0]["agreement_id"] != str(next(iter(seeded.agreements.values()))):
                raise SystemExit(f"ticket ingestion answered {first}")
            ingest = run_wrk(sla.base_url, script, connections=INGEST_CONNECTIONS, seconds=p.seconds)
            stored = asyncio.run(read(url, count_events.where(TicketEventRecord.source == source)))[0]
            if stored < ingest.requests * INGEST_BATCH:
                raise SystemExit(f"ingestion: {ingest.requests} batches answered but only {stored} events stored")

            # memory of each sla serve worker after N mixed requests
            mixed = []
            for index, lookup in enumerate(lookups[:400]):
                mixed.append(lookup)
                if index % 4 == 1:
                    mixed += [HttpRequest("GET", "/v1/me"), HttpRequest("GET", "/healthz")]
                if index % 4 == 3:
                    mixed += [HttpRequest("GET", "/v1/me"), portal]
            workers = sla.workers()
            memory = {pid: [rss_mib(pid)] for pid in workers}
            half = p.mixed_requests // 2
            started = time.perf_counter()
            for _ in range(2):
                run_wrk(sla.base_url, rotating_script(mixed, json_auth, stop_after=half), connections=p.connections,
                        seconds=3600)
                for pid in workers:
                    memory[pid].append(rss_mib(pid))
            mixed_seconds = time.perf_counter() - started
            graphile_rss = rss_mib(servers["postgraphile"].process.pid) if "postgraphile" in servers else None
            floor_rss = [rss_mib(pid) for pid in floor.workers()]

    print_report(p, rows, ingest, stored, before, memory, half, mixed_seconds, floor_rss, graphile_rss, skipped,
                 load_before)


def print_report(p: Plan, rows: list[Row], ingest: WrkResult, stored: int, before: int, memory: dict[int, list[float]],
                 half: int, mixed_seconds: float, floor_rss: list[float], graphile_rss: float | None,
                 skipped: str | None, load_before: tuple[float, float, float]) -> None:
    floor = rows[0].result.rate
    graphile = next((r.result.rate for r in rows if r.what.startswith("PostGraphile")), None)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    print(f"\nHot paths, commit {commit or '?'}, {os.cpu_count()} cores, load average {load_before[0]:.1f} before and "
          f"{os.getloadavg()[0]:.1f} after; `wrk -t1 -c{p.connections}` for {p.seconds:g} s each after "
          f"{p.warmup:g} s of warm-up; `sla serve --workers 2 --no-worker`, SLA_ENVIRONMENT=production; "
          f"{CUSTOMERS} customers × 1 active agreement of 20 targets, French holidays.\n")
    print("| what | req/s | p50 ms | p99 ms | ratio |")
    print("|---|---:|---:|---:|---|")
    for row in rows:
        ratios = []
        if row is not rows[0]:
            ratios.append(f"{row.result.rate / floor:.2f} × floor")
        if row.postgraphile_ratio:
            ratios.append(f"{row.result.rate / graphile:.2f} × PostGraphile" if graphile else "PostGraphile skipped")
        print(f"| {row.what} | {row.result.rate:,.0f} | {row.result.p50_ms:.1f} | {row.result.p99_ms:.1f} | "
              f"{', '.join(ratios)} |")
    if skipped:
        print(f"| PostGraphile 5 | skipped: {skipped} | | | |")
    print(f"| ticket events, `POST /v1/tickets/events` × {INGEST_BATCH} (`-c{INGEST_CONNECTIONS}`; "
          f"{before:,} events stored before) | **{ingest.rate * INGEST_BATCH:,.0f} events/s** "
          f"({ingest.rate:,.1f} batches/s) | {ingest.p50_ms:.1f} | {ingest.p99_ms:.1f} | |")
    print(f"\nMemory (RSS, MiB) of each `sla serve` worker after N mixed requests (applicable, /v1/me, /healthz, "
          f"GraphQL; {2 * half:,} in {mixed_seconds:.0f} s):\n")
    print(f"| worker | after the runs above | N = {half:,} | N = {2 * half:,} | change {half:,} → {2 * half:,} |")
    print("|---|---:|---:|---:|---:|")
    for pid, readings in memory.items():
        start, middle, end = readings
        print(f"| pid {pid} | {start:.1f} | {middle:.1f} | {end:.1f} | {100 * (end - middle) / middle:+.1f} % |")
    extra = f"floor workers {', '.join(f'{r:.1f}' for r in floor_rss)} MiB"
    if graphile_rss is not None:
        extra += f"; PostGraphile {graphile_rss:.1f} MiB"
    print(f"\nFor reference after their runs: {extra}.\n")


if __name__ == "__main__":
    main()
