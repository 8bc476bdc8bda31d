"""The main window: a side bar of panes, the pane area, the status bar. It only wires panes."""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from db.access import Action
from db.queries.reference import zones
from desktop.context import AppContext
from desktop.labels import ROLES, label


@dataclass(frozen=True)
class PaneEntry:
    key: str
    title: str  # marked with QT_TRANSLATE_NOOP("MainWindow", ...)
    needs: Action
    build: Callable[[AppContext], QWidget]


def _enterprises(context: AppContext) -> QWidget:
    from desktop.panes.enterprises_pane import EnterprisesPane
    return EnterprisesPane(context)


def _zones(context: AppContext) -> QWidget:
    from desktop.panes.zones_pane import ZonesPane
    return ZonesPane(context)


def _staff(context: AppContext) -> QWidget:
    from desktop.panes.staff_pane import StaffPane
    return StaffPane(context)


PANES = (
    PaneEntry("enterprises", QT_TRANSLATE_NOOP("MainWindow", "Enterprises"), Action.ENTERPRISE_READ, _enterprises),
    PaneEntry("zones", QT_TRANSLATE_NOOP("MainWindow", "Zones"), Action.ZONE_READ, _zones),
    PaneEntry("staff", QT_TRANSLATE_NOOP("MainWindow", "Staff"), Action.STAFF_READ, _staff),
)


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setWindowTitle(self.tr("Zone Desk"))
        self.resize(1280, 800)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(150)
        self.sidebar.setIconSize(QSize(0, 0))
        self.sidebar.setStyleSheet(
            "QListWidget { background: #1f3a5f; color: white; border: none; font-size: 14px; }"
            "QListWidget::item { padding: 12px 16px; }"
            "QListWidget::item:selected { background: #2f5d8f; }")
        self.stack = QStackedWidget()
        self.panes: dict[str, QWidget] = {}
        for entry in PANES:
            if not context.actor.may(entry.needs):
                continue  # not shown; db/ refuses it anyway
            pane = entry.build(context)
            pane.setObjectName(f"{entry.key}_pane")
            self.panes[entry.key] = pane
            self.stack.addWidget(pane)
            item = QListWidgetItem(QCoreApplication.translate("MainWindow", entry.title))
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.sidebar.setCurrentRow(0)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menu()
        self._build_status_bar()

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)
        for row, entry in enumerate(e for e in PANES if e.key in self.panes):
            action = QAction(QCoreApplication.translate("MainWindow", entry.title), self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _checked=False, r=row: self.sidebar.setCurrentRow(r))
            self.addAction(action)

    def _build_status_bar(self) -> None:
        actor = self.context.actor
        self.signed_in = QLabel()
        self.signed_in.setObjectName("signed_in")
        self.statusBar().addPermanentWidget(self.signed_in)
        if actor.all_zones:
            self._show_signed_in(self.tr("all zones"))
            return
        self._show_signed_in("…")
        db = self.context.db  # the zone codes are read on the database thread, like all reads
        self.context.runner.run(
            lambda _task: [z.code for z in zones(db, actor=actor, only_mine=True)],
            on_success=lambda codes: self._show_signed_in(", ".join(codes)), parent=self)

    def _show_signed_in(self, zone_text: str) -> None:
        actor = self.context.actor
        self.signed_in.setText(self.tr("{name} · {role} · {zones}").format(
            name=actor.display_name, role=label(ROLES, actor.role), zones=zone_text))

    def show_pane(self, key: str) -> QWidget:
        for row in range(self.sidebar.count()):
            if self.sidebar.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.sidebar.setCurrentRow(row)
        return self.panes[key]

    def closeEvent(self, event) -> None:  # noqa: N802, ANN001 (Qt's name)
        self.context.runner.stop()
        super().closeEvent(event)
