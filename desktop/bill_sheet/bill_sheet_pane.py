"""The monthly bill sheet, the heart of a clerk's day: choose a zone and a month, type each
tenant's bills, see the subsidies as they are typed, save drafts (Ctrl+S) and submit the sheet or
the selected rows for review (Ctrl+Enter).

Nothing is half-saved: while any cell is marked wrong, saving and submitting are refused; db/'s
refusal of one bill is shown at that bill. Typing is never lost: unsaved bills are not discarded
without asking, and what is typed while the sheet is being saved is carried over.
"""

from typing import TypeVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.access import Action
from db.errors import ValidationError
from db.money import format_fen
from db.queries.bill_sheet import BillSheet, bill_sheet
from desktop import modals
from desktop.bill_sheet.bill_sheet_chooser import SheetChooser
from desktop.bill_sheet.bill_sheet_clipboard import PasteOutcome
from desktop.bill_sheet.bill_sheet_edits import Typed
from desktop.bill_sheet.bill_sheet_find import FirmFinder
from desktop.bill_sheet.bill_sheet_model import ERROR_ROLE, STATUS_ROLE, BillSheetModel, column_of
from desktop.bill_sheet.bill_sheet_view import BillSheetView
from desktop.bill_sheet.bill_sheet_writes import SheetWrite, WriteOutcome, write_sheet
from desktop.context import AppContext

W = TypeVar("W", bound=QWidget)
RELOAD_ON = frozenset({"subsidy_entry", "enterprise", "tenancy", "policy", "period", "zone"})
ERROR_COLOUR = "color: #a61b1b;"
BANNER_STYLE = "background: #fff3cd; color: #664d03; border: 1px solid #e6c866; padding: 6px;"


def _named(widget: W, name: str, style: str = "") -> W:
    widget.setObjectName(name)
    widget.setStyleSheet(style)
    if isinstance(widget, QLabel):
        widget.setWordWrap(True)
    return widget


class BillSheetPane(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.may_edit = context.actor.may(Action.ENTRY_EDIT)
        self.busy = False  # a save or submit under way
        self.import_dialog: QWidget | None = None  # the import window, while open
        self._generation = 0  # answers for a zone or month no longer chosen are dropped
        self._shown: tuple[int, str] | None = None  # (zone id, period) of the sheet shown
        self._showing_error = False
        self._showing_sent_back = False

        self.chooser = SheetChooser(context)
        self.zone, self.month = self.chooser.zone, self.chooser.month
        self.save_button = _named(QPushButton(self.tr("Save as draft")), "bill_save")
        self.save_button.setToolTip(QKeySequence(QKeySequence.StandardKey.Save).toString(
            QKeySequence.SequenceFormat.NativeText))
        self.submit_button = _named(QPushButton(self.tr("Submit for review")), "bill_submit")
        self.submit_button.setToolTip(self.tr("Ctrl+Enter: the selected rows (select them by their "
                                              "names or with Shift+Space), else the whole sheet"))
        self.import_button = _named(QPushButton(self.tr("Import bills…")), "bill_import")
        self.import_button.setToolTip(self.tr("This sheet's bills from the utilities' Excel, WPS or "
                                              "CSV file, as drafts"))
        top = QHBoxLayout()
        top.addWidget(self.chooser)
        top.addStretch(1)
        top.addWidget(self.import_button)
        top.addWidget(self.save_button)
        top.addWidget(self.submit_button)
        for button, slot in ((self.save_button, self.save), (self.submit_button, self.submit),
                             (self.import_button, self.import_bills)):
            button.setVisible(self.may_edit)  # db/ refuses the others anyway
            button.clicked.connect(slot)
        self.banner = _named(QLabel(), "bill_banner", BANNER_STYLE)
        self.banner.hide()
        self.model = BillSheetModel(self, may_edit=self.may_edit)
        self.table = _named(BillSheetView(), "bill_table")
        self.table.setModel(self.model)
        self.status = _named(QLabel(), "bill_status")
        self.totals = _named(QLabel(), "bill_totals", "font-weight: bold;")
        self.finder = FirmFinder(self.table)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.finder)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.totals)

        self.chooser.changed.connect(self._choice_changed)
        self.model.edited.connect(self._update_totals)
        self.table.selectionModel().currentChanged.connect(lambda current, _: self._show_reason(current))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.pasted.connect(self._report_paste)
        for keys, slot in ((QKeySequence.StandardKey.Save, self.save), ("Ctrl+Return", self.submit),
                           ("Ctrl+Enter", self.submit), (QKeySequence.StandardKey.Find, self.finder.open_bar),
                           ("F3", lambda: self.finder.find(1)), ("Shift+F3", lambda: self.finder.find(-1))):
            QShortcut(QKeySequence(keys), self, slot).setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        context.bus.changed.connect(self._data_changed)
        self._update_buttons()

    # --- choosing the sheet -------------------------------------------------------------
    def period(self) -> str:
        return self.chooser.period()

    def zone_id(self) -> int | None:
        return self.chooser.zone_id()

    def has_unsaved_changes(self) -> bool:
        """For whoever closes the pane: bills typed and not saved (the open cell included)."""
        self.table.commit_editor()
        return self.model.edits.has_changes()

    def _choice_changed(self) -> None:
        wanted = (self.zone_id(), self.period())
        if wanted[0] is None and self.chooser.loaded:
            self._say(self.tr("You cover no zone: ask an administrator to add you to one."))
        if wanted == self._shown or wanted[0] is None:
            return
        if self._shown is not None and self.has_unsaved_changes() and not modals.ask_yes_no(
                self, self.tr("Unsaved bills"),
                self.tr("The bills typed for {period} are not saved. Discard them?").format(
                    period=self._shown[1])):
            self.chooser.show_choice(*self._shown)  # back to the sheet being typed
            return
        self.reload()

    def reload(self) -> None:
        zone_id, period = self.zone_id(), self.period()
        if zone_id is None:
            return
        self._generation += 1
        generation, db, actor = self._generation, self.context.db, self.context.actor
        if self._shown != (zone_id, period):
            self.model.set_sheet(None)  # another sheet: nothing of the old one may be typed in
        self._shown = (zone_id, period)
        before = self.model.edits.typed()
        self._say(self.tr("Reading the sheet…"))
        self.context.runner.run(
            lambda _task: bill_sheet(db, actor=actor, zone_id=zone_id, period=period),
            on_success=lambda sheet: self._loaded(generation, sheet, before),
            on_failure=lambda error: self._failed(generation, error), parent=self)

    def _loaded(self, generation: int, sheet: BillSheet, before: Typed) -> None:
        """Shows a sheet read afresh, with what was typed into the old one since `before`."""
        if generation != self._generation:
            return
        current = self.table.currentIndex()
        editing = current.isValid() and self.table.state() == self.table.State.EditingState
        self.table.commit_editor()
        old = self.model.sheet
        same = old is not None and (old.zone_id, old.period) == (sheet.zone_id, sheet.period)
        self.model.set_sheet(sheet, keep=self.model.edits.typed_since(before) if same else None)
        self._say()
        self.banner.setVisible(sheet.closed or not self.may_edit)
        if sheet.closed:
            self.banner.setText(self.tr("{period} is closed: its bills can be read but not changed.").format(
                period=sheet.period))
        elif not self.may_edit:
            self.banner.setText(self.tr("Your role can read the bill sheet but not type bills."))
        if not sheet.rows:
            self._say(self.tr("No firm is a tenant of this zone in {period}.").format(period=sheet.period))
        elif same and current.isValid() and current.row() < len(sheet.rows):
            index = self.model.index(current.row(), current.column())
            self.table.setCurrentIndex(index)
            if editing:
                self.table.reopen_editor(index)  # the typing goes on where it was
        else:
            self.table.setCurrentIndex(self.model.index(0, 0))
        work, self.chooser.waiting = self.chooser.waiting, None  # said once, when the pane opens
        if work is not None and (work.zone_id, work.period) == (sheet.zone_id, sheet.period):
            self._say(self.tr("The sheet opened on {period}, where work waits: {drafts} drafts not yet "
                              "submitted, {sent_back} bills sent back.").format(
                period=work.period, drafts=work.drafts, sent_back=work.sent_back))
        self._update_buttons()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._say()
            modals.show_failure(self, error)

    def _data_changed(self, kind: str, _id: object) -> None:
        if kind in RELOAD_ON and not self.busy and not self.model.edits.has_changes() \
                and self.table.state() != self.table.State.EditingState:
            self.reload()  # never under typing: the next save reads the sheet afresh anyway

    # --- saving and submitting ----------------------------------------------------------
    def save(self) -> None:
        if self._ready_to_write():
            bills, removed = self.model.edits.changed_bills()
            if bills or removed:
                self._write([])
            else:
                self._say(self.tr("Nothing to save: no bill was typed or changed."))

    def submit(self) -> None:
        if not self._ready_to_write():
            return
        rows = self.table.selected_rows() or list(range(self.model.rowCount()))
        count = self.model.edits.bills_to_submit(rows)
        if count == 0:
            self._say(self.tr("There is nothing to submit: no draft bill in these rows."))
        elif modals.ask_yes_no(self, self.tr("Submit for review"), self.tr(
                "Submit {count} bills for review? Submitted bills can no longer be typed over.").format(
                count=count)):
            self._write(rows)

    def _ready_to_write(self) -> bool:
        """Commits the open cell; False (and says why) while a cell is marked wrong."""
        if not self.may_edit or self.model.edits.read_only or self.busy:
            return False
        self.table.commit_editor()
        mistakes = self.model.edits.mistakes()
        if mistakes:
            row, category, part, reason = mistakes[0]
            column = column_of(category, part)
            self.table.setCurrentIndex(self.model.index(row, column))
            self._say(self.tr("{count} cells are marked wrong: correct them first, nothing was saved. "
                              "{firm}, {cell} of {period}: {reason}").format(
                count=len(mistakes), firm=self.model.sheet.rows[row].name, cell=self.model.cell_name(column),
                period=self.model.sheet.period, reason=reason), error=True)
        return not mistakes

    def _write(self, submit_rows: list[int]) -> None:
        edits, sheet = self.model.edits, self.model.sheet
        bills, removed = edits.changed_bills()
        write = SheetWrite(sheet.zone_id, sheet.period, bills, removed, edits.draft_ids(submit_rows),
                           frozenset(sheet.rows[r].enterprise_id for r in submit_rows))
        db, actor, generation, typed = self.context.db, self.context.actor, self._generation, edits.typed()
        self.busy = True
        self._update_buttons()
        self._say(self.tr("Saving…"))
        self.context.runner.run(lambda _task: write_sheet(db, actor=actor, write=write),
                                on_success=lambda outcome: self._written(generation, typed, outcome),
                                on_failure=self._write_failed, parent=self)

    def _written(self, generation: int, typed: Typed, outcome: WriteOutcome) -> None:
        self.context.bus.changed.emit("subsidy_entry", None)  # while busy: not read again here
        self.busy = False
        if generation == self._generation:
            self._loaded(generation, outcome.sheet, typed)
        if outcome.submit_error is not None:
            modals.show_failure(self, outcome.submit_error)
        elif outcome.submitted:
            self._say(self.tr("{count} bills submitted for review.").format(count=outcome.submitted))
        else:
            self._say(self.tr("Saved: {saved} bills as drafts, {removed} drafts removed.").format(
                saved=outcome.saved, removed=outcome.removed))
        self._update_buttons()

    def _write_failed(self, error: BaseException) -> None:
        self.busy = False
        self._update_buttons()
        self._say()
        field = error.field if isinstance(error, ValidationError) else None
        if field and ":" in field and field.split(":")[0].isdigit():
            firm, category = field.split(":", 1)
            index = self.model.mark_refusal(int(firm), category, modals.translate_error(error))
            if index.isValid():
                self.table.setCurrentIndex(index)
                self._say(self.tr("Nothing was saved. {reason}").format(
                    reason=modals.translate_error(error)), error=True)
                return
        modals.show_failure(self, error)

    def import_bills(self) -> None:
        """The import window for the sheet shown; the sheet is read again when bills arrive."""
        sheet = self.model.sheet
        if not self.may_edit or self.model.edits.read_only or self.busy or sheet is None:
            return
        if self.has_unsaved_changes():
            self._say(self.tr("Save the bills typed (or discard them) before importing."), error=True)
            return
        # imported when asked: the file readers are not loaded at start
        from desktop.importing.import_dialog import open_import_dialog
        self.import_dialog = open_import_dialog(self, self.context, "bills", zone_id=sheet.zone_id,
                                                period=sheet.period, zone_name=self.zone.currentText())
        self.import_dialog.finished.connect(lambda _result: setattr(self, "import_dialog", None))

    # --- what is shown around the grid --------------------------------------------------
    def _report_paste(self, outcome: PasteOutcome) -> None:
        """What a paste did, under the grid: how many cells, how many are wrong, and which values
        could not go in (red: the person must look)."""
        if outcome.block == (0, 0):
            self._say(self.tr("Nothing to paste: the clipboard holds no text."), error=True)
            return
        parts = [self.tr("Pasted %n cell(s).", "", outcome.typed)]
        if outcome.wrong:
            parts.append(self.tr("%n of them are marked wrong: correct them before saving.", "",
                                 len(outcome.wrong)))
        if outcome.refused:
            row, column = outcome.refused[0]
            parts.append(self.tr("%n value(s) not pasted: those cells cannot be typed in "
                                 "(the first: {firm}, {cell}).", "", len(outcome.refused)).format(
                firm=self.model.sheet.rows[row].name, cell=self.model.cell_name(column)))
        if outcome.outside:
            parts.append(self.tr("%n value(s) not pasted: they fall outside the sheet.", "", outcome.outside))
        self._say(" ".join(parts), error=bool(outcome.wrong or outcome.refused or outcome.outside))

    def _say(self, text: str = "", *, error: bool = False) -> None:
        """A line under the grid: news in black, a mistake's reason in red."""
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_COLOUR if error else "")
        self._showing_error = error
        self._showing_sent_back = False

    def _update_buttons(self) -> None:
        writable = self.may_edit and not self.model.edits.read_only and not self.busy
        self.save_button.setEnabled(writable)
        self.submit_button.setEnabled(writable)
        self.import_button.setEnabled(writable)
        rows = len(self.table.selected_rows())
        self.submit_button.setText(self.tr("Submit %n selected row(s) for review", "", rows) if rows
                                   else self.tr("Submit for review"))

    def _update_totals(self) -> None:
        if self.model.sheet is None:
            self.totals.clear()
            return
        bills, subsidies = self.model.edits.sheet_totals()
        self.totals.setText(self.tr("Sheet total for {count} firms: bills ¥{bills}, subsidies ¥{subsidies}")
                            .format(count=len(self.model.sheet.rows), bills=format_fen(bills),
                                    subsidies=format_fen(subsidies)))
        self._show_reason(self.table.currentIndex())

    def _show_reason(self, index: QModelIndex) -> None:
        """The reason a cell is wrong, under the grid, while the cursor is on it and after it has
        left it, until the sheet has no mistake left."""
        error = index.data(ERROR_ROLE) if index.isValid() else None
        if error:
            self._say(self.tr("{firm}: {reason}").format(
                firm=self.model.sheet.rows[index.row()].name, reason=error), error=True)
        elif index.isValid() and index.data(STATUS_ROLE) == "rejected":  # the reviewer's reason
            self._say(self.tr("{firm}: {reason}").format(
                firm=self.model.sheet.rows[index.row()].name,
                reason=index.data(Qt.ItemDataRole.ToolTipRole)))
            self._showing_sent_back = True
        elif (self._showing_error and not self.model.edits.mistakes()) or self._showing_sent_back:
            self._say()
