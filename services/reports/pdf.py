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
from services.reports.views import ServiceReport

CHART_WIDTH, CHART_HEIGHT, AXIS, MAX_BAR = 440, 80, 26, 40
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
    """Bars of percentages with their values and the target as a dashed line, on the axis `axis_floor` gives (as
    the HTML page draws them)."""
    floor = axis_floor([value for _, value in bars], line)
    plot = CHART_WIDTH - AXIS
    slot = plot / max(len(bars), 1)
    width = min(slot - 4, MAX_BAR)
    height = CHART_HEIGHT - 10  # room for a value label above a full bar
    drawing = Drawing(CHART_WIDTH, CHART_HEIGHT + 38)  # 8 above the title: apart from what precedes it
    drawing.add(Rect(AXIS, 15, plot, CHART_HEIGHT, fillColor=colors.HexColor("#fafafa"), strokeColor=colors.grey))
    drawing.add(String(AXIS - 2, 15 + height - 3, "100", fontSize=6, textAnchor="end"))
    drawing.add(String(AXIS - 2, 15, str(floor), fontSize=6, textAnchor="end"))
    if all(value is None for _, value in bars):
        drawing.add(
            String(
                AXIS + plot / 2,
                15 + CHART_HEIGHT / 2,
                "nothing measured in these periods",
                fontSize=8,
                textAnchor="middle",
                fillColor=colors.grey,
            )
        )
    for index, (label, value) in enumerate(bars):
        x = AXIS + index * slot + (slot - width) / 2
        middle = x + width / 2
        if value is not None:
            met = line is None or value >= line
            fill = colors.HexColor("#3a8f5c" if met else "#c0392b")
            bar = bar_fraction(value, floor) * height
            drawing.add(Rect(x, 15, width, bar, fillColor=fill, strokeWidth=0))
            drawing.add(String(middle, 15 + bar + 2, str(value), fontSize=6, textAnchor="middle"))
        drawing.add(String(middle, 4, label, fontSize=6, textAnchor="middle"))
    if line is not None and line >= floor:
        y = 15 + bar_fraction(line, floor) * height
        drawing.add(Line(AXIS, y, CHART_WIDTH, y, strokeDashArray=[3, 2]))
    scale = f"; axis from {floor} %" if floor else ""
    drawing.add(String(0, CHART_HEIGHT + 20, title + scale, fontSize=8))
    return drawing


def render_pdf(report: ServiceReport) -> bytes:
    agreement = report.agreement
    story: list[Flowable] = [
        Paragraph(f"Service report {report.period}: {agreement.reference} {agreement.title}", STYLES["Title"]),
        Paragraph(
            f"{local_span(report)}. SHA-256 {_cell(report.sha256)}",
            STYLES["Normal"],
        ),
    ]

    def section(title: str, *flowables: Flowable) -> None:
        story.extend([Spacer(1, 8), Paragraph(title, STYLES["Heading2"]), *flowables])

    if report.attainment is not None:
        section(
            "Attainment",
            _table(ATTAINMENT_HEADERS, attainment_rows(report)),
            *[
                _chart(
                    f"{t.target_key}: attainment % by period (target {_cell(t.target)} %)",
                    [(p.period, p.measured) for p in t.points],
                    t.target,
                )
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
            _table(INCIDENT_HEADERS, incident_rows(report)),
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
            *[
                _chart(
                    f"{i.indicator}: attainment % (objective {i.objective} %)",
                    [(i.indicator, i.attainment)],
                    i.objective,
                )
                for i in report.indicators
            ],
        )
    if report.credits is not None:
        section(
            "Service credits",
            _table(CREDIT_HEADERS, credit_rows(report)),
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
            "Review",
            _table(["status", "due", "outcome"], [[r.status, when(r.due_at), r.outcome] for r in report.review]),
        )
    if report.changes is not None:
        section(
            "Changes to the agreement",
            _table(
                ["version", "summary", "effective from"],
                [[c.number, c.summary, when(c.effective_from)] for c in report.changes],
            ),
        )
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, title=f"Service report {report.period}")
    document.build(story)
    return buffer.getvalue()
