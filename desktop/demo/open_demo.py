"""Help → Open the demo: a throw-away demo database for training, opened in a program of its own
so that the person's own window stays as it is.

The demo is made afresh (db/demo, DEMO_FIRMS firms: a few seconds) in a new folder under the
system's temporary folder, behind a progress dialog, and a second Zone Desk is started on it
with --throw-away-demo: that program removes the folder when it ends (`remove_throw_away`, which
removes nothing but a demo database's own folder of this kind). Its data folder (ZONEDESK_DATA:
the signing key of a certificate issued in the demo, its settings and its log) is the demo
folder's `data`, never the person's own. A demo folder left behind (its program killed, the PC
switched off) is swept at the next Open the demo once a day old (`sweep_old_demos`). Every
window and printout of the demo says 演示数据 (desktop/demo/demo_mark.py, documents/demo_mark.py).
"""

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from db.clock import utc_now
from db.engine import Database
from db.locations import environment_with_data_folder
from db.queries.demo_data import file_marked_as_demo, is_demo
from desktop import modals
from desktop.app import shown_language
from desktop.background import BackgroundRunner, Task
from desktop.log_file import close_log
from desktop.single_instance import lock_path

log = logging.getLogger(__name__)

DEMO_FIRMS = 500  # ~50 in the clerk01's zone Z01; made in about 3 s (10× that: about 30 s)
FOLDER_PREFIX = "zonedesk-demo-"
FILE_NAME = "demo.sqlite"
DATA_FOLDER = "data"  # the started program's data folder, inside the demo's
THROW_AWAY = "--throw-away-demo"
LEFT_BEHIND_AFTER = 24 * 3600  # seconds since a demo folder's newest file was written


def program() -> tuple[list[str], str]:
    """(first arguments, working folder) that start Zone Desk again with sys.executable: the
    bundle's own program, or this Python on the checkout's `desktop` package."""
    if getattr(sys, "frozen", False):
        return [], str(Path(sys.executable).parent)
    return ["-m", "desktop"], str(Path(__file__).resolve().parents[2])


def demo_arguments(path: Path) -> list[str]:
    return ["--lang", shown_language(), "--db", str(path), THROW_AWAY]


def demo_data_folder(path: Path) -> Path:
    """The data folder of the program started on the demo at `path`: inside the demo's folder."""
    return Path(path).parent / DATA_FOLDER


def start_program(arguments: list[str], data_folder: Path | None = None) -> int | None:
    """Starts Zone Desk with `arguments`, on its own (it outlives this one), with its data folder
    at `data_folder` (None: the person's own); its process id, or None when it could not be
    started."""
    first, folder = program()
    environment = None if data_folder is None else environment_with_data_folder(data_folder)
    detached = getattr(subprocess, "DETACHED_PROCESS", 0) | getattr(
        subprocess, "CREATE_NEW_PROCESS_GROUP", 0)  # Windows; a session of its own elsewhere
    try:
        child = subprocess.Popen(  # noqa: S603 (this program, started again)
            [sys.executable, *first, *arguments], cwd=folder, env=environment,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=not detached, creationflags=detached)
    except OSError as error:
        log.warning("the demo's program could not be started: %s", error)
        return None
    # its exit collected whenever it comes, so that it leaves no zombie behind
    threading.Thread(target=child.wait, name="demo-program", daemon=True).start()
    return child.pid


def _newest_write(folder: Path) -> float:
    """When anything in `folder` (the folder itself included) was last written."""
    newest = folder.lstat().st_mtime
    for parent, folders, files in os.walk(folder):
        for name in (*folders, *files):
            try:
                newest = max(newest, (Path(parent) / name).lstat().st_mtime)
            except OSError:
                continue
    return newest


def left_behind(folder: Path, now: float) -> bool:
    """Whether `folder` is a demo folder made by `make_demo` that no program uses any more:
    directly under the system's temporary folder, named zonedesk-demo-…, a real folder (not a
    link) holding a database marked as a demo, nothing in it written for a day."""
    temporary = Path(tempfile.gettempdir()).resolve()
    if folder.is_symlink() or not folder.is_dir() or folder.parent.resolve() != temporary \
            or not folder.name.startswith(FOLDER_PREFIX):
        return False
    return now - _newest_write(folder) > LEFT_BEHIND_AFTER and file_marked_as_demo(folder / FILE_NAME)


def sweep_old_demos() -> list[Path]:
    """Removes the demo folders left behind (`left_behind`) that no program has open (its
    claim, desktop/single_instance.py, is held meanwhile); the folders removed."""
    now = utc_now().timestamp()
    removed = []
    for folder in sorted(Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*")):
        try:
            if not left_behind(folder, now):
                continue
            held = lock_path(folder / FILE_NAME)
            held.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            claim = QLockFile(str(held))  # a program has it open?
            if not claim.tryLock(0):
                continue  # in use (or its claim cannot be checked): left as it is
            try:
                shutil.rmtree(folder)
            finally:
                claim.unlock()
            removed.append(folder)
            log.info("an old demo folder removed: %s", folder.name)
        except OSError as error:
            log.warning("an old demo folder could not be removed: %s: %s", folder.name, error)
    return removed


def make_demo(task: Task) -> Path:
    """On the database thread: the demo folders left behind swept, then a new demo database in
    a new temporary folder."""
    from db import demo  # only when asked: start-up does not need it

    sweep_old_demos()
    folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
    path = folder / FILE_NAME
    try:
        demo.generate(path, firms=DEMO_FIRMS)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return path


def open_demo(parent: QWidget, runner: BackgroundRunner,
              start: Callable[[list[str], Path], int | None] | None = None) -> Task:
    """Makes the demo behind a progress dialog, then starts a program on it (`start`: by
    default `start_program`)."""
    start = start or start_program

    def made(path: Path) -> None:
        if task.cancelled:
            shutil.rmtree(path.parent, ignore_errors=True)
            return
        if start(demo_arguments(path), demo_data_folder(path)) is None:
            shutil.rmtree(path.parent, ignore_errors=True)
            modals.show_error(parent, QCoreApplication.translate(
                "DemoData", "The demo could not be started."))

    task = runner.run_with_progress(
        make_demo, parent=parent, on_success=made, keep_cancelled_outcome=True,
        label=QCoreApplication.translate("DemoData", "Making a demo database for training…"))
    return task


def add_open_demo(window: QWidget, menu: QMenu, runner: BackgroundRunner) -> QAction:
    """Help → Open the demo…"""
    action = QAction(QCoreApplication.translate("DemoData", "Open the &demo…"), window)
    action.setObjectName("open_demo")
    action.setStatusTip(QCoreApplication.translate(
        "DemoData", "Practise on made-up firms in a window of its own; your data is not touched."))
    action.triggered.connect(lambda _checked=False: open_demo(window, runner))
    menu.addAction(action)
    return action


def throw_away_folder(path: Path) -> Path | None:
    """The folder that `path` was made in by `make_demo`, or None when it is anything else (a
    folder elsewhere, of another name): only such a folder is ever removed."""
    folder = Path(path).resolve().parent
    temporary = Path(tempfile.gettempdir()).resolve()
    if folder.parent != temporary or not folder.name.startswith(FOLDER_PREFIX):
        return None
    return folder


def remove_throw_away(db: Database) -> bool:
    """At the end of a program started by Open the demo: its database closed and its folder
    removed, when it is a demo in such a folder (otherwise nothing is removed)."""
    folder = throw_away_folder(db.path)
    demo_file = folder is not None and is_demo(db)
    db.dispose()
    if not demo_file:
        log.warning("not a throw-away demo, kept: %s", db.path)
        return False
    close_log()  # its file is in the demo's data folder, which goes too
    shutil.rmtree(folder, onerror=lambda _f, name, error: log.warning(
        "could not remove %s: %s", name, error[1]))
    return not folder.exists()
