"""The Reports pane: a zone's report, the city's report across zones or a firm's statement, for
a month, a quarter or a year, previewed as a PDF (GB/T 9704 pages, printed or saved from the
preview) or saved as an XLSX workbook.

The figures are read and the document made on the database thread (a city year takes a moment
at stress scale: a progress dialog with a cancel button shows then); this pane only paints.
Enter previews, from any field but the firm's suggestions.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.access import Actor
from db.clock import today_shanghai
from db.engine import Database
from db.queries import reports
from db.queries.demo_data import is_demo
from db.queries.reference import ZoneRow, zones
from desktop import modals
from desktop.background import Task
from desktop.context import AppContext
from desktop.widgets.firm_picker import FirmPicker
from desktop.widgets.form_fields import zone_text
from desktop.widgets.money_labels import month_names
from desktop.widgets.pdf_preview_dialog import PdfPreviewDialog
from documents import report_pdf, report_xlsx

XLSX_FILTER = "Excel (*.xlsx)"
ZONE, CITY, STATEMENT = "zone", "city", "statement"


@dataclass(frozen=True)
class ReportRequest:
    """What the person asked for, as plain values for the database thread."""

    report: str  # zone | city | statement
    period: reports.ReportPeriod
    zone_id: int | None = None
    enterprise_id: int | None = None


_DOCUMENTS: dict[str, dict[str, Callable]] = {
    ZONE: {"pdf": report_pdf.zone_report_pdf, "xlsx": report_xlsx.zone_report_xlsx},
    CITY: {"pdf": report_pdf.city_report_pdf, "xlsx": report_xlsx.city_report_xlsx},
    STATEMENT: {"pdf": report_pdf.statement_pdf, "xlsx": report_xlsx.statement_xlsx},
}


def make_document(db: Database, actor: Actor, request: ReportRequest, kind: str) -> bytes:
    """The report's figures read and drawn: PDF (kind 'pdf') or workbook ('xlsx') bytes."""
    if request.report == ZONE:
        figures = reports.zone_report(db, actor=actor, zone_id=request.zone_id, period=request.period)
    elif request.report == CITY:
        figures = reports.city_report(db, actor=actor, period=request.period)
    else:
        figures = reports.statement_report(db, actor=actor, enterprise_id=request.enterprise_id)
    return _DOCUMENTS[request.report][kind](figures, demo=is_demo(db))  # marked 演示数据 if so


class ReportsPane(QWidget):
    made = Signal(str)  # "pdf" once a preview is shown, "xlsx" once a workbook is saved

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.loaded = False
        self.preview: PdfPreviewDialog | None = None
        self._zones: dict[int, ZoneRow] = {}
        today = today_shanghai()
        self.report = self._combo("report", [(ZONE, self.tr("Zone report")), (CITY, self.tr(
            "City report (all zones)") if context.actor.all_zones else self.tr("Report of all my zones")),
            (STATEMENT, self.tr("Firm statement (all years)"))])
        self.zone = self._combo("zone", [])
        self.firm = FirmPicker(context)
        self.firm.setObjectName("firm")
        self.period_kind = self._combo("period_kind", [("month", self.tr("Month")),
                                                       ("quarter", self.tr("Quarter")),
                                                       ("year", self.tr("Year"))])
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(2000, 2100)
        self.year.setGroupSeparatorShown(False)
        self.year.setValue(today.year)
        self.number = self._combo("period_number", [])
        self.preview_button = QPushButton(self.tr("Preview PDF…"))
        self.preview_button.setObjectName("preview")
        self.preview_button.setToolTip(self.tr("Enter"))
        self.save_button = QPushButton(self.tr("Save XLSX…"))
        self.save_button.setObjectName("save_xlsx")
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self._layout()
        self.period_kind.setCurrentIndex(self.period_kind.findData("quarter"))
        self._fill_numbers()
        self.number.setCurrentIndex((today.month - 1) // 3)
        self.report.currentIndexChanged.connect(self._report_changed)
        self.period_kind.currentIndexChanged.connect(self._fill_numbers)
        self.preview_button.clicked.connect(self.preview_pdf)
        self.save_button.clicked.connect(self.save_xlsx)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self, self.preview_pdf,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        context.bus.changed.connect(lambda kind, _id: self._load_zones() if kind == "zone" else None)
        self._report_changed()
        self._load_zones()

    def _combo(self, name: str, items: list[tuple[object, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for data, text in items:
            combo.addItem(text, data)
        return combo

    def _layout(self) -> None:
        title = QLabel(self.tr("Reports"))
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        form = QFormLayout()
        form.addRow(self.tr("Report"), self.report)
        form.addRow(self.tr("Zone"), self.zone)
        form.addRow(self.tr("Firm"), self.firm)
        period = QHBoxLayout()
        for widget in (self.period_kind, self.year, self.number):
            period.addWidget(widget)
        period.addStretch(1)
        form.addRow(self.tr("Period"), period)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)
        order = [self.report, self.zone, self.firm, self.period_kind, self.year, self.number,
                 self.preview_button, self.save_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # --- choices ------------------------------------------------------------------------
    def _fill_numbers(self) -> None:
        kind, chosen = self.period_kind.currentData(), self.number.currentIndex()
        self.number.clear()
        if kind == "month":
            for month, name in enumerate(month_names(), start=1):
                self.number.addItem(name, month)
        elif kind == "quarter":
            for quarter in range(1, 5):
                self.number.addItem(self.tr("Q{quarter}").format(quarter=quarter), quarter)
        self.number.setEnabled(kind != "year" and self.report.currentData() != STATEMENT)
        self.number.setCurrentIndex(min(max(chosen, 0), self.number.count() - 1))

    def _report_changed(self) -> None:
        report = self.report.currentData()
        self.zone.setEnabled(report == ZONE)
        self.firm.setEnabled(report == STATEMENT)
        for widget in (self.period_kind, self.year):
            widget.setEnabled(report != STATEMENT)
        self.number.setEnabled(report != STATEMENT and self.period_kind.currentData() != "year")
        self.status.clear()

    def _load_zones(self) -> None:
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(lambda _task: zones(db, actor=actor, only_mine=True),
                                on_success=self._zones_loaded, parent=self)

    def _zones_loaded(self, rows: list[ZoneRow]) -> None:
        chosen = self.zone.currentData()
        self._zones = {z.id: z for z in rows}
        self.zone.blockSignals(True)
        self.zone.clear()
        for zone in rows:
            self.zone.addItem(zone_text(zone), zone.id)
        self.zone.setCurrentIndex(max(0, self.zone.findData(chosen)))
        self.zone.blockSignals(False)
        self.loaded = True

    def request(self) -> ReportRequest | None:
        """What is asked, or None (with the reason shown) while something is missing."""
        report = self.report.currentData()
        number = 0 if self.period_kind.currentData() == "year" else self.number.currentData()
        period = reports.ReportPeriod(self.period_kind.currentData(), self.year.value(), number or 0)
        if report == ZONE and self.zone.currentData() is None:
            self.status.setText(self.tr("Choose a zone."))
            return None
        if report == STATEMENT and self.firm.firm is None:
            self.status.setText(self.tr("Choose a firm: type part of its name or credit code."))
            self.firm.setFocus()
            return None
        return ReportRequest(report, period, self.zone.currentData(),
                             self.firm.firm.id if self.firm.firm else None)

    def _names(self, request: ReportRequest) -> tuple[str, str]:
        """The document's title and file name (without the extension)."""
        if request.report == STATEMENT:
            firm = self.firm.firm
            return (self.tr("Statement of {firm}").format(firm=firm.name),
                    self.tr("{uscc} statement").format(uscc=firm.uscc))
        if request.report == CITY:
            return (self.tr("City report, {period}").format(period=request.period.label),
                    self.tr("{period} city report").format(period=request.period.slug))
        zone = self._zones[request.zone_id]
        return (self.tr("Report of {zone}, {period}").format(zone=zone_text(zone), period=request.period.label),
                self.tr("{zone} {period} zone report").format(zone=zone.code, period=request.period.slug))

    # --- making -------------------------------------------------------------------------
    def preview_pdf(self) -> None:
        request = self.request()
        if request is None:
            return
        title, name = self._names(request)
        self._run(request, "pdf", lambda pdf: self._show_preview(pdf, title, f"{name}.pdf"))

    def save_xlsx(self) -> None:
        request = self.request()
        if request is None:
            return
        _title, name = self._names(request)
        path = modals.choose_save_path(self, self.tr("Save XLSX"), f"{name}.xlsx", XLSX_FILTER)
        if path is None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        self._run(request, "xlsx", lambda _written: self._saved(path), path)

    def _run(self, request: ReportRequest, kind: str, done: Callable[[bytes], None],
             path: Path | None = None) -> None:
        """Makes the document on the database thread (and writes it to `path`, if given)."""
        db, actor = self.context.db, self.context.actor
        self.status.setText(self.tr("Preparing the report…"))
        self.preview_button.setEnabled(False)
        self.save_button.setEnabled(False)

        def work(_task: Task) -> bytes:
            document = make_document(db, actor, request, kind)
            if path is not None:
                path.write_bytes(document)
            return document

        def finished(document: bytes) -> None:
            self._idle()
            if task.cancelled:  # the progress dialog's Cancel: the document is not wanted
                self.status.setText(self.tr("Cancelled."))
            else:
                done(document)

        def failed(error: BaseException) -> None:
            self._idle()
            self.status.setText(self.tr("The report could not be made."))
            if isinstance(error, OSError):
                modals.show_error(self, self.tr("The file could not be saved: {reason}").format(
                    reason=error.strerror or str(error)))
            elif not task.cancelled:
                modals.show_failure(self, error)

        task = self.context.runner.run_with_progress(
            work, label=self.tr("Preparing the report…"), parent=self, on_success=finished,
            on_failure=failed, keep_cancelled_outcome=True)

    def _idle(self) -> None:
        self.preview_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def _show_preview(self, pdf: bytes, title: str, suggested_name: str) -> None:
        self.status.setText(self.tr("Preview opened."))
        self.preview = PdfPreviewDialog(pdf, title=title, suggested_name=suggested_name,
                                        runner=self.context.runner, parent=self)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.open()
        self.made.emit("pdf")

    def _saved(self, path: Path) -> None:
        self.status.setText(self.tr("Saved as {path}.").format(path=str(path)))
        self.made.emit("xlsx")
