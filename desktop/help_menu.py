"""Help → Keyboard shortcuts: the keys of the main window as they are, read from the window's
QActions and from the QShortcuts and buttons of each pane this person may use (panes are built
for it), so that the list cannot drift from the program. What each key does is said here, by
key and pane; a key without a description shows the test that it needs one.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.about_dialog import add_about_action
from desktop.demo.open_demo import add_open_demo
from desktop.user_guide import add_user_guide_action

# (pane key or None for any pane, key in portable text): what it does
DESCRIPTIONS = {
    (None, "Ctrl+F"): QT_TRANSLATE_NOOP("Shortcuts", "Search"),
    (None, "Ctrl+N"): QT_TRANSLATE_NOOP("Shortcuts", "New"),
    (None, "Ctrl+S"): QT_TRANSLATE_NOOP("Shortcuts", "Save"),
    (None, "Ctrl+C"): QT_TRANSLATE_NOOP("Shortcuts", "Copy"),
    (None, "Ctrl+V"): QT_TRANSLATE_NOOP("Shortcuts", "Paste"),
    (None, "Ctrl+A"): QT_TRANSLATE_NOOP("Shortcuts", "Select all"),
    (None, "F5"): QT_TRANSLATE_NOOP("Shortcuts", "Reload"),
    (None, "F3"): QT_TRANSLATE_NOOP("Shortcuts", "Find the next"),
    (None, "Shift+F3"): QT_TRANSLATE_NOOP("Shortcuts", "Find the previous"),
    (None, "Return"): QT_TRANSLATE_NOOP("Shortcuts", "Open the selected row"),
    (None, "Enter"): QT_TRANSLATE_NOOP("Shortcuts", "Open the selected row"),
    (None, "Down"): QT_TRANSLATE_NOOP("Shortcuts", "From the search box to the list"),
    ("enterprises", "Ctrl+N"): QT_TRANSLATE_NOOP("Shortcuts", "New enterprise"),
    ("staff", "Ctrl+N"): QT_TRANSLATE_NOOP("Shortcuts", "New staff account"),
    ("bill_sheet", "Ctrl+S"): QT_TRANSLATE_NOOP("Shortcuts", "Save the drafts"),
    ("bill_sheet", "Ctrl+Return"): QT_TRANSLATE_NOOP("Shortcuts", "Submit for approval"),
    ("bill_sheet", "Ctrl+Enter"): QT_TRANSLATE_NOOP("Shortcuts", "Submit for approval"),
    ("approvals", "Ctrl+Return"): QT_TRANSLATE_NOOP("Shortcuts", "Approve the selected items"),
    ("approvals", "Ctrl+Enter"): QT_TRANSLATE_NOOP("Shortcuts", "Approve the selected items"),
    ("approvals", "Ctrl+Del"): QT_TRANSLATE_NOOP("Shortcuts", "Reject the selected items"),
    ("reports", "Return"): QT_TRANSLATE_NOOP("Shortcuts", "Preview the report"),
    ("reports", "Enter"): QT_TRANSLATE_NOOP("Shortcuts", "Preview the report"),
}
SIDE_BAR = QT_TRANSLATE_NOOP("Shortcuts", "Side bar")


@dataclass(frozen=True)
class Shortcut:
    keys: tuple[QKeySequence, ...]
    what: str  # "" when no description is known
    where: str

    @property
    def keys_text(self) -> str:
        return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in self.keys)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _described(pane: str, key: QKeySequence) -> str:
    portable = key.toString(QKeySequence.SequenceFormat.PortableText)
    source = DESCRIPTIONS.get((pane, portable)) or DESCRIPTIONS.get((None, portable))
    return QCoreApplication.translate("Shortcuts", source) if source else ""


def _keys(action: QAction) -> tuple[QKeySequence, ...]:
    return tuple(k for k in action.shortcuts() if k.toString())  # "Ctrl+10" is no key


def _window_keys(window: QMainWindow) -> Iterator[Shortcut]:
    side_bar = QCoreApplication.translate("Shortcuts", SIDE_BAR)
    for action in window.actions():
        if _keys(action):
            yield Shortcut(_keys(action), _plain(action.text()), side_bar)
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for action in menu.actions() if menu is not None else ():
            if isinstance(action, QAction) and _keys(action):
                yield Shortcut(_keys(action), _plain(action.text()), _plain(menu_action.text()))


def _pane_keys(key: str, title: str, pane: QWidget) -> Iterator[Shortcut]:
    for shortcut in pane.findChildren(QShortcut):
        for sequence in (k for k in shortcut.keys() if k.toString()):
            yield Shortcut((sequence,), shortcut.whatsThis() or _described(key, sequence), title)
    for button in pane.findChildren(QAbstractButton):
        if not button.shortcut().isEmpty():
            yield Shortcut((button.shortcut(),), _plain(button.text()), title)


def shortcuts_of(window: QMainWindow) -> list[Shortcut]:
    """Every key of the window and of its panes, the keys of one thing in one place together."""
    found = list(_window_keys(window))
    for entry in window.entries:
        title = QCoreApplication.translate("MainWindow", entry.title)
        found.extend(_pane_keys(entry.key, title, window.pane(entry.key)))
    merged: dict[tuple[str, str], list[QKeySequence]] = {}
    for shortcut in found:
        keys = merged.setdefault((shortcut.what, shortcut.where), [])
        keys.extend(k for k in shortcut.keys if k not in keys)
    return [Shortcut(tuple(keys), what, where) for (what, where), keys in merged.items()]


class ShortcutsDialog(QDialog):
    def __init__(self, shortcuts: list[Shortcut], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(620, 560)
        self.table = QTableWidget(len(shortcuts), 3)
        self.table.setObjectName("shortcuts")
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What it does"), self.tr("Where")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, shortcut in enumerate(shortcuts):
            for column, text in enumerate((shortcut.keys_text, shortcut.what, shortcut.where)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.table.item(r, c).text() for c in range(3))
                for r in range(self.table.rowCount())]


def add_help_menu(window: QMainWindow) -> QAction:
    """The Help menu with Keyboard shortcuts… (F1), User guide… and About; returns the first."""
    menu = window.menuBar().addMenu(QCoreApplication.translate("Shortcuts", "&Help"))
    action = QAction(QCoreApplication.translate("Shortcuts", "&Keyboard shortcuts…"), window)
    action.setObjectName("keyboard_shortcuts")
    action.setShortcut(QKeySequence(Qt.Key.Key_F1))
    action.triggered.connect(lambda _checked=False: show_shortcuts(window))
    menu.addAction(action)
    add_user_guide_action(menu, window)  # desktop/user_guide.py
    add_open_demo(window, menu, window.context.runner)  # desktop/demo/open_demo.py
    menu.addSeparator()
    add_about_action(menu, window)  # desktop/about_dialog.py
    return action


def show_shortcuts(window: QMainWindow) -> ShortcutsDialog:
    dialog = ShortcutsDialog(shortcuts_of(window), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
