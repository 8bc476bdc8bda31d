"""Start-up of the program: open (and migrate) the database, log in, show the main window.

A file that cannot be opened for work as it is (none there, not a database, damaged, newer,
read-only) is explained and the person chooses what to do (desktop/opening.py); a database is
made only where the person said so (`create`: the data folder's own, or --create).
"""

from pathlib import Path

from PySide6.QtWidgets import QDialog

from db.services import auth
from desktop import modals
from desktop.app import create_application, setup_logging
from desktop.background import BackgroundRunner
from desktop.context import AppContext, ChangeBus
from desktop.login.login_dialog import FirstAdminDialog, LoginDialog
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
    runner = BackgroundRunner()
    dialog: QDialog = FirstAdminDialog(db, runner) if auth.needs_first_admin(db) else LoginDialog(db, runner)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
        runner.stop()
        return 0
    window = MainWindow(AppContext(db=db, runner=runner, bus=ChangeBus(), actor=dialog.actor))
    window.show()
    announce(window, db)
    return app.exec()
