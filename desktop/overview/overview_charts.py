"""The overview's two charts: approved subsidies per month, stacked by category, and budgets
against what they used, per zone.

Amounts are integer fen up to here; a chart needs a number it can draw, so each bar's value is
the amount divided into the axis' unit (万元, or yuan when everything is small). That is the only
place money becomes a float, and only to be drawn; the exact amount is in each bar's tool tip.
"""

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QCursor
from PySide6.QtWidgets import QApplication, QToolTip

from db.money import FEN_PER_WAN_YUAN, FEN_PER_YUAN
from db.queries.overview import Overview, ZoneBudget
from desktop.widgets.money_labels import (
    CATEGORIES,
    money_label,
    month_axis,
    month_names,
    month_of_year,
    yuan,
)

COLOURS = {"land": "#5b8def", "electricity": "#f2a93b", "water": "#38b2ac", "internet": "#9f7aea"}
BUDGET_COLOUR, USED_COLOUR = QColor("#c3d3ea"), QColor("#2b6cb0")
TOP_ZONES = 12
WAN_FROM_FEN = 10_000_000  # from 100,000 yuan on, axes count in 万元


def unit_of(largest_fen: int) -> int:
    """Fen per unit of the axis: 万元 for large amounts, yuan for small ones."""
    return FEN_PER_WAN_YUAN if largest_fen >= WAN_FROM_FEN else FEN_PER_YUAN


class _MoneyChart(QChart):
    def __init__(self) -> None:
        super().__init__()
        font = QApplication.font()  # the bundled CJK font: Chinese labels render everywhere
        self.setFont(font)
        self.setTitleFont(font)
        self.legend().setFont(font)
        self.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        self.setLocalizeNumbers(True)  # thousands separators on the value axis
        self.setLocale(QLocale())
        self.setMargins(QMargins(4, 4, 4, 4))
        self.setBackgroundRoundness(0)
        self.unit = FEN_PER_WAN_YUAN
        self.series_shown: QBarSeries | QStackedBarSeries | None = None
        self.categories: list[str] = []

    def _replace(self, series: QBarSeries | QStackedBarSeries, categories: list[str],
                 largest_fen: int) -> None:
        self.removeAllSeries()
        for axis in self.axes():
            self.removeAxis(axis)
        self.addSeries(series)
        self.series_shown, self.categories = series, categories
        x_axis = QBarCategoryAxis()
        x_axis.append(categories)
        x_axis.setLabelsFont(self.font())
        y_axis = QValueAxis()
        y_axis.setLabelFormat("%.0f" if self.unit == FEN_PER_YUAN or largest_fen >= 10 * FEN_PER_WAN_YUAN
                              else "%.2f")
        y_axis.setRange(0, max(largest_fen / self.unit, 1))
        y_axis.applyNiceNumbers()
        y_axis.setLabelsFont(self.font())
        y_axis.setTitleFont(self.font())
        y_axis.setTitleText(self.tr("10,000 yuan") if self.unit == FEN_PER_WAN_YUAN else self.tr("yuan"))
        self.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)

    def bar_sets(self) -> list[QBarSet]:
        return self.series_shown.barSets() if self.series_shown is not None else []

    def _bar_set(self, label: str, colour: QColor, amounts_fen: list[int]) -> QBarSet:
        bars = QBarSet(label)
        bars.setColor(colour)
        bars.setBorderColor(colour)
        bars.append([fen / self.unit for fen in amounts_fen])
        bars.hovered.connect(lambda on, index: self._tip(on, label, amounts_fen, index))
        return bars

    def _tip(self, on: bool, label: str, amounts_fen: list[int], index: int) -> None:
        if on and 0 <= index < len(amounts_fen):
            QToolTip.showText(QCursor.pos(), self.tr("{what}, {where}: {amount}").format(
                what=label, where=self.categories[index], amount=yuan(amounts_fen[index])))
        else:
            QToolTip.hideText()


class MonthlyChart(_MoneyChart):
    """Approved subsidies (net of reversals) per month shown, stacked by category."""

    def show_overview(self, summary: Overview) -> None:
        totals = [max(summary.month_total(n), 0) for n in range(len(summary.months))]
        self.unit = unit_of(max(totals))
        if summary.year is None:
            first, last = (month_of_year(int(p[:4]), int(p[5:])) for p in (summary.months[0], summary.months[-1]))
            self.setTitle(self.tr("Approved subsidies per month, {first} to {last}").format(first=first, last=last))
        else:
            self.setTitle(self.tr("Approved subsidies per month, {year}").format(year=summary.year))
        series = QStackedBarSeries()
        for category, amounts in summary.monthly_fen.items():
            series.append(self._bar_set(money_label(CATEGORIES, category), QColor(COLOURS[category]),
                                        amounts))
        self._replace(series, month_axis(summary.months) if summary.year is None else month_names(),
                      max(totals))


class BudgetChart(_MoneyChart):
    """Each zone's budget and what it used, the zones with the largest budgets first."""

    def show_zones(self, year: int, zones: list[ZoneBudget], category: str | None) -> None:
        ranked = sorted(zones, key=lambda z: (-z.budget(category), -z.used(category), z.zone_code))
        shown = sorted(ranked[:TOP_ZONES], key=lambda z: z.zone_code)
        budgets = [z.budget(category) for z in shown]
        used = [z.used(category) for z in shown]
        self.unit = unit_of(max([*budgets, *used, 0]))
        what = self.tr("all categories") if category is None else money_label(CATEGORIES, category)
        if len(zones) > TOP_ZONES:
            self.setTitle(self.tr("Budget and used, {year}, {what}: the {top} largest of {count} zones")
                          .format(year=year, what=what, top=TOP_ZONES, count=len(zones)))
        else:
            self.setTitle(self.tr("Budget and used, {year}, {what}").format(year=year, what=what))
        series = QBarSeries()
        series.append(self._bar_set(self.tr("Budget"), BUDGET_COLOUR, budgets))
        series.append(self._bar_set(self.tr("Used"), USED_COLOUR, used))
        self._replace(series, [z.zone_code for z in shown], max([*budgets, *used, 0]))
