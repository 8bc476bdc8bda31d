"""The program started on a district's server (`zonedesk --db postgresql://server/zonedesk`, or
ZONEDESK_DB set to that address): the log-in window, then each person's main window, as on a
file (desktop/login/desk.py), without what belongs to a file: no claim on a file, no automatic
backups (a server is backed up with pg_dump: docs/server.md), no first administrator (`zonedesk
server init` makes one).

The address names no person and holds no password: the program connects as nobody until
someone logs in, and then as that person, whose password the server checks.
"""

import sys

from PySide6.QtCore import QCoreApplication

from desktop.app import create_application, setup_logging


def address_problem(url: str) -> str | None:
    """Why this address may not be used (a password or a person's name in it), or None."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return QCoreApplication.translate(
            "ServerLaunch", "{url} is not a server address. Write it as "
            "postgresql://server/zonedesk.").format(url=url)
    if parsed.password is not None or parsed.username is not None:
        return QCoreApplication.translate(
            "ServerLaunch", "The server address names a person or holds a password. Leave them "
            "out (postgresql://server/zonedesk): each person logs in with their own name and "
            "password.")
    return None


def launch_on_server(url: str, language: str) -> int:
    setup_logging()
    app = create_application(language)
    problem = address_problem(url)
    if problem is not None:
        from desktop import modals

        print(problem, file=sys.stderr)
        modals.show_message(None, QCoreApplication.translate("ServerLaunch", "Server address"),
                            problem)
        return 2
    from db.server.connection import ServerDatabase
    from desktop.login.desk import Desk

    db = ServerDatabase(url)
    app.setQuitOnLastWindowClosed(False)  # the desk ends the program: not a log-out
    desk = Desk(db)
    desk.finished.connect(app.quit)
    desk.start()
    status = app.exec()
    db.dispose()
    return status
