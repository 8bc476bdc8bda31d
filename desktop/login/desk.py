"""One person after another at the same program: the log-in dialog (or, on a new database, the
first administrator's), that person's main window, and after File → Log out the log-in dialog
again, for the same person or another with their own scope. `finished` when the person quits
the window or cancels the log-in: the program then ends.

Each log-in gets its own database thread (the window stops it as it closes).

With `backups` (desktop/backup/automatic.py; the program always gives them, most tests do
not), a backup is made at the first start of each day, when the desk starts, and one on
quitting when anything changed; quitting waits for it. An administrator's File → Restore…
closes the window with the backup chosen (its `restore_from` property): the desk restores it
and shows the log-in again on the restored file (desktop/backup/reopening.py).
"""

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog

from db.access import Actor
from db.engine import Database
from db.queries.demo_data import is_demo
from db.server.connection import on_server
from db.services import auth
from desktop.background import BackgroundRunner
from desktop.backup.automatic import AutomaticBackups
from desktop.backup.backup_menu import RESTORE_FROM
from desktop.context import AppContext, ChangeBus
from desktop.login.loading import FIRST_ADMIN_SHOWN, LOG_IN_SHOWN
from desktop.login.login_dialog import FirstAdminDialog, LoginDialog
from desktop.main_window import MainWindow

log = logging.getLogger(__name__)


class Desk(QObject):
    finished = Signal()
    window_opened = Signal(object)  # the MainWindow just shown

    def __init__(self, db: Database, make_window: Callable[[AppContext], MainWindow] = MainWindow,
                 parent: QObject | None = None, backups: AutomaticBackups | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.backups = backups
        self._actor: Actor | None = None
        self._make_window = make_window
        self.runner: BackgroundRunner | None = None
        self.login_dialog: QDialog | None = None
        self.password_dialog: QDialog | None = None  # a one-time password's replacement
        self.window: MainWindow | None = None

    @property
    def db(self) -> Database:
        return self._db

    def start(self, shown: tuple[LoginDialog, BackgroundRunner] | None = None) -> None:
        """`shown`: the log-in window already on screen, with its database thread (the
        program's start shows it before the data layer is loaded: desktop/launch.py)."""
        if self.backups is not None:
            self.backups.at_start()
        self._ask_log_in(shown)

    def _ask_log_in(self, shown: tuple[LoginDialog, BackgroundRunner] | None = None) -> None:
        if shown is not None:
            dialog, self.runner = shown
        else:
            self.runner = BackgroundRunner()
            dialog = (LoginDialog(self._db, self.runner) if on_server(self._db)  # as nobody yet
                      else FirstAdminDialog(self._db, self.runner)
                      if auth.needs_first_admin(self._db)
                      else LoginDialog(self._db, self.runner, demo=is_demo(self._db)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._logged_in(dialog))
        dialog.rejected.connect(self._end)
        self.login_dialog = dialog
        if shown is None:
            dialog.show()
            log.info(FIRST_ADMIN_SHOWN if isinstance(dialog, FirstAdminDialog) else LOG_IN_SHOWN)

    def _logged_in(self, dialog: QDialog) -> None:
        """A one-time password is replaced before the window opens; cancelled, the log-in
        comes back."""
        actor = dialog.actor
        if actor is None or not getattr(dialog, "must_change_password", False) or self.runner is None:
            self._open_window(actor)
            return
        from desktop.login.password_dialog import ChangePasswordDialog

        self.login_dialog = None
        change = ChangePasswordDialog(self._db, self.runner, actor, one_time=True)
        change.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        change.accepted.connect(lambda: self._open_window(actor))
        change.rejected.connect(self._log_in_again)
        self.password_dialog = change
        change.show()

    def _log_in_again(self) -> None:
        self.password_dialog = None
        if self.runner is not None:
            self.runner.stop()
        self._ask_log_in()

    def _open_window(self, actor: Actor | None) -> None:
        self.password_dialog = None
        self.login_dialog = None
        if actor is None or self.runner is None:
            self._end()
            return
        self._actor = actor
        window = self._make_window(AppContext(db=self._db, runner=self.runner, bus=ChangeBus(),
                                              actor=actor))
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.closed.connect(self._window_closed)
        self.window = window
        window.show()
        if self.backups is not None:
            self.backups.show_in(window)
        self.window_opened.emit(window)

    def _window_closed(self, logging_out: bool) -> None:
        chosen = self.window.property(RESTORE_FROM) if self.window is not None else None
        self.window = None
        if chosen and logging_out and self._actor is not None:
            self._restore(Path(chosen), self._actor)
        elif logging_out:
            self._ask_log_in()
        else:
            self._quit()

    def _restore(self, backup: Path, actor: Actor) -> None:
        from desktop.backup.reopening import restore_and_reopen

        runner = self.backups.runner if self.backups is not None else BackgroundRunner(self)

        def reopened(db: Database | None) -> None:
            if runner is not (self.backups.runner if self.backups else None):
                runner.stop()
            if db is None:
                self._quit()
                return
            self._db = db
            self._ask_log_in()

        restore_and_reopen(self._db, backup, actor, runner, reopened)

    def _end(self) -> None:
        self.login_dialog = None
        if self.runner is not None:
            self.runner.stop()
        self._quit()

    def _quit(self) -> None:
        """Ends the program, after the backup on quitting (when anything changed)."""
        if self.backups is None:
            self.finished.emit()
            return
        self.backups.at_quit(None, self.finished.emit)
