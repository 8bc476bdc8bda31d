"""The Overview pane: the latest twelve months (or a calendar year) at a glance for the person's
zones (or one of them): approved subsidies per month by category, the year's budgets against
what they used per zone, and how much waits for review. `loaded` turns True when the first
figures have arrived (start-up waits on it)."""

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QLocale, QTimer, Signal
from PySide6.QtGui import QHideEvent, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from db.clock import today_shanghai
from db.queries.overview import BUDGET_CATEGORIES, Overview, overview
from db.queries.reference import ZoneRow, zones
from desktop.background import Task
from desktop.context import AppContext
from desktop.overview.overview_charts import BudgetChart, MonthlyChart
from desktop.widgets.form_fields import zone_text
from desktop.widgets.money_labels import CATEGORIES, money_label, month_of_year, yuan

REFRESH_MS = 400  # changes coming in a burst refresh once
YEARS_OFFERED = 10  # this year and the nine before it


class OverviewPane(QWidget):
    refreshed = Signal()  # new figures are shown

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.loaded = False
        self.summary: Overview | None = None
        self._asked = 0  # the number of the latest request; older answers are dropped
        self._task: Task | None = None  # the request under way
        self._stale = False  # figures to ask for again when the pane is next shown
        title = QLabel(self.tr("Overview"))
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.year = QComboBox()  # the latest twelve months (None), or a calendar year
        self.year.setObjectName("overview_year")
        self.year.addItem(self.tr("Last twelve months"), None)
        this_year = today_shanghai().year
        for year in range(this_year, this_year - YEARS_OFFERED, -1):
            self.year.addItem(str(year), year)
        self.zone_filter = QComboBox()
        self.zone_filter.setObjectName("overview_zone")
        self.zone_filter.addItem(self.tr("All zones") if context.actor.all_zones
                                 else self.tr("All my zones"), None)
        self.budget_category = QComboBox()
        self.budget_category.setObjectName("budget_category")
        self.budget_category.addItem(self.tr("Budgets of all categories"), None)
        for category in BUDGET_CATEGORIES:
            self.budget_category.addItem(money_label(CATEGORIES, category), category)
        self.waiting = QLabel()
        self.waiting.setObjectName("waiting")
        self.approved = QLabel(self.tr("Loading…"))
        self.approved.setObjectName("approved")
        self.monthly_chart = MonthlyChart()
        self.budget_chart = BudgetChart()
        self.monthly_view = self._view(self.monthly_chart, "monthly_chart")
        self.budget_view = self._view(self.budget_chart, "budget_chart")
        self._layout(title)
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.reload)
        self.year.currentIndexChanged.connect(self.reload)
        self.zone_filter.currentIndexChanged.connect(self.reload)
        self.budget_category.currentIndexChanged.connect(self._show_budgets)
        context.bus.changed.connect(self._on_changed)
        self.reload()
        self._load_zones()

    def _view(self, chart: MonthlyChart | BudgetChart, name: str) -> QChartView:
        view = QChartView(chart)
        view.setObjectName(name)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(260)
        return view

    def _layout(self, title: QLabel) -> None:
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("Period")))
        top.addWidget(self.year)
        top.addWidget(self.zone_filter)
        top.addStretch(1)
        top.addWidget(self.waiting)
        figures = QHBoxLayout()
        figures.addWidget(self.approved, 1)
        figures.addWidget(self.budget_category)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(figures)
        layout.addWidget(self.monthly_view, 1)
        layout.addWidget(self.budget_view, 1)

    # --- loading ------------------------------------------------------------------------
    def reload(self) -> None:
        """Asks for the figures again; the sums asked before and not yet answered are dropped
        (SQLite stops them: over all zones at stress scale they take seconds)."""
        self._refresh.stop()
        self._stale = False
        if self._task is not None:
            self._task.cancel()
        self._asked += 1
        asked, year, zone_id = self._asked, self.year.currentData(), self.zone_filter.currentData()
        db, actor = self.context.db, self.context.actor
        self._task = self.context.runner.run(
            lambda task: overview(db, actor=actor, year=year, zone_id=zone_id,
                                  cancelled=lambda: task.cancelled),
            on_success=lambda summary: self._arrived(asked, summary), parent=self)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.reload()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        """Leaving the pane frees the database thread for the pane shown instead; the figures
        are asked again when this one is shown again."""
        super().hideEvent(event)
        if self._task is not None and not event.spontaneous():
            self._task.cancel()
            self._task = None
            self._stale = True

    def _load_zones(self) -> None:
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(lambda _task: zones(db, actor=actor, only_mine=True),
                                on_success=self._zones_loaded, parent=self)

    def _zones_loaded(self, rows: list[ZoneRow]) -> None:
        chosen = self.zone_filter.currentData()
        self.zone_filter.blockSignals(True)
        while self.zone_filter.count() > 1:
            self.zone_filter.removeItem(1)
        for zone in rows:
            self.zone_filter.addItem(zone_text(zone), zone.id)
        self.zone_filter.setCurrentIndex(max(0, self.zone_filter.findData(chosen)) if chosen else 0)
        self.zone_filter.blockSignals(False)

    def _on_changed(self, kind: str, _id: object) -> None:
        if kind == "zone":
            self._load_zones()
        if kind in ("staff", "enterprise", "tenancy"):
            return
        if self.isVisible():
            self._refresh.start()
        else:
            self._stale = True  # asked for when shown again

    def _arrived(self, asked: int, summary: Overview) -> None:
        if asked != self._asked:
            return
        self._task = None
        self.summary = summary
        self.monthly_chart.show_overview(summary)
        self._show_budgets()
        self._show_figures(summary)
        self.loaded = True
        self.refreshed.emit()

    def _show_figures(self, summary: Overview) -> None:
        self.waiting.setText(self.tr("Waiting for review: subsidy entries {entries}, awards {awards}")
                             .format(entries=QLocale().toString(summary.waiting_entries),
                                     awards=QLocale().toString(summary.waiting_awards)))
        self.waiting.setStyleSheet("color: #b35c00; font-weight: bold;"
                                   if summary.waiting_entries or summary.waiting_awards else "")
        amount, count = yuan(summary.subsidy_fen), QLocale().toString(summary.entries_summed)
        if summary.year is not None and summary.entries_summed:
            self.approved.setText(self.tr("Approved in {year}: {amount} from {count} entries "
                                          "(reversals netted)").format(year=summary.year, amount=amount,
                                                                       count=count))
        elif summary.year is not None:
            self.approved.setText(self.tr("No subsidy has been approved in {year} yet.")
                                  .format(year=summary.year))
        else:
            first, last = (month_of_year(int(p[:4]), int(p[5:])) for p in (summary.months[0], summary.months[-1]))
            self.approved.setText(self.tr("Approved from {first} to {last}: {amount} from {count} entries "
                                          "(reversals netted)").format(first=first, last=last, amount=amount,
                                                                       count=count)
                                  if summary.entries_summed else
                                  self.tr("No subsidy has been approved from {first} to {last}.")
                                  .format(first=first, last=last))

    def _show_budgets(self) -> None:
        if self.summary is not None:
            self.budget_chart.show_zones(self.summary.budget_year, self.summary.zones,
                                         self.budget_category.currentData())

    def set_year(self, year: int | None) -> None:
        """Shows a calendar year, or (None) the latest twelve months."""
        index = 0 if year is None else self.year.findData(year)
        if index < 0:
            self.year.addItem(str(year), year)
            index = self.year.count() - 1
        self.year.setCurrentIndex(index)
