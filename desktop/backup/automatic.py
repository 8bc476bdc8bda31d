"""The automatic backups: one at the first start of each day (when the program opens its
database, before anyone logs in: the backup does not wait for a person), and one on quitting
when anything but log-ins changed since the newest backup (db/backup/schedule.py decides both
from the backup folder itself). After each, the old backups there are rotated.

They run on a thread of their own, not on the database thread of the windows: SQLite's backup
API reads through its own connection, so the staff's work goes on meanwhile. A failure (a
folder that is missing, full or read-only, a copy that does not check out) is said in the main
window's status bar and written to the log (without the folder's name or any firm's data); it
never stops the program and never deletes a backup. Quitting waits for a backup under way, with
a small progress dialog.
"""

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QProgressDialog, QWidget

from db.backup.folder import backup_folder, is_default
from db.backup.making import BackupResult, make_backup
from db.backup.rotation import rotate
from db.backup.schedule import changed_since_backup, due_today
from db.clock import utc_now
from db.errors import ZoneDeskError
from desktop import modals
from desktop.background import BackgroundRunner, Task

log = logging.getLogger(__name__)

STATUS_MS = 0  # the status bar keeps the last word on backups until something else is said


def back_up_if(db_path: Path, due: Callable[[Path, Path], bool], reason: str,
               task: Task | None = None) -> BackupResult | None:
    """A backup into the database's backup folder when `due(db_path, folder)`, then the
    rotation there; None when none was due. Runs on the backups' thread."""
    folder = backup_folder(db_path)
    if not due(db_path, folder):
        return None
    made = make_backup(db_path, folder, reason=reason, create_folder=is_default(db_path, folder),
                       progress=task.report if task is not None else None)
    rotate(folder, db_path, utc_now())
    return made


class AutomaticBackups(QObject):
    reported = Signal(str)  # what the status bar says about the last automatic backup

    def __init__(self, db_path: Path, *, read_only: bool = False,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.read_only = read_only  # a file open for reading only changes nothing
        self.runner = BackgroundRunner()
        self.last_report = ""
        self.made: list[BackupResult] = []
        self.failures: list[ZoneDeskError] = []

    def at_start(self) -> None:
        """A backup when none was made today (Shanghai's day); none of a file open for reading
        only (a backup opened to look at, a read-only medium)."""
        if self.read_only:
            return
        path = self.db_path
        self.runner.run(lambda _task: back_up_if(path, lambda p, f: due_today(p, f, utc_now()),
                                                 "first start of the day"),
                        on_success=self._made, on_failure=self._failed)

    def at_quit(self, parent: QWidget | None, then: Callable[[], None]) -> None:
        """Waits for a backup under way, makes one when anything changed, then calls `then`."""
        dialog = QProgressDialog(QCoreApplication.translate(
            "AutomaticBackups", "Making a backup before Zone Desk closes…"), "", 0, 0, parent)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        path, changes = self.db_path, not self.read_only

        def finish(outcome: object) -> None:
            if isinstance(outcome, BaseException):
                self._failed(outcome)
            else:
                self._made(outcome)
            dialog.reset()
            dialog.deleteLater()
            self.runner.stop()
            then()

        def progress(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)

        self.runner.run(lambda task: back_up_if(path, lambda p, f: changes and changed_since_backup(p, f),
                                                "quitting after changes", task),
                        on_success=finish, on_failure=finish, on_progress=progress)

    def show_in(self, window: QMainWindow) -> None:
        """The window's status bar says what becomes of the automatic backups."""
        bar = window.statusBar()
        self.reported.connect(bar.showMessage)  # (a connection that ends with the window)
        if self.last_report:
            bar.showMessage(self.last_report, STATUS_MS)

    def _made(self, made: object) -> None:
        if not isinstance(made, BackupResult):
            return  # none was due
        self.made.append(made)
        self._report(QCoreApplication.translate("AutomaticBackups", "Backup made: {name}").format(
            name=made.path.name))

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ZoneDeskError):
            self.failures.append(error)
            log.warning("automatic backup failed: %s (automatic backup)", type(error).__name__)
            self._report(modals.translate_error(error))
            return
        log.error("automatic backup failed", exc_info=(type(error), error, error.__traceback__))
        self._report(QCoreApplication.translate(
            "AutomaticBackups", "The automatic backup failed; the earlier backups are kept. The "
            "details are in the log file."))

    def _report(self, text: str) -> None:
        self.last_report = text
        self.reported.emit(text)

    def stop(self) -> None:
        self.runner.stop()
