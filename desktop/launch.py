"""Start-up of the program: open (and migrate) the database, log in, show the main window (and
the log-in again after File → Log out: desktop/login/desk.py).

A file that cannot be opened for work as it is (none there, not a database, damaged, newer,
read-only) is explained and the person chooses what to do (desktop/opening.py); a database is
made only where the person said so (`create`: the data folder's own, or --create).
"""

from pathlib import Path

from desktop import modals
from desktop.app import create_application, setup_logging
from desktop.backup.automatic import AutomaticBackups
from desktop.login.desk import Desk
from desktop.main_window import MainWindow
from desktop.opening import announce, open_chosen


def launch(path: Path, language: str, *, create: bool = False) -> int:
    setup_logging()
    app = create_application(language)
    try:
        db = open_chosen(path, create=create)
    except Exception as error:  # shown to the person, the details logged
        modals.show_failure(None, error)
        return 1
    if db is None:
        return 1
    app.setQuitOnLastWindowClosed(False)  # the desk ends the program: not a log-out
    desk = Desk(db, backups=AutomaticBackups(db.path, read_only=db.read_only))
    announced: list[MainWindow] = []

    def opened(window: MainWindow) -> None:
        if not announced:  # a damaged or read-only file is told at the first window only
            announced.append(window)
            announce(window, desk.db)

    desk.window_opened.connect(opened)
    desk.finished.connect(app.quit)
    desk.start()
    return app.exec()
