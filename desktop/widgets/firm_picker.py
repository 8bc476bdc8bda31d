"""Choosing a firm of the person's zones by typing part of its name or credit code: the awards
dialogs and the reports pane (a firm's statement) use it."""

from PySide6.QtCore import QStringListModel, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit

from db.queries.enterprises import (
    SEARCH_CHARACTERS,
    EnterpriseFilter,
    EnterpriseRow,
    enterprise_page,
)
from desktop.context import AppContext

SUGGESTIONS = 20


class FirmPicker(QLineEdit):
    """A firm of the person's zones, found as you type (name or credit code) and chosen from the
    suggestions; `firm` is None until one is chosen, and again once the text is edited."""

    chosen = Signal(object)  # the EnterpriseRow, or None

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.firm: EnterpriseRow | None = None
        self._found: dict[str, EnterpriseRow] = {}
        self._asked = 0
        self.setPlaceholderText(self.tr("Type part of the name or credit code"))
        self.setMaxLength(SEARCH_CHARACTERS)
        self._names = QStringListModel(self)
        self.completer_ = QCompleter(self._names, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(12)
        self.setCompleter(self.completer_)
        self.completer_.activated.connect(self.choose_text)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self._ask)
        self.textEdited.connect(self._edited)

    def _edited(self, _text: str) -> None:
        if self.firm is not None:
            self.firm = None
            self.chosen.emit(None)
        self._timer.start()

    def _ask(self) -> None:
        self._asked += 1
        asked, db, actor = self._asked, self.context.db, self.context.actor
        flt = EnterpriseFilter(text=self.text().strip(), status="active")
        self.context.runner.run(
            lambda _task: enterprise_page(db, actor=actor, flt=flt, limit=SUGGESTIONS),
            on_success=lambda rows: self._found_rows(asked, rows), parent=self)

    def _found_rows(self, asked: int, rows: list[EnterpriseRow]) -> None:
        if asked != self._asked:
            return
        self._found = {f"{r.name}  {r.uscc}": r for r in rows}
        self._names.setStringList(list(self._found))
        if len(rows) == 1 and self.text().strip().upper() == rows[0].uscc:
            self.choose_text(next(iter(self._found)))  # the whole credit code typed: no doubt
        elif rows and self.hasFocus():
            self.completer_.complete()

    def choose_text(self, text: str) -> None:
        row = self._found.get(text)
        if row is not None:
            self.setText(text)
            self.firm = row
            self.chosen.emit(row)
