"""The data layer imported and the database opened on a thread of its own while the log-in
window waits for the person (desktop/launch.py): the window is on screen before SQLAlchemy and
the models are loaded, and the person types while they load.

Only modules without Qt are imported on this thread (db/ and documents/ never import Qt); the
windows' own modules are imported on the UI thread once the data layer is there. The hash that
an unknown user name is checked against is made here too (db/passwords.py), not at import.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from db.engine import Database

log = logging.getLogger(__name__)
# said in the log when the dialog is on screen (tests/packaging waits for it; no names in it)
LOG_IN_SHOWN = "the log-in dialog is shown"
FIRST_ADMIN_SHOWN = "the first administrator's dialog is shown"
SKIPPED = ("db.migrations", "db.demo")  # Alembic's scripts; the demo generator


def _import_all(*packages: str) -> None:
    for name in packages:
        package = importlib.import_module(name)
        for module in pkgutil.iter_modules(package.__path__, f"{name}."):
            if not module.name.startswith(SKIPPED):
                if module.ispkg:
                    _import_all(module.name)
                else:
                    importlib.import_module(module.name)


class DatabaseLoading(QObject):
    """`loaded` (on the UI thread) when the database is open for work or its opening failed;
    `result()` waits for it on any thread and returns it, or raises what stopped it."""

    loaded = Signal()

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._done = threading.Event()
        self._database: Database | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._load, name="loading", daemon=True)

    def start(self) -> None:
        """Begins, once the window is on screen: its imports would hold the interpreter while
        the window is being drawn."""
        self._thread.start()

    def _load(self) -> None:
        try:
            from db import passwords
            from db.services import auth, log_in_to_read  # noqa: F401 (loaded while the person types)
            from db.startup import open_database

            self._database = open_database(self.path, create=False)
            passwords.prepare()
            _import_all("db", "documents")  # what the main window's panes call
            import db.demo.accounts  # noqa: F401 (named in a demo's log-in window)
        except BaseException as error:  # noqa: BLE001 (told on the UI thread, or at log-in)
            self._error = error.with_traceback(None)
            log.warning("opening the database while the log-in waited failed: %s",
                        type(error).__name__)
        finally:
            self._done.set()
            self.loaded.emit()

    @property
    def finished(self) -> bool:
        return self._done.is_set()

    @property
    def failure(self) -> BaseException | None:
        return self._error if self._done.is_set() else None

    def result(self) -> Database:
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._database is not None
        return self._database


def opened(source: Database | DatabaseLoading) -> Database:
    """The database itself, waited for when it is still loading."""
    return source.result() if isinstance(source, DatabaseLoading) else source
