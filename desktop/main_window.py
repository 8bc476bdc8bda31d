"""The main window: a side bar of panes, the pane area, the status bar. It only wires panes."""

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal
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
from desktop import modals
from desktop.backup.backup_menu import add_backup_actions
from desktop.context import AppContext
from desktop.demo.demo_mark import mark_if_demo
from desktop.help_menu import add_help_menu
from desktop.login.account_menu import add_account_actions
from desktop.widgets.labels import ROLES, label


@dataclass(frozen=True)
class PaneEntry:
    key: str
    title: str  # marked with QT_TRANSLATE_NOOP("MainWindow", ...)
    needs: Action
    build: Callable[[AppContext], QWidget]


def _build(task: str, name: str) -> Callable[[AppContext], QWidget]:
    """A pane's constructor, `name` in desktop/<task>/<task>_pane.py, imported when the pane
    is first shown (start-up imports less)."""
    def build(context: AppContext) -> QWidget:
        return getattr(importlib.import_module(f"desktop.{task}.{task}_pane"), name)(context)
    return build


# the side bar, in the staff's order of the day; each pane shows only to roles that may use it
PANES = (
    PaneEntry("overview", QT_TRANSLATE_NOOP("MainWindow", "Overview"), Action.MONEY_READ,
              _build("overview", "OverviewPane")),
    PaneEntry("enterprises", QT_TRANSLATE_NOOP("MainWindow", "Enterprises"), Action.ENTERPRISE_READ,
              _build("enterprises", "EnterprisesPane")),
    PaneEntry("bill_sheet", QT_TRANSLATE_NOOP("MainWindow", "Bill sheet"), Action.ENTRY_EDIT,
              _build("bill_sheet", "BillSheetPane")),
    PaneEntry("approvals", QT_TRANSLATE_NOOP("MainWindow", "Approvals"), Action.ENTRY_DECIDE,
              _build("approvals", "ApprovalsPane")),
    PaneEntry("awards", QT_TRANSLATE_NOOP("MainWindow", "Awards"), Action.MONEY_READ,
              _build("awards", "AwardsPane")),
    PaneEntry("ledger", QT_TRANSLATE_NOOP("MainWindow", "Ledger"), Action.MONEY_READ,
              _build("ledger", "LedgerPane")),
    PaneEntry("certificates", QT_TRANSLATE_NOOP("MainWindow", "Certificates"),
              Action.CERTIFICATE_READ, _build("certificates", "CertificatesPane")),
    PaneEntry("verification", QT_TRANSLATE_NOOP("MainWindow", "Verification"),
              Action.CERTIFICATE_READ, _build("verification", "VerificationPane")),
    PaneEntry("reports", QT_TRANSLATE_NOOP("MainWindow", "Reports"), Action.MONEY_READ,
              _build("reports", "ReportsPane")),
    PaneEntry("policy", QT_TRANSLATE_NOOP("MainWindow", "Policy"), Action.POLICY_EDIT,
              _build("policy", "PolicyPane")),
    PaneEntry("zones", QT_TRANSLATE_NOOP("MainWindow", "Zones"), Action.ZONE_READ,
              _build("zones", "ZonesPane")),
    PaneEntry("staff", QT_TRANSLATE_NOOP("MainWindow", "Staff"), Action.STAFF_READ,
              _build("staff", "StaffPane")),
    PaneEntry("audit_trail", QT_TRANSLATE_NOOP("MainWindow", "Audit trail"), Action.AUDIT_READ,
              _build("audit_trail", "AuditPane")),
)


class MainWindow(QMainWindow):
    closed = Signal(bool)  # once closed: True when the person logged out (the log-in comes back)

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self._logging_out = False
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
        # the panes this role may use, in side-bar order; each is built when first shown, so
        # that start-up reads only what the first pane needs
        self.entries = [entry for entry in PANES if context.actor.may(entry.needs)]
        self.panes: dict[str, QWidget] = {}
        for entry in self.entries:
            self.stack.addWidget(QWidget())  # a place holder until the pane is first shown
            item = QListWidgetItem(QCoreApplication.translate("MainWindow", entry.title))
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(self._show_row)
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
        mark_if_demo(self, context.db, context.runner)  # "Zone Desk — 演示数据"

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        self.idle_lock = add_account_actions(self, menu, self.context)
        add_backup_actions(self, menu, self.context)
        menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)
        for row, entry in enumerate(self.entries):
            action = QAction(QCoreApplication.translate("MainWindow", entry.title), self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _checked=False, r=row: self.sidebar.setCurrentRow(r))
            self.addAction(action)
        add_help_menu(self)

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

    @property
    def pane_keys(self) -> list[str]:
        return [entry.key for entry in self.entries]

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.entries):
            self._pane(row)
            self.stack.setCurrentIndex(row)

    def _pane(self, row: int) -> QWidget:
        entry = self.entries[row]
        if entry.key not in self.panes:
            pane = entry.build(self.context)
            pane.setObjectName(f"{entry.key}_pane")
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, pane)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.panes[entry.key] = pane
        return self.panes[entry.key]

    def show_pane(self, key: str) -> QWidget:
        row = self.pane_keys.index(key)
        self.sidebar.setCurrentRow(row)
        return self._pane(row)

    def pane(self, key: str) -> QWidget:
        """The pane, built if it was not yet, without showing it."""
        return self._pane(self.pane_keys.index(key))

    def log_out(self) -> bool:
        """Closes the window for another log-in; False when the person keeps it open."""
        self._logging_out = True
        try:
            return self.close()
        finally:
            self._logging_out = False

    def closeEvent(self, event) -> None:  # noqa: N802, ANN001 (Qt's name)
        unsaved = [pane for pane in self.panes.values()
                   if getattr(pane, "has_unsaved_changes", lambda: False)()]
        if unsaved and not modals.ask_yes_no(self, self.tr("Unsaved bills"), self.tr(
                "Some bills you typed are not saved yet. Quit and lose them?")):
            event.ignore()
            return
        self.context.runner.stop()
        super().closeEvent(event)
        self.closed.emit(self._logging_out)
