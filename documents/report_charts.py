"""The charts of the zone and city reports: approved amounts by month, a bar per category, and
each category's budget of the year, used and left; drawn to the width of the GB/T 9704 text
block (documents/official_page.py), in 元 or, for large amounts, in 万元."""

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from db.models.money import CATEGORIES
from db.queries.reports import ZoneFigures
from documents.certificate_texts import texts
from documents.fonts import REGULAR
from documents.official_page import BLOCK_WIDTH

# the categories as certificates name them (resources/certificates/zh_CN.json): one wording
CATEGORY_NAMES = {**texts("zh_CN")["categories"], "little_giant": "“小巨人”奖励",
                  "loan_guarantee": "贷款担保"}
CATEGORY_COLOURS = {"land": colors.HexColor("#3b6ea5"), "electricity": colors.HexColor("#e08a2c"),
                    "water": colors.HexColor("#4a9a5b"), "internet": colors.HexColor("#8e6bb0"),
                    "little_giant": colors.HexColor("#b5483b")}
USED, LEFT_OVER = colors.HexColor("#3b6ea5"), colors.HexColor("#d5dde8")


def _axis_unit(largest: int) -> tuple[int, str]:
    return (1_000_000, "万元") if largest >= 10_000_000 else (100, "元")


def monthly_chart(months: list[str], monthly_fen: dict[str, list[int]], caption: str) -> Drawing:
    """Approved amounts by month, a bar per category."""
    largest = max([abs(v) for values in monthly_fen.values() for v in values] or [0])
    unit, unit_name = _axis_unit(largest)
    drawing = Drawing(BLOCK_WIDTH, 66 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 44, 20, BLOCK_WIDTH - 52, 66 * mm - 46
    chart.data = [[v / unit for v in monthly_fen[c]] for c in CATEGORIES]
    chart.categoryAxis.categoryNames = [f"{int(m[5:])}月" for m in months]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin, chart.valueAxis.rangeRound = 0, "ceiling"
    chart.valueAxis.labelTextFormat = "{:,.0f}".format if largest >= 100 * unit else "{:,.2f}".format
    chart.groupSpacing, chart.barSpacing = 6, 0.5
    for n, category in enumerate(CATEGORIES):
        chart.bars[n].fillColor = CATEGORY_COLOURS[category]
        chart.bars[n].strokeColor = None
    drawing.add(chart)
    _legend(drawing, [(CATEGORY_COLOURS[c], CATEGORY_NAMES[c]) for c in CATEGORIES])
    drawing.add(String(4, 66 * mm - 12, f"{caption}（{unit_name}）", fontName=REGULAR, fontSize=9))
    return drawing


def budget_chart(figures: ZoneFigures, caption: str) -> Drawing:
    """Each category's budget of the year: used to the period's end, and what is left."""
    shown = [b for b in figures.budgets if b.budget_fen or b.used_fen]
    largest = max([b.budget_fen for b in shown] + [b.used_fen for b in shown] + [0])
    unit, unit_name = _axis_unit(largest)
    height = 20 * mm + 9 * mm * len(shown)
    drawing = Drawing(BLOCK_WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 70, 20, BLOCK_WIDTH - 82, height - 46
    chart.data = [[max(b.used_fen, 0) / unit for b in shown],
                  [max(b.left_fen, 0) / unit for b in shown]]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [CATEGORY_NAMES[b.category] for b in shown]
    chart.categoryAxis.reverseDirection = True
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin, chart.valueAxis.rangeRound = 0, "ceiling"
    chart.valueAxis.labelTextFormat = "{:,.0f}".format
    chart.bars[0].fillColor, chart.bars[1].fillColor = USED, LEFT_OVER
    chart.bars.strokeColor = None
    drawing.add(chart)
    _legend(drawing, [(USED, "已使用"), (LEFT_OVER, "结余")])
    drawing.add(String(4, height - 12, f"{caption}（{unit_name}）", fontName=REGULAR, fontSize=9))
    return drawing


def _legend(drawing: Drawing, pairs: list) -> None:
    """In a row at the top right, beside the caption."""
    legend = Legend()
    legend.x, legend.y = BLOCK_WIDTH - 56 * len(pairs), drawing.height - 4
    legend.alignment, legend.columnMaximum, legend.deltax = "right", 1, 56
    legend.fontName, legend.fontSize = REGULAR, 9
    legend.boxAnchor = "nw"
    legend.dxTextSpace, legend.dx, legend.dy = 4, 8, 8
    legend.colorNamePairs = pairs
    drawing.add(legend)
