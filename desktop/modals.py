"""Every modal of the program behind one patchable function (tests replace them)."""

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from db.errors import ZoneDeskError

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
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def choose_save_path(parent: QWidget | None, title: str, suggested: str,
                     file_filter: str) -> Path | None:
    """Where to save a file (suggested: a name or a path); None when the person cancels."""
    path, _chosen = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return Path(path) if path else None


def choose_open_path(parent: QWidget | None, title: str, file_filter: str) -> Path | None:
    """Which file to open; None when the person cancels."""
    path, _chosen = QFileDialog.getOpenFileName(parent, title, "", file_filter)
    return Path(path) if path else None


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
