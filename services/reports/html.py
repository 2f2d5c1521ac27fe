"""A report as a self-contained HTML page: inline CSS and hand-written inline SVG charts, no external asset (the
page is mailed and archived; it must render offline). Written from the reader's rendering, so a third party's page
carries no cost or credit figure because its report has none."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from services.reports.views import AttainmentTrend, IndicatorFigure, ServiceReport

CHART_WIDTH, CHART_HEIGHT, BAR_GAP = 360, 140, 4
STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2rem;color:#222}"
    "table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem}"
    "th{background:#f3f3f3;text-align:left}.met{color:#17692e}.missed{color:#a21b1b}"
    "figure{display:inline-block;margin:0 1.5rem 1rem 0}figcaption{font-size:.85rem}"
)


def _text(value: object) -> str:
    return "—" if value is None else escape(str(value))


def _bar_chart(title: str, bars: list[tuple[str, Decimal | None]], line: Decimal | None) -> str:
    """Bars of percentages on a 0–100 scale, with the target (or objective) as a dashed line."""
    slot = CHART_WIDTH / max(len(bars), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{CHART_WIDTH}" height="{CHART_HEIGHT + 20}" '
        f'role="img" aria-label="{escape(title)}">',
        f'<rect x="0" y="0" width="{CHART_WIDTH}" height="{CHART_HEIGHT}" fill="#fafafa" stroke="#ccc"/>',
    ]
    for index, (label, value) in enumerate(bars):
        x = index * slot + BAR_GAP / 2
        if value is not None:
            height = float(value) / 100 * CHART_HEIGHT
            met = line is None or value >= line
            parts.append(
                f'<rect class="bar" x="{x:.1f}" y="{CHART_HEIGHT - height:.1f}" width="{slot - BAR_GAP:.1f}" '
                f'height="{height:.1f}" fill="{"#3a8f5c" if met else "#c0392b"}"><title>{escape(label)}: '
                f"{escape(str(value))} %</title></rect>"
            )
        parts.append(
            f'<text x="{x + (slot - BAR_GAP) / 2:.1f}" y="{CHART_HEIGHT + 14}" font-size="9" '
            f'text-anchor="middle">{escape(label[-5:])}</text>'
        )
    if line is not None:
        y = CHART_HEIGHT - float(line) / 100 * CHART_HEIGHT
        parts.append(
            f'<line x1="0" x2="{CHART_WIDTH}" y1="{y:.1f}" y2="{y:.1f}" stroke="#333" stroke-dasharray="4 3"/>'
        )
    parts.append("</svg>")
    return f"<figure>{''.join(parts)}<figcaption>{escape(title)}</figcaption></figure>"


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
        f"<p>Period {escape(report.period_start.isoformat())} to {escape(report.period_end.isoformat())} "
        f"({escape(agreement.timezone)}). SHA-256 <code>{_text(report.sha256)}</code>.</p>",
    ]
    if report.attainment is not None:
        sections.append("<h2>Attainment</h2>")
        sections.append(
            _table(
                ["target", "metric", "measured %", "target", "met"],
                [
                    [
                        t.target_key,
                        t.metric,
                        t.measured,
                        t.target,
                        None if t.met is None else ("yes" if t.met else "no"),
                    ]
                    for t in report.attainment
                ],
            )
        )
        sections.append(_trend_charts(report.trend or []))
    if report.breaches is not None:
        sections.append("<h2>Breaches by priority and metric</h2>")
        sections.append(
            _table(["priority", "metric", "breached"], [[b.priority, b.metric, b.breached] for b in report.breaches])
        )
    if report.incidents is not None:
        sections.append("<h2>Incidents and maintenance</h2>")
        sections.append(
            _table(
                ["kind", "service", "started", "ended", "accepted maintenance"],
                [
                    [i.kind, i.service, i.started_at.isoformat(), i.ended_at.isoformat(), i.accepted_maintenance]
                    for i in report.incidents
                ],
            )
        )
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
        sections.append(
            _table(
                ["target", "status", "amount", "currency"],
                [[c.target_key, c.status, c.amount, c.currency] for c in report.credits],
            )
        )
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
            _table(["status", "due", "outcome"], [[r.status, r.due_at.isoformat(), r.outcome] for r in report.review])
        )
    if report.changes is not None:
        sections.append("<h2>Changes to the agreement</h2>")
        sections.append(
            _table(
                ["version", "summary", "effective from"],
                [
                    [c.number, c.summary, c.effective_from.isoformat() if c.effective_from else None]
                    for c in report.changes
                ],
            )
        )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{STYLE}</style></head><body>{''.join(sections)}</body></html>"
    )
