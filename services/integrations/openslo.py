"""OpenSLO v1 (openslo.com, the `openslo/v1` objects `Service`, `SLI`, `SLO`) ⇄ service-level targets. Pure: no I/O.

Export: each availability target becomes an SLO counted in one-minute time slices over the agreement's calendar
month (attainment here is `100 × (1 − downtime / period)` per month in the agreement's time zone); each ticket
target with a compliance target ("95 % of P1 first responses within PT1H") an SLO counted in occurrences, its
threshold the target duration in seconds. The indicator says where the measurement comes from: the agreement's
`verification` clause when it has one, else this service (`metricSource.type: sla-api`). Annotations carry the
clause and target keys, so importing the export gives the same clauses.

Import reads SLO documents (with their SLI, inline or by `indicatorRef`) back into targets, and a measured
indicator that is not this service into a `verification` clause; what has no equivalent is listed with the
reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import isodate
import yaml

API_VERSION = "openslo/v1"
SOURCE_TYPE = "sla-api"
TIME_METRICS = ("first_response", "next_response", "periodic_update", "resolution")
ANNOTATION_CLAUSE = "sla-api.dev/clause"
ANNOTATION_TARGET = "sla-api.dev/target"
_NAME = re.compile(r"[^a-z0-9-]+")
# OpenSLO's duration shorthand for our measurement periods.
PERIODS = {"P1M": "1M", "P3M": "1Q", "P1Y": "1Y", "P1W": "1w", "P7D": "7d", "P28D": "28d", "P30D": "30d"}


@dataclass
class OpenSloConversion:
    clauses: list[dict[str, Any]] = field(default_factory=list)
    unmapped: list[dict[str, str]] = field(default_factory=list)

    def refuse(self, item: str, reason: str) -> None:
        self.unmapped.append({"item": item, "reason": reason})


def object_name(*parts: str) -> str:
    """An RFC 1123 label (what OpenSLO asks of `metadata.name`): lower case, digits and hyphens, at most 63."""
    name = _NAME.sub("-", "-".join(parts).lower()).strip("-")[:63].strip("-")
    return name or "sla"


def _percent_to_ratio(percent: str) -> float:
    return float(Decimal(percent) / 100)


def _ratio_to_percent(ratio: Any) -> str | None:
    try:
        value = Decimal(str(ratio)) * 100
    except (InvalidOperation, ValueError):
        return None
    if not 0 < value <= 100:
        return None
    return format(value.normalize(), "f")


def _seconds(duration: str) -> int | None:
    parsed = isodate.parse_duration(duration)
    return int(parsed.total_seconds()) if isinstance(parsed, timedelta) else None


def _measured_by(clauses: list[dict[str, Any]]) -> dict[str, Any]:
    verification = next((c for c in clauses if c["kind"] == "verification"), None)
    if verification is None:
        return {"type": SOURCE_TYPE, "spec": {"measure": "incidents"}}
    terms = verification["terms"]
    return {"type": str(terms["data_source"]), "spec": {"method": str(terms["method"])}}


def openslo_documents(
    agreement: dict[str, Any], clauses: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """The agreement's measurable targets as OpenSLO v1 documents, and the targets that have no SLO form."""
    service = object_name(agreement["reference"])
    documents: list[dict[str, Any]] = [
        {
            "apiVersion": API_VERSION,
            "kind": "Service",
            "metadata": {"name": service, "displayName": agreement["title"]},
            "spec": {"description": f"Service levels of agreement {agreement['reference']}"},
        }
    ]
    unmapped: list[dict[str, str]] = []
    month = [
        {
            "duration": "1M",
            "isRolling": False,
            "calendar": {"startTime": "2020-01-01 00:00:00", "timeZone": agreement["timezone"]},
        }
    ]
    source = _measured_by(clauses)
    for clause in clauses:
        if clause["kind"] != "service_level":
            continue
        for index, target in enumerate(clause["terms"].get("targets", [])):
            key = target.get("key") or str(index)
            name = object_name(clause["key"], key)
            match = target.get("match") or {}
            metadata = {
                "name": name,
                "displayName": f"{clause['title']}: {key}",
                "annotations": {ANNOTATION_CLAUSE: clause["key"], ANNOTATION_TARGET: key},
            }
            if target["metric"] == "availability":
                sli_name = object_name(name, "sli")
                documents.append(
                    {
                        "apiVersion": API_VERSION,
                        "kind": "SLI",
                        "metadata": {"name": sli_name, "displayName": f"Availability measured by {source['type']}"},
                        "spec": {"thresholdMetric": {"metricSource": source}},
                    }
                )
                documents.append(
                    {
                        "apiVersion": API_VERSION,
                        "kind": "SLO",
                        "metadata": metadata,
                        "spec": {
                            "description": clause.get("body") or clause["title"],
                            "service": service,
                            "indicatorRef": sli_name,
                            "budgetingMethod": "Timeslices",
                            "timeWindow": month,
                            "objectives": [
                                {
                                    "displayName": "Available",
                                    "target": _percent_to_ratio(target["percentage"]),
                                    "timeSliceTarget": 1,
                                    "timeSliceWindow": "1m",
                                }
                            ],
                        },
                    }
                )
                continue
            seconds = _seconds(target["duration"]) if target.get("duration") else None
            if (
                not target.get("compliance_target")
                or seconds is None
                or match.get("attributes")
                or (match.get("service") and not isinstance(match.get("service"), str))
            ):
                unmapped.append(
                    {
                        "item": f"{clause['key']} target {key}",
                        "reason": "an SLO needs a compliance target, a fixed duration and at most one service and "
                        "priority to measure",
                    }
                )
                continue
            spec = {"metric": target["metric"], "time": target.get("time", "business")}
            for name_ in ("priority", "service"):
                if isinstance(match.get(name_), str):
                    spec[name_] = match[name_]
            documents.append(
                {
                    "apiVersion": API_VERSION,
                    "kind": "SLO",
                    "metadata": metadata,
                    "spec": {
                        "description": clause.get("body") or clause["title"],
                        "service": service,
                        "indicator": {
                            "metadata": {"name": object_name(name, "sli")},
                            "spec": {"thresholdMetric": {"metricSource": {"type": SOURCE_TYPE, "spec": spec}}},
                        },
                        "budgetingMethod": "Occurrences",
                        "timeWindow": month,
                        "objectives": [
                            {
                                "displayName": f"{target['metric']} within {target['duration']}",
                                "op": "lte",
                                "value": seconds,
                                "target": _percent_to_ratio(target["compliance_target"]),
                            }
                        ],
                    },
                }
            )
    return documents, unmapped


def openslo_yaml(documents: list[dict[str, Any]]) -> str:
    text: str = yaml.safe_dump_all(documents, sort_keys=False, allow_unicode=True)
    return text


def _indicator(slo: dict[str, Any], slis: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    spec = slo.get("spec") or {}
    ref = spec.get("indicatorRef")
    found = (
        spec.get("indicator")
        if isinstance(spec.get("indicator"), dict)
        else slis.get(ref)
        if isinstance(ref, str)
        else None
    )
    indicator = (found or {}).get("spec")
    return indicator if isinstance(indicator, dict) else None


def clauses_from_openslo(text: str) -> OpenSloConversion:
    """OpenSLO v1 YAML (one or more documents) as service-level and verification clauses."""
    out = OpenSloConversion()
    try:
        documents = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError as exc:
        out.refuse("yaml", f"not YAML: {exc}"[:300])
        return out
    if not all(isinstance(d, dict) for d in documents):
        out.refuse("yaml", "every document must be an OpenSLO object (a mapping)")
        return out
    slis = {str((d.get("metadata") or {}).get("name")): d for d in documents if d.get("kind") == "SLI"}
    targets: dict[str, list[dict[str, Any]]] = {}
    verifications: list[dict[str, Any]] = []
    for document in documents:
        if document.get("apiVersion") != API_VERSION:
            out.refuse(str(document.get("kind")), f"apiVersion must be {API_VERSION}")
            continue
        if document.get("kind") != "SLO":
            continue
        metadata = document.get("metadata") or {}
        label = f"SLO {metadata.get('name')}"
        annotations = metadata.get("annotations") or {}
        clause_key = str(annotations.get(ANNOTATION_CLAUSE) or "openslo")
        target_key = str(annotations.get(ANNOTATION_TARGET) or metadata.get("name") or "slo")
        spec = document.get("spec") or {}
        indicator = _indicator(document, slis)
        objectives = spec.get("objectives") or []
        if indicator is None or len(objectives) != 1 or not isinstance(objectives[0], dict):
            out.refuse(label, "an SLO maps when it has one objective and an indicator (inline or by reference)")
            continue
        objective = objectives[0]
        windows = spec.get("timeWindow") or []
        window = windows[0] if windows and isinstance(windows[0], dict) else {}
        if window.get("isRolling"):
            out.refuse(label, "a rolling window has no equivalent: attainment here is per calendar month")
            continue
        source = ((indicator.get("thresholdMetric") or {}).get("metricSource")) or {}
        percent = _ratio_to_percent(objective.get("target"))
        if percent is None:
            out.refuse(label, "objectives[0].target must be a ratio above 0 and at most 1")
            continue
        if source.get("type") == SOURCE_TYPE and (source.get("spec") or {}).get("metric") in TIME_METRICS:
            measured = source["spec"]
            value = objective.get("value")
            if objective.get("op") not in ("lt", "lte") or isinstance(value, bool) or not isinstance(value, int):
                out.refuse(label, "a ticket objective is `op: lte` with a whole number of seconds as `value`")
                continue
            match = {k: measured[k] for k in ("service", "priority") if isinstance(measured.get(k), str)}
            target: dict[str, Any] = {
                "key": target_key,
                "metric": measured["metric"],
                "duration": isodate.duration_isoformat(timedelta(seconds=value)),
                "compliance_target": percent,
            }
            if match:
                target["match"] = match
            if measured.get("time") == "calendar":
                target["time"] = "calendar"
        else:
            target = {"key": target_key, "metric": "availability", "percentage": percent}
            if source.get("type") not in (None, SOURCE_TYPE):
                verifications.append(
                    {
                        "key": object_name("openslo-verification", str(source["type"])),
                        "kind": "verification",
                        "title": f"Measured by {source['type']}",
                        "terms": {
                            "data_source": str(source["type"]),
                            "method": str((source.get("spec") or {}).get("method") or spec.get("budgetingMethod")),
                            "measurement_period": next(
                                (p for p, s in PERIODS.items() if s == window.get("duration")), "P1M"
                            ),
                        },
                    }
                )
        targets.setdefault(clause_key, []).append(target)
    for clause_key, found in targets.items():
        out.clauses.append(
            {"key": clause_key, "kind": "service_level", "title": "Imported from OpenSLO", "terms": {"targets": found}}
        )
    out.clauses += list({v["key"]: v for v in verifications}.values())
    return out
