"""One program per database file: a second start on a file that a running Zone Desk has open
(the same file by any path: its resolved real path counts) asks that program to bring its
window forward, and ends, instead of opening the file twice.

The first program listens on a local socket (QLocalServer: a Unix socket on Linux, a named pipe
on Windows) whose name is a hash of the file's real path and the user's name, short because
some platforms limit such names. The second connects, writes SHOW and ends; when nothing answers
(no program, or a socket left behind by one that crashed), it takes the name itself. Two
programs started at the same moment: the one that listens first wins, the other finds it.
"""

import ctypes
import getpass
import hashlib
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

log = logging.getLogger(__name__)

SHOW = b"show\n"
WAIT_MS = 1_000


def server_name(path: str | Path) -> str:
    """The socket's name for the database file at `path` and this user."""
    real = os.path.normcase(os.path.realpath(path))
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment nor in the password file
        user = str(os.getuid()) if hasattr(os, "getuid") else ""
    digest = hashlib.sha256(f"{user}\0{real}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"zonedesk-{digest[:24]}"


def _allow_foreground() -> None:
    """Windows lets only the program in front give the front away: this one (just started by
    the person) lets the first one come forward."""
    if sys.platform == "win32":
        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY


def ask_to_show(name: str) -> bool:
    """Whether a program listens as `name`; if so, it was asked to bring its window forward."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(WAIT_MS):
        return False
    _allow_foreground()
    socket.write(SHOW)
    socket.waitForBytesWritten(WAIT_MS)
    socket.disconnectFromServer()
    return True


class OpenDatabase(QObject):
    """The running program's claim on its database file; `show_requested` when a second start
    on the same file asks for the window."""

    show_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connected)

    def listen(self) -> bool:
        return self.server.listen(self.name)

    def close(self) -> None:
        self.server.close()

    def _connected(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(SHOW.strip()):
            self.show_requested.emit()


def claim(path: str | Path) -> OpenDatabase | None:
    """This program's claim on the file at `path`, or None when another program has it open
    (that one was asked to show its window). A claim that cannot listen (a platform without
    local sockets) is still returned: the file opens, as it did before this check."""
    name = server_name(path)
    if ask_to_show(name):
        return None
    opened = OpenDatabase(name)
    if opened.listen():
        return opened
    if ask_to_show(name):  # started at the same moment as another, which listened first
        opened.deleteLater()
        return None
    QLocalServer.removeServer(name)  # left behind by a program that ended without closing it
    if not opened.listen():
        log.warning("cannot listen for second starts: %s", opened.server.errorString())
    return opened


def front_window() -> QWidget | None:
    """The window to bring forward: a dialog waiting for an answer, else the main window,
    else the log-in."""
    modal = QApplication.activeModalWidget()
    if modal is not None:
        return modal
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for kind in (QMainWindow, QDialog):
        for widget in shown:
            if isinstance(widget, kind):
                return widget
    return shown[0] if shown else None


def show_front_window() -> None:
    """What the first program does when a second start on its file asks for it."""
    log.info("a second start on this database: its window is brought forward")
    bring_forward(front_window())


def bring_forward(widget: QWidget | None) -> None:
    if widget is None:
        return
    if widget.isMinimized():
        widget.showNormal()
    widget.show()
    widget.raise_()
    widget.activateWindow()
