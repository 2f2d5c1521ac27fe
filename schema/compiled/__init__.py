"""Compiled GraphQL reads: a validated document of a small, declared subset of the schema becomes one SQL statement
whose result is the answer's `data`, built by PostgreSQL (`json_build_object`, `json_agg`), as PostGraphile does.

`compiler` holds the subset (each GraphQL field next to its SQL) and turns a document into SQL; `documents` keeps
the parsed, validated and compiled documents per process and binds a request's caller, clock and variables. Anything
outside the subset is not compilable and runs through Strawberry as before (`api.compiled_reads`).
"""
