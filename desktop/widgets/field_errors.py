"""Showing a db/ rule's message at the field it names: a red frame and the reason under it."""

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from db.errors import ZoneDeskError
from desktop import modals

ERROR_STYLE = "border: 1px solid #c62828; background: #fff4f4;"
WARNING_STYLE = "border: 1px solid #ef8f00; background: #fff9ec;"


def fit_message(message: QLabel) -> None:
    """Layouts give a word-wrapped label one line; this one gets the lines its text needs at the
    width of the box it shares with its field."""
    box = message.parentWidget()
    laid_out = message.isVisible() and 0 < message.width() <= (box.width() if box else 1 << 30)
    width = message.width() if laid_out or box is None else box.width()
    needed = message.heightForWidth(width) if message.text() else 0
    message.setMinimumHeight(max(0, needed))


class _MessageFitter(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Show, QEvent.Type.Resize) and isinstance(watched, QLabel):
            fit_message(watched)
        return False


class FieldErrors:
    """Maps field names to (input widget, message label) and marks one or clears all."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self._fitter = _MessageFitter()

    def add(self, name: str, widget: QWidget) -> QLabel:
        message = QLabel()
        message.setObjectName(f"{name}_message")
        message.setWordWrap(True)
        message.setStyleSheet("color: #c62828;")
        message.installEventFilter(self._fitter)
        message.hide()
        self._fields[name] = (widget, message)
        return message

    def mark(self, name: str | None, text: str, *, warning: bool = False, focus: bool = True) -> bool:
        """Marks the field (and moves the cursor there unless `focus` is False, as while the
        person is typing elsewhere); False when the form has no such field (show it elsewhere)."""
        if name not in self._fields:
            return False
        widget, message = self._fields[name]
        widget.setStyleSheet(WARNING_STYLE if warning else ERROR_STYLE)
        message.setStyleSheet("color: #8a5300;" if warning else "color: #c62828;")
        message.setText(text)
        message.show()
        fit_message(message)
        if focus:
            widget.setFocus()
        return True

    def mark_live(self, name: str, text: str, *, warning: bool = False) -> None:
        """Marks a field as it is typed in, without moving the cursor."""
        focused = QApplication.focusWidget()
        self.mark(name, text, warning=warning, focus=False)
        if focused is not None and focused is not QApplication.focusWidget():
            focused.setFocus()

    def show_failure(self, parent: QWidget | None, error: BaseException) -> None:
        """A db/ rule's message at the field it names; anything else (a change made meanwhile,
        a refusal, the unexpected) in the default failure dialog."""
        if isinstance(error, ZoneDeskError) and self.mark(error.field, modals.translate_error(error)):
            return
        modals.show_failure(parent, error)

    def clear(self, name: str | None = None) -> None:
        for key, (widget, message) in self._fields.items():
            if name is None or key == name:
                widget.setStyleSheet("")
                message.clear()
                message.hide()

    def message_of(self, name: str) -> str:
        widget_message = self._fields.get(name)
        return widget_message[1].text() if widget_message and widget_message[1].isVisible() else ""
