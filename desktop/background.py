"""The one way the program runs database work: on a single worker thread, off the UI thread.

`BackgroundRunner.run(fn, on_success=..., on_failure=...)` queues `fn(task)` on the database
thread; its result (plain values, never ORM objects) or its exception comes back to the
callbacks on the UI thread. Work runs one job at a time, in the order asked, so two writes of
this program never race each other. `task.report(done, total)` drives a progress dialog;
`task.cancelled` tells long work to stop; the outcome of cancelled work is dropped, unless it
was asked with `keep_cancelled_outcome=True` (a batch that stops early and hands back what it
did before the cancel). A failure without its own handler is shown with the default error dialog.
"""

import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from desktop import modals

log = logging.getLogger(__name__)


@dataclass
class Task:
    """Handed to the function that runs in the background."""

    _runner: "BackgroundRunner"
    number: int
    _cancel: threading.Event = field(default_factory=threading.Event)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def report(self, done: int, total: int) -> None:
        self._runner._progress.emit(self.number, done, total)


@dataclass
class _Job:
    task: Task
    fn: Callable[[Task], Any]
    on_success: Callable[[Any], None] | None
    on_failure: Callable[[BaseException], None] | None
    on_progress: Callable[[int, int], None] | None
    parent: QWidget | None
    keep_cancelled_outcome: bool = False
    outcome: tuple[Any, BaseException | None] = (None, None)  # (result, failure), set by the worker


class _Worker(QObject):
    """Runs the jobs on the database thread. It is handed a job's number, never the job: the
    job (its function and callbacks, which hold widgets and dialogs) stays with the UI thread,
    which lets go of it last, so that nothing of it is freed on this thread. A Python object
    freed here whose Qt connections PySide then undoes crashed the program now and then."""

    done = Signal(int)  # the job's number; its outcome is on the job

    def __init__(self, jobs: dict[int, "_Job"]) -> None:
        super().__init__()
        self._jobs = jobs

    @Slot(int)
    def execute(self, number: int) -> None:
        job = self._jobs[number]  # kept there by the UI thread until `done` has arrived
        if not job.task.cancelled or job.keep_cancelled_outcome:
            try:
                job.outcome = (job.fn(job.task), None)
            except BaseException as error:  # handed to the UI thread, which shows or logs it
                job.outcome = (None, error)
        del job  # before `done`: after it, the UI thread may drop the job at any moment
        self.done.emit(number)


def _release_frames(error: BaseException | None) -> None:
    """A failure's traceback holds the frames of the work, and their locals (what the job's
    function captured); an exception and its traceback often form a cycle, which the collector
    could free on any thread. Their locals are let go of here, on the UI thread, once the
    failure was told; the traceback keeps its lines for a later log."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        traceback.clear_frames(error.__traceback__)
        error = error.__cause__ or error.__context__


class BackgroundRunner(QObject):
    _submit = Signal(int)
    _progress = Signal(int, int, int)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("database")
        self._jobs: dict[int, _Job] = {}
        self._worker = _Worker(self._jobs)
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.execute)
        self._worker.done.connect(self._finish)
        self._progress.connect(self._on_progress)
        self._thread.finished.connect(self._worker.deleteLater)
        self._next = 0
        self._thread.start()

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def run(self, fn: Callable[[Task], Any], *, on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[int, int], None] | None = None,
            parent: QWidget | None = None, keep_cancelled_outcome: bool = False) -> Task:
        """keep_cancelled_outcome: `fn` runs even when cancelled before it started, and its
        result (or failure) is delivered although the task was cancelled."""
        self._next += 1
        task = Task(self, self._next)
        self._jobs[task.number] = _Job(task, fn, on_success, on_failure, on_progress, parent,
                                       keep_cancelled_outcome)
        self._submit.emit(task.number)
        return task

    def run_with_progress(self, fn: Callable[[Task], Any], *, label: str, parent: QWidget,
                          on_success: Callable[[Any], None] | None = None,
                          on_failure: Callable[[BaseException], None] | None = None,
                          keep_cancelled_outcome: bool = False) -> Task:
        """Long work: a progress dialog with a cancel button while it runs. The dialog closes
        when the work ends or is cancelled."""
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)

        def progress(done: int, total: int) -> None:
            if not isValid(dialog):
                return  # cancelled: the work still reports until it notices
            dialog.setMaximum(total)
            dialog.setValue(done)

        def finish(callback: Callable[[Any], None] | None) -> Callable[[Any], None]:
            def handler(value: Any) -> None:
                if isValid(dialog):  # gone already when it was cancelled
                    dialog.reset()
                    dialog.deleteLater()
                if callback:
                    callback(value)
            return handler

        task = self.run(fn, on_success=finish(on_success), on_failure=finish(on_failure),
                        on_progress=progress, parent=parent,
                        keep_cancelled_outcome=keep_cancelled_outcome)
        dialog.canceled.connect(task.cancel)
        dialog.canceled.connect(dialog.deleteLater)
        return task

    @Slot(int, int, int)
    def _on_progress(self, number: int, done: int, total: int) -> None:
        job = self._jobs.get(number)
        if job and job.on_progress:
            job.on_progress(done, total)

    @Slot(int)
    def _finish(self, number: int) -> None:
        job = self._jobs.pop(number, None)
        try:
            if job is None or (job.task.cancelled and not job.keep_cancelled_outcome):
                return  # nobody wants the outcome of cancelled work
            if job.parent is not None and not isValid(job.parent):
                return  # the window that asked was closed meanwhile: nobody to tell
            result, error = job.outcome
            if error is not None:
                if job.on_failure is not None:
                    job.on_failure(error)
                else:
                    modals.show_failure(job.parent, error)
            elif job.on_success is not None:
                job.on_success(result)
        finally:
            if job is not None:
                _release_frames(job.outcome[1])
            if not self._jobs:
                self.idle.emit()

    def stop(self) -> None:
        """Finishes the queued work, then ends the thread (at quit)."""
        self._thread.quit()
        self._thread.wait()
