"""A restore, done by the desk between two log-ins: the window is closed and the database
thread stopped; the file is closed, the backup put in its place (db/backup/restoring.py: checked
again, a safety backup first, migrated when older, recorded in the audit trail) on the backups'
thread with a progress dialog, and the restored file opened again. The log-in then comes back
on it: its accounts and passwords are those of the backup, so nobody stays logged in with an
account the restored file may not know.

A restore that is refused (or fails) changes nothing: the person is told why and the log-in
comes back on the file as it was.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog

from db.access import Actor
from db.backup.folder import backup_folder
from db.backup.restoring import RestoreResult, restore
from db.engine import Database
from db.startup import open_database
from desktop import modals
from desktop.background import BackgroundRunner


def restore_and_reopen(db: Database, backup: Path, actor: Actor, runner: BackgroundRunner,
                       then: Callable[[Database], None]) -> None:
    """Restores `backup` over `db`'s file (already closed by its windows), then calls `then`
    with the database opened again (the restored one, or the old one when refused)."""
    path = db.path
    safety = backup_folder(path)
    db.dispose()
    dialog = QProgressDialog(QCoreApplication.translate("Restoring", "Restoring the backup…"),
                             "", 0, 0)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    def reopen(outcome: object) -> None:
        dialog.reset()
        dialog.deleteLater()
        if isinstance(outcome, RestoreResult):
            modals.show_message(None, QCoreApplication.translate("Restoring", "Backup restored"),
                                QCoreApplication.translate(
                "Restoring", "{file} was restored from {backup}. Log in again: the accounts and "
                "passwords are those of the backup.").format(file=path, backup=backup.name))
        else:
            modals.show_failure(None, outcome)
        try:
            then(open_database(path, create=False))
        except Exception as error:  # the file could not be opened again: said, then quit
            modals.show_failure(None, error)
            then(None)

    runner.run(lambda task: restore(path, backup, actor=actor, safety_folder=safety,
                                    progress=task.report),
               on_success=reopen, on_failure=reopen, on_progress=progress)
