"""Which bill sheet: a zone of the person's (read off the UI thread) and a month: at first the
earliest month with work waiting for the clerk (drafts or bills sent back, in the first of their
zones that has some), else this month in Shanghai. `changed` is emitted when either is chosen; a
month typed digit by digit is announced once, when the typing pauses."""

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from db.clock import today_shanghai
from db.money.subsidy_rules import period_of
from db.queries.bill_sheet import WaitingWork, work_waiting
from db.queries.reference import ZoneRow, zones
from desktop.context import AppContext
from desktop.widgets.labels import is_chinese

MONTH_DEBOUNCE_MS = 300


class SheetChooser(QWidget):
    changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loaded = False  # the person's zones have arrived
        self.waiting: WaitingWork | None = None  # the work the sheet first opened on
        self.zone = QComboBox()
        self.zone.setObjectName("bill_zone")
        self.zone.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.month = QDateEdit()
        self.month.setObjectName("bill_month")
        self.month.setDisplayFormat("yyyy-MM")
        today = today_shanghai()
        self.month.setDate(QDate(today.year, today.month, 1))
        zone_label, month_label = QLabel(self.tr("&Zone")), QLabel(self.tr("&Month"))
        zone_label.setBuddy(self.zone)
        month_label.setBuddy(self.month)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (zone_label, self.zone, month_label, self.month):
            layout.addWidget(widget)
        self._month_timer = QTimer(self, singleShot=True, interval=MONTH_DEBOUNCE_MS)
        self._month_timer.timeout.connect(self.changed)
        self.month.dateChanged.connect(lambda _date: self._month_timer.start())
        self.zone.currentIndexChanged.connect(lambda _index: self.changed.emit())
        db, actor = context.db, context.actor
        context.runner.run(lambda _task: (zones(db, actor=actor, only_mine=True),
                                          work_waiting(db, actor=actor)),
                           on_success=lambda found: self._zones_loaded(*found), parent=self)

    def zone_id(self) -> int | None:
        return self.zone.currentData()

    def period(self) -> str:
        return self.month.date().toString("yyyy-MM")

    def show_choice(self, zone_id: int, period: str) -> None:
        """Puts the choice back (the person kept the sheet being typed), without `changed`."""
        for widget in (self.zone, self.month):
            widget.blockSignals(True)
        self.zone.setCurrentIndex(max(0, self.zone.findData(zone_id)))
        self.month.setDate(QDate.fromString(period + "-01", "yyyy-MM-dd"))
        for widget in (self.zone, self.month):
            widget.blockSignals(False)
        self._month_timer.stop()

    def _zones_loaded(self, rows: list[ZoneRow], waiting: list[WaitingWork]) -> None:
        self.zone.blockSignals(True)
        for zone in rows:
            name = zone.name if is_chinese() or not zone.name_en else zone.name_en
            self.zone.addItem(f"{zone.code} {name}", zone.id)
        self.zone.blockSignals(False)
        self.loaded = True
        shown = [zone.id for zone in rows]
        work = min((w for w in waiting if w.zone_id in shown), key=lambda w: shown.index(w.zone_id),
                   default=None)
        if work is not None and self.period() == period_of(today_shanghai()):  # not chosen meanwhile
            self.waiting = work
            self.show_choice(work.zone_id, work.period)
        self.changed.emit()
