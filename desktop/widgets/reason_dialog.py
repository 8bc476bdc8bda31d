"""A small dialog that asks why (a rejection, a reversal) and runs the decision with the reason
on the database thread. The reason is required: db/ refuses an empty one, and its message is
shown under the field; any other refusal is shown in the failure dialog and closes this one."""

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from db.errors import ZoneDeskError
from desktop import modals
from desktop.background import Task
from desktop.context import AppContext
from desktop.widgets.field_errors import FieldErrors

MAX_REASON = 500


class ReasonDialog(QDialog):
    """`work(reason)` returns the function to run on the database thread; `on_done(result)` is
    called on the UI thread once it succeeded, before the dialog closes."""

    def __init__(self, context: AppContext, *, title: str, prompt: str, ok_text: str,
                 work: Callable[[str], Callable[[Task], Any]],
                 on_done: Callable[[Any], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._work, self._on_done = work, on_done
        self.failed: BaseException | None = None  # the refusal that closed the dialog, if any
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(MAX_REASON)
        self.reason.setPlaceholderText(self.tr("Reason (required)"))
        self.errors = FieldErrors()
        message = self.errors.add("reason", self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.reason.returnPressed.connect(self.submit)
        self.reason.textChanged.connect(lambda _text: self.errors.clear("reason"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.reason)
        layout.addWidget(message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    def submit(self) -> None:
        if not self.buttons.isEnabled():
            return  # already on its way
        self.errors.clear()
        self.buttons.setEnabled(False)
        self.context.runner.run(self._work(self.reason.text()), on_success=self._done,
                                on_failure=self._refused, parent=self)

    def _done(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        if self._on_done is not None:
            self._on_done(result)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ZoneDeskError) and error.field == "reason" \
                and self.errors.mark("reason", modals.translate_error(error)):
            return
        self.failed = error
        modals.show_failure(self.parentWidget(), error)
        self.reject()
