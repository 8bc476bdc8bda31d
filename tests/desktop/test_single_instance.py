"""One program per database file: a second start on the same file (by any path to it) asks the
first to bring its window forward and ends with 0; a lock and a socket left by a program that
crashed do not stop the next start; of two programs started at the same moment only one opens
the file; another user's socket does not pass for this user's program. Inside one process (the
first's server, the second's ask), and with real programs."""

import getpass
import hashlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QLockFile, QTimer
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QDialog, QMainWindow

from db import demo
from db.locations import data_folder_at
from desktop import single_instance
from desktop.single_instance import (
    FileClaim,
    NoAnswer,
    bring_forward,
    claim,
    file_key,
    front_window,
    lock_path,
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
    key = file_key(path)
    assert file_key(tmp_path / "sub" / ".." / "office.sqlite") == key
    assert file_key(tmp_path / "link.sqlite") == key
    assert file_key(tmp_path / "other.sqlite") != key
    assert server_name(tmp_path / "link.sqlite") == server_name(path)
    assert lock_path(tmp_path / "link.sqlite") == lock_path(path)
    assert len(key) <= 40  # short: a pipe's name, or a socket's in the temporary folder
    assert len(os.fsencode(server_name(path))) <= 100  # Unix sockets' paths: 104 or 108 bytes


def test_a_socket_path_too_long_falls_back_to_the_short_name(tmp_path, monkeypatch):
    monkeypatch.setattr(single_instance, "locks_dir", lambda: tmp_path / ("deep" * 30))
    assert server_name(tmp_path / "office.sqlite") == file_key(tmp_path / "office.sqlite")


def test_another_data_folder_sees_the_same_claim(qtbot, tmp_path, claims):
    """A demo's program keeps its own data folder: a claim there still holds the file for a
    program with the person's own data folder, and the other way round."""
    path = tmp_path / "demo.sqlite"
    with data_folder_at(tmp_path / "demo-data"):
        first = claim(path)
    assert first is not None
    claims.append(first)
    with data_folder_at(tmp_path / "own-data"):
        assert claim(path) is None


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


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_a_lock_and_socket_left_by_a_crashed_program_do_not_stop_the_next_start(
        qtbot, tmp_path, claims):
    path = tmp_path / "office.sqlite"
    lock = lock_path(path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    # as QLockFile writes it: pid, program, host; the process has ended (as after kill -9)
    lock.write_text(f"{_dead_pid()}\npython3\n{socket.gethostname()}\n")
    left = server_name(path)
    if not left.startswith("/"):
        left = str(Path(QDir.tempPath()) / left)
    crashed = socket.socket(socket.AF_UNIX)
    crashed.bind(left)  # bound, never listening, never removed
    crashed.close()
    opened = claim(path)
    claims.append(opened)
    assert opened is not None and opened.lock.isLocked() and opened.server.isListening()
    with qtbot.waitSignal(opened.show_requested, timeout=5_000):
        assert claim(path) is None


def test_the_first_to_lock_has_the_file_though_it_listens_later(qtbot, tmp_path, claims):
    """Two starts at the same moment: the first has the lock but is not listening yet when the
    second looks; the second waits for it, asks it, and does not open the file."""
    path = tmp_path / "office.sqlite"
    first = FileClaim(path)
    claims.append(first)
    assert first.take()
    QTimer.singleShot(300, first.listen)  # still starting
    with qtbot.waitSignal(first.show_requested, timeout=10_000):
        assert claim(path) is None


def test_a_holder_that_never_answers_is_not_opened_beside(tmp_path, claims, monkeypatch):
    path = tmp_path / "office.sqlite"
    first = FileClaim(path)
    claims.append(first)
    assert first.take()  # never listens: hung, or no local sockets
    monkeypatch.setattr(single_instance, "RETRY_SECONDS", 0.5)
    with pytest.raises(NoAnswer):
        claims.append(claim(path))


def test_another_users_socket_at_the_short_name_does_not_pass_for_this_program(tmp_path, claims):
    """The name in the shared temporary folder that every start used to ask: another user who
    listens there first does not make this user's starts end as 'already open'."""
    path = tmp_path / "office.sqlite"
    user = getpass.getuser()
    real = os.path.normcase(os.path.realpath(path))
    short = "zonedesk-" + hashlib.sha256(f"{user}\0{real}".encode()).hexdigest()[:24]
    squatter = QLocalServer()
    assert squatter.listen(short)
    try:
        opened = claim(path)
        claims.append(opened)
        assert opened is not None
    finally:
        squatter.close()


RACE = """
import sys, time
from PySide6.QtCore import QCoreApplication
from desktop.single_instance import claim
app = QCoreApplication([])
folder = sys.argv[1]
print(time.time(), flush=True)  # ready: the real clock (the test's is fixed)
start = float(sys.stdin.readline())
for round in range(int(sys.argv[2])):
    begin = start + round
    while time.time() < begin:
        pass
    try:
        mine = claim(f"{folder}/office-{round}.sqlite")
        print("claimed" if mine is not None else "open", flush=True)
    except Exception as error:
        mine = None
        print(type(error).__name__, flush=True)
    while time.time() < begin + 0.8:
        app.processEvents()
        time.sleep(0.01)
    if mine is not None:
        mine.close()
"""


def test_two_programs_started_at_the_same_moment_open_the_file_once(tmp_path):
    """Both programs start their claim at the same moment, on a new file in each round."""
    rounds = 6
    racers = [subprocess.Popen([sys.executable, "-c", RACE, str(tmp_path), str(rounds)],
                               cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True) for _ in range(2)]
    start = max(float(racer.stdout.readline()) for racer in racers) + 0.5  # past their imports
    for racer in racers:
        racer.stdin.write(f"{start}\n")
        racer.stdin.flush()
    said = [racer.communicate(timeout=60)[0].split() for racer in racers]
    assert all(len(lines) == rounds for lines in said), said
    assert all(sorted(pair) == ["claimed", "open"] for pair in zip(*said, strict=True)), said


def test_a_live_holders_old_lock_is_not_taken(tmp_path):
    """Qt counts a lock older than 30 s as apparently stale; a live holder's stays its own."""
    path = tmp_path / "office.sqlite"
    lock = lock_path(path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from PySide6.QtCore import QLockFile; "
         "lock = QLockFile(sys.argv[1]); print(lock.tryLock(0), flush=True); sys.stdin.read()",
         str(lock)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "True"
        os.utime(lock, (1_000_000_000, 1_000_000_000))  # years old
        mine = QLockFile(str(lock))
        assert not mine.tryLock(0)
        assert FileClaim(path).take() is False
    finally:
        holder.kill()
        holder.wait(timeout=10)
    after = FileClaim(path)
    assert after.take()  # its process gone: stale
    after.close()


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
        name = server_name(demo_file)  # the same whatever the data folder
        deadline = time.monotonic() + 60
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
        QLocalServer.removeServer(name)
    assert "a second start on this database: its window is brought forward" in first_err


def test_without_a_lock_the_short_name_alone_still_keeps_a_second_program_out(
        qtbot, tmp_path, monkeypatch, claims):
    """No claim file can be made (its folder cannot be): the first program listens at the short
    name in the temporary folder, and a second start on the file finds it there."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(single_instance, "locks_dir", lambda: blocker / "locks")
    path = tmp_path / "office.sqlite"
    first = claim(path)
    assert first is not None and first.server.isListening()
    claims.append(first)
    assert first.server.serverName() == file_key(path)
    assert claim(path) is None
