"""Start-up of the program: open (and migrate) the database, log in, show the main window (and
the log-in again after File → Log out: desktop/login/desk.py).

A file that cannot be opened for work as it is (none there, not a database, damaged, newer,
read-only) is explained and the person chooses what to do (desktop/opening.py); a database is
made only where the person said so (`create`: the data folder's own, or --create).

A file that a running Zone Desk has open already is not opened twice: that program brings its
window forward and this one ends (desktop/single_instance.py). `throw_away`: a demo started by
Help → Open the demo, whose folder is removed when the program ends (desktop/demo/open_demo.py).
"""

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop import modals
from desktop.app import create_application, setup_logging
from desktop.backup.automatic import AutomaticBackups
from desktop.login.desk import Desk
from desktop.main_window import MainWindow
from desktop.opening import announce, open_chosen
from desktop.single_instance import FileClaim, NoAnswer, claim, show_front_window


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


def launch(path: Path, language: str, *, create: bool = False, throw_away: bool = False) -> int:
    setup_logging()
    app = create_application(language)
    opened = _claim(path)
    if isinstance(opened, int):
        return opened
    opened.show_requested.connect(show_front_window)  # also while a file is being chosen
    try:
        db = open_chosen(path, create=create)
    except Exception as error:  # shown to the person, the details logged
        modals.show_failure(None, error)
        opened.close()
        return 1
    if db is None:
        opened.close()
        return 1
    if Path(db.path).resolve() != path.resolve():  # the person chose another file
        opened.close()
        opened = _claim(Path(db.path))
        if isinstance(opened, int):
            db.dispose()
            return opened
        opened.show_requested.connect(show_front_window)
    app.setQuitOnLastWindowClosed(False)  # the desk ends the program: not a log-out
    backups = None if throw_away else AutomaticBackups(db.path, read_only=db.read_only)
    desk = Desk(db, backups=backups)
    announced: list[MainWindow] = []

    def opened_window(window: MainWindow) -> None:
        if not announced:  # a damaged or read-only file is told at the first window only
            announced.append(window)
            announce(window, desk.db)

    desk.window_opened.connect(opened_window)
    desk.finished.connect(app.quit)
    desk.start()
    status = app.exec()
    opened.close()
    if throw_away:
        from desktop.demo.open_demo import remove_throw_away
        remove_throw_away(desk.db)
    return status
