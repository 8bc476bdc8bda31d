"""The top of the import dialog: which file, which sheet, and where its rows go.

Firms: the zone of rows that name none (one of the person's zones, or none: each row names its
own). Bills: the zone and month of the bill sheet the import was opened from, shown as they are.
A whole-file refusal (the file cannot be read, no header, the month is closed) is shown in red
under the file, as a form shows a field's. `changed` is emitted whenever the choice changes, so
that a verdict on another choice is not taken for this one's.
"""

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from db.importing.bills import has_category_sheets
from db.importing.source import SheetInfo
from db.queries.reference import ZoneRow
from desktop.importing.import_work import EVERY_CATEGORY_SHEET, Choice
from desktop.widgets.field_errors import FieldErrors
from desktop.widgets.form_fields import zone_text


def button(text: str, name: str) -> QPushButton:
    """A button Enter never presses: the import window has no default button (Enter in the
    table would otherwise check the file again, or import)."""
    made = QPushButton(text)
    made.setObjectName(name)
    made.setAutoDefault(False)
    return made


class ImportFileBar(QWidget):
    changed = Signal()
    path_entered = Signal()  # a path typed or chosen: its sheets are wanted

    def __init__(self, kind: str, *, zone_id: int | None = None, period: str | None = None,
                 zone_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.period = period
        self._fixed_zone = zone_id
        self.path = QLineEdit()
        self.path.setObjectName("import_path")
        self.path.setPlaceholderText(self.tr("An .xlsx, .xls or .csv file saved from Excel or WPS"))
        self.choose = button(self.tr("C&hoose…"), "import_choose")
        self.sheet = QComboBox()
        self.sheet.setObjectName("import_sheet")
        self.sheet.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet.setEnabled(False)
        self.zone = QComboBox()
        self.zone.setObjectName("import_zone")
        self.zone.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.template = button(self.tr("Save &template…"), "import_template")
        self.check = button(self.tr("Chec&k the file"), "import_check")
        self.errors = FieldErrors()

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.choose)
        file_label = QLabel(self.tr("&File"))
        file_label.setBuddy(self.path)
        form.addRow(file_label, file_row)
        form.addRow("", self.errors.add("file", self.path))
        form.addRow(self._label(self.tr("&Sheet"), self.sheet), self.sheet)
        if kind == "firms":
            self.zone.addItem(self.tr("None: each row names its zone"), None)
            form.addRow(self._label(self.tr("&Zone of rows without one"), self.zone), self.zone)
            self.zone.currentIndexChanged.connect(lambda _i: self.changed.emit())
        else:
            self.zone.hide()
            where = QLabel(self.tr("{zone}, {period}: the bills become drafts in this bill sheet.")
                           .format(zone=zone_name, period=period))
            where.setObjectName("import_where")
            form.addRow(self.tr("Bill sheet"), where)
        actions = QHBoxLayout()
        actions.addWidget(self.template)
        actions.addStretch(1)
        actions.addWidget(self.check)
        form.addRow(actions)

        self.path.editingFinished.connect(self._path_edited)
        self.path.textChanged.connect(lambda _t: self.changed.emit())
        self.sheet.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._entered = ""

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # --- what the dialog says -----------------------------------------------------------
    def set_path(self, path: Path) -> None:
        """A file chosen (again: its sheets are read afresh, the office may have changed it)."""
        self._entered = ""
        self.path.setText(str(path))
        self._path_edited()

    def set_sheets(self, sheets: tuple[SheetInfo, ...]) -> None:
        """The workbook's sheets (a CSV has none): hidden ones marked, the first visible one
        chosen; for bills, "every sheet named after a category" first and chosen where the
        workbook has such sheets."""
        self.sheet.blockSignals(True)
        self.sheet.clear()
        if self.kind == "bills" and has_category_sheets(sheets):
            self.sheet.addItem(self.tr("Every sheet named after a category"), EVERY_CATEGORY_SHEET)
        for info in sheets:
            text = self.tr("{sheet} (hidden)").format(sheet=info.name) if info.hidden else info.name
            self.sheet.addItem(text, info.name)
        first = next((n for n in range(self.sheet.count())
                      if self.sheet.itemData(n) == EVERY_CATEGORY_SHEET), None)
        if first is None:
            visible = [info.name for info in sheets if not info.hidden]
            first = self.sheet.findData(visible[0]) if visible else 0
        if not sheets:
            self.sheet.addItem(self.tr("(a CSV file has one sheet)"), None)
        self.sheet.setCurrentIndex(max(0, first))
        self.sheet.setEnabled(bool(sheets))
        self.sheet.blockSignals(False)
        self.changed.emit()

    def set_zones(self, zones: list[ZoneRow]) -> None:
        """The person's zones; one of them chosen when they cover just one."""
        for zone in zones:
            self.zone.addItem(zone_text(zone), zone.id)
        if len(zones) == 1:
            self.zone.setCurrentIndex(1)

    def mark_file(self, text: str) -> None:
        self.errors.mark("file", text, focus=False)

    def clear_file_error(self) -> None:
        self.errors.clear()

    # --- what the dialog asks -----------------------------------------------------------
    def chosen_path(self) -> Path | None:
        text = self.path.text().strip().strip('"')
        return Path(text) if text else None

    def choice(self) -> Choice | None:
        path = self.chosen_path()
        if path is None:
            return None
        zone_id = self.zone.currentData() if self.kind == "firms" else self._fixed_zone
        return Choice(self.kind, path, self.sheet.currentData(), zone_id, self.period)

    def focus_order(self) -> list[QWidget]:
        widgets = [self.path, self.choose, self.sheet]
        if self.kind == "firms":
            widgets.append(self.zone)
        return [*widgets, self.template, self.check]

    def _path_edited(self) -> None:
        text = self.path.text().strip()
        if text and text != self._entered:
            self._entered = text
            self.path_entered.emit()
