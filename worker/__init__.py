"""The worker process: an edge like the HTTP API (`sla worker`, or in-process under `sla serve`).

It owns the transactions around each delivery attempt and each timer, so no HTTP call happens inside a
transaction, and it calls the use cases in `services/` for everything else.
"""
