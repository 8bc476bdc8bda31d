"""Opening the database the program starts on. When the file cannot be opened for work as it is,
the person reads why (the file and the cause, in db/'s words) and chooses what to do: make a new
database where there is none, open another file, open it for reading only where that is safe,
open the newest backup of a damaged file for reading, try again. Nothing is done to a file
unasked. Once the program runs, a damage found by the check at opening is announced, and a file
open for reading only says so.
"""

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

from db import database_file
from db.database_file import FileKind
from db.engine import Database
from db.errors import (
    DamagedDatabase,
    DiskFull,
    FileProblem,
    NoDatabaseThere,
    ReadOnlyDatabase,
    WaitedTooLong,
)
from db.startup import open_database
from desktop import modals

log = logging.getLogger(__name__)

CREATE, ANOTHER, READ_ONLY, BACKUP, RETRY, QUIT = (
    "create", "another", "read_only", "backup", "retry", "quit")


def usable_backup(path: Path) -> Path | None:
    """The newest backup of `path`, when this program can read it as it is."""
    found = database_file.backups(path)
    if found and database_file.examine(found[0]).kind == FileKind.CURRENT:
        return found[0]
    return None


def _choices(problem: FileProblem) -> list[tuple[str, str]]:
    first: list[tuple[str, str]] = []
    if isinstance(problem, NoDatabaseThere):
        first = [(CREATE, QCoreApplication.translate("FileOpening", "Create a new database there"))]
    elif isinstance(problem, ReadOnlyDatabase) and problem.read_only_possible:
        first = [(READ_ONLY, QCoreApplication.translate("FileOpening", "Open it for reading only"))]
    elif isinstance(problem, DamagedDatabase) and usable_backup(problem.path) is not None:
        first = [(BACKUP, QCoreApplication.translate("FileOpening",
                                                     "Open the newest backup for reading"))]
    elif isinstance(problem, (WaitedTooLong, DiskFull)):
        first = [(RETRY, QCoreApplication.translate("FileOpening", "Try again"))]
    return [*first, (ANOTHER, QCoreApplication.translate("FileOpening", "Open another file…")),
            (QUIT, QCoreApplication.translate("FileOpening", "Quit"))]


def open_chosen(path: Path, *, create: bool) -> Database | None:
    """The database at `path` opened for work, or what the person chose instead; None when they
    quit. `create`: a missing file is made without asking (the data folder's own database)."""
    read_only = False
    while True:
        try:
            return open_database(path, create=create, read_only=read_only)
        except FileProblem as problem:
            log.warning("cannot open %s as it is: %s", path, type(problem).__name__)
            title = QCoreApplication.translate("FileOpening", "Zone Desk — open a database")
            choice = modals.ask_choice(None, title, modals.translate_error(problem),
                                       _choices(problem))
        if choice in (None, QUIT):
            return None
        create, read_only = choice == CREATE, choice == READ_ONLY
        if choice == BACKUP:
            path, read_only = usable_backup(path) or path, True
        elif choice == ANOTHER:
            chosen = modals.choose_open_path(
                None, QCoreApplication.translate("FileOpening", "Open a Zone Desk database"),
                QCoreApplication.translate("FileOpening",
                                           "Zone Desk databases (*.sqlite *.db);;All files (*)"))
            path = chosen or path


def announce(window: QWidget, db: Database) -> None:
    """Tells the person at once when the file is open for reading only, and when the check that
    began at opening finds it damaged (writes are refused from then on, by db/)."""
    if db.read_only:
        modals.show_message(window, QCoreApplication.translate("FileOpening", "Reading only"),
                            QCoreApplication.translate("FileOpening",
            "{file} is open for reading only: you can look things up, but nothing can be "
            "saved.").format(file=db.path))
    if db.check is None:
        return
    timer = QTimer(window)
    timer.setInterval(250)

    def verdict() -> None:
        if not db.check.finished:
            return
        timer.stop()
        if db.damage() is not None:
            modals.show_error(window, modals.translate_error(database_file.damaged(db.path)))

    timer.timeout.connect(verdict)
    timer.start()
    verdict()
