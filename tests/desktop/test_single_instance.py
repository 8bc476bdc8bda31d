"""One program per database file: a second start on the same file (by any path to it) asks the
first to bring its window forward and ends with 0; a socket left by a program that crashed does
not stop the next start. Inside one process (the first's server, the second's ask), and with
two real programs."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QDialog, QMainWindow

from db import demo
from desktop.single_instance import (
    bring_forward,
    claim,
    front_window,
    server_name,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def claims():  # noqa: ANN201
    """Claims made by a test, closed at its end (their socket files removed)."""
    made = []
    yield made
    for opened in made:
        if opened is not None:
            opened.close()


def test_the_same_file_by_any_path_has_one_name_and_another_file_another(tmp_path):
    path = tmp_path / "office.sqlite"
    path.touch()
    (tmp_path / "link.sqlite").symlink_to(path)
    (tmp_path / "sub").mkdir()
    name = server_name(path)
    assert server_name(tmp_path / "sub" / ".." / "office.sqlite") == name
    assert server_name(tmp_path / "link.sqlite") == name
    assert server_name(tmp_path / "other.sqlite") != name
    assert len(name) <= 40  # short: some systems limit socket names (~100 bytes with the folder)


def test_a_second_start_asks_the_first_to_show_its_window(qtbot, tmp_path, claims):
    path = tmp_path / "office.sqlite"
    first = claim(path)
    claims.append(first)
    assert first is not None
    with qtbot.waitSignal(first.show_requested, timeout=5_000):
        again = claim(tmp_path / "." / "office.sqlite")
    assert again is None
    other = claim(tmp_path / "other.sqlite")  # another file opens beside it
    claims.append(other)
    assert other is not None


def test_a_socket_left_by_a_crashed_program_does_not_stop_the_next_start(qtbot, tmp_path, claims):
    path = tmp_path / "office.sqlite"
    left = Path(QDir.tempPath()) / server_name(path)
    crashed = socket.socket(socket.AF_UNIX)
    crashed.bind(str(left))  # bound, never listening, never removed: as after kill -9
    crashed.close()
    try:
        opened = claim(path)
        claims.append(opened)
        assert opened is not None and opened.server.isListening()
        with qtbot.waitSignal(opened.show_requested, timeout=5_000):
            assert claim(path) is None
    finally:
        QLocalServer.removeServer(server_name(path))


def test_the_window_brought_forward_is_the_dialog_waiting_else_the_main_window(qtbot):
    main = QMainWindow()
    qtbot.addWidget(main)
    main.show()
    main.showMinimized()
    assert front_window() is main
    bring_forward(front_window())
    assert not main.isMinimized() and main.isVisible()
    question = QDialog(main)
    question.setModal(True)
    question.show()
    assert front_window() is question
    question.reject()


@pytest.fixture
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    demo.generate(path, firms=30, entry_months=0)
    return path


def test_two_real_programs_on_one_file(demo_file, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ZONEDESK_DATA": str(tmp_path / "data")}
    program = ["-m", "desktop", "--lang", "en", "--db"]
    first = subprocess.Popen([sys.executable, *program, str(demo_file)], cwd=ROOT, env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        name, deadline = server_name(demo_file), time.monotonic() + 60
        while not (Path(QDir.tempPath()) / name).exists():  # listening before its log-in shows
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        started = time.monotonic()
        second = subprocess.run([sys.executable, *program, str(demo_file.parent / "." / demo_file.name)],
                                cwd=ROOT, env=env, text=True, capture_output=True, timeout=60)
        took = time.monotonic() - started
        assert second.returncode == 0, second.stderr
        assert "already open" in second.stderr
        assert took < 15  # it ends at once (the imports take the time)
        time.sleep(0.5)
        assert first.poll() is None  # the first goes on
    finally:
        first.terminate()
        _out, first_err = first.communicate(timeout=30)
        QLocalServer.removeServer(server_name(demo_file))
    assert "a second start on this database: its window is brought forward" in first_err
