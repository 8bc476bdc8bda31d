"""The File menu's backup entries, for administrators: Back up now… (into a folder chosen
then), Restore… (a backup file chosen, its facts and verdict shown, then asked once more), and
Backup folder… (where the automatic backups go, kept in the database).

Backups and inspections run on a thread of their own (the windows' database thread stays
free). A restore replaces the file under everyone: the window is closed as at Log out, the
desk restores the file and shows the log-in again on the restored file, where the accounts
and passwords are those of the backup (desktop/login/desk.py, `restore_from`).
"""

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu

from db.access import Action
from db.backup.checking import BackupFacts, inspect_backup
from db.backup.folder import backup_folder, is_default, set_backup_folder
from db.backup.making import BackupResult, make_backup
from db.backup.rotation import rotate
from db.clock import utc_now
from desktop import modals
from desktop.background import BackgroundRunner
from desktop.backup.restore_dialog import RestoreDialog
from desktop.context import AppContext

RESTORE_FROM = "restore_from"  # the window's property the desk reads when the window closes


class BackupActions(QObject):
    """The entries and the thread they work on: made when an entry is first used (most
    sessions never use one), stopped when the window closes."""

    def __init__(self, window: QMainWindow, context: AppContext) -> None:
        super().__init__(window)
        self.setObjectName("backup_actions")
        self.window, self.context = window, context
        self._runner: BackgroundRunner | None = None
        window.closed.connect(lambda _logging_out: self.stop())

    @property
    def runner(self) -> BackgroundRunner:
        if self._runner is None:
            self._runner = BackgroundRunner(self)
        return self._runner

    def stop(self) -> None:
        if self._runner is not None:
            self._runner.stop()

    def add_to(self, menu: QMenu) -> None:
        for text, name, slot in (
                (self.tr("&Back up now…"), "back_up_now", self.back_up_now),
                (self.tr("&Restore…"), "restore", self.restore),
                (self.tr("Backup &folder…"), "backup_folder", self.choose_backup_folder)):
            action = QAction(text, self.window)
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            menu.addAction(action)

    @property
    def db_path(self) -> Path:
        return self.context.db.path

    def back_up_now(self) -> None:
        folder = modals.choose_folder(self.window, self.tr("Back up into which folder?"),
                                      backup_folder(self.db_path))
        if folder is None:
            return
        path = self.db_path

        def work(task) -> BackupResult:  # noqa: ANN001 (desktop.background.Task)
            made = make_backup(path, folder, reason="back up now", progress=task.report,
                               create_folder=is_default(path, folder),
                               cancelled=lambda: task.cancelled)  # Cancel: no backup at all
            if folder == backup_folder(path):
                rotate(folder, path, utc_now())
            return made

        self.runner.run_with_progress(
            work, label=self.tr("Making a backup…"), parent=self.window,
            on_success=lambda made: modals.show_message(
                self.window, self.tr("Backup made"),
                self.tr("The backup was written to {file}.").format(file=made.path)),
            on_failure=lambda error: modals.show_failure(self.window, error))

    def restore(self) -> None:
        chosen = modals.choose_open_path(self.window, self.tr("Restore which backup?"),
                                         self.tr("Zone Desk backups (*.sqlite);;All files (*)"))
        if chosen is None:
            return
        self.runner.run_with_progress(
            lambda _task: inspect_backup(chosen), label=self.tr("Checking the backup…"),
            parent=self.window, on_success=self.show_facts)

    def show_facts(self, facts: BackupFacts) -> None:
        dialog = RestoreDialog(facts, self.window)
        if ask_restore(dialog) != QDialog.DialogCode.Accepted or not facts.ok:
            return
        made = facts.made.strftime("%Y-%m-%d %H:%M") if facts.made else facts.path.name
        if not modals.ask_yes_no(self.window, self.tr("Restore this backup?"), self.tr(
                "The database is replaced by the backup made {made}: everything done since then "
                "is undone (a safety backup of the database as it is now is made first). Zone "
                "Desk then shows the log-in again, on the restored file. Restore it?").format(
                made=made)):
            return
        self.window.setProperty(RESTORE_FROM, str(facts.path))
        if not self.window.log_out():  # the person kept the window (unsaved bills)
            self.window.setProperty(RESTORE_FROM, None)

    def choose_backup_folder(self) -> None:
        current = backup_folder(self.db_path)
        folder = modals.choose_folder(self.window, self.tr("Folder for the automatic backups"),
                                      current)
        if folder is None:
            return
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(
            lambda _task: set_backup_folder(db, actor=actor, folder=folder),
            parent=self.window,
            on_success=lambda now: modals.show_message(
                self.window, self.tr("Backup folder"),
                self.tr("The automatic backups now go to {folder}.").format(folder=now)))


def ask_restore(dialog: RestoreDialog) -> int:
    """The restore dialog, modal (tests answer it)."""
    return dialog.exec()


def add_backup_actions(window: QMainWindow, menu: QMenu, context: AppContext) -> None:
    """Adds the entries to the File menu for those who may manage backups, on a file (a
    server's backups are pg_dump's: docs/server.md)."""
    from db.server.connection import on_server

    if not context.actor.may(Action.BACKUP_MANAGE) or on_server(context.db):
        return
    menu.addSeparator()
    BackupActions(window, context).add_to(menu)
