"""The program's start shows the log-in window before the data layer is imported, and opens the
file while the person types (desktop/launch.py, desktop/login/loading.py, db/first_look.py)."""

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import db.startup
from db import database_file, demo
from db.engine import Database
from desktop.launch import Cancelled, _log_in_shown_first
from desktop.login.login_dialog import LoginDialog

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "argon2", "db.models", "db.engine", "db.audit",
         "openpyxl", "reportlab", "desktop.main_window")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    demo.generate(path, firms=30, entry_months=0)
    return path


@pytest.fixture
def office_file(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite"
    shutil.copy(demo_file, path)
    return path


@pytest.fixture
def held_opening(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The file's opening waits until the test lets it go on (a slow disk, a big file)."""
    go_on = threading.Event()
    real = db.startup.open_database

    def slow(*args, **kwargs) -> Database:  # noqa: ANN002, ANN003
        assert go_on.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(db.startup, "open_database", slow)
    return go_on


def _visible_log_in() -> LoginDialog | None:
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog) and w.isVisible()]
    return shown[0] if shown else None


def _meanwhile(action) -> None:  # noqa: ANN001
    QTimer.singleShot(50, action)


def test_the_start_imports_nothing_of_the_data_layer():
    code = ("import sys, desktop.cli, desktop.launch;"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "[]"


def test_the_log_in_window_is_on_screen_while_the_file_opens(qtbot, office_file, held_opening):
    seen = {}

    def look() -> None:
        dialog = _visible_log_in()
        seen["dialog"] = dialog
        seen["hint while loading"] = dialog.demo_hint.text() if dialog else None
        held_opening.set()

    _meanwhile(look)
    database, dialog, runner = _log_in_shown_first(office_file)
    try:
        assert seen["dialog"] is dialog and dialog.isVisible()
        assert "演示数据" in dialog.windowTitle()
        assert seen["hint while loading"] == ""  # the demo's accounts come with the data layer
        qtbot.waitUntil(lambda: "admin" in dialog.demo_hint.text())
        assert Path(database.path) == office_file and not database.read_only
    finally:
        dialog.reject()
        runner.stop()
        database.dispose()


def test_a_log_in_typed_before_the_file_is_open_waits_for_it(qtbot, office_file, held_opening):
    def type_and_press_enter() -> None:
        dialog = _visible_log_in()
        dialog.username.setText("clerk01")
        dialog.password.setText(demo.DEMO_PASSWORD)
        dialog.submit()
        held_opening.set()

    _meanwhile(type_and_press_enter)
    database, dialog, runner = _log_in_shown_first(office_file)
    try:
        qtbot.waitUntil(lambda: dialog.actor is not None, timeout=10_000)
        assert dialog.actor.username == "clerk01"
    finally:
        runner.stop()
        database.dispose()


def test_a_wrong_password_typed_early_is_said_at_the_field(qtbot, office_file, held_opening):
    def type_and_press_enter() -> None:
        dialog = _visible_log_in()
        dialog.username.setText("clerk01")
        dialog.password.setText("not-the-password")
        dialog.submit()
        held_opening.set()

    _meanwhile(type_and_press_enter)
    database, dialog, runner = _log_in_shown_first(office_file)
    try:
        qtbot.waitUntil(lambda: dialog.errors.message_of("password") != "", timeout=10_000)
        assert dialog.actor is None and dialog.isVisible()
    finally:
        dialog.reject()
        runner.stop()
        database.dispose()


def test_cancelling_before_the_file_is_open_ends_the_start(qtbot, office_file, held_opening):
    def cancel() -> None:
        _visible_log_in().reject()
        held_opening.set()

    _meanwhile(cancel)
    cancelled = _log_in_shown_first(office_file)
    assert isinstance(cancelled, Cancelled) and Path(cancelled.db.path) == office_file
    cancelled.db.dispose()
    assert _visible_log_in() is None


def test_cancelling_and_then_a_failed_opening_still_ends_the_start(qtbot, office_file,
                                                                   held_opening, monkeypatch):
    real = db.startup.open_database

    def damaged_once_let_go(path, **kwargs):  # noqa: ANN001, ANN003, ANN202
        real(path, **kwargs).dispose()  # waits for the test's go-ahead, then fails
        raise database_file.damaged(Path(path))

    monkeypatch.setattr(db.startup, "open_database", damaged_once_let_go)

    def cancel() -> None:
        _visible_log_in().reject()
        held_opening.set()

    _meanwhile(cancel)
    assert _log_in_shown_first(office_file) == Cancelled(None)
    assert _visible_log_in() is None


def test_an_opening_that_fails_meanwhile_takes_the_usual_way(qtbot, office_file, monkeypatch):
    """The window goes away and the launcher opens the file the usual way, which says why."""
    def damaged(path, **_kwargs):  # noqa: ANN001, ANN003, ANN202
        raise database_file.damaged(Path(path))

    monkeypatch.setattr(db.startup, "open_database", damaged)
    assert _log_in_shown_first(office_file) is None
    qtbot.waitUntil(lambda: _visible_log_in() is None)


def test_a_file_that_asks_a_question_is_opened_first(qtbot, tmp_path, db, demo_file):
    """No staff yet (the first administrator's window), no file, an older file: opened first."""
    assert _log_in_shown_first(Path(db.path)) is None  # a new database: no staff
    assert _log_in_shown_first(tmp_path / "none.sqlite") is None
    assert _visible_log_in() is None
