"""Start-up of the program: open (and migrate) the database, log in, show the main window."""

from pathlib import Path

from PySide6.QtWidgets import QDialog

from db.services import auth
from db.startup import open_database
from desktop import modals
from desktop.app import create_application, setup_logging
from desktop.background import BackgroundRunner
from desktop.context import AppContext, ChangeBus
from desktop.login.login_dialog import FirstAdminDialog, LoginDialog
from desktop.main_window import MainWindow


def launch(path: Path, language: str) -> int:
    setup_logging()
    app = create_application(language)
    try:
        db = open_database(path)
    except Exception as error:  # shown to the person, with the file named
        modals.show_failure(None, error)
        return 1
    runner = BackgroundRunner()
    dialog: QDialog = FirstAdminDialog(db, runner) if auth.needs_first_admin(db) else LoginDialog(db, runner)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
        runner.stop()
        return 0
    window = MainWindow(AppContext(db=db, runner=runner, bus=ChangeBus(), actor=dialog.actor))
    window.show()
    return app.exec()
