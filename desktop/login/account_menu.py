"""The account's entries of the File menu: Change password…, Lock (Ctrl+L), Lock after…
(the idle lock's minutes), Log out. Logging out closes the window (asking first about unsaved
bills) and the log-in dialog comes back (desktop/login/desk.py): another person can log in
with their own scope."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop import modals, settings
from desktop.context import AppContext
from desktop.login.idle_lock import IdleLock
from desktop.login.password_dialog import ChangePasswordDialog


def add_account_actions(window: QMainWindow, menu: QMenu, context: AppContext) -> IdleLock:
    """Adds the entries to `menu` (a window with `log_out()`); returns the window's idle lock."""
    idle_lock = IdleLock(window, context)

    def action(text: str, name: str, slot, keys: str | None = None) -> QAction:  # noqa: ANN001
        made = QAction(text, window)
        made.setObjectName(name)
        if keys:
            made.setShortcut(QKeySequence(keys))
        made.triggered.connect(lambda _checked=False: slot())
        menu.addAction(made)
        return made

    def change_password() -> None:
        dialog = ChangePasswordDialog(context.db, context.runner, context.actor, window)
        dialog.open()

    def choose_minutes() -> None:
        minutes = modals.ask_number(
            window, QCoreApplication.translate("AccountMenu", "Lock when idle"),
            QCoreApplication.translate("AccountMenu", "Lock the window after this many minutes "
                                       "without use (0: never):"),
            settings.idle_lock_minutes(), 0, settings.MAX_IDLE_LOCK_MINUTES)
        if minutes is not None:
            settings.set_idle_lock_minutes(minutes)
            idle_lock.set_interval_ms(minutes * 60_000)

    action(QCoreApplication.translate("AccountMenu", "Change &password…"), "change_password",
           change_password)
    action(QCoreApplication.translate("AccountMenu", "&Lock"), "lock", idle_lock.lock, "Ctrl+L")
    action(QCoreApplication.translate("AccountMenu", "Lock when &idle…"), "idle_minutes",
           choose_minutes)
    menu.addSeparator()
    action(QCoreApplication.translate("AccountMenu", "Log &out"), "log_out", window.log_out)
    return idle_lock
