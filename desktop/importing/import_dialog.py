"""The import window: firms with their tenancy (from the Enterprises pane), or a month's bills
for a zone (from the bill sheet).

Dry run, then all or nothing: "Check the file" judges every row through the very services the
import writes with, in a transaction rolled back; the preview says each row's verdict. Import is
possible only when no row is refused and every decision is ticked; it runs the same pass on the
sheets checked, and writes all rows or none. Both run on the database thread with a progress
dialog whose Cancel writes nothing. A whole-file refusal is shown in red under the file.

Enter never imports: the window has no default button (`import_file_bar.button`); Esc closes
(not while the database thread works for the window: Cancel in the progress dialog stops that).
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from db.errors import Interrupted, ValidationError
from db.importing.source import sheets_of
from db.importing.verdicts import Verdict
from db.queries.reference import zones
from desktop import modals
from desktop.background import Task
from desktop.context import AppContext
from desktop.importing.import_file_bar import ImportFileBar, button
from desktop.importing.import_preview import ImportPreview
from desktop.importing.import_words import counts_text, refused_file_for, save_refused_rows
from desktop.importing.import_work import Checked, judge, save_template

CHANGE_KINDS = {"firms": "enterprise", "bills": "subsidy_entry"}  # what an import changes (context.bus)


class ImportDialog(QDialog):
    def __init__(self, context: AppContext, kind: str, *, zone_id: int | None = None,
                 period: str | None = None, zone_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.kind = kind
        self.checked: Checked | None = None
        self.busy = False  # the database thread checks, imports or writes a file for the window
        self._loading: Path | None = None  # the file whose sheets are being read
        self._sheets_for: Path | None = None  # the file whose sheets the bar offers
        self._check_wanted = False  # Check was pressed while the sheets were being read
        self.setWindowTitle(self.tr("Import firms") if kind == "firms" else self.tr("Import bills"))
        self.bar = ImportFileBar(kind, zone_id=zone_id, period=period, zone_name=zone_name)
        self.preview = ImportPreview()
        self.model = self.preview.model
        self.status = QLabel()
        self.status.setObjectName("import_status")
        self.status.setWordWrap(True)
        self.import_button = button(self.tr("&Import"), "import_import")
        self.close_button = button(self.tr("Close"), "import_close")
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.preview, 1)
        layout.addLayout(bottom)
        order = [*self.bar.focus_order(), *self.preview.focus_order(), self.import_button, self.close_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

        self.bar.choose.clicked.connect(self.choose_file)
        self.bar.path_entered.connect(self._load_sheets)
        self.bar.changed.connect(self._choice_changed)
        self.bar.check.clicked.connect(self.check)
        self.bar.template.clicked.connect(self.save_template)
        self.preview.save_refused.clicked.connect(self.save_refused_rows)
        self.preview.decisions_changed.connect(self._update_buttons)
        self.import_button.clicked.connect(self.import_file)
        self.close_button.clicked.connect(self.reject)
        self.resize(1180, 720)
        if kind == "firms":
            db, actor = context.db, context.actor
            context.runner.run(lambda _task: zones(db, actor=actor, only_mine=True),
                               on_success=self.bar.set_zones, parent=self)
        self._update_buttons()
        self.bar.path.setFocus()

    # --- the file -----------------------------------------------------------------------
    def choose_file(self) -> None:
        path = modals.choose_open_path(self, self.tr("Choose the file to import"), self.tr(
            "Spreadsheets (*.xlsx *.xlsm *.xls *.csv);;All files (*)"))
        if path is not None:
            self.bar.set_path(path)

    def _load_sheets(self) -> None:
        """The sheets of the file named (off the UI thread: a big workbook takes a while)."""
        path = self.bar.chosen_path()
        if path is None or path == self._loading:
            return
        self._sheets_for = None
        self._loading = path
        self.bar.clear_file_error()

        def loaded(sheets: tuple) -> None:
            if path != self._loading:
                return  # another file was named meanwhile
            self._loading, self._sheets_for = None, path
            self.bar.set_sheets(sheets)
            if self._check_wanted:
                self._check_wanted = False
                self.check()

        def failed(error: BaseException) -> None:
            if path == self._loading:
                self._loading, self._check_wanted = None, False
                self._failed(error, None)
        self.context.runner.run(lambda _task: sheets_of(path), on_success=loaded, on_failure=failed,
                                parent=self)

    def _choice_changed(self) -> None:
        """Another file, sheet or zone: the verdict shown is no longer this choice's."""
        if self.checked is not None:
            self.checked = None
            self.preview.show_report(None)
            self._say(self.tr("The choice changed: check the file again."))
        self._update_buttons()

    # --- check, then import -------------------------------------------------------------
    def check(self) -> None:
        if self.busy:
            return
        choice = self.bar.choice()
        if choice is None:
            self.bar.mark_file(self.tr("Choose the file to import first."))
            return
        if self._loading is not None or choice.path != self._sheets_for:
            self._check_wanted = True  # once the file's sheets are known
            self._load_sheets()
            return
        self.bar.clear_file_error()
        db, actor = self.context.db, self.context.actor
        self._say(self.tr("Checking the file…"))
        self._run(lambda task: judge(db, actor, choice, progress=task.report,
                                     cancelled=lambda: task.cancelled),
                  self._checked, progress=self.tr("Checking every row of the file…"))

    def _checked(self, checked: Checked) -> None:
        self.checked = checked
        self.preview.show_report(checked.report)
        report = checked.report
        if report.count(Verdict.REFUSED):
            self._say(self.tr("Nothing can be imported while rows are refused: fix them in the file "
                              "(Save refused rows… lists them with their reasons), then check it again."))
        elif report.count(Verdict.DECISION):
            self._say(self.tr("Some rows wait for a decision: look at each and tick it, then import."))
        elif not report.changes_anything:
            self._say(self.tr("Nothing to import: every row is as the program has it."))
        else:
            self._say(self.tr("Checked: nothing has been written yet. Import writes every row, or "
                              "none."))
        self._update_buttons()

    def import_file(self) -> None:
        if self.busy or self.checked is None or not self.model.may_import():
            return
        checked, accepted = self.checked, self.model.accepted()
        db, actor = self.context.db, self.context.actor
        self._say(self.tr("Importing…"))
        self._run(lambda task: judge(db, actor, checked.choice, sources=checked.sources,
                                     accepted=accepted, dry_run=False, progress=task.report,
                                     cancelled=lambda: task.cancelled),
                  self._imported, progress=self.tr("Importing the rows…"))

    def _imported(self, checked: Checked) -> None:
        report = checked.report
        if not report.written:  # judged again, and something changed since the check
            self._checked(checked)
            if not report.may_commit:
                self._say(self.tr("Nothing was imported: the program's records changed since the "
                                  "check, and the rows were judged again. Look at the verdicts."))
            return
        self.context.bus.changed.emit(CHANGE_KINDS[self.kind], None)
        text = self.tr("{file} imported. {counts}").format(file=report.file_name, counts=counts_text(report))
        if self.kind == "bills":
            text += " " + self.tr("The bills are drafts in the bill sheet: check them there and "
                                  "submit them for review.")
        modals.show_message(self.parentWidget() or self, self.windowTitle(), text)
        self.accept()

    # --- the files the dialog writes ----------------------------------------------------
    def save_refused_rows(self) -> None:
        checked = self.checked
        if self.busy or checked is None:
            return
        out = modals.choose_save_path(self, self.tr("Save the refused rows"),
                                      str(refused_file_for(checked.choice.path)), self.tr("Excel workbook (*.xlsx)"))
        if out is None:
            return
        out = out if out.suffix else out.with_suffix(".xlsx")
        self._run(lambda _task: save_refused_rows(checked.report, checked.sources, out),
                  lambda rows: self._say(self.tr("%n row(s) written with their reasons to {file}.", "",
                                                 rows).format(file=str(out))),
                  progress=None, file=out)

    def save_template(self) -> None:
        suggested = self.tr("firms template.xlsx") if self.kind == "firms" else self.tr("bills template.xlsx")
        out = modals.choose_save_path(self, self.tr("Save the template"), suggested, self.tr("Excel workbook (*.xlsx)"))
        if out is None:
            return
        out = out if out.suffix else out.with_suffix(".xlsx")
        db, actor, kind = self.context.db, self.context.actor, self.kind
        self._run(lambda _task: save_template(db, actor, out, kind, QCoreApplication.translate),
                  lambda _none: self._say(self.tr("Template saved to {file}: fill it in, then choose "
                                                  "it here.").format(file=str(out))),
                  progress=None, file=out)

    # --- running on the database thread -------------------------------------------------
    def _run(self, work: Callable[[Task], Any], done: Callable[[Any], None], *,
             progress: str | None, file: Path | None = None) -> None:
        """`work` on the database thread (with a progress dialog and Cancel when `progress`
        says what it does); its answer to `done`, a refusal under the file or in a message."""
        self.busy = True
        self._update_buttons()

        def succeeded(value: Any) -> None:
            self.busy = False
            done(value)
            self._update_buttons()

        def failed(error: BaseException) -> None:
            self.busy = False
            self._failed(error, file)
            self._update_buttons()
        if progress is None:
            self.context.runner.run(work, on_success=succeeded, on_failure=failed, parent=self)
        else:
            self.context.runner.run_with_progress(work, label=progress, parent=self, on_success=succeeded,
                                                  on_failure=failed, keep_cancelled_outcome=True)

    def _failed(self, error: BaseException, file: Path | None) -> None:
        if isinstance(error, Interrupted):
            self._say(self.tr("Cancelled: nothing was written."))
        elif isinstance(error, OSError) and file is not None:
            self._say()
            modals.show_error(self, self.tr("{file} could not be written: {reason}").format(
                file=str(file), reason=error.strerror or str(error)))
        elif isinstance(error, ValidationError):
            self._say()
            self.checked = None
            self.preview.show_report(None)
            self.bar.mark_file(modals.translate_error(error))
        else:
            self._say()
            modals.show_failure(self, error)

    # --- what the window shows ----------------------------------------------------------
    def _say(self, text: str = "") -> None:
        self.status.setText(text)

    def _update_buttons(self) -> None:
        self.bar.check.setEnabled(not self.busy)
        self.bar.template.setEnabled(not self.busy)
        self.import_button.setEnabled(not self.busy and self.checked is not None and self.model.may_import())
        self.preview.save_refused.setEnabled(not self.busy and self.checked is not None
                                             and not self.checked.report.may_commit)

    def reject(self) -> None:
        if not self.busy:  # the progress dialog's Cancel stops the work; then Esc closes
            super().reject()


def open_import_dialog(parent: QWidget, context: AppContext, kind: str, **where: Any) -> ImportDialog:
    """The import window over `parent`, deleted when closed (`where`: a bill sheet's zone_id,
    period and zone_name)."""
    dialog = ImportDialog(context, kind, parent=parent, **where)
    dialog.finished.connect(lambda _result: dialog.deleteLater())
    dialog.open()
    return dialog
