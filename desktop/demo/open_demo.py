"""Help → Open the demo: a throw-away demo database for training, opened in a program of its own
so that the person's own window stays as it is.

The demo is made afresh (db/demo, DEMO_FIRMS firms: a few seconds) in a new folder under the
system's temporary folder, behind a progress dialog, and a second Zone Desk is started on it
with --throw-away-demo: that program removes the folder when it ends (`remove_throw_away`, which
removes nothing but a demo database's own folder of this kind). Every window and printout of the
demo says 演示数据 (desktop/demo/demo_mark.py, documents/demo_mark.py).
"""

import logging
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QProcess
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from db.engine import Database
from db.queries.demo_data import is_demo
from desktop import modals
from desktop.background import BackgroundRunner, Task

log = logging.getLogger(__name__)

DEMO_FIRMS = 500  # ~50 in the clerk01's zone Z01; made in about 3 s (10× that: about 30 s)
FOLDER_PREFIX = "zonedesk-demo-"
FILE_NAME = "demo.sqlite"
THROW_AWAY = "--throw-away-demo"


def program() -> tuple[str, list[str], str]:
    """(program, its first arguments, working folder) that start Zone Desk again: the bundle's
    own program, or this Python on the checkout's `desktop` package."""
    if getattr(sys, "frozen", False):
        return sys.executable, [], str(Path(sys.executable).parent)
    return sys.executable, ["-m", "desktop"], str(Path(__file__).resolve().parents[2])


def language() -> str:
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


def demo_arguments(path: Path) -> list[str]:
    return ["--lang", language(), "--db", str(path), THROW_AWAY]


def start_program(arguments: list[str]) -> int | None:
    """Starts Zone Desk with `arguments`, on its own (it outlives this one); its process id, or
    None when it could not be started."""
    executable, first, folder = program()
    started, pid = QProcess.startDetached(executable, [*first, *arguments], folder)
    return pid if started else None


def make_demo(task: Task) -> Path:
    """On the database thread: a new demo database in a new temporary folder."""
    from db import demo  # only when asked: start-up does not need it

    folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
    path = folder / FILE_NAME
    try:
        demo.generate(path, firms=DEMO_FIRMS)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return path


def open_demo(parent: QWidget, runner: BackgroundRunner,
              start: Callable[[list[str]], int | None] | None = None) -> Task:
    """Makes the demo behind a progress dialog, then starts a program on it (`start`: by
    default `start_program`)."""
    start = start or start_program

    def made(path: Path) -> None:
        if task.cancelled:
            shutil.rmtree(path.parent, ignore_errors=True)
            return
        if start(demo_arguments(path)) is None:
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
    shutil.rmtree(folder, onerror=lambda _f, name, error: log.warning(
        "could not remove %s: %s", name, error[1]))
    return not folder.exists()
