"""The import dialog's preview: what was read (file, sheet, encoding, the counts by verdict, the
columns not read), a filter by verdict, every row with its verdict, and the whole text of the
row under the cursor. The waiting rows' decisions are ticked in the table, one by one or all
those shown at once.
"""

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from db.importing.verdicts import ImportReport, Verdict
from desktop.importing.import_file_bar import button
from desktop.importing.import_preview_model import (
    COL_DECISION,
    COL_DETAIL,
    COL_FIRM,
    COL_ROW,
    COL_VERDICT,
    ImportPreviewTableModel,
)
from desktop.importing.import_words import counts_text, verdict_text
from desktop.widgets.list_table import list_table

_WIDTHS = {COL_ROW: 70, COL_VERDICT: 100, COL_FIRM: 330, COL_DECISION: 230}


class ImportPreview(QWidget):
    decisions_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ImportPreviewTableModel(self)
        self.summary = QLabel()
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        self.unknown = QLabel()
        self.unknown.setObjectName("import_unknown")
        self.unknown.setWordWrap(True)
        self.unknown.hide()
        self.filter = QComboBox()
        self.filter.setObjectName("import_filter")
        self.filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.confirm = button(self.tr("Confirm the &decisions shown"), "import_confirm")
        self.confirm.setToolTip(self.tr("Ticks every row shown that waits for a decision. Look at "
                                        "each of them first: a ticked row is imported as it is."))
        self.save_refused = button(self.tr("Save &refused rows…"), "import_save_refused")
        self.save_refused.setToolTip(self.tr("The refused rows as read, each with its reasons, in "
                                             "a workbook to fix and import again."))
        self.table = list_table(self.model, "import_rows", _WIDTHS)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        self.detail = QLabel()
        self.detail.setObjectName("import_detail")
        self.detail.setWordWrap(True)
        self.detail.setMinimumHeight(self.detail.fontMetrics().lineSpacing() * 2)

        show = QLabel(self.tr("Sho&w"))
        show.setBuddy(self.filter)
        tools = QHBoxLayout()
        tools.addWidget(show)
        tools.addWidget(self.filter)
        tools.addWidget(self.confirm)
        tools.addStretch(1)
        tools.addWidget(self.save_refused)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.unknown)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)

        self.filter.currentIndexChanged.connect(lambda _i: self._filter_chosen())
        self.confirm.clicked.connect(self._confirm_shown)
        self.model.dataChanged.connect(lambda *_args: self._decisions_changed())
        self.model.modelReset.connect(self._decisions_changed)
        self.table.selectionModel().currentChanged.connect(lambda current, _old: self._show_detail(current))
        self.show_report(None)

    def show_report(self, report: ImportReport | None) -> None:
        """A verdict to show (None: nothing checked, or the choice changed since)."""
        self.model.set_report(report)
        self._fill_filter(report)
        self.unknown.setVisible(bool(report and report.unknown_columns))
        if report is None:
            self.summary.setText(self.tr("Choose a file and check it: every row is judged as the "
                                         "import would write it, and nothing is written yet."))
            self.detail.clear()
            return
        parts = [report.file_name]
        if report.sheets:
            parts.append(self.tr("sheet {sheets}").format(sheets=", ".join(report.sheets)))
        if report.encoding:
            parts.append(self.tr("Read as {encoding}").format(
                encoding=QCoreApplication.translate("db", report.encoding)))
        parts.append(counts_text(report))
        self.summary.setText(" · ".join(parts))
        self.unknown.setText(self.tr("Columns not read: {columns}").format(
            columns=", ".join(report.unknown_columns)))
        if self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, COL_VERDICT), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def focus_order(self) -> list[QWidget]:
        return [self.filter, self.confirm, self.save_refused, self.table]

    def _fill_filter(self, report: ImportReport | None) -> None:
        chosen = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        rows = len(report.rows) if report else 0
        self.filter.addItem(self.tr("All rows ({count})").format(count=f"{rows:,}"), None)
        for verdict, count in (report.counts.items() if report else ()):
            if count:
                self.filter.addItem(f"{verdict_text(verdict)} ({count:,})", verdict.value)
        self.filter.setCurrentIndex(max(0, self.filter.findData(chosen)) if chosen else 0)
        self.filter.blockSignals(False)
        self.filter.setEnabled(report is not None)
        self.model.set_filter(self.chosen_verdict())

    def chosen_verdict(self) -> Verdict | None:
        value = self.filter.currentData()
        return Verdict(value) if value else None

    def _filter_chosen(self) -> None:
        self.model.set_filter(self.chosen_verdict())
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, COL_VERDICT))
        else:
            self.detail.clear()

    def _confirm_shown(self) -> None:
        self.model.tick_shown()

    def _decisions_changed(self) -> None:
        report = self.model.report
        self.confirm.setEnabled(self.model.waiting(shown_only=True) > 0)
        self.save_refused.setEnabled(bool(report) and not report.may_commit)
        self.decisions_changed.emit()

    def _show_detail(self, index: QModelIndex) -> None:
        if not index.isValid():
            self.detail.clear()
            return
        text = self.model.detail(index.row())
        self.detail.setText(self.tr("Row {row}: {text}").format(
            row=self.model.index(index.row(), COL_ROW).data(), text=text) if text else "")
