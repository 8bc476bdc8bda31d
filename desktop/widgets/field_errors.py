"""Showing a db/ rule's message at the field it names: a red frame and the reason under it."""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QSizePolicy, QWidget

from db.errors import ZoneDeskError
from desktop import modals

ERROR_STYLE = "border: 1px solid #c62828; background: #fff4f4;"
WARNING_STYLE = "border: 1px solid #ef8f00; background: #fff9ec;"


def fit_message(message: QLabel) -> None:
    """Layouts give a word-wrapped label one line; this one gets the lines its text needs at the
    width of the box it shares with its field. A message in a reserved line keeps that line:
    what does not fit ends in "…", the whole of it in its tooltip."""
    box = message.parentWidget()
    laid_out = message.isVisible() and 0 < message.width() <= (box.width() if box else 1 << 30)
    width = message.width() if laid_out or box is None else box.width()
    if message.property("reserved"):
        full = message.property("full_text") or ""
        message.setText(message.fontMetrics().elidedText(full, Qt.TextElideMode.ElideRight, width))
        message.setToolTip(full if message.text() != full else "")
        message.setFixedHeight(message.fontMetrics().lineSpacing())
        return
    needed = message.heightForWidth(width) if message.text() else 0
    message.setMinimumHeight(max(0, needed))


class _MessageFitter(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Show, QEvent.Type.Resize) and isinstance(watched, QLabel):
            fit_message(watched)
        return False


class FieldErrors:
    """Maps field names to (input widget, message label) and marks one or clears all.
    `reserve_space`: each message keeps a line under its field even when empty, so that the
    form below does not move when a message appears."""

    def __init__(self, *, reserve_space: bool = False) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self._fitter = _MessageFitter()
        self._reserve = reserve_space

    def add(self, name: str, widget: QWidget) -> QLabel:
        message = QLabel()
        message.setObjectName(f"{name}_message")
        message.setWordWrap(True)
        message.setStyleSheet("color: #c62828;")
        message.installEventFilter(self._fitter)
        message.setProperty("reserved", self._reserve)
        message.setWordWrap(not self._reserve)
        if self._reserve:  # its text never widens the form: it is cut to the field's width
            message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            widget.setFixedHeight(widget.sizeHint().height())  # the red frame changes no height
        message.setVisible(self._reserve)
        fit_message(message)
        self._fields[name] = (widget, message)
        return message

    def add_row(self, form: QFormLayout, label: str, name: str, widget: QWidget) -> None:
        """The field in a form, with its message in the row under it."""
        form.addRow(label, widget)
        form.addRow("", self.add(name, widget))

    def mark(self, name: str | None, text: str, *, warning: bool = False, focus: bool = True) -> bool:
        """Marks the field (and moves the cursor there unless `focus` is False, as while the
        person is typing elsewhere); False when the form has no such field (show it elsewhere)."""
        if name not in self._fields:
            return False
        widget, message = self._fields[name]
        widget.setStyleSheet(WARNING_STYLE if warning else ERROR_STYLE)
        message.setStyleSheet("color: #8a5300;" if warning else "color: #c62828;")
        message.setText(text)
        message.setProperty("full_text", text)
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

    def mark_all(self, error: ZoneDeskError, *, order: list[str] | None = None) -> bool:
        """Marks every field a ValidationErrors names (one error: its field), the cursor in the
        first of them in `order` (the form's order); False when none is a field of the form."""
        errors = getattr(error, "errors", [error])
        place = {name: n for n, name in enumerate(order or self._fields)}
        marked = [e for e in sorted(errors, key=lambda e: place.get(e.field, len(place)))
                  if self.mark(e.field, modals.translate_error(e), focus=False)]
        if marked:
            self._fields[marked[0].field][0].setFocus()
        return bool(marked)

    def show_failure(self, parent: QWidget | None, error: BaseException) -> None:
        """A db/ rule's message at the field it names (each field, when it names several);
        anything else (a change made meanwhile, a refusal, the unexpected) in the default
        failure dialog."""
        if isinstance(error, ZoneDeskError) and self.mark_all(error):
            return
        modals.show_failure(parent, error)

    def clear(self, name: str | None = None) -> None:
        for key, (widget, message) in self._fields.items():
            if name is None or key == name:
                widget.setStyleSheet("")
                message.clear()
                message.setProperty("full_text", "")
                message.setVisible(self._reserve)
                fit_message(message)

    def message_of(self, name: str) -> str:
        widget_message = self._fields.get(name)
        if not widget_message or not widget_message[1].isVisible():
            return ""
        message = widget_message[1]
        return message.property("full_text") or "" if message.property("reserved") else message.text()
