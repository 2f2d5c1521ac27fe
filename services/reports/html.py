"""A report as a self-contained HTML page: inline CSS and hand-written inline SVG charts, no external asset (the
page is mailed and archived; it must render offline). Written from the reader's rendering, so a third party's page
carries no cost or credit figure because its report has none."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from services.reports.layout import (
    ATTAINMENT_HEADERS,
    CREDIT_HEADERS,
    INCIDENT_HEADERS,
    attainment_rows,
    axis_floor,
    bar_fraction,
    credit_rows,
    incident_rows,
    local_span,
    when,
)
from services.reports.views import AttainmentTrend, IndicatorFigure, ServiceReport

CHART_WIDTH, CHART_HEIGHT, AXIS, MAX_BAR = 560, 140, 34, 48
STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2rem;color:#222}"
    "table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem}"
    "th{background:#f3f3f3;text-align:left}.met{color:#17692e}.missed{color:#a21b1b}"
    "figure{display:inline-block;margin:0 1.5rem 1rem 0;vertical-align:top}figcaption{font-size:.85rem}"
)


def _text(value: object) -> str:
    return "—" if value is None else escape(str(value))


def _bar_chart(title: str, bars: list[tuple[str, Decimal | None]], line: Decimal | None) -> str:
    """Bars of percentages with their values, the target (or objective) as a dashed line; the axis starts where
    `axis_floor` says and is labelled, so a 99.79 % bar is visibly short of a 99.9 % target."""
    floor = axis_floor([value for _, value in bars], line)
    plot = CHART_WIDTH - AXIS
    slot = plot / max(len(bars), 1)
    width = min(slot - 6, MAX_BAR)
    top = 12  # room for a value label above a full bar
    height = CHART_HEIGHT - top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{CHART_WIDTH}" height="{CHART_HEIGHT + 20}" '
        f'role="img" aria-label="{escape(title)}">',
        f'<rect x="{AXIS}" y="0" width="{plot}" height="{CHART_HEIGHT}" fill="#fafafa" stroke="#ccc"/>',
        f'<text x="{AXIS - 3}" y="{top + 4}" font-size="9" text-anchor="end">100</text>',
        f'<text x="{AXIS - 3}" y="{CHART_HEIGHT}" font-size="9" text-anchor="end">{escape(str(floor))}</text>',
    ]
    if all(value is None for _, value in bars):
        parts.append(
            f'<text x="{AXIS + plot / 2:.1f}" y="{CHART_HEIGHT / 2:.1f}" font-size="11" fill="#777" '
            f'text-anchor="middle">nothing measured in these periods</text>'
        )
    for index, (label, value) in enumerate(bars):
        x = AXIS + index * slot + (slot - width) / 2
        middle = x + width / 2
        if value is not None:
            bar = bar_fraction(value, floor) * height
            met = line is None or value >= line
            parts.append(
                f'<rect class="bar" x="{x:.1f}" y="{CHART_HEIGHT - bar:.1f}" width="{width:.1f}" '
                f'height="{bar:.1f}" fill="{"#3a8f5c" if met else "#c0392b"}"><title>{escape(label)}: '
                f"{escape(str(value))} %</title></rect>"
                f'<text x="{middle:.1f}" y="{CHART_HEIGHT - bar - 2:.1f}" font-size="8" text-anchor="middle">'
                f"{escape(str(value))}</text>"
            )
        parts.append(
            f'<text x="{middle:.1f}" y="{CHART_HEIGHT + 14}" font-size="8" text-anchor="middle">{escape(label)}</text>'
        )
    if line is not None and line >= floor:
        y = CHART_HEIGHT - bar_fraction(line, floor) * height
        parts.append(
            f'<line x1="{AXIS}" x2="{CHART_WIDTH}" y1="{y:.1f}" y2="{y:.1f}" stroke="#333" stroke-dasharray="4 3"/>'
        )
    parts.append("</svg>")
    scale = f"; axis from {floor} %" if floor else ""
    return f"<figure>{''.join(parts)}<figcaption>{escape(title + scale)}</figcaption></figure>"


def _trend_charts(trend: list[AttainmentTrend]) -> str:
    return "".join(
        _bar_chart(
            f"{t.target_key}: attainment % by period (target {_text(t.target)} %)",
            [(p.period, p.measured) for p in t.points],
            t.target,
        )
        for t in trend
    )


def _indicator_chart(indicators: list[IndicatorFigure]) -> str:
    return "".join(
        _bar_chart(
            f"{i.indicator}: attainment % (objective {i.objective} %)", [(i.indicator, i.attainment)], i.objective
        )
        for i in indicators
    )


def _table(headers: list[str], rows: list[list[object]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_text(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(report: ServiceReport) -> str:
    agreement = report.agreement
    title = f"Service report {report.period} — {agreement.reference} {agreement.title}"
    sections = [
        f"<h1>{escape(title)}</h1>",
        f"<p>{escape(local_span(report))}. SHA-256 <code>{_text(report.sha256)}</code>.</p>",
    ]
    if report.attainment is not None:
        sections.append("<h2>Attainment</h2>")
        sections.append(_table(ATTAINMENT_HEADERS, attainment_rows(report)))
        sections.append(_trend_charts(report.trend or []))
    if report.breaches is not None:
        sections.append("<h2>Breaches by priority and metric</h2>")
        sections.append(
            _table(["priority", "metric", "breached"], [[b.priority, b.metric, b.breached] for b in report.breaches])
        )
    if report.incidents is not None:
        sections.append("<h2>Incidents and maintenance</h2>")
        sections.append(_table(INCIDENT_HEADERS, incident_rows(report)))
    if report.indicators is not None:
        sections.append("<h2>Measured indicators and error budget</h2>")
        sections.append(
            _table(
                ["indicator", "objective %", "good", "total", "attainment %", "budget remaining %"],
                [
                    [i.indicator, i.objective, i.good, i.total, i.attainment, i.budget_remaining_percent]
                    for i in report.indicators
                ],
            )
        )
        sections.append(_indicator_chart(report.indicators))
    if report.credits is not None:
        sections.append("<h2>Service credits</h2>")
        sections.append(_table(CREDIT_HEADERS, credit_rows(report)))
        sections.append(_table(["total due", "currency"], [[t.amount, t.currency] for t in report.totals or []]))
    if report.disputes is not None:
        sections.append("<h2>Disputes</h2>")
        sections.append(
            _table(
                ["open at period end", "resolved in period"],
                [[report.disputes.open_at_period_end, report.disputes.resolved_in_period]],
            )
        )
    if report.review is not None:
        sections.append("<h2>Review</h2>")
        sections.append(
            _table(["status", "due", "outcome"], [[r.status, when(r.due_at), r.outcome] for r in report.review])
        )
    if report.changes is not None:
        sections.append("<h2>Changes to the agreement</h2>")
        sections.append(
            _table(
                ["version", "summary", "effective from"],
                [[c.number, c.summary, when(c.effective_from)] for c in report.changes],
            )
        )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{STYLE}</style></head><body>{''.join(sections)}</body></html>"
    )
