"""One program per database file: a second start on a file that a running Zone Desk has open
(the same file by any path: its resolved real path counts) asks that program to bring its
window forward, and ends, instead of opening the file twice.

The claim is a lock file (QLockFile) named by a hash of the file's real path and the user's
name, in the user's own `locks` folder of the data folder; taking it is atomic, so of two
programs started at the same moment exactly one gets it. A lock left by a program that crashed
names a process that no longer runs: Qt finds it stale and removes it. Only the holder listens
on a local socket (QLocalServer: a Unix socket in that same folder, a named pipe on Windows);
a program that cannot take the lock asks the holder to show its window, for a few seconds
while the holder may still be starting, and ends; when the holder never answers it says so
(NoAnswer) rather than opening the file a second time.
"""

import getpass
import hashlib
import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QThread, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

from db.locations import claims_dir

log = logging.getLogger(__name__)

SHOW = b"show\n"
WAIT_MS = 1_000
RETRY_SECONDS = 5.0  # how long a second start waits for the holder to answer
SOCKET_PATH_BYTES = 100  # a Unix socket's path: 108 bytes on Linux, 104 on macOS


class NoAnswer(Exception):
    """Another program holds the file's claim but does not answer (it hangs, or cannot listen)."""


def file_key(path: str | Path) -> str:
    """A short name for the database file at `path` and this user: the same file by any path
    has the same key."""
    real = os.path.normcase(os.path.realpath(path))
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment nor in the password file
        user = str(os.getuid()) if hasattr(os, "getuid") else ""
    digest = hashlib.sha256(f"{user}\0{real}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"zonedesk-{digest[:24]}"


def locks_dir() -> Path:
    """The user's own folder for the claims (only the user can make files in it), the same
    for every data folder (db/locations.py)."""
    return claims_dir()


def lock_path(path: str | Path) -> Path:
    return locks_dir() / f"{file_key(path)}.lock"


def server_name(path: str | Path) -> str:
    """Where the holder of the file at `path` listens: on Unix a socket in the user's own
    folder (another user cannot take the name first), or the short key in the temporary folder
    when that path is too long for a socket; on Windows a pipe named by the key."""
    key = file_key(path)
    if sys.platform == "win32":
        return key
    socket = locks_dir() / f"{key}.socket"
    return str(socket) if len(os.fsencode(socket)) <= SOCKET_PATH_BYTES else key


def _allow_foreground() -> None:
    """Windows lets only the program in front give the front away: this one (just started by
    the person) lets the first one come forward."""
    if sys.platform == "win32":
        import ctypes

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


class FileClaim(QObject):
    """This program's claim on its database file: the lock, then the server that second
    starts ask; `show_requested` when one asks for the window."""

    show_requested = Signal()

    def __init__(self, path: str | Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name, self.key = server_name(path), file_key(path)
        # Qt's default stale time: a lock whose process has ended is removed; one older than
        # 30 s only when it can be (a live holder keeps it open and locked), so a lock whose
        # process number was reused by another program does not stay for ever.
        self.lock = QLockFile(str(lock_path(path)))
        self.server = QLocalServer(self)
        if sys.platform == "win32":  # the pipe's name is machine-wide: only this user connects
            self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connected)

    def take(self) -> bool:
        """Whether this program now holds the lock (False: another does, or no lock can be
        made: see `lock.error()`)."""
        try:
            locks_dir().mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            log.warning("cannot make the folder for the claims: %s", error)
        return self.lock.tryLock(0)

    def listen(self, *, locked: bool = True) -> bool:
        """Listen for second starts. Holding the lock, anything left at the name is a crashed
        holder's socket and is removed; without it (no lock could be made) the name is the
        short key in the temporary folder, and a socket there is another program's."""
        if locked:
            QLocalServer.removeServer(self.name)
        else:
            self.name = self.key
        if self.server.listen(self.name):
            return True
        log.warning("cannot listen for second starts: %s", self.server.errorString())
        return False

    def close(self) -> None:
        self.server.close()
        self.lock.unlock()

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


def claim(path: str | Path) -> FileClaim | None:
    """This program's claim on the file at `path`, or None when another program has it open
    (that one was asked to show its window). NoAnswer: another holds it and never answered.
    When no lock can be made at all (the folder not writable), the check is the server alone,
    as it was before the lock."""
    mine = FileClaim(path)
    deadline = time.monotonic() + RETRY_SECONDS
    while True:
        if mine.take():
            mine.listen()
            return mine
        if mine.lock.error() != QLockFile.LockError.LockFailedError:
            log.warning("cannot lock the claim (%s): the check is the server alone",
                        mine.lock.error().name)
            if ask_to_show(mine.key):
                mine.deleteLater()
                return None
            mine.listen(locked=False)
            return mine
        if ask_to_show(mine.name):
            mine.deleteLater()
            return None
        if time.monotonic() > deadline:
            mine.deleteLater()
            raise NoAnswer(str(path))
        QCoreApplication.processEvents()  # the holder may be this process (tests)
        QThread.msleep(100)


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
