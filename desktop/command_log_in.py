"""Logging in on the command line (`zonedesk export`, `zonedesk import`): the password asked
for, or read from the first line of standard input (`--password-stdin`, for scripts), checked as
at the log-in window (db/services/auth.py `log_in`: a wrong password is counted, a locked account
refused); the program's translations installed for what the command prints."""

import getpass
import sys
from pathlib import Path
from typing import TextIO

from db.access import Actor
from db.engine import Database
from db.errors import ZoneDeskError


def install_language(language: str) -> None:
    from PySide6.QtCore import QCoreApplication

    from desktop.app import install_language as install
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    install(app, language)


def command_log_in(db_path: Path, username: str, *, password_stdin: bool, language: str,
                   stdin: TextIO | None = None, stderr: TextIO | None = None) -> tuple[Database, Actor] | int:
    """The open database and the person logged in, or the exit status after one sentence on
    stderr (in the language chosen): 2 when there is no database there, 1 when the log-in is
    refused. The caller disposes of the database."""
    from PySide6.QtCore import QCoreApplication

    from desktop.modals import translate_error
    stdin, stderr = stdin or sys.stdin, stderr or sys.stderr
    install_language(language)
    if not db_path.exists():
        print(QCoreApplication.translate("command", "{file}: no such database.").format(file=db_path),
              file=stderr)
        return 2
    if password_stdin:
        password = stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(QCoreApplication.translate(
            "command", "Password for {user}: ").format(user=username))
    from db.services.auth import log_in
    from db.startup import open_database
    try:
        database = open_database(db_path, create=False)
    except ZoneDeskError as error:
        print(translate_error(error), file=stderr)
        return 2
    try:
        actor = log_in(database, username=username, password=password)
    except ZoneDeskError as error:
        database.dispose()
        print(translate_error(error), file=stderr)
        return 1
    return database, actor
