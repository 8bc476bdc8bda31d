"""A demo says so in its windows (the log-in with the demo's accounts and password, the main
window's title), and Help → Open the demo makes a throw-away demo and starts a second program on
it, leaving the person's own window as it is; that program removes the demo's folder when it
ends, and nothing but such a folder."""

import os
import shutil
import signal
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QProgressDialog, QPushButton

from db import demo
from db.engine import Database
from db.queries.demo_data import is_demo
from db.services import auth
from desktop.app import install_language
from desktop.background import BackgroundRunner
from desktop.context import AppContext, ChangeBus
from desktop.demo import open_demo
from desktop.launch import launch
from desktop.log_file import close_log
from desktop.login.desk import LOG_IN_SHOWN, Desk
from desktop.login.idle_lock import UnlockDialog
from desktop.login.login_dialog import LoginDialog
from desktop.main_window import MainWindow
from desktop.single_instance import ask_to_show, front_window, server_name
from tests.conftest import working_copy


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    demo.generate(path, firms=30, entry_months=0)
    return path


@pytest.fixture
def demo_db(demo_path: Path, tmp_path: Path) -> Database:
    yield from working_copy(demo_path, tmp_path)


def test_the_log_in_of_a_demo_gives_its_accounts_and_password(qtbot, demo_db, db, runner):
    dialog = LoginDialog(demo_db, runner, demo=True)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Zone Desk — log in — 演示数据 DEMO DATA"
    hint = dialog.demo_hint.text()
    assert demo.DEMO_PASSWORD in hint and "clerk01" in hint and "reviewer01" in hint
    assert "democlerk" not in hint
    plain = LoginDialog(db, runner)
    qtbot.addWidget(plain)
    assert plain.windowTitle() == "Zone Desk — log in" and plain.demo_hint is None


@pytest.mark.parametrize("demo_file", [True, False])
def test_the_desk_asks_the_database_whether_it_is_a_demo(qtbot, demo_db, db, people, demo_file):
    desk = Desk(demo_db if demo_file else db)
    desk.start()
    dialog = desk.login_dialog
    qtbot.addWidget(dialog)
    assert ("演示数据" in dialog.windowTitle()) is demo_file
    dialog.reject()
    desk.runner.stop()


def test_the_main_window_of_a_demo_says_so_in_its_title(qtbot, demo_db, db, people):
    for database, actor, title in (
            (demo_db, auth.log_in(demo_db, username="clerk01", password=demo.DEMO_PASSWORD),
             "Zone Desk — 演示数据 DEMO DATA"),
            (db, people.clerk, "Zone Desk")):
        runner = BackgroundRunner()
        window = MainWindow(AppContext(db=database, runner=runner, bus=ChangeBus(), actor=actor))
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda r=runner: not r.busy, timeout=10_000)
        assert window.windowTitle() == title
        runner.stop()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_titles_of_a_demo_say_so_in_every_language(qtbot, qapp, demo_db, db, people,
                                                         language):
    """演示数据 in the main window's title and the idle lock's, in Chinese and in English."""
    install_language(qapp, language)
    try:
        for database, actor, demo_file in (
                (demo_db, auth.log_in(demo_db, username="clerk01", password=demo.DEMO_PASSWORD),
                 True),
                (db, people.clerk, False)):
            runner = BackgroundRunner()
            context = AppContext(db=database, runner=runner, bus=ChangeBus(), actor=actor)
            window = MainWindow(context)
            qtbot.addWidget(window)
            lock = UnlockDialog(context, window)  # the idle lock's dialog
            qtbot.addWidget(lock)
            qtbot.waitUntil(lambda r=runner: not r.busy, timeout=10_000)
            for title in (window.windowTitle(), lock.windowTitle()):
                assert ("演示数据" in title) is demo_file, title
            runner.stop()
    finally:
        install_language(qapp, "en")  # the other tests read the English source texts


@pytest.fixture
def window(qtbot, context):  # noqa: ANN001, ANN201
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def few_firms(monkeypatch):  # noqa: ANN001, ANN201
    """The demo of Open the demo made small, so that the test is quick (500 firms: ~3 s)."""
    monkeypatch.setattr(open_demo, "DEMO_FIRMS", 30)
    made: list[Path] = []
    real = open_demo.make_demo
    monkeypatch.setattr(open_demo, "make_demo", lambda task: made.append(real(task)) or made[-1])
    yield made
    for path in made:
        shutil.rmtree(path.parent, ignore_errors=True)


def test_help_open_the_demo_makes_one_and_starts_a_program_on_it(qtbot, window, few_firms,
                                                                 monkeypatch):
    started: list[tuple[list[str], Path]] = []
    monkeypatch.setattr(open_demo, "start_program",
                        lambda arguments, data: started.append((arguments, data)) or 1)
    title = window.windowTitle()
    window.findChild(type(window.menuBar().actions()[0]), "open_demo").trigger()
    qtbot.waitUntil(lambda: bool(started), timeout=20_000)
    arguments, data = started[0]
    path = Path(arguments[arguments.index("--db") + 1])
    assert data == path.parent / "data"  # its keys, settings and log: never the person's own
    assert arguments[-1] == open_demo.THROW_AWAY and arguments[:2] == ["--lang", "en"]
    assert path.parent.parent == Path(tempfile.gettempdir()).resolve()
    assert path.parent.name.startswith(open_demo.FOLDER_PREFIX)
    made = Database(path)
    try:
        assert is_demo(made)
        assert auth.log_in(made, username="clerk01", password=demo.DEMO_PASSWORD).username == "clerk01"
    finally:
        made.dispose()
    assert window.windowTitle() == title and window.isVisible()  # the person's window stays


def test_a_demo_cancelled_while_it_is_made_is_thrown_away(qtbot, window, few_firms, monkeypatch):
    started: list[list[str]] = []
    monkeypatch.setattr(open_demo, "start_program", lambda arguments, _data: started.append(arguments) or 1)
    task = open_demo.open_demo(window, window.context.runner)
    progress = window.findChild(QProgressDialog)
    progress.findChild(QPushButton).click()  # its Cancel
    qtbot.waitUntil(lambda: not window.context.runner.busy, timeout=20_000)
    assert task.cancelled and not started
    assert few_firms and not few_firms[0].parent.exists()


def _throw_away_copy(source: Path) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=open_demo.FOLDER_PREFIX))
    shutil.copyfile(source, folder / open_demo.FILE_NAME)
    return folder / open_demo.FILE_NAME


def test_only_a_demo_in_a_throw_away_folder_is_removed(demo_path, db_path, tmp_path):
    path = _throw_away_copy(demo_path)
    assert open_demo.remove_throw_away(Database(path))
    assert not path.parent.exists()
    elsewhere = tmp_path / "kept" / "demo.sqlite"  # a demo the person keeps
    elsewhere.parent.mkdir()
    shutil.copyfile(demo_path, elsewhere)
    assert not open_demo.remove_throw_away(Database(elsewhere))
    assert elsewhere.exists()
    office = _throw_away_copy(db_path)  # not a demo, whatever its folder is called
    try:
        assert not open_demo.remove_throw_away(Database(office))
        assert office.exists()
    finally:
        shutil.rmtree(office.parent)


def test_the_started_program_opens_the_demo(qtbot, demo_path):
    """The real thing: a second program, offscreen, on a throw-away copy of the demo, with its
    data folder inside the demo's: its log there says that its log-in window is shown, and it
    is seen listening for second starts on that file."""
    path = _throw_away_copy(demo_path)
    data = open_demo.demo_data_folder(path)
    log_file = data / "logs" / "zonedesk.log"
    name = server_name(path)  # claims are the user's, whatever the data folder
    pid = open_demo.start_program(open_demo.demo_arguments(path), data)
    assert pid
    try:
        qtbot.waitUntil(lambda: log_file.is_file()
                        and LOG_IN_SHOWN in log_file.read_text(encoding="utf-8"), timeout=30_000)
        qtbot.waitUntil(lambda: ask_to_show(name), timeout=10_000)
    finally:
        os.kill(pid, signal.SIGTERM)
        QLocalServer.removeServer(name)  # the socket the killed program left
        shutil.rmtree(path.parent, ignore_errors=True)


def test_a_throw_away_demo_is_gone_when_its_program_ends(qapp, demo_path):
    """The program that Open the demo starts, run here: its log-in is cancelled, it ends, and
    the demo's folder goes with it."""
    path = _throw_away_copy(demo_path)
    timer = QTimer()
    timer.timeout.connect(lambda: isinstance(front_window(), LoginDialog) and front_window().reject())
    timer.start(100)
    try:
        assert launch(path, "en", throw_away=True) == 0
    finally:
        timer.stop()
        close_log()
        qapp.setQuitOnLastWindowClosed(True)
    assert not path.parent.exists()
