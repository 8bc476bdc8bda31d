"""One person after another at the same program: the log-in dialog (or, on a new database, the
first administrator's), that person's main window, and after File → Log out the log-in dialog
again, for the same person or another with their own scope. `finished` when the person quits
the window or cancels the log-in: the program then ends.

Each log-in gets its own database thread (the window stops it as it closes).
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog

from db.access import Actor
from db.engine import Database
from db.services import auth
from desktop.background import BackgroundRunner
from desktop.context import AppContext, ChangeBus
from desktop.login.login_dialog import FirstAdminDialog, LoginDialog
from desktop.main_window import MainWindow


class Desk(QObject):
    finished = Signal()
    window_opened = Signal(object)  # the MainWindow just shown

    def __init__(self, db: Database, make_window: Callable[[AppContext], MainWindow] = MainWindow,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._make_window = make_window
        self.runner: BackgroundRunner | None = None
        self.login_dialog: QDialog | None = None
        self.window: MainWindow | None = None

    def start(self) -> None:
        self._ask_log_in()

    def _ask_log_in(self) -> None:
        self.runner = BackgroundRunner()
        dialog: QDialog = (FirstAdminDialog(self._db, self.runner) if auth.needs_first_admin(self._db)
                           else LoginDialog(self._db, self.runner))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._open_window(dialog.actor))
        dialog.rejected.connect(self._end)
        self.login_dialog = dialog
        dialog.show()

    def _open_window(self, actor: Actor | None) -> None:
        self.login_dialog = None
        if actor is None or self.runner is None:
            self._end()
            return
        window = self._make_window(AppContext(db=self._db, runner=self.runner, bus=ChangeBus(),
                                              actor=actor))
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.closed.connect(self._window_closed)
        self.window = window
        window.show()
        self.window_opened.emit(window)

    def _window_closed(self, logging_out: bool) -> None:
        self.window = None
        if logging_out:
            self._ask_log_in()
        else:
            self.finished.emit()

    def _end(self) -> None:
        self.login_dialog = None
        if self.runner is not None:
            self.runner.stop()
        self.finished.emit()
