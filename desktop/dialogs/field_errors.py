"""Showing a db/ rule's message at the field it names: a red frame and the reason under it."""

from PySide6.QtWidgets import QLabel, QWidget

ERROR_STYLE = "border: 1px solid #c62828; background: #fff4f4;"
WARNING_STYLE = "border: 1px solid #ef8f00; background: #fff9ec;"


class FieldErrors:
    """Maps field names to (input widget, message label) and marks one or clears all."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def add(self, name: str, widget: QWidget) -> QLabel:
        message = QLabel()
        message.setObjectName(f"{name}_message")
        message.setWordWrap(True)
        message.setStyleSheet("color: #c62828;")
        message.hide()
        self._fields[name] = (widget, message)
        return message

    def mark(self, name: str | None, text: str, *, warning: bool = False) -> bool:
        """Marks the field; False when the form has no such field (show it elsewhere)."""
        if name not in self._fields:
            return False
        widget, message = self._fields[name]
        widget.setStyleSheet(WARNING_STYLE if warning else ERROR_STYLE)
        message.setStyleSheet("color: #8a5300;" if warning else "color: #c62828;")
        message.setText(text)
        message.show()
        widget.setFocus()
        return True

    def clear(self, name: str | None = None) -> None:
        for key, (widget, message) in self._fields.items():
            if name is None or key == name:
                widget.setStyleSheet("")
                message.clear()
                message.hide()

    def message_of(self, name: str) -> str:
        widget_message = self._fields.get(name)
        return widget_message[1].text() if widget_message and widget_message[1].isVisible() else ""
