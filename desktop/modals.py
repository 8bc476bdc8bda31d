"""Every modal of the program behind one patchable function (tests replace them)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from db.errors import ZoneDeskError
from db.file_names import windows_safe
from desktop import settings

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

log = logging.getLogger(__name__)


def translate_error(error: ZoneDeskError) -> str:
    return error.message(QCoreApplication.translate)


def show_message(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def show_error(parent: QWidget | None, text: str) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("modals", "Not saved"), text)


def ask_yes_no(parent: QWidget | None, title: str, question: str) -> bool:
    answer = QMessageBox.question(parent, title, question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def ask_yes_no_remember(parent: QWidget | None, title: str, question: str,
                        remember: str) -> tuple[bool, bool]:
    """A Yes/No question (No the default) with a check box labelled `remember` ("don't ask
    again today"); returns (Yes pressed, box ticked)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    check = QCheckBox(remember, box)  # owned by the box, referenced here until it is read
    box.setCheckBox(check)
    answer, remembered = box.exec(), check.isChecked()
    box.deleteLater()
    return answer == QMessageBox.StandardButton.Yes, remembered


def show_failure(parent: QWidget | None, error: BaseException) -> None:
    """A rule broken in db/ is shown in the staff's words; anything else is logged with its
    traceback and shown as 'something went wrong, nothing was saved'."""
    if isinstance(error, ZoneDeskError):
        show_error(parent, translate_error(error))
        return
    log.error("unexpected failure", exc_info=(type(error), error, error.__traceback__))
    show_error(parent, QCoreApplication.translate(
        "modals", "Something went wrong and nothing was saved. The details are in the log file."))


def choose_printer(parent: QWidget | None) -> QPrinter | None:
    """The system print dialog, on A4 portrait; None when the person cancels."""
    from PySide6.QtGui import QPageLayout, QPageSize  # printing is loaded when first asked for
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def choose_save_path(parent: QWidget | None, title: str, suggested: str,
                     file_filter: str) -> Path | None:
    """Where to save a file (suggested: a name, put in the folder last used or the documents
    folder, or a whole path); None when the person cancels. The name proposed is one Windows
    accepts, whatever went into it (a firm's name with a '/' or ':')."""
    whole = Path(suggested)
    start = (whole.with_name(windows_safe(whole.name)) if whole.is_absolute()
             else settings.start_folder() / windows_safe(suggested))
    path, _chosen = QFileDialog.getSaveFileName(parent, title, str(start), file_filter)
    return _remembered(path)


def choose_open_path(parent: QWidget | None, title: str, file_filter: str) -> Path | None:
    """Which file to open, from the folder last used or the documents folder; None when the
    person cancels."""
    path, _chosen = QFileDialog.getOpenFileName(parent, title, str(settings.start_folder()),
                                                file_filter)
    return _remembered(path)


def choose_folder(parent: QWidget | None, title: str, start: Path) -> Path | None:
    """A folder (for backups); None when the person cancels."""
    path = QFileDialog.getExistingDirectory(parent, title, str(start if start.is_dir()
                                                                else settings.start_folder()))
    return Path(path) if path else None


def _remembered(path: str) -> Path | None:
    if not path:
        return None
    settings.remember_folder(Path(path))
    return Path(path)


def ask_number(parent: QWidget | None, title: str, label: str, value: int, minimum: int,
               maximum: int) -> int | None:
    """A whole number between minimum and maximum; None when the person cancels."""
    number, accepted = QInputDialog.getInt(parent, title, label, value, minimum, maximum)
    return number if accepted else None


def ask_choice(parent: QWidget | None, title: str, text: str,
               choices: list[tuple[str, str]]) -> str | None:
    """A message with a button for each (key, label) of `choices`, the first the default;
    returns the key of the one pressed (None when the box is closed otherwise)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    buttons = {}
    for key, label in choices:
        buttons[box.addButton(label, QMessageBox.ButtonRole.AcceptRole)] = key
    if choices:
        box.setDefaultButton(next(iter(buttons)))
    box.exec()
    return buttons.get(box.clickedButton())
