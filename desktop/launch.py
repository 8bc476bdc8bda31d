"""Start-up of the program: open (and migrate) the database, log in, show the main window (and
the log-in again after File → Log out: desktop/login/desk.py).

A file that cannot be opened for work as it is (none there, not a database, damaged, newer,
read-only) is explained and the person chooses what to do (desktop/opening.py); a database is
made only where the person said so (`create`: the data folder's own, or --create).

A file that a running Zone Desk has open already is not opened twice: that program brings its
window forward and this one ends (desktop/single_instance.py). `throw_away`: a demo started by
Help → Open the demo, whose folder is removed when the program ends (desktop/demo/open_demo.py).

A file that opens without a question (db/first_look.py) gets its log-in window at once, before
the data layer is imported: the file is opened, and the rest of the program loaded, while the
person types (desktop/login/loading.py). Any other file is opened first, as it always was.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop

from db.first_look import ready_for_log_in
from desktop import modals
from desktop.app import create_application, setup_logging
from desktop.background import BackgroundRunner
from desktop.login.loading import LOG_IN_SHOWN, DatabaseLoading
from desktop.login.login_dialog import LoginDialog
from desktop.single_instance import FileClaim, NoAnswer, claim, show_front_window

if TYPE_CHECKING:
    from db.engine import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Cancelled:
    """The person cancelled the log-in shown first; the database opened meanwhile (None when
    its opening failed after all: nothing to close)."""

    db: Database | None


def _already_open(path: Path) -> int:
    print(QCoreApplication.translate(
        "FileOpening", "{file} is already open in Zone Desk: its window was brought to the "
        "front.").format(file=path), file=sys.stderr)
    return 0


def _open_elsewhere(path: Path) -> int:
    """Another program holds the file but does not answer: better not to open it twice."""
    text = QCoreApplication.translate(
        "FileOpening", "{file} is open in another Zone Desk that does not answer. Close that "
        "program, or wait until it has started, and try again.").format(file=path)
    print(text, file=sys.stderr)
    modals.show_message(None, QCoreApplication.translate("FileOpening", "Already open"), text)
    return 1


def _claim(path: Path) -> FileClaim | int:
    """This program's claim on the file, or the exit status when another program has it."""
    try:
        opened = claim(path)
    except NoAnswer:
        return _open_elsewhere(path)
    return _already_open(path) if opened is None else opened


def _log_in_shown_first(path: Path) -> tuple[Database, LoginDialog, BackgroundRunner] | Cancelled | None:
    """For a file that opens without a question: the log-in window on screen at once, and the
    database opened (with the data layer loaded) while the person types. None when the file is
    to be opened the usual way (the first look found something to ask, or the opening failed:
    the window goes away again and the person reads why); Cancelled when they cancelled."""
    look = ready_for_log_in(path)
    if look is None:
        return None
    loading = DatabaseLoading(path)
    runner = BackgroundRunner()
    dialog = LoginDialog(loading, runner, demo=look.demo)
    cancelled: list[bool] = []
    waiting = QEventLoop()
    loading.loaded.connect(waiting.quit)
    dialog.rejected.connect(lambda: (cancelled.append(True), waiting.quit()))
    dialog.show()
    QCoreApplication.processEvents()  # drawn before the loading begins
    log.info(LOG_IN_SHOWN)
    loading.start()
    if not loading.finished:
        waiting.exec()  # the window works meanwhile; a log-in typed fast waits for the file
    dialog.rejected.disconnect()
    if cancelled or loading.failure is not None:
        dialog.hide()
        runner.stop()  # a log-in waiting for the file ends first
        dialog.deleteLater()
        if not cancelled:
            return None
        try:  # cancelled while the file was opening: it is waited for, to be closed
            return Cancelled(loading.result())
        except Exception:  # noqa: BLE001 (logged by the loading; nothing was opened)
            return Cancelled(None)
    return loading.result(), dialog, runner


def _open_the_usual_way(path: Path, create: bool) -> Database | int:
    """The file opened first, asking the person when it cannot be opened as it is."""
    from desktop.opening import open_chosen

    try:
        db = open_chosen(path, create=create)
    except Exception as error:  # shown to the person, the details logged
        modals.show_failure(None, error)
        return 1
    return 1 if db is None else db


def launch(path: Path, language: str, *, create: bool = False, throw_away: bool = False) -> int:
    setup_logging()
    app = create_application(language)
    opened = _claim(path)
    if isinstance(opened, int):
        return opened
    opened.show_requested.connect(show_front_window)  # also while a file is being chosen
    app.setQuitOnLastWindowClosed(False)  # the desk ends the program: not a log-out
    early = _log_in_shown_first(path)
    if isinstance(early, Cancelled):
        opened.close()
        if early.db is not None:
            _ended(early.db, throw_away)
        return 0
    if isinstance(early, tuple):
        db, shown = early[0], early[1:]
    else:
        shown = None
        db = _open_the_usual_way(path, create)
        if isinstance(db, int):
            opened.close()
            return db
        if Path(db.path).resolve() != path.resolve():  # the person chose another file
            opened.close()
            opened = _claim(Path(db.path))
            if isinstance(opened, int):
                db.dispose()
                return opened
            opened.show_requested.connect(show_front_window)
    from desktop.backup.automatic import AutomaticBackups
    from desktop.login.desk import Desk
    from desktop.main_window import MainWindow
    from desktop.opening import announce

    backups = None if throw_away else AutomaticBackups(db.path, read_only=db.read_only)
    desk = Desk(db, backups=backups)
    announced: list[MainWindow] = []

    def opened_window(window: MainWindow) -> None:
        if not announced:  # a damaged or read-only file is told at the first window only
            announced.append(window)
            announce(window, desk.db)

    desk.window_opened.connect(opened_window)
    desk.finished.connect(app.quit)
    desk.start(shown)
    status = app.exec()
    opened.close()
    _ended(desk.db, throw_away)
    return status


def _ended(db: Database, throw_away: bool) -> None:
    if throw_away:
        from desktop.demo.open_demo import remove_throw_away
        remove_throw_away(db)
    else:
        db.dispose()
