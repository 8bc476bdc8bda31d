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
    """One series and two axes for the chart's whole life: a new answer replaces the values of
    the bar sets and the axes' labels and range. Series and axes are never removed: Qt Charts
    handles a removed series later, from the event queue, and a series deleted by then (as
    removeAllSeries does) crashes the program."""

    def __init__(self, series: QBarSeries | QStackedBarSeries) -> None:
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
        self.series_shown = series
        self.categories: list[str] = []
        self._sets: dict[str, QBarSet] = {}
        self._amounts: dict[str, list[int]] = {}
        self._retired: list[QBarSet] = []  # taken out of the series, kept alive (see above)
        self.addSeries(series)
        self.x_axis, self.y_axis = QBarCategoryAxis(), QValueAxis()
        for axis in (self.x_axis, self.y_axis):
            axis.setLabelsFont(font)
        self.y_axis.setTitleFont(font)
        self.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(self.x_axis)
        series.attachAxis(self.y_axis)

    def _show(self, rows: list[tuple[str, QColor, list[int]]], categories: list[str],
              largest_fen: int) -> None:
        """rows: (label, colour, one amount in fen per category) for each bar set, in order."""
        labels = [label for label, _colour, _amounts in rows]
        for label in [k for k in self._sets if k not in labels]:
            retired = self._sets.pop(label)
            self.series_shown.take(retired)
            self._retired.append(retired)
        self.categories = categories
        self.x_axis.setCategories(categories)
        for label, colour, amounts in rows:
            self._amounts[label] = amounts
            bars = self._sets.get(label)
            if bars is None:
                bars = self._sets[label] = QBarSet(label)
                bars.setColor(colour)
                bars.setBorderColor(colour)
                bars.hovered.connect(lambda on, index, label=label: self._tip(on, label, index))
                self.series_shown.append(bars)
            if bars.count():
                bars.remove(0, bars.count())
            bars.append([fen / self.unit for fen in amounts])
        whole = self.unit == FEN_PER_YUAN or largest_fen >= 10 * FEN_PER_WAN_YUAN
        self.y_axis.setLabelFormat("%.0f" if whole else "%.2f")
        self.y_axis.setRange(0, max(largest_fen / self.unit, 1))
        self.y_axis.applyNiceNumbers()
        top = self.y_axis.max()
        if whole and top < self.y_axis.tickCount() - 1:  # 0 to 1 in fifths would read 0 0 0 1 1 1
            self.y_axis.setTickCount(int(top) + 1)
        self.y_axis.setTitleText(self.tr("10,000 yuan") if self.unit == FEN_PER_WAN_YUAN
                                 else self.tr("yuan"))

    def bar_sets(self) -> list[QBarSet]:
        return self.series_shown.barSets()

    def _tip(self, on: bool, label: str, index: int) -> None:
        amounts_fen = self._amounts.get(label, [])
        if on and 0 <= index < len(amounts_fen):
            QToolTip.showText(QCursor.pos(), self.tr("{what}, {where}: {amount}").format(
                what=label, where=self.categories[index], amount=yuan(amounts_fen[index])))
        else:
            QToolTip.hideText()


class MonthlyChart(_MoneyChart):
    """Approved subsidies (net of reversals) per month shown, stacked by category."""

    def __init__(self) -> None:
        super().__init__(QStackedBarSeries())

    def show_overview(self, summary: Overview) -> None:
        totals = [max(summary.month_total(n), 0) for n in range(len(summary.months))]
        self.unit = unit_of(max(totals))
        if summary.year is None:
            first, last = (month_of_year(int(p[:4]), int(p[5:])) for p in (summary.months[0], summary.months[-1]))
            self.setTitle(self.tr("Approved subsidies per month, {first} to {last}").format(first=first, last=last))
        else:
            self.setTitle(self.tr("Approved subsidies per month, {year}").format(year=summary.year))
        rows = [(money_label(CATEGORIES, category), QColor(COLOURS[category]), amounts)
                for category, amounts in summary.monthly_fen.items()]
        self._show(rows, month_axis(summary.months) if summary.year is None else month_names(),
                   max(totals))


class BudgetChart(_MoneyChart):
    """Each zone's budget and what it used, the zones with the largest budgets first."""

    def __init__(self) -> None:
        super().__init__(QBarSeries())

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
        self._show([(self.tr("Budget"), BUDGET_COLOUR, budgets), (self.tr("Used"), USED_COLOUR, used)],
                   [z.zone_code for z in shown], max([*budgets, *used, 0]))
