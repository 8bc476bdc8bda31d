"""The background runner and cancelled work: dropped by default; handed back when asked with
keep_cancelled_outcome (a batch that stops early reports what it did), and the progress dialog
closes either way."""

import gc
import threading
import time

from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from shiboken6 import isValid

from desktop.background import Task


def stops_when_cancelled(started: threading.Event):  # noqa: ANN201
    """Work that does 'items' until it is cancelled and says how many it did."""
    def work(task: Task) -> str:
        started.set()
        done = 0
        deadline = time.monotonic() + 5
        while not task.cancelled and time.monotonic() < deadline:
            done += 1
            time.sleep(0.005)
        return f"stopped after {done}" if task.cancelled else "ran out of time"
    return work


def test_a_cancelled_outcome_is_dropped_unless_asked_for(qtbot, runner):
    outcomes: list[str] = []
    for keep in (False, True):
        started = threading.Event()
        task = runner.run(stops_when_cancelled(started), on_success=outcomes.append,
                          keep_cancelled_outcome=keep)
        qtbot.waitUntil(started.is_set)
        task.cancel()
        with qtbot.waitSignal(runner.idle, timeout=5000):
            pass
    assert len(outcomes) == 1 and outcomes[0].startswith("stopped after")


def test_work_cancelled_before_it_started_still_runs_when_its_outcome_is_wanted(qtbot, runner):
    gate = threading.Event()
    outcomes: list[object] = []
    runner.run(lambda _task: gate.wait(5))  # keeps the database thread busy
    dropped = runner.run(lambda _task: "dropped", on_success=outcomes.append)
    kept = runner.run(lambda task: ("ran, cancelled", task.cancelled), on_success=outcomes.append,
                      keep_cancelled_outcome=True)
    dropped.cancel()
    kept.cancel()
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert outcomes == [("ran, cancelled", True)]


def test_the_progress_dialog_closes_and_the_outcome_arrives(qtbot, runner):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    started = threading.Event()
    outcomes: list[str] = []
    runner.run_with_progress(stops_when_cancelled(started), label="Issuing…", parent=window,
                             on_success=outcomes.append, keep_cancelled_outcome=True)
    qtbot.waitUntil(started.is_set)
    progress = window.findChild(QProgressDialog)
    progress.findChild(QPushButton).click()  # the person's Cancel
    qtbot.waitUntil(lambda: outcomes != [], timeout=5000)
    assert outcomes[0].startswith("stopped after")
    qtbot.waitUntil(lambda: not [p for p in window.findChildren(QProgressDialog) if isValid(p)])


def test_a_finished_task_closes_its_progress_dialog(qtbot, runner):
    window = QWidget()
    qtbot.addWidget(window)
    outcomes: list[int] = []

    def count(task: Task) -> int:
        for n in range(1, 4):
            task.report(n, 3)
        return 3

    runner.run_with_progress(count, label="Counting…", parent=window, on_success=outcomes.append)
    qtbot.waitUntil(lambda: outcomes == [3], timeout=5000)
    qtbot.waitUntil(lambda: not [p for p in window.findChildren(QProgressDialog) if isValid(p)])


class _Freed:
    """Says on which thread it was freed."""

    def __init__(self, seen: list[str]) -> None:
        self.seen = seen

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


def test_what_a_job_holds_is_freed_on_the_ui_thread(qtbot, runner):
    """A job's function and callbacks hold widgets and dialogs; freed on the database thread,
    PySide undoes their connections from there and the program crashed now and then. The
    worker is handed the job's number only, and the UI thread lets go of the job last."""
    seen: list[str] = []
    outcomes: list[int] = []
    for number in range(300):
        held = _Freed(seen)
        runner.run(lambda _task, held=held, n=number: (time.sleep(0.0005), n)[1],
                   on_success=lambda n, held=held: outcomes.append(n))
        del held
    qtbot.waitUntil(lambda: len(outcomes) == 300 and not runner.busy, timeout=20_000)
    qtbot.wait(50)
    assert len(seen) == 300 and set(seen) == {threading.main_thread().name}


def _fails_holding(held: _Freed) -> None:
    cycle: list[object] = [held]
    cycle.append(cycle)  # the frame's locals in a cycle, as an IntegrityError's often are
    raise ValueError("refused")


def _allocates(_task: Task) -> int:
    """Work that makes many containers, which would set the collector going on this thread."""
    return len([[n] for n in range(200_000)])


def test_what_a_failed_job_held_is_freed_on_the_ui_thread(qtbot, qapp, runner):
    """A failure's traceback keeps the frames of the work and what they held, often in a cycle
    that only the collector frees: it collects on the UI thread, never on the database thread
    however much that allocates (desktop/collector.py)."""
    seen: list[str] = []
    failures: list[BaseException] = []
    for _ in range(100):
        held = _Freed(seen)
        runner.run(lambda _task, held=held: _fails_holding(held), on_failure=failures.append)
        del held
    qtbot.waitUntil(lambda: len(failures) == 100 and not runner.busy, timeout=20_000)
    failures.clear()  # garbage now, in cycles
    done: list[int] = []
    runner.run(_allocates, on_success=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=20_000)
    assert set(seen) <= {threading.main_thread().name}  # none by the database thread's work
    gc.collect()
    assert len(seen) == 100 and set(seen) == {threading.main_thread().name}
