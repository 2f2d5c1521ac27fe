"""A report as PDF (reportlab): the same sections as the HTML page, with vector bar charts. Rendered from the reader's
rendering, so a third party's PDF carries no cost or credit figure because its report has none. `invariant` output
(no creation date, a fixed document id) so the same report gives the same bytes."""

from __future__ import annotations

import io
from decimal import Decimal

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from services.reports.views import ServiceReport

CHART_WIDTH, CHART_HEIGHT = 320, 90
STYLES = getSampleStyleSheet()
GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
    ]
)


def _cell(value: object) -> str:
    return "-" if value is None else str(value)


def _table(headers: list[str], rows: list[list[object]]) -> Table:
    table = Table([headers, *[[_cell(cell) for cell in row] for row in rows]], hAlign="LEFT")
    table.setStyle(GRID)
    return table


def _chart(title: str, bars: list[tuple[str, Decimal | None]], line: Decimal | None) -> Drawing:
    """Bars of percentages on a 0-100 scale, with the target as a dashed line."""
    drawing = Drawing(CHART_WIDTH, CHART_HEIGHT + 30)
    drawing.add(Rect(0, 15, CHART_WIDTH, CHART_HEIGHT, fillColor=colors.HexColor("#fafafa"), strokeColor=colors.grey))
    slot = CHART_WIDTH / max(len(bars), 1)
    for index, (label, value) in enumerate(bars):
        x = index * slot + 2
        if value is not None:
            met = line is None or value >= line
            fill = colors.HexColor("#3a8f5c" if met else "#c0392b")
            drawing.add(Rect(x, 15, slot - 4, float(value) / 100 * CHART_HEIGHT, fillColor=fill, strokeWidth=0))
        drawing.add(String(x + (slot - 4) / 2, 4, label[-5:], fontSize=6, textAnchor="middle"))
    if line is not None:
        y = 15 + float(line) / 100 * CHART_HEIGHT
        drawing.add(Line(0, y, CHART_WIDTH, y, strokeDashArray=[3, 2]))
    drawing.add(String(0, CHART_HEIGHT + 20, title, fontSize=8))
    return drawing


def render_pdf(report: ServiceReport) -> bytes:
    agreement = report.agreement
    story: list[Flowable] = [
        Paragraph(f"Service report {report.period}: {agreement.reference} {agreement.title}", STYLES["Title"]),
        Paragraph(
            f"{report.period_start.isoformat()} to {report.period_end.isoformat()} ({agreement.timezone}). "
            f"SHA-256 {_cell(report.sha256)}",
            STYLES["Normal"],
        ),
    ]

    def section(title: str, *flowables: Flowable) -> None:
        story.extend([Spacer(1, 8), Paragraph(title, STYLES["Heading2"]), *flowables])

    if report.attainment is not None:
        section(
            "Attainment",
            _table(
                ["target", "metric", "measured %", "target", "met"],
                [[t.target_key, t.metric, t.measured, t.target, t.met] for t in report.attainment],
            ),
            *[
                _chart(f"{t.target_key} by period", [(p.period, p.measured) for p in t.points], t.target)
                for t in report.trend or []
            ],
        )
    if report.breaches is not None:
        section(
            "Breaches by priority and metric",
            _table(["priority", "metric", "breached"], [[b.priority, b.metric, b.breached] for b in report.breaches]),
        )
    if report.incidents is not None:
        section(
            "Incidents and maintenance",
            _table(
                ["kind", "service", "started", "ended", "accepted maintenance"],
                [[i.kind, i.service, i.started_at, i.ended_at, i.accepted_maintenance] for i in report.incidents],
            ),
        )
    if report.indicators is not None:
        section(
            "Measured indicators and error budget",
            _table(
                ["indicator", "objective %", "good", "total", "attainment %", "budget remaining %"],
                [
                    [i.indicator, i.objective, i.good, i.total, i.attainment, i.budget_remaining_percent]
                    for i in report.indicators
                ],
            ),
        )
    if report.credits is not None:
        section(
            "Service credits",
            _table(
                ["target", "status", "amount", "currency"],
                [[c.target_key, c.status, c.amount, c.currency] for c in report.credits],
            ),
            _table(["total due", "currency"], [[t.amount, t.currency] for t in report.totals or []]),
        )
    if report.disputes is not None:
        section(
            "Disputes",
            _table(
                ["open at period end", "resolved in period"],
                [[report.disputes.open_at_period_end, report.disputes.resolved_in_period]],
            ),
        )
    if report.review is not None:
        section(
            "Review", _table(["status", "due", "outcome"], [[r.status, r.due_at, r.outcome] for r in report.review])
        )
    if report.changes is not None:
        section(
            "Changes to the agreement",
            _table(
                ["version", "summary", "effective from"],
                [[c.number, c.summary, c.effective_from] for c in report.changes],
            ),
        )
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, title=f"Service report {report.period}")
    document.build(story)
    return buffer.getvalue()
