"""Logging in on the command line (`zonedesk export`, `zonedesk import`, `zonedesk verify-audit`
on a server): the password asked for, or read from the first line of standard input
(`--password-stdin`, for scripts), checked as at the log-in window (db/services/auth.py `log_in`:
a wrong password is counted, a locked account refused); the program's translations installed for
what the command prints.

The database is a file's path or a server's address (postgresql://server/zonedesk, naming no
person: the command then connects as the person who logs in, as the program does)."""

import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from db.access import Actor
from db.engine import Database
from db.errors import ServerUnreachable, ZoneDeskError
from db.locations import is_server_url

if TYPE_CHECKING:
    from db.server.connection import ServerDatabase


def install_language(language: str) -> None:
    from PySide6.QtCore import QCoreApplication

    from desktop.app import install_language as install
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    install(app, language)


def command_log_in(db_path: Path | str, username: str, *, password_stdin: bool, language: str,
                   stdin: TextIO | None = None, stderr: TextIO | None = None) -> tuple[Database, Actor] | int:
    """The open database and the person logged in, or the exit status after one sentence on
    stderr (in the language chosen): 2 when there is no database there, 1 when the log-in is
    refused. The caller disposes of the database."""
    from PySide6.QtCore import QCoreApplication

    from desktop.modals import translate_error
    stdin, stderr = stdin or sys.stdin, stderr or sys.stderr
    install_language(language)
    if is_server_url(str(db_path)):
        return _on_server(str(db_path), username, password_stdin=password_stdin, stdin=stdin,
                          stderr=stderr)
    db_path = Path(db_path)
    if not db_path.exists():
        print(QCoreApplication.translate("command", "{file}: no such database.").format(file=db_path),
              file=stderr)
        return 2
    password = _password(username, password_stdin=password_stdin, stdin=stdin)
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


def _password(username: str, *, password_stdin: bool, stdin: TextIO) -> str:
    from PySide6.QtCore import QCoreApplication

    if password_stdin:
        return stdin.readline().rstrip("\r\n")
    return getpass.getpass(QCoreApplication.translate(
        "command", "Password for {user}: ").format(user=username))


def _on_server(url: str, username: str, *, password_stdin: bool, stdin: TextIO,
               stderr: TextIO) -> "tuple[ServerDatabase, Actor] | int":
    """The person logged in on the server: their password is checked by the server, and what
    they then read is what its row-level security lets them read."""
    from db.server.connection import ServerDatabase
    from db.services.auth import log_in
    from desktop.modals import translate_error
    from desktop.server_launch import address_problem

    problem = address_problem(url)
    if problem is not None:
        print(problem, file=stderr)
        return 2
    password = _password(username, password_stdin=password_stdin, stdin=stdin)
    database = ServerDatabase(url)
    try:
        actor = log_in(database, username=username, password=password)
    except ServerUnreachable as error:  # no server there, or it refuses this PC
        database.dispose()
        print(translate_error(error), file=stderr)
        return 2
    except ZoneDeskError as error:
        database.dispose()
        print(translate_error(error), file=stderr)
        return 1
    return database, actor
